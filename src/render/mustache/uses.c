/*
 * render/mustache/uses.c - what a template can read of its context, and a
 * digest of its compiled form (see mustache.h, "Knowing what a template
 * reads").
 *
 * The walk goes through a template's nodes and, through its static
 * partials and parents, theirs, keeping the names of the sections open
 * around each node.  A name is recorded under the root (it may be found
 * in any context) and under every open section (it may be found in that
 * section's item); a dotted name's later parts under the part before;
 * an interpolated name, or a section whose {{.}} is interpolated, is used
 * whole (an object prints as JSON).  Relations are by name, never by
 * place: two sections called `units` in different places share one set,
 * which only ever makes the set larger than needed, never smaller.
 *
 * A partial met again inside itself (a recursive partial) adds every name
 * it can reach to the sections open at that point, since its expansion
 * could go on under them.  A block met inside sections is filled, when a
 * child names its template as a parent, with the child's override, which
 * is then rendered in those sections' items: the sections are recorded
 * under the block's name, and every name met inside a block of that name
 * anywhere (an override, or the default) is recorded under them too.  A
 * dynamic partial's name is known only when rendering: it makes the uses
 * open (mustache_uses_add() returns false), as does a walk past
 * USES_MAX_STEPS nodes.
 */
#include "base/arena.h"
#include "base/hash.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "base/value.h"
#include "render/mustache/tree.h"

#include <stdlib.h>
#include <string.h>

/* A name's uses: whole, or these names inside its value. */
struct use {
	bool whole;
	struct strmap inner;        /* name -> struct use of that name */
};

/* The sections a block of one name was met in (see above). */
struct block_sections {
	struct use **uses;
	size_t n, cap;
};

struct mustache_uses {
	struct arena arena;         /* names and uses */
	struct strmap names;        /* name -> its struct use */
	struct use root;            /* names any context may be asked for */
	bool open;                  /* cannot tell: anything may be read */
	struct use **all;           /* every use, to free their maps */
	size_t nall, all_cap;
	struct strmap blocks;       /* block name -> struct block_sections */
	struct block_sections **all_blocks;   /* to free their arrays */
	size_t nblocks, blocks_cap;
};

struct mustache_uses *mustache_uses_new(void)
{
	return mem_calloc(1, sizeof(struct mustache_uses));
}

void mustache_uses_free(struct mustache_uses *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->nall; i++)
		strmap_free(&u->all[i]->inner);
	free(u->all);
	for (size_t i = 0; i < u->nblocks; i++)
		free(u->all_blocks[i]->uses);
	free(u->all_blocks);
	strmap_free(&u->blocks);
	strmap_free(&u->root.inner);
	strmap_free(&u->names);
	arena_free(&u->arena);
	free(u);
}

static struct use *use_of(struct mustache_uses *u, const char *name, size_t len)
{
	char *key = arena_alloc(&u->arena, len + 1);
	struct use *use;

	memcpy(key, name, len);
	key[len] = '\0';
	use = strmap_get(&u->names, key);
	if (use)
		return use;
	use = arena_alloc(&u->arena, sizeof(*use));
	memset(use, 0, sizeof(*use));
	strmap_put(&u->names, key, use);
	u->all = mem_array_grow(u->all, &u->all_cap, u->nall + 1, sizeof(*u->all));
	u->all[u->nall++] = use;
	return use;
}

/* Records that inside `in`, `name` may be asked for. */
static void add_inner(struct mustache_uses *u, struct use *in, const char *name,
		      size_t len)
{
	struct use *use = use_of(u, name, len);
	char *key = arena_alloc(&u->arena, len + 1);

	memcpy(key, name, len);
	key[len] = '\0';
	strmap_put(&in->inner, key, use);
}

/* ---- the walk ----------------------------------------------------------- */

struct open_section {
	size_t end;                 /* of its node, in its template */
	struct use *use;
};

/* A block being walked: the sections its name was met in, if any yet. */
struct open_block {
	size_t end;                 /* of its node, in its template */
	const char *name;           /* NUL-terminated, in the uses' arena */
};

