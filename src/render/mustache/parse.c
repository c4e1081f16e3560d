/*
 * render/mustache/parse.c - from template text to the compiled node array (see
 * tree.h for the form, mustache.h for the rules).
 *
 * Two passes, neither recursive.  The scanner cuts the text into tokens,
 * text runs (each ending at a newline at the latest) and tags, following
 * set-delimiter tags as it goes.  The builder then takes the tokens a line
 * at a time: it decides whether the line is standalone (only whitespace
 * around one tag, or around one of the inheritance pairs {{<p}}{{/p}},
 * {{$b}}{{/b}}, {{<p}}{{$b}} and {{/b}}{{/p}}), drops such a line's
 * whitespace and newline, and emits nodes, keeping the open sections on a
 * heap stack.  It marks where template lines begin, so the renderer can
 * indent standalone partials, and removes a standalone block's own
 * indentation from its body, so the body can be re-indented wherever the
 * block is expanded.
 *
 * Errors are reported and parsing goes on, to report them all; the
 * template is then not built.
 */
#include "base/mem.h"
#include "render/mustache/tree.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ERRORS 100
#define NONE SIZE_MAX

struct token {
	char sigil;            /* 0 for text, 'v' for {{name}}, else # ^ / ... */
	bool dynamic;          /* {{>*key}}, {{<*key}} */
	size_t start, end;     /* the token in the source */
	size_t name, nlen;     /* a tag's name, trimmed */
	int line, column;      /* where the token starts */
};

struct scanner {
	const char *src;
	size_t len;
	const char *label;
	struct diag_list *diags;
	int errors;
	bool stopped;                 /* too many errors: give up */
	bool truncated;               /* an unclosed tag ended the scan */
	const char *open, *close;     /* the current delimiters */
	size_t olen, clen;
	size_t pos;                   /* scanning position */
	size_t tracked;               /* line and line_start are right up to here */
	int line;
	size_t line_start;
	struct token *toks;
	size_t ntok, cap;
};

struct open_entry {
	size_t node;                  /* the container's node */
	size_t tok;                   /* its opening tag */
	size_t strip, strip_len;      /* indentation removed in its body */
};

struct builder {
	struct scanner *s;
	struct buf pool;
	struct mustache_node *nodes;
	size_t count, cap;
	struct open_entry *stack;
	size_t depth, stack_cap;
	bool bol;                     /* the next output starts a line */
	bool text_open;               /* the last node is text that may grow */
};

/* Here, where partial names are read; the environment and the renderer
 * check them too. */
int mustache_name_ok(const char *name, size_t len)
{
	if (len == 0 || name[0] == '/' || memchr(name, '\0', len) ||
	    memchr(name, '\\', len))
		return 0;
	for (size_t i = 0; i <= len;) {
		size_t j = i;

		while (j < len && name[j] != '/')
			j++;
		if (j - i == 2 && name[i] == '.' && name[i + 1] == '.')
			return 0;
		i = j + 1;
	}
	return 1;
}

