/*
 * render/mustache/render.c - rendering a compiled template against values
 * (see mustache.h for the rules, tree.h for the compiled form,
 * value.h for the data).
 *
 * The renderer is one loop over an explicit stack of frames, each a run of
 * nodes of one template: the template itself, the body of a section (once
 * per element of a list), a partial, a parent, a block's default or its
 * override.  So nesting, however deep, costs heap, never C stack.  The
 * frames, the context stack, the indentation and the block overrides in
 * force live in a scratch area local to the call: small arrays inside it
 * that move to the heap only when a render nests deeper than they hold.
 * Templates are only read, so renders may run concurrently.
 *
 * Indentation: a standalone partial, parent or block indents each line of
 * its template text (not of the data interpolated into it).  Each frame
 * has its indentation as a slice of one character buffer; nodes that
 * start a template line (MUSTACHE_BOL) and the lines inside text nodes get
 * it.  An inline partial starts again with none, as in the spec.
 */
#include "base/mem.h"
#include "base/utf8.h"
#include "base/value.h"
#include "render/mustache/tree.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#define INLINE_FRAMES 32
#define INLINE_CONTEXTS 64
#define INLINE_OVERRIDES 16
#define INLINE_INDENT 256
#define NO_OBJECT ((size_t)-1)

struct frame {
	const struct mustache_template *t;
	size_t pos, end;            /* nodes still to render */
	size_t body;                /* a list section's first body node */
	const struct value *list;   /* the list a list section walks */
	size_t index;               /* the element being rendered */
	size_t ctx_top;             /* context height to go back to */
	size_t ind_off, ind_len;    /* this frame's indentation */
	size_t ind_top;             /* indentation buffer length to go back to */
	size_t over_top;            /* overrides in force to go back to */
	bool include;               /* partial, parent or override: depth */
};

/*
 * A context: the value, and the index of the nearest object at or below
 * it, so that name lookups skip the values that cannot hold names (a list
 * of strings nested 1000 deep costs nothing to look through).
 */
struct context {
	const struct value *v;
	size_t object;
};

/* A block a parent tag overrides, in force while the parent renders. */
struct override {
	const struct mustache_template *t;
	const struct mustache_node *block;
};

struct render {
	struct buf *out;
	struct diag_list *diags;
	int depth;                  /* inclusions open */
	struct frame *frames;
	size_t nframes, frames_cap;
	struct context *ctx;
	size_t nctx, ctx_cap;
	struct override *over;
	size_t nover, over_cap;
	char *indent;
	size_t ind_len, ind_cap;
	/* The tag rendered last, and its template: where a runaway shows. */
	const struct mustache_template *at_t;
	const struct mustache_node *at;
	struct frame frames_inline[INLINE_FRAMES];
	struct context ctx_inline[INLINE_CONTEXTS];
	struct override over_inline[INLINE_OVERRIDES];
	char indent_inline[INLINE_INDENT];
};

/* Room for need items in an array that starts in the render scratch. */
static void *grow(void *items, const void *inline_items, size_t *cap,
		  size_t need, size_t size)
{
	size_t n = *cap;
	void *bigger;

	if (need <= n)
		return items;
	while (n < need)
		n *= 2;
	if (items == inline_items) {
		bigger = mem_calloc(n, size);
		memcpy(bigger, items, *cap * size);
	} else {
		bigger = mem_realloc(items, n * size);
	}
	*cap = n;
	return bigger;
}

static void release(struct render *r)
{
	if (r->frames != r->frames_inline)
		free(r->frames);
	if (r->ctx != r->ctx_inline)
		free(r->ctx);
	if (r->over != r->over_inline)
		free(r->over);
	if (r->indent != r->indent_inline)
		free(r->indent);
}

/* Makes v the context at index i, the top of the stack. */
static void set_context(struct render *r, size_t i, const struct value *v)
{
	r->ctx[i].v = v;
	if (v->kind == VALUE_OBJECT)
		r->ctx[i].object = i;
	else
		r->ctx[i].object = i > 0 ? r->ctx[i - 1].object : NO_OBJECT;
}

static void push_context(struct render *r, const struct value *v)
{
	r->ctx = grow(r->ctx, r->ctx_inline, &r->ctx_cap, r->nctx + 1,
		      sizeof(*r->ctx));
	set_context(r, r->nctx++, v);
}