/*
 * A partial named twice is walked twice, so a theme whose partials each
 * name the next twice makes the walk exponential in their depth; past
 * this many nodes the uses are taken as open (every page rendered), not
 * walked on for minutes.  folio's own theme walks a few thousand.
 */
#define USES_MAX_STEPS ((size_t)1000000)

struct walk {
	struct mustache_uses *u;
	size_t steps;               /* nodes walked so far */
	const struct mustache_template *chain[MUSTACHE_MAX_DEPTH];
	size_t depth;
	struct open_section *open;  /* across the chain */
	size_t nopen, open_cap;
	struct open_block *blocks;  /* across the chain */
	size_t nblocks, blocks_cap;
};

static struct block_sections *block_sections_of(struct mustache_uses *u,
						const char *name, bool make)
{
	struct block_sections *b = strmap_get(&u->blocks, name);

	if (b || !make)
		return b;
	b = arena_alloc(&u->arena, sizeof(*b));
	strmap_put(&u->blocks, name, b);
	u->all_blocks = mem_array_grow(u->all_blocks, &u->blocks_cap,
				       u->nblocks + 1, sizeof(*u->all_blocks));
	u->all_blocks[u->nblocks++] = b;
	return b;
}

/* The sections open now, recorded under the block name (once each). */
static void record_block(struct walk *w, const char *name)
{
	struct block_sections *b = block_sections_of(w->u, name, true);

	for (size_t i = 0; i < w->nopen; i++) {
		struct use *use = w->open[i].use;
		bool known = false;

		for (size_t k = 0; k < b->n && !known; k++)
			known = b->uses[k] == use;
		if (known)
			continue;
		b->uses = mem_array_grow(b->uses, &b->cap, b->n + 1,
					 sizeof(*b->uses));
		b->uses[b->n++] = use;
	}
}

/*
 * A name met inside blocks: recorded under the sections each block's
 * name was met in, where an override of it is rendered; {{.}} there is
 * those sections' items whole.
 */
static void use_in_blocks(struct walk *w, const char *name, size_t len,
			  bool dot, bool whole)
{
	for (size_t i = 0; i < w->nblocks; i++) {
		const struct block_sections *b =
			block_sections_of(w->u, w->blocks[i].name, false);

		for (size_t k = 0; b && k < b->n; k++) {
			if (!dot)
				add_inner(w->u, b->uses[k], name, len);
			else if (whole)
				b->uses[k]->whole = true;
			else
				w->u->open = true;
		}
	}
}

/* A name used where the open sections are: its struct use. */
static struct use *use_name(struct walk *w, const char *name, size_t len,
			    bool whole)
{
	struct mustache_uses *u = w->u;
	const char *dot = memchr(name, '.', len);
	size_t first = dot ? (size_t)(dot - name) : len;
	struct use *use;

	use_in_blocks(w, name, first, len == 1 && name[0] == '.', whole);
	if (len == 1 && name[0] == '.') {
		/* The item of the innermost section; at the top, the page's
		 * own context, which is not the shared one underneath. */
		if (!whole)
			u->open = true;
		else if (w->nopen)
			w->open[w->nopen - 1].use->whole = true;
		return NULL;
	}
	add_inner(u, &u->root, name, first);
	for (size_t i = 0; i < w->nopen; i++)
		add_inner(u, w->open[i].use, name, first);
	use = use_of(u, name, first);
	while (dot) {
		const char *part = dot + 1;
		size_t rest = len - (size_t)(part - name);

		dot = memchr(part, '.', rest);
		first = dot ? (size_t)(dot - part) : rest;
		add_inner(u, use, part, first);
		use = use_of(u, part, first);
	}
	if (whole)
		use->whole = true;
	return use;
}

static bool in_chain(const struct walk *w, const struct mustache_template *t)
{
	for (size_t i = 0; i < w->depth; i++)
		if (w->chain[i] == t)
			return true;
	return false;
}

/* Every first part of a name in t and the templates it names, added
 * under each open section (a recursive partial's expansion). */