static bool is_blank_char(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

/* The first occurrence of needle in src[from..len), or NONE. */
static size_t find(const char *src, size_t len, size_t from,
		   const char *needle, size_t nlen)
{
	while (from + nlen <= len) {
		const char *hit = memchr(src + from, needle[0],
					 len - from - nlen + 1);

		if (!hit)
			return NONE;
		from = (size_t)(hit - src);
		if (memcmp(hit, needle, nlen) == 0)
			return from;
		from++;
	}
	return NONE;
}

/* Adds an error at line:column, unless too many were reported already. */
static void error_at(struct scanner *s, int line, int column,
		     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void error_at(struct scanner *s, int line, int column,
		     const char *fmt, ...)
{
	va_list ap;

	if (s->stopped)
		return;
	if (s->errors == MAX_ERRORS) {
		diag_error(s->diags, s->label, line, column,
			   "too many errors; stopping here");
		s->stopped = true;
		return;
	}
	va_start(ap, fmt);
	diag_vreport(s->diags, DIAG_ERROR, s->label, line, column, fmt, ap);
	va_end(ap);
	s->errors++;
}

/* Brings line and line_start up to offset `to`. */
static void track(struct scanner *s, size_t to)
{
	for (size_t i = s->tracked; i < to; i++) {
		if (s->src[i] == '\n') {
			s->line++;
			s->line_start = i + 1;
		}
	}
	if (to > s->tracked)
		s->tracked = to;
}

static struct token *push_token(struct scanner *s, char sigil, size_t start,
				size_t end)
{
	struct token *t;

	s->toks = mem_array_grow(s->toks, &s->cap, s->ntok + 1,
				 sizeof(*s->toks));
	t = &s->toks[s->ntok++];
	memset(t, 0, sizeof(*t));
	track(s, start);
	t->sigil = sigil;
	t->start = start;
	t->end = end;
	t->line = s->line;
	t->column = (int)(start - s->line_start + 1);
	return t;
}

/* Text from..to, cut after each newline. */
static void scan_text(struct scanner *s, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(s->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - s->src) + 1 : to;

		push_token(s, 0, from, end);
		from = end;
	}
}

/*
 * The first `close` at or after `start` that follows `before` (when not
 * NUL), as in "}}}" for triple mustaches; NONE when there is none.
 */
static size_t find_close(const struct scanner *s, size_t start, char before)
{
	size_t from = start;

	while (from < s->len) {
		size_t at = find(s->src, s->len, from, s->close, s->clen);

		if (at == NONE)
			return NONE;
		if (!before)
			return at;
		if (at > start && s->src[at - 1] == before)
			return at - 1;
		from = at + 1;
	}
	return NONE;
}

static void trim(const char *src, size_t *start, size_t *end)
{
	while (*start < *end && is_space(src[*start]))
		(*start)++;
	while (*end > *start && is_space(src[*end - 1]))
		(*end)--;
}

static bool has_space(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (is_space(s[i]))
			return true;
	return false;
}

/* {{=<% %>=}}: the new delimiters are the two words of the content. */
static void set_delimiters(struct scanner *s, struct token *t, size_t start,
			   size_t end)
{
	size_t a, a_end, b;

	trim(s->src, &start, &end);
	a = start;
	a_end = a;
	while (a_end < end && !is_space(s->src[a_end]))
		a_end++;
	b = a_end;
	while (b < end && is_space(s->src[b]))
		b++;
	if (a_end == a || b == end || has_space(s->src + b, end - b) ||
	    memchr(s->src + a, '=', a_end - a) ||
	    memchr(s->src + b, '=', end - b)) {
		error_at(s, t->line, t->column,
			 "bad delimiter change: expected two delimiters "
			 "without '=' or whitespace, as in {{=<%% %%>=}}");
		return;
	}
	s->open = s->src + a;
	s->olen = a_end - a;
	s->close = s->src + b;
	s->clen = end - b;
}

/* A tag's name: checked, and for > and < told apart from a dynamic *key. */
static void take_name(struct scanner *s, struct token *t, size_t start,
		      size_t end)
{
	trim(s->src, &start, &end);
	if ((t->sigil == '>' || t->sigil == '<' || t->sigil == '/') &&
	    start < end && s->src[start] == '*') {
		t->dynamic = true;
		start++;
		trim(s->src, &start, &end);
	}
	t->name = start;
	t->nlen = end - start;
	if (t->nlen == 0) {
		error_at(s, t->line, t->column, "empty tag name");
	} else if (has_space(s->src + start, t->nlen)) {
		error_at(s, t->line, t->column,
			 "tag name '%.*s' contains whitespace",
			 (int)t->nlen, s->src + start);
	} else if ((t->sigil == '>' || t->sigil == '<') && !t->dynamic &&
		   !mustache_name_ok(s->src + start, t->nlen)) {
		error_at(s, t->line, t->column,
			 "partial name '%.*s' is refused: it must not start "
			 "with '/', have '..' as a folder, or contain a "
			 "backslash or NUL", (int)t->nlen, s->src + start);
	}
}

/* The sigil after the opening delimiter, or 'v' for a plain variable. */
static char read_sigil(const struct scanner *s, size_t *q)
{
	size_t r = *q;

	while (r < s->len && is_blank_char(s->src[r]))
		r++;
	if (r < s->len && s->src[r] && strchr("#^/><$&!={", s->src[r])) {
		*q = r + 1;
		return s->src[r];
	}
	return 'v';
}

static void unclosed_tag(struct scanner *s, const struct token *t, char sigil,
			 bool plain)
{
	if (sigil == '=' && plain) {
		error_at(s, t->line, t->column,
			 "bad delimiter change: it must end with '=%.*s', as in "
			 "{{=<%% %%>=}}", (int)s->clen, s->close);
		return;
	}
	error_at(s, t->line, t->column,
		 "tag is never closed: no '%s%.*s' after '%.*s%s'",
		 sigil == '{' ? "}" : sigil == '=' ? "=" : "",
		 (int)s->clen, s->close, (int)s->olen, s->open,
		 sigil == '{' ? "{" : "");
}

/* The tag whose opening delimiter is at p; moves s->pos past it. */
static void scan_tag(struct scanner *s, size_t p)
{
	size_t q = p + s->olen, close, inner;
	char sigil = read_sigil(s, &q);
	char before = sigil == '{' ? '}' : sigil == '=' ? '=' : 0;
	struct token *t = push_token(s, sigil == '{' ? '&' : sigil, p, p);

	close = find_close(s, q, before);
	if (close == NONE) {
		size_t plain = before ? find_close(s, q, 0) : NONE;

		unclosed_tag(s, t, sigil, plain != NONE);
		if (plain == NONE) {
			s->truncated = true;
			s->ntok--;
			return;
		}
		t->sigil = '!';   /* skip it: the template fails anyway */
		t->end = s->pos = plain + s->clen;
		return;
	}
	if (sigil != '!' && sigil != '=' &&
	    (inner = find(s->src, close, q, s->open, s->olen)) != NONE) {
		/* {{name}</b>{{next}}: report the first, go on at the next. */
		unclosed_tag(s, t, sigil, false);
		s->ntok--;
		s->pos = inner;
		return;
	}
	t->end = s->pos = close + (before ? 1 : 0) + s->clen;
	if (sigil == '=')
		set_delimiters(s, t, q, close);
	else if (sigil != '!')
		take_name(s, t, q, close);
}

static void scan(struct scanner *s)
{
	s->open = "{{";
	s->close = "}}";
	s->olen = s->clen = 2;
	s->line = 1;
	while (s->pos < s->len && !s->stopped && !s->truncated) {
		size_t at = find(s->src, s->len, s->pos, s->open, s->olen);

		if (at == NONE)
			at = s->len;
		scan_text(s, s->pos, at);
		s->pos = at;
		if (at < s->len)
			scan_tag(s, at);
	}
}

/* ---- the builder ---- */

static struct mustache_node *add_node(struct builder *b, int kind,
				      const struct token *t)
{
	struct mustache_node *n;

	b->nodes = mem_array_grow(b->nodes, &b->cap, b->count + 1,
				  sizeof(*b->nodes));
	n = &b->nodes[b->count++];
	memset(n, 0, sizeof(*n));
	n->kind = (unsigned char)kind;
	n->end = b->count;
	if (t) {
		n->line = t->line;
		n->column = t->column;
		n->off = b->pool.len;
		n->len = t->nlen;
		buf_put(&b->pool, b->s->src + t->name, t->nlen);
		if (memchr(b->s->src + t->name, '.', t->nlen) &&
		    !(t->nlen == 1 && b->s->src[t->name] == '.'))
			n->flags |= MUSTACHE_DOTTED;
	}
	b->text_open = false;
	return n;
}

/* A node that is the first thing on its line gets the indentation. */
static void take_bol(struct builder *b, struct mustache_node *n)
{
	if (b->bol)
		n->flags |= MUSTACHE_BOL;
	b->bol = false;
}

static void emit_text(struct builder *b, const char *text, size_t len)
{
	struct mustache_node *n;

	if (len == 0)
		return;
	if (b->text_open) {
		n = &b->nodes[b->count - 1];
		buf_put(&b->pool, text, len);
		n->len += len;
	} else {
		n = add_node(b, MUSTACHE_TEXT, NULL);
		n->off = b->pool.len;
		n->len = len;
		buf_put(&b->pool, text, len);
		take_bol(b, n);
		b->text_open = true;
	}
	b->bol = text[len - 1] == '\n';
}

/* Indentation removed from lines in the innermost open container. */
static void current_strip(const struct builder *b, size_t *off, size_t *len)
{
	*off = b->depth ? b->stack[b->depth - 1].strip : 0;
	*len = b->depth ? b->stack[b->depth - 1].strip_len : 0;
}

/* How much of the whitespace at src+at the current strip removes. */
static size_t strip_length(const struct builder *b, size_t at, size_t len)
{
	const char *src = b->s->src;
	size_t off, slen, i = 0;

	current_strip(b, &off, &slen);
	while (i < slen && i < len && src[at + i] == src[off + i])
		i++;
	return i;
}

static void set_indent(struct builder *b, struct mustache_node *n,
		       size_t at, size_t len)
{
	size_t skip = strip_length(b, at, len);

	n->ind_off = b->pool.len;
	n->ind_len = len - skip;
	buf_put(&b->pool, b->s->src + at + skip, len - skip);
}

/* Leading whitespace of the first line at or after `from` that is not blank. */
static void next_indent(const struct scanner *s, size_t from, size_t *at,
			size_t *len)
{
	size_t p = from;

	while (p < s->len) {
		size_t q = p;

		while (q < s->len && is_blank_char(s->src[q]))
			q++;
		if (q < s->len && s->src[q] == '\r' && q + 1 < s->len &&
		    s->src[q + 1] == '\n')
			q++;
		if (q < s->len && s->src[q] == '\n') {
			p = q + 1;
			continue;
		}
		*at = p;
		*len = q < s->len ? q - p : 0;
		return;
	}
	*at = s->len;
	*len = 0;
}

static int container_kind(char sigil)
{
	switch (sigil) {
	case '#': return MUSTACHE_SECTION;
	case '^': return MUSTACHE_INVERTED;
	case '<': return MUSTACHE_PARENT;
	default:  return MUSTACHE_BLOCK;
	}
}

static const char *container_word(char sigil)
{
	switch (sigil) {
	case '#': return "section";
	case '^': return "inverted section";
	case '<': return "parent";
	default:  return "block";
	}
}

/*
 * How a standalone line's tags relate: for blocks, `body_indent` is where
 * the next non-blank line starts (the block's own indentation) and
 * `site_indent` the line's own leading whitespace (for {{$b}}{{/b}}).
 */
struct line_info {
	size_t lead, lead_len;        /* the line's leading whitespace */
	size_t body_at, body_len;     /* indentation of what follows the line */
	bool block_pair;              /* {{$b}}{{/b}} */
};

static void open_container(struct builder *b, size_t ti,
			   const struct line_info *li)
{
	const struct token *t = &b->s->toks[ti];
	struct mustache_node *n = add_node(b, container_kind(t->sigil), t);
	struct open_entry *e;
	size_t strip, strip_len;

	if (t->dynamic)
		n->flags |= MUSTACHE_DYNAMIC;
	current_strip(b, &strip, &strip_len);
	if (!li) {
		take_bol(b, n);
	} else if (t->sigil == '<') {
		n->flags |= MUSTACHE_STANDALONE;
		set_indent(b, n, li->lead, li->lead_len);
	} else if (t->sigil == '$') {
		n->flags |= MUSTACHE_STANDALONE;
		if (li->block_pair) {
			set_indent(b, n, li->lead, li->lead_len);
		} else {
			set_indent(b, n, li->body_at, li->body_len);
			strip = li->body_at;
			strip_len = li->body_len;
		}
	}
	b->stack = mem_array_grow(b->stack, &b->stack_cap, b->depth + 1,
				  sizeof(*b->stack));
	e = &b->stack[b->depth++];
	e->node = b->count - 1;
	e->tok = ti;
	e->strip = strip;
	e->strip_len = strip_len;
}

static bool same_name(const struct scanner *s, const struct token *a,
		      const struct token *b)
{
	return a->dynamic == b->dynamic && a->nlen == b->nlen &&
	       memcmp(s->src + a->name, s->src + b->name, a->nlen) == 0;
}

static void close_to(struct builder *b, size_t depth)
{
	while (b->depth > depth) {
		struct open_entry *e = &b->stack[--b->depth];

		b->nodes[e->node].end = b->count;
	}
	b->text_open = false;
}

static void mismatch(struct builder *b, const struct token *t)
{
	struct scanner *s = b->s;
	const struct token *o = &s->toks[b->stack[b->depth - 1].tok];

	error_at(s, t->line, t->column,
		 "closing tag '%s%.*s' does not match %s '%s%.*s' (opened at "
		 "line %d, column %d); expected closing tag '%s%.*s'",
		 t->dynamic ? "*" : "", (int)t->nlen, s->src + t->name,
		 container_word(o->sigil), o->dynamic ? "*" : "",
		 (int)o->nlen, s->src + o->name, o->line, o->column,
		 o->dynamic ? "*" : "", (int)o->nlen, s->src + o->name);
	/* A section left open inside: close down to the one named; else
	 * take the name for a typo and close the innermost. */
	for (size_t d = b->depth; d > 0; d--) {
		if (same_name(s, &s->toks[b->stack[d - 1].tok], t)) {
			close_to(b, d - 1);
			return;
		}
	}
	close_to(b, b->depth - 1);
}

static void close_container(struct builder *b, const struct token *t,
			    bool standalone)
{
	struct scanner *s = b->s;

	if (!standalone && b->bol) {
		/* The line's indentation belongs inside the body: mark it. */
		struct mustache_node *n = add_node(b, MUSTACHE_TEXT, NULL);

		n->off = b->pool.len;
		take_bol(b, n);
	}
	if (b->depth == 0) {
		error_at(s, t->line, t->column,
			 "closing tag '%s%.*s' has no open section",
			 t->dynamic ? "*" : "", (int)t->nlen, s->src + t->name);
		return;
	}
	if (same_name(s, &s->toks[b->stack[b->depth - 1].tok], t))
		close_to(b, b->depth - 1);
	else
		mismatch(b, t);
}

static void emit_leaf(struct builder *b, const struct token *t,
		      const struct line_info *li)
{
	int kind = t->sigil == 'v' ? MUSTACHE_ESCAPED :
		   t->sigil == '&' ? MUSTACHE_RAW : MUSTACHE_PARTIAL;
	struct mustache_node *n = add_node(b, kind, t);

	if (t->dynamic)
		n->flags |= MUSTACHE_DYNAMIC;
	if (li) {
		n->flags |= MUSTACHE_STANDALONE;
		set_indent(b, n, li->lead, li->lead_len);
	} else {
		take_bol(b, n);
	}
}

/* One tag; li describes its line when the line is standalone. */
static void emit_tag(struct builder *b, size_t ti, const struct line_info *li)
{
	const struct token *t = &b->s->toks[ti];

	if (t->nlen == 0 && strchr("#^/<$", t->sigil))
		return;   /* reported as an empty name; ignore it */
	switch (t->sigil) {
	case '!':
	case '=':
		break;
	case '/':
		close_container(b, t, li != NULL);
		break;
	case '#':
	case '^':
	case '<':
	case '$':
		open_container(b, ti, li);
		break;
	default:
		emit_leaf(b, t, li);
		break;
	}
}

static bool is_text(const struct token *t)
{
	return t->sigil == 0;
}

static bool ends_line(const struct scanner *s, const struct token *t)
{
	return is_text(t) && s->src[t->end - 1] == '\n';
}

/* Whether src[start..end) is blank, but for a final "\n" or "\r\n". */
static bool blank_text(const char *src, size_t start, size_t end)
{
	if (end > start && src[end - 1] == '\n') {
		end--;
		if (end > start && src[end - 1] == '\r')
			end--;
	}
	for (size_t i = start; i < end; i++)
		if (!is_blank_char(src[i]))
			return false;
	return true;
}

static bool standalone_sigil(char c)
{
	return c && strchr("#^/!=><$", c);
}

/* Whether tags a, b on one line form one of the inheritance pairs. */
static bool inheritance_pair(const struct builder *b, const struct token *x,
			     const struct token *y)
{
	const struct scanner *s = b->s;
	const struct token *top, *below;

	if (x->sigil == '<' || x->sigil == '$')
		return (y->sigil == '/' && x->sigil != 0 && same_name(s, x, y)) ||
		       (x->sigil == '<' && y->sigil == '$');
	if (x->sigil != '/' || y->sigil != '/' || b->depth < 2)
		return false;
	top = &s->toks[b->stack[b->depth - 1].tok];
	below = &s->toks[b->stack[b->depth - 2].tok];
	return top->sigil == '$' && below->sigil == '<' &&
	       same_name(s, top, x) && same_name(s, below, y);
}

/*
 * Tokens first..end form one line.  Returns the number of its tags (1 or
 * 2) when it is standalone, else 0; *lead is its leading whitespace token.
 */
static size_t standalone_tags(const struct builder *b, size_t first,
			      size_t end, size_t *lead)
{
	const struct scanner *s = b->s;
	const struct token *t = s->toks;
	size_t k = first, tags;

	*lead = NONE;
	if (k < end && is_text(&t[k])) {
		if (ends_line(s, &t[k]) || !blank_text(s->src, t[k].start,
							t[k].end))
			return 0;
		*lead = k++;
	}
	tags = k;
	while (k < end && !is_text(&t[k]))
		k++;
	tags = k - tags;
	if (k < end && (k != end - 1 ||
			!blank_text(s->src, t[k].start, t[k].end)))
		return 0;
	if (tags == 1 && standalone_sigil(t[k - 1].sigil))
		return 1;
	if (tags == 2 && inheritance_pair(b, &t[k - 2], &t[k - 1]))
		return 2;
	return 0;
}

/* The newline ending text t ("\n" or "\r\n"), kept after {{$b}}{{/b}}. */
static void emit_newline(struct builder *b, const struct token *t)
{
	const char *src = b->s->src;
	size_t n = 0;

	if (src[t->end - 1] == '\n')
		n = t->end - 1 > t->start && src[t->end - 2] == '\r' ? 2 : 1;
	b->bol = false;
	emit_text(b, src + t->end - n, n);
}

static void emit_standalone(struct builder *b, size_t first, size_t end,
			    size_t lead, size_t tags)
{
	const struct scanner *s = b->s;
	const struct token *t = s->toks;
	size_t ti = lead == NONE ? first : lead + 1;
	size_t line_end = end > 0 && is_text(&t[end - 1]) ? t[end - 1].end :
			  s->len;
	struct line_info li;

	memset(&li, 0, sizeof(li));
	li.lead = lead == NONE ? t[ti].start : t[lead].start;
	li.lead_len = lead == NONE ? 0 : t[lead].end - t[lead].start;
	li.block_pair = tags == 2 && t[ti].sigil == '$';
	next_indent(s, line_end, &li.body_at, &li.body_len);
	b->text_open = false;
	for (size_t i = ti; i < ti + tags; i++)
		emit_tag(b, i, &li);
	if (li.block_pair && ti + tags < end)
		emit_newline(b, &t[ti + tags]);
}

static void emit_line(struct builder *b, size_t first, size_t end)
{
	const struct scanner *s = b->s;
	size_t lead, tags = standalone_tags(b, first, end, &lead);

	if (tags) {
		emit_standalone(b, first, end, lead, tags);
		return;
	}
	for (size_t i = first; i < end; i++) {
		const struct token *t = &s->toks[i];

		if (!is_text(t)) {
			emit_tag(b, i, NULL);
		} else {
			size_t skip = i == first ?
				strip_length(b, t->start, t->end - t->start) : 0;

			emit_text(b, s->src + t->start + skip,
				  t->end - t->start - skip);
		}
	}
}

static void build(struct builder *b)
{
	const struct scanner *s = b->s;
	size_t i = 0;

	b->bol = true;
	while (i < s->ntok && !b->s->stopped) {
		size_t end = i;

		while (end < s->ntok && !ends_line(s, &s->toks[end]))
			end++;
		if (end < s->ntok)
			end++;
		emit_line(b, i, end);
		i = end;
	}
	/* After an unclosed tag the closing tags were never seen. */
	for (size_t d = 0; d < b->depth && !s->truncated; d++) {
		const struct token *o = &s->toks[b->stack[d].tok];

		error_at(b->s, o->line, o->column, "%s '%s%.*s' is never closed",
			 container_word(o->sigil), o->dynamic ? "*" : "",
			 (int)o->nlen, s->src + o->name);
	}
	close_to(b, 0);
}

/*
 * The scanner and the builder report separately; put this template's
 * diagnostics back in source order (insertion sort: stable, and there are
 * at most MAX_ERRORS + 1).
 */
static void sort_new(struct diag_list *diags, size_t first)
{
	for (size_t i = first + 1; i < diags->count; i++) {
		struct diag d = diags->items[i];
		size_t j = i;

		while (j > first && (diags->items[j - 1].line > d.line ||
				     (diags->items[j - 1].line == d.line &&
				      diags->items[j - 1].column > d.column))) {
			diags->items[j] = diags->items[j - 1];
			j--;
		}
		diags->items[j] = d;
	}
}

static struct mustache_template *finish(struct builder *b,
					struct mustache_env *env,
					const char *label)
{
	struct mustache_template *t = mem_calloc(1, sizeof(*t));

	t->env = env;
	t->label = mem_strdup(label);
	t->pool = buf_detach(&b->pool);
	t->nodes = b->nodes;
	t->count = b->count;
	b->nodes = NULL;
	return t;
}

struct mustache_template *mustache_parse(struct mustache_env *env,
					 const char *label,
					 const char *source, size_t len,
					 struct diag_list *diags)
{
	struct scanner s;
	struct builder b;
	struct mustache_template *t = NULL;
	size_t first = diags->count;

	memset(&s, 0, sizeof(s));
	memset(&b, 0, sizeof(b));
	s.src = source ? source : "";
	s.len = source ? len : 0;
	s.label = label;
	s.diags = diags;
	b.s = &s;
	scan(&s);
	build(&b);
	sort_new(diags, first);
	if (s.errors == 0 && !s.stopped)
		t = finish(&b, env, label);
	free(s.toks);
	free(b.nodes);
	free(b.stack);
	buf_free(&b.pool);
	return t;
}