/* A frame for t's nodes pos..end, with the indentation of the one below. */
static struct frame *push_frame(struct render *r,
				const struct mustache_template *t,
				size_t pos, size_t end)
{
	struct frame *f;

	r->frames = grow(r->frames, r->frames_inline, &r->frames_cap,
			 r->nframes + 1, sizeof(*r->frames));
	f = &r->frames[r->nframes++];
	memset(f, 0, sizeof(*f));
	f->t = t;
	f->pos = pos;
	f->end = end;
	f->ctx_top = r->nctx;
	f->ind_top = r->ind_len;
	f->over_top = r->nover;
	if (r->nframes > 1) {
		f->ind_off = f[-1].ind_off;
		f->ind_len = f[-1].ind_len;
	}
	return f;
}

static void pop_frame(struct render *r)
{
	struct frame *f = &r->frames[--r->nframes];

	r->nctx = f->ctx_top;
	r->ind_len = f->ind_top;
	r->nover = f->over_top;
	if (f->include)
		r->depth--;
}

/* The frame's indentation becomes its current one followed by n's. */
static void indent_more(struct render *r, struct frame *f,
			const struct mustache_template *t,
			const struct mustache_node *n)
{
	size_t at = r->ind_len, have = f->ind_len, add = n->ind_len;

	if (add == 0)
		return;
	r->indent = grow(r->indent, r->indent_inline, &r->ind_cap,
			 at + have + add, 1);
	memmove(r->indent + at, r->indent + f->ind_off, have);
	memcpy(r->indent + at + have, t->pool + n->ind_off, add);
	r->ind_len = at + have + add;
	f->ind_off = at;
	f->ind_len = have + add;
}

static void put_indent(struct render *r, const struct frame *f)
{
	if (f->ind_len)
		buf_put(r->out, r->indent + f->ind_off, f->ind_len);
}

/* Template text: every line after the first also gets the indentation. */
static void put_text(struct render *r, const struct frame *f, const char *s,
		     size_t len)
{
	if (f->ind_len == 0) {
		buf_put(r->out, s, len);
		return;
	}
	while (len > 0) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) + 1 : len;

		buf_put(r->out, s, n);
		s += n;
		len -= n;
		if (len > 0)
			put_indent(r, f);
	}
}

/*
 * The five characters HTML escaping replaces, and with what; and the
 * control characters (utf8_control_length), which no page may show: they
 * become U+FFFD.  A C1 control starts with 0xC2, which is looked at
 * again with the byte after it.
 */
#define R UTF8_REPLACEMENT
static const char *const html_entities[256] = {
	['&'] = "&amp;", ['"'] = "&quot;", ['<'] = "&lt;", ['>'] = "&gt;",
	['\''] = "&#39;",
	[0] = R, [1] = R, [2] = R, [3] = R, [4] = R, [5] = R, [6] = R, [7] = R,
	[8] = R, [11] = R, [12] = R, [14] = R, [15] = R, [16] = R, [17] = R,
	[18] = R, [19] = R, [20] = R, [21] = R, [22] = R, [23] = R, [24] = R,
	[25] = R, [26] = R, [27] = R, [28] = R, [29] = R, [30] = R, [31] = R,
	[127] = R, [0xC2] = R,
};
#undef R

void mustache_escape_html(struct buf *out, const char *s, size_t len)
{
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		const char *with = html_entities[(unsigned char)s[i]];
		size_t n = 1;

		if (!with)
			continue;
		if ((unsigned char)s[i] == 0xC2 &&
		    (n = utf8_control_length(s + i, len - i)) == 0)
			continue;
		buf_put(out, s + run, i - run);
		buf_puts(out, with);
		run = i + n;
		i += n - 1;
	}
	buf_put(out, s + run, len - run);
}

/* Characters that make Markdown anywhere in a line, and at its start. */
static bool markdown_inline(char c)
{
	return strchr("\\`*_[]<|~", c) != NULL;
}