static void add_reachable(struct walk *w, const struct mustache_template *t)
{
	const struct mustache_template **seen = NULL, **todo = NULL;
	size_t nseen = 0, seen_cap = 0, ntodo = 0, todo_cap = 0;

	todo = mem_array_grow(todo, &todo_cap, 1, sizeof(*todo));
	todo[ntodo++] = t;
	while (ntodo) {
		const struct mustache_template *at = todo[--ntodo];
		bool known = false;

		for (size_t i = 0; i < nseen && !known; i++)
			known = seen[i] == at;
		if (known)
			continue;
		seen = mem_array_grow(seen, &seen_cap, nseen + 1, sizeof(*seen));
		seen[nseen++] = at;
		for (size_t i = 0; i < at->count; i++) {
			const struct mustache_node *n = &at->nodes[i];

			if (n->kind == MUSTACHE_TEXT)
				continue;
			if (n->kind == MUSTACHE_BLOCK) {
				/* An override of it may be rendered here. */
				if (w->nopen)
					record_block(w, arena_strndup(&w->u->arena,
						     at->pool + n->off, n->len));
				continue;
			}
			if (n->kind == MUSTACHE_PARTIAL || n->kind == MUSTACHE_PARENT) {
				if (n->partial) {
					todo = mem_array_grow(todo, &todo_cap, ntodo + 1,
							      sizeof(*todo));
					todo[ntodo++] = n->partial;
				}
				continue;
			}
			use_name(w, at->pool + n->off, n->len, false);
		}
	}
	free(seen);
	free(todo);
}

static void walk_template(struct walk *w, const struct mustache_template *t)
{
	size_t base = w->nopen, blocks_base = w->nblocks;

	if (in_chain(w, t)) {
		add_reachable(w, t);
		return;
	}
	if (w->depth == MUSTACHE_MAX_DEPTH) {
		w->u->open = true;
		return;
	}
	w->chain[w->depth++] = t;
	for (size_t i = 0; i < t->count && !w->u->open; i++) {
		const struct mustache_node *n = &t->nodes[i];
		const char *name = t->pool + n->off;
		struct use *use;

		if (++w->steps > USES_MAX_STEPS) {
			w->u->open = true;
			break;
		}

		while (w->nopen > base && w->open[w->nopen - 1].end <= i)
			w->nopen--;
		while (w->nblocks > blocks_base &&
		       w->blocks[w->nblocks - 1].end <= i)
			w->nblocks--;
		switch (n->kind) {
		case MUSTACHE_ESCAPED:
		case MUSTACHE_RAW:
			use_name(w, name, n->len, true);
			break;
		case MUSTACHE_SECTION:
		case MUSTACHE_INVERTED:
			use = use_name(w, name, n->len, false);
			if (!use)
				break;
			w->open = mem_array_grow(w->open, &w->open_cap,
						 w->nopen + 1, sizeof(*w->open));
			w->open[w->nopen++] = (struct open_section){ n->end, use };
			break;
		case MUSTACHE_PARTIAL:
			if (n->flags & MUSTACHE_DYNAMIC)
				w->u->open = true;
			else if (n->partial)
				walk_template(w, n->partial);
			break;
		case MUSTACHE_PARENT:
			/* Its blocks, the overrides, are the nodes after it. */
			if (n->partial)
				walk_template(w, n->partial);
			break;
		case MUSTACHE_BLOCK: {
			char *key = arena_strndup(&w->u->arena, name, n->len);

			/* Open here, or around a partial naming this one:
			 * overrides stay in force through partials. */
			if (w->nopen)
				record_block(w, key);
			w->blocks = mem_array_grow(w->blocks, &w->blocks_cap,
						   w->nblocks + 1,
						   sizeof(*w->blocks));
			w->blocks[w->nblocks++] = (struct open_block){ n->end,
								       key };
			break;
		}
		default:
			break;
		}
	}
	w->nopen = base;
	w->nblocks = blocks_base;
	w->depth--;
}

/*
 * Twice: a parent is walked where its child names it, before the child's
 * overrides, but the second walk needs no such order to find every
 * block's sections.
 */
