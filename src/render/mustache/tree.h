/*
 * render/mustache/tree.h - the compiled form of a Mustache template,
 * shared by the parser (parse.c), the renderer (render.c) and the
 * environment (env.c).  Not for use outside the engine.
 *
 * A template compiles to a flat array of nodes in source order.  A
 * container (section, inverted section, parent, block) is followed by its
 * children and records in `end` the index just past them, so the
 * renderer can walk or skip a body with an index and an explicit stack of
 * frames instead of recursion.  Every node has `end` (index + 1 for
 * leaves) so siblings can be stepped over uniformly.
 *
 * Texts, names and indentations live in one pool owned by the template;
 * nodes refer to them by offset.  Nothing here changes after
 * mustache_compile() returns, which is what makes concurrent renders safe.
 */
#ifndef FOLIO_MUSTACHE_TREE_H
#define FOLIO_MUSTACHE_TREE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "render/mustache.h"

enum mustache_kind {
	MUSTACHE_TEXT,      /* literal text */
	MUSTACHE_ESCAPED,   /* {{name}} */
	MUSTACHE_RAW,       /* {{{name}}} and {{&name}} */
	MUSTACHE_SECTION,   /* {{#name}}: children are the body */
	MUSTACHE_INVERTED,  /* {{^name}} */
	MUSTACHE_PARTIAL,   /* {{>name}} and {{>*key}} */
	MUSTACHE_PARENT,    /* {{<name}}: children holding its blocks */
	MUSTACHE_BLOCK,     /* {{$name}}: children are the default or override */
};

/* The node starts a line of its template: the indentation goes first. */
#define MUSTACHE_BOL        0x01
/* A partial, parent or block alone on its line: its lines are indented. */
#define MUSTACHE_STANDALONE 0x02
/* {{>*key}}: the value of key names the partial. */
#define MUSTACHE_DYNAMIC    0x04
/* The name has parts (a.b.c): lookups of the others skip looking for dots. */
#define MUSTACHE_DOTTED     0x08

struct mustache_node {
	unsigned char kind;
	unsigned char flags;
	int line, column;          /* of the tag, for render-time errors */
	size_t end;                /* index just past this node's children */
	size_t off, len;           /* text, or the name, in the pool */
	size_t ind_off, ind_len;   /* indentation, in the pool */
	/* Static partials and parents: the compiled partial, NULL if missing. */
	const struct mustache_template *partial;
};

struct mustache_template {
	struct mustache_env *env;
	char *label;
	char *pool;
	struct mustache_node *nodes;
	size_t count;
};

struct mustache_entry {
	char *name;
	struct mustache_template *template;  /* NULL: the loader has none */
};

struct mustache_env {
	mustache_load_fn load;
	void *load_ctx;
	mustache_escape_fn escape;   /* for {{name}}; never NULL */
	enum date_style date_style;  /* how a date value is written */
	bool report_misses;          /* mustache_env_report_misses() */
	size_t max_output;           /* one render's bounds */
	size_t max_steps;
	pthread_mutex_t lock;        /* guards the entries */
	struct mustache_entry *entries;
	size_t count, cap;
	size_t *slots;               /* hash index: entry number + 1, 0 free */
	size_t nslots;               /* a power of two, or 0 */
};

/* Parses source into a template whose static partials are not yet linked. */
struct mustache_template *mustache_parse(struct mustache_env *env,
					 const char *label,
					 const char *source, size_t len,
					 struct diag_list *diags);

/*
 * The partial called name (len bytes), loaded and compiled on first use;
 * for the renderer's dynamic names.  Takes the environment's lock.  Sets
 * *failed (and adds diagnostics) when it exists but does not compile.
 */
const struct mustache_template *mustache_env_dynamic(struct mustache_env *env,
						     const char *name,
						     size_t len,
						     const struct mustache_template *from,
						     const struct mustache_node *tag,
						     struct diag_list *diags,
						     int *failed);

#endif