/*
 * Whether s[0] (an '&' or a '!') starts Markdown there: '&' an entity
 * reference ("&amp;", "&#38;", "&#x26;"), '!' an image ("![").  Elsewhere
 * they are text and need no backslash: "Q&A", "Well done!".  ('>' starts
 * a quote only at a line's start, which markdown_line_start() covers.)
 */
static bool markdown_starts(const char *s, size_t len)
{
	size_t i = 1, digits = 0;

	if (s[0] == '!')
		return len > 1 && s[1] == '[';
	if (i < len && s[i] == '#') {
		bool hex = ++i < len && (s[i] == 'x' || s[i] == 'X');

		i += hex;
		while (i < len && (hex ? isxdigit((unsigned char)s[i])
				       : isdigit((unsigned char)s[i]))) {
			i++;
			digits++;
		}
		return digits > 0 && i < len && s[i] == ';';
	}
	if (i >= len || !isalpha((unsigned char)s[i]))
		return false;
	while (i < len && isalnum((unsigned char)s[i]))
		i++;
	return i < len && s[i] == ';';
}

static bool markdown_line_start(const char *s, size_t len)
{
	size_t i = 0;

	if (len && strchr("#-+=>", s[0]))
		return true;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	/* "1." or "1)" starts a list only before a space or the end: "1.1" does not. */
	return i > 0 && i < len && (s[i] == '.' || s[i] == ')') &&
	       (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t');
}

/*
 * For Markdown pages: every character that could start markup is
 * backslash-escaped (CommonMark reads a backslash before any ASCII
 * punctuation as that character), so a value reads as its own text; line
 * breaks become spaces, so a value never breaks a table row; control
 * characters become U+FFFD, so none reaches a terminal (folio sample).
 */
void mustache_escape_markdown(struct buf *out, const char *s, size_t len)
{
	if (markdown_line_start(s, len)) {
		size_t digits = 0;

		while (digits < len && s[digits] >= '0' && s[digits] <= '9')
			digits++;
		buf_put(out, s, digits);
		buf_putc(out, '\\');
		s += digits;
		len -= digits;
		buf_putc(out, *s++);
		len--;
	}
	for (size_t i = 0; i < len; i++) {
		size_t control;

		if (s[i] == '\n') {
			buf_putc(out, ' ');
		} else if (s[i] == '\r') {
			continue;
		} else if ((control = utf8_control_length(s + i, len - i)) != 0) {
			buf_puts(out, UTF8_REPLACEMENT);
			i += control - 1;
		} else {
			if (markdown_inline(s[i]) ||
			    ((s[i] == '&' || s[i] == '!') &&
			     markdown_starts(s + i, len - i)))
				buf_putc(out, '\\');
			buf_putc(out, s[i]);
		}
	}
}

static void put_string(struct buf *out, const char *s, size_t len,
		       mustache_escape_fn escape)
{
	if (escape)
		escape(out, s, len);
	else
		buf_put(out, s, len);
}

/* The shortest decimal form that reads back as the same double. */
static void put_real(struct buf *out, double d)
{
	char text[40];

	for (int digits = 1; digits <= 17; digits++) {
		snprintf(text, sizeof(text), "%.*g", digits, d);
		if (strtod(text, NULL) == d)
			break;
	}
	buf_puts(out, text);
}

static void put_value(struct buf *out, const struct value *v,
		      mustache_escape_fn escape, enum date_style style)
{
	struct buf json = BUF_INIT;
	char date[DATE_TEXT_SIZE];

	switch (v ? v->kind : VALUE_NULL) {
	case VALUE_STRING:
		put_string(out, v->u.s, v->len, escape);
		break;
	case VALUE_DATE:
		date_format_in((int32_t)v->u.i, style, date);
		put_string(out, date, strlen(date), escape);
		break;
	case VALUE_NULL:
		break;
	case VALUE_REAL:
		put_real(out, v->u.d);
		break;
	case VALUE_LIST:
	case VALUE_OBJECT:
		value_dump(v, &json);
		put_string(out, buf_cstr(&json), json.len, escape);
		buf_free(&json);
		break;
	default:
		/* Integers and booleans: digits and words, nothing to escape. */
		value_dump(v, out);
		break;
	}
}

/*
 * Where each tag's name was found last (value_get_hinted), by the tag's
 * node: a page looks up some 1,200 names, most of them a tag in a list
 * section finding its name in one element after another of the same kind.
 * One table per thread, never cleared: a stale hint is only a wrong first
 * guess, so the templates stay read-only and renders stay independent.
 */
#define HINTS 1024

struct hint {
	const struct mustache_node *node;
	size_t index;
};

static _Thread_local struct hint hints[HINTS];

static size_t *hint_for(const struct mustache_node *n)
{
	struct hint *h = &hints[((uintptr_t)n / sizeof(*n)) % HINTS];

	if (h->node != n) {
		h->node = n;
		h->index = 0;
	}
	return &h->index;
}

/*
 * A dotted name: the first part is looked for down the context stack, the
 * rest only inside what the previous part found.  "." is the top.
 */
static const struct value *lookup(const struct render *r,
				  const struct mustache_node *n,
				  const char *name, size_t len, bool dotted)
{
	const char *dot;
	size_t part, i, *hint = hint_for(n);
	const struct value *v = NULL;

	if (len == 1 && name[0] == '.')
		return r->ctx[r->nctx - 1].v;
	dot = dotted ? memchr(name, '.', len) : NULL;
	part = dot ? (size_t)(dot - name) : len;
	for (i = r->ctx[r->nctx - 1].object; i != NO_OBJECT && !v;) {
		v = value_get_hinted(r->ctx[i].v, name, part, hint);
		i = i > 0 ? r->ctx[i - 1].object : NO_OBJECT;
	}
	while (v && dot) {
		name = dot + 1;
		len -= part + 1;
		dot = memchr(name, '.', len);
		part = dot ? (size_t)(dot - name) : len;
		v = value_get(v, name, part);
	}
	return v;
}

/*
 * The value n names, or NULL when it names nothing here: then, if the
 * environment reports misses, a warning at the tag (the spec's silence
 * hides typos).
 */
static const struct value *lookup_node(const struct render *r,
				       const struct mustache_template *t,
				       const struct mustache_node *n)
{
	const struct value *v = lookup(r, n, t->pool + n->off, n->len,
				       n->flags & MUSTACHE_DOTTED);

	if (!v && t->env->report_misses)
		diag_warning(r->diags, t->label, n->line, n->column,
			     "`%.*s` is in no context of this page: it renders "
			     "as nothing (a typo? the names are in docs/site.md, "
			     "\"The template context\")", (int)n->len,
			     t->pool + n->off);
	return v;
}

/* One more inclusion of what n names, unless that is one too many. */
static int enter(struct render *r, const struct mustache_template *t,
		 const struct mustache_node *n, const char *what,
		 const char *name, size_t len)
{
	if (r->depth >= MUSTACHE_MAX_DEPTH) {
		diag_error(r->diags, t->label, n->line, n->column,
			   "%s '%.*s' nests deeper than %d levels; does it "
			   "include itself without end?", what, (int)len, name,
			   MUSTACHE_MAX_DEPTH);
		return -1;
	}
	r->depth++;
	return 0;
}

/*
 * The template a partial or parent tag names: fixed when compiled, or for
 * {{>*key}} the one named by key's value now.  *p is NULL when there is
 * none.  -1 after an error.
 */
static int resolve(struct render *r, const struct mustache_template *t,
		   const struct mustache_node *n,
		   const struct mustache_template **p,
		   const char **name, size_t *len)
{
	const struct value *v;
	int failed = 0;

	*name = t->pool + n->off;
	*len = n->len;
	*p = n->partial;
	if (!(n->flags & MUSTACHE_DYNAMIC))
		return 0;
	v = lookup_node(r, t, n);
	*p = NULL;
	if (!v || v->kind != VALUE_STRING || v->len == 0)
		return 0;   /* names nothing: renders nothing, as a miss */
	*name = v->u.s;
	*len = v->len;
	if (!mustache_name_ok(*name, *len)) {
		diag_error(r->diags, t->label, n->line, n->column,
			   "partial name '%.*s' (the value of '%.*s') is "
			   "refused: it must not start with '/', have '..' as "
			   "a folder, or contain a backslash or NUL",
			   (int)*len, *name, (int)n->len, t->pool + n->off);
		return -1;
	}
	*p = mustache_env_dynamic(t->env, *name, *len, t, n, r->diags,
				  &failed);
	return failed ? -1 : 0;
}

static void section(struct render *r, const struct mustache_template *t,
		    const struct mustache_node *n)
{
	const struct value *v = lookup_node(r, t, n);
	size_t body = (size_t)(n - t->nodes) + 1;
	struct frame *f;

	if (!value_truthy(v))
		return;
	f = push_frame(r, t, body, n->end);
	if (v->kind == VALUE_LIST) {
		f->list = v;
		f->body = body;
		v = &v->u.items[0];
	}
	push_context(r, v);
}

/* An inclusion's frame; its lines are indented only when it stands alone. */
static void include(struct render *r, const struct mustache_template *t,
		    const struct mustache_node *n,
		    const struct mustache_template *p, size_t over_top)
{
	struct frame *f = push_frame(r, p, 0, p->count);

	f->include = true;
	f->over_top = over_top;
	if (n->flags & MUSTACHE_STANDALONE) {
		indent_more(r, f, t, n);
	} else {
		f->ind_off = 0;
		f->ind_len = 0;
	}
}

static int partial(struct render *r, const struct mustache_template *t,
		   const struct mustache_node *n)
{
	const struct mustache_template *p;
	const char *name;
	size_t len;

	if (resolve(r, t, n, &p, &name, &len) < 0)
		return -1;
	if (!p)
		return 0;
	if (enter(r, t, n, "partial", name, len) < 0)
		return -1;
	include(r, t, n, p, r->nover);
	return 0;
}

/* {{<name}}: its blocks override the parent's while the parent renders. */
static int parent(struct render *r, const struct mustache_template *t,
		  const struct mustache_node *n)
{
	const struct mustache_template *p;
	const char *name;
	size_t len, over_top = r->nover;

	if (resolve(r, t, n, &p, &name, &len) < 0)
		return -1;
	if (!p)
		return 0;
	if (enter(r, t, n, "parent", name, len) < 0)
		return -1;
	for (size_t i = (size_t)(n - t->nodes) + 1; i < n->end;
	     i = t->nodes[i].end) {
		if (t->nodes[i].kind != MUSTACHE_BLOCK)
			continue;
		r->over = grow(r->over, r->over_inline, &r->over_cap,
			       r->nover + 1, sizeof(*r->over));
		r->over[r->nover].t = t;
		r->over[r->nover++].block = &t->nodes[i];
	}
	include(r, t, n, p, over_top);
	return 0;
}

/* The outermost override of block n: top-level substitutions win. */
static const struct override *find_override(const struct render *r,
					    const struct mustache_template *t,
					    const struct mustache_node *n)
{
	for (size_t i = 0; i < r->nover; i++) {
		const struct override *o = &r->over[i];

		if (o->block->len == n->len &&
		    memcmp(o->t->pool + o->block->off, t->pool + n->off,
			   n->len) == 0)
			return o;
	}
	return NULL;
}

/*
 * {{$name}} in a template being rendered: its override if a parent tag
 * gave one, else its own default.  A standalone block re-indents either.
 */
static int block(struct render *r, const struct mustache_template *t,
		 const struct mustache_node *n)
{
	const struct override *o = find_override(r, t, n);
	const struct mustache_template *bt = o ? o->t : t;
	const struct mustache_node *b = o ? o->block : n;
	struct frame *f;

	if (o && enter(r, t, n, "block", t->pool + n->off, n->len) < 0)
		return -1;
	f = push_frame(r, bt, (size_t)(b - bt->nodes) + 1, b->end);
	f->include = o != NULL;
	if (n->flags & MUSTACHE_STANDALONE) {
		indent_more(r, f, t, n);
	} else if (o) {
		f->ind_off = 0;
		f->ind_len = 0;
	}
	return 0;
}

/* The frame on top has run out: next element of its list, or pop it. */
static void frame_done(struct render *r, struct frame *f)
{
	if (f->list && ++f->index < f->list->len) {
		set_context(r, f->ctx_top, &f->list->u.items[f->index]);
		f->pos = f->body;
		return;
	}
	pop_frame(r);
}

/* Renders one node of the frame on top. */
static int step(struct render *r)
{
	struct frame *f = &r->frames[r->nframes - 1];
	const struct mustache_template *t = f->t;
	const struct mustache_node *n;

	if (f->pos >= f->end) {
		frame_done(r, f);
		return 0;
	}
	n = &t->nodes[f->pos];
	f->pos = n->end;
	if (n->kind != MUSTACHE_TEXT) {   /* texts keep no place */
		r->at_t = t;
		r->at = n;
	}
	if (n->flags & MUSTACHE_BOL)
		put_indent(r, f);
	switch (n->kind) {
	case MUSTACHE_TEXT:
		put_text(r, f, t->pool + n->off, n->len);
		return 0;
	case MUSTACHE_ESCAPED:
	case MUSTACHE_RAW:
		put_value(r->out, lookup_node(r, t, n),
			  n->kind == MUSTACHE_ESCAPED ? t->env->escape : NULL,
			  t->env->date_style);
		return 0;
	case MUSTACHE_SECTION:
		section(r, t, n);
		return 0;
	case MUSTACHE_INVERTED:
		if (!value_truthy(lookup_node(r, t, n)))
			f->pos = (size_t)(n - t->nodes) + 1;
		return 0;
	case MUSTACHE_PARTIAL:
		return partial(r, t, n);
	case MUSTACHE_PARENT:
		return parent(r, t, n);
	default:
		return block(r, t, n);
	}
}

/*
 * Past the env's bounds: an error at the tag rendered last, in whichever
 * template or partial that is, which is where the repetition shows.
 */
static int runaway(struct render *r, const struct mustache_template *top,
		   bool output)
{
	const struct mustache_template *t = r->at_t ? r->at_t : top;

	diag_error(r->diags, t->label, r->at ? r->at->line : 0,
		   r->at ? r->at->column : 0,
		   "rendering %s stopped: %s; does a section or partial repeat "
		   "itself over nested data?", top->label,
		   output ? "its output passed the bound of one page"
			  : "it passed the bound of work for one page");
	return -1;
}

int mustache_render(const struct mustache_template *t, const json_t *context,
		    struct buf *out, struct diag_list *diags)
{
	return mustache_render_stack(t, &context, 1, out, diags);
}

int mustache_render_stack(const struct mustache_template *t,
			  const json_t *const *contexts, size_t ncontexts,
			  struct buf *out, struct diag_list *diags)
{
	struct arena arena = ARENA_INIT;
	struct value *values = value_items(&arena, ncontexts);
	const struct value **stack = arena_alloc(&arena, (ncontexts + 1) *
						 sizeof(*stack));
	int rc;

	for (size_t i = 0; i < ncontexts; i++) {
		values[i] = value_from_json(&arena, contexts[i]);
		stack[i] = &values[i];
	}
	rc = mustache_render_values(t, stack, ncontexts, out, diags);
	arena_free(&arena);
	return rc;
}

int mustache_render_values(const struct mustache_template *t,
			   const struct value *const *contexts,
			   size_t ncontexts, struct buf *out,
			   struct diag_list *diags)
{
	struct render scratch, *r = &scratch;
	size_t start, steps = 0;
	int rc = 0;

	memset(r, 0, offsetof(struct render, frames_inline));
	r->out = out;
	r->diags = diags;
	r->frames = r->frames_inline;
	r->frames_cap = INLINE_FRAMES;
	r->ctx = r->ctx_inline;
	r->ctx_cap = INLINE_CONTEXTS;
	r->over = r->over_inline;
	r->over_cap = INLINE_OVERRIDES;
	r->indent = r->indent_inline;
	r->ind_cap = INLINE_INDENT;
	buf_put(out, "", 0);   /* out is a string even when nothing renders */
	for (size_t i = 0; i < ncontexts; i++)
		push_context(r, contexts[i] ? contexts[i] : &value_null_value);
	if (ncontexts == 0)
		push_context(r, &value_null_value);
	push_frame(r, t, 0, t->count);
	start = out->len;
	while (r->nframes > 0 && rc == 0) {
		rc = step(r);
		if (rc == 0 && r->nframes > 0 &&
		    (++steps > t->env->max_steps ||
		     out->len - start > t->env->max_output))
			rc = runaway(r, t, out->len - start > t->env->max_output);
	}
	release(r);
	return rc;
}