bool mustache_uses_add(struct mustache_uses *u, const struct mustache_template *t)
{
	for (int pass = 0; pass < 2; pass++) {
		struct walk w = { .u = u };

		walk_template(&w, t);
		free(w.open);
		free(w.blocks);
	}
	return !u->open;
}

/* ---- digests -------------------------------------------------------------- */

static uint64_t put_byte(uint64_t h, unsigned char c)
{
	return hash_bytes(h, &c, 1);
}

static uint64_t put_size(uint64_t h, size_t n)
{
	uint64_t v = n;

	return hash_bytes(h, &v, sizeof(v));
}

/*
 * h carried on over v, where `use` says which members of objects count
 * (NULL: all of them).  Each value is tagged with its kind and each list
 * and object with its length, so that no two different values hash alike
 * by running together.
 */
static uint64_t digest_value(uint64_t h, const struct value *v,
			     const struct use *use)
{
	h = put_byte(h, (unsigned char)v->kind);
	switch (v->kind) {
	case VALUE_INT:
	case VALUE_DATE:
		return hash_bytes(h, &v->u.i, sizeof(v->u.i));
	case VALUE_REAL:
		return hash_bytes(h, &v->u.d, sizeof(v->u.d));
	case VALUE_STRING:
		h = put_size(h, v->len);
		return hash_bytes(h, v->u.s, v->len);
	case VALUE_LIST:
		h = put_size(h, v->len);
		for (size_t i = 0; i < v->len; i++)
			h = digest_value(h, &v->u.items[i], use);
		return h;
	case VALUE_OBJECT:
		for (size_t i = 0; i < v->len; i++) {
			const struct value_member *m = &v->u.members[i];
			const struct use *in = use ?
				strmap_get(&use->inner, m->key) : NULL;

			if (use && !in)
				continue;
			h = put_size(h, m->key_len);
			h = hash_bytes(h, m->key, m->key_len);
			h = digest_value(h, &m->value, in && !in->whole ? in : NULL);
		}
		return put_byte(h, '}');
	default:
		return h;
	}
}

uint64_t mustache_uses_digest(const struct mustache_uses *u, uint64_t h,
			      const struct value *context)
{
	return digest_value(h, context, u->open ? NULL : &u->root);
}

/* One template's compiled form: its nodes, less the partials' addresses,
 * and every byte of its pool that a node refers to. */
static uint64_t digest_one(uint64_t h, const struct mustache_template *t)
{
	size_t pool = 0;

	h = hash_string(h, t->label);
	h = put_size(h, t->count);
	for (size_t i = 0; i < t->count; i++) {
		const struct mustache_node *n = &t->nodes[i];
		size_t fields[] = { n->kind, n->flags, (size_t)n->line,
				    (size_t)n->column, n->end, n->off, n->len,
				    n->ind_off, n->ind_len, n->partial != NULL };

		h = hash_bytes(h, fields, sizeof(fields));
		if (n->off + n->len > pool)
			pool = n->off + n->len;
		if (n->ind_off + n->ind_len > pool)
			pool = n->ind_off + n->ind_len;
	}
	return hash_bytes(h, t->pool, pool);
}

uint64_t mustache_template_digest(uint64_t h, const struct mustache_template *t)
{
	const struct mustache_template **seen = NULL;
	size_t nseen = 0, seen_cap = 0;

	/* Breadth first, in node order: the same templates, the same order. */
	seen = mem_array_grow(seen, &seen_cap, 1, sizeof(*seen));
	seen[nseen++] = t;
	for (size_t k = 0; k < nseen; k++) {
		const struct mustache_template *at = seen[k];

		h = digest_one(h, at);
		for (size_t i = 0; i < at->count; i++) {
			const struct mustache_template *p = at->nodes[i].partial;
			bool known = !p;

			for (size_t j = 0; j < nseen && !known; j++)
				known = seen[j] == p;
			if (known)
				continue;
			seen = mem_array_grow(seen, &seen_cap, nseen + 1,
					      sizeof(*seen));
			seen[nseen++] = p;
		}
	}
	free(seen);
	return h;
}
