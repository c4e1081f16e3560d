/*
 * mustache.h - the Mustache template engine (spec v1.4: interpolation,
 * sections, inverted sections, comments, partials, set delimiters, and
 * the optional inheritance and dynamic-names modules; no lambdas, since
 * the data is JSON).
 *
 * Compile once, render many.  mustache_compile() parses a template into
 * an immutable compiled form; mustache_render() walks it against a jansson
 * value (turned into values, value.h, first), mustache_render_values()
 * against values, and both append to a struct buf.  Rendering never
 * parses, never copies the data, and allocates only its own small scratch
 * stacks, so one compiled template may be rendered from many threads at
 * once.
 *
 * Partials come from a loader callback (name -> source text and a label
 * for diagnostics), so the caller decides where templates live: a folder
 * (mustache_load_dir below), tables compiled into the program, or both.
 * An environment (struct mustache_env) owns every partial it compiled,
 * cached by name:
 *
 *   - Static names ({{> name}}, {{< name}}) are loaded and compiled when
 *     the template that names them is compiled, transitively, so a
 *     recursive partial is compiled once and rendering never loads.
 *   - Dynamic names ({{>*key}}, {{<*key}}) are known only at render time.
 *     The renderer looks the name up in the environment's cache under the
 *     environment's mutex and, the first time a name is seen, loads and
 *     compiles it there, still under the mutex.  Compiled partials are
 *     never changed or freed before mustache_env_free(), so concurrent
 *     renders only ever share immutable templates.
 *
 * A partial the loader cannot find renders as the empty string, as the
 * spec requires; so does {{>*key}} when key is missing, not a string, or
 * the empty string.  Partial names containing a NUL or a backslash, starting
 * with '/', or with ".." as a path component are refused with an error.
 *
 * Errors are diagnostics (diag.h), located TEMPLATE:LINE:COL with 1-based
 * lines and byte columns; nothing here prints or exits.  Nothing recurses
 * as deep as the input: the parser keeps its open sections on a heap
 * stack and the renderer its frames, and partial, parent and block
 * inclusion stops with an error past MUSTACHE_MAX_DEPTH levels.  Work is
 * bounded too: a few lines of template can repeat a section over nested
 * lists, or a partial twice within itself, exponentially often, so one
 * render stops with an error past MUSTACHE_MAX_OUTPUT bytes of output or
 * MUSTACHE_MAX_STEPS tags and texts rendered (mustache_env_set_limits()
 * changes both); no real page comes near either.
 *
 * Values print as JSON prints them: strings as they are, integers in
 * decimal, reals in the shortest form that reads back the same (1.21,
 * 1e+100), true and false as words, null as nothing, arrays and objects
 * as compact JSON.  {{name}} escapes & " < > ' as &amp; &quot; &lt; &gt;
 * &#39;.  Sections treat false, null and the empty array as false and
 * everything else (0 and "" included) as true; an array repeats the
 * section once per element.
 */
#ifndef FOLIO_MUSTACHE_H
#define FOLIO_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"

/* Partial, parent and block inclusions that may be open at once. */
#define MUSTACHE_MAX_DEPTH 100

/* One render's output and work, by default (a page is some 25 KB). */
#define MUSTACHE_MAX_OUTPUT ((size_t)256 << 20)
#define MUSTACHE_MAX_STEPS ((size_t)100000000)

struct mustache_env;
struct mustache_template;

/*
 * Finds the partial `name`.  Returns 0 when found, with *source (len
 * bytes, NUL-terminated) and *label (how diagnostics name it, e.g. its
 * path) allocated with malloc for the engine to free; 1 when there is no
 * such partial; or a negative errno when it exists but cannot be read (the
 * loader may then set *label, which the engine frees).
 */
typedef int (*mustache_load_fn)(void *ctx, const char *name, char **source,
				size_t *len, char **label);

/* Loads DIR/name.mustache; ctx is the folder (a const char *). */
int mustache_load_dir(void *dir, const char *name, char **source,
		      size_t *len, char **label);

/* Whether name may be handed to a loader (see the refusals above). */
int mustache_name_ok(const char *name, size_t len);

/* How {{name}} escapes a value: appends len bytes of s to out, escaped. */
typedef void (*mustache_escape_fn)(struct buf *out, const char *s, size_t len);

/*
 * & " < > ' as &amp; &quot; &lt; &gt; &#39;: the default.  Both escapes
 * turn control characters (C0 but tab and line ends, DEL, C1) into
 * U+FFFD: they are never text a page should carry.
 */
void mustache_escape_html(struct buf *out, const char *s, size_t len);

/*
 * For Markdown output: backslash before each character that could make
 * markup (\ ` * _ [ ] < > | & ~ !, and # - + = > or "1. " at the start),
 * line breaks as spaces, so a value reads as its text even in a table.
 */
void mustache_escape_markdown(struct buf *out, const char *s, size_t len);

/* Every template env compiles escapes with fn from now on. */
void mustache_env_set_escape(struct mustache_env *env, mustache_escape_fn fn);

/* Date values (value_date) render in style from now on; ISO at first. */
void mustache_env_set_date_style(struct mustache_env *env,
				 enum date_style style);

/* load may be NULL: then there are no partials.  Never NULL. */
struct mustache_env *mustache_env_new(mustache_load_fn load, void *ctx);

/* Frees the environment and every partial it compiled.  Templates from
 * mustache_compile() refer to those partials: free them first. */
void mustache_env_free(struct mustache_env *env);

/*
 * From now on env reports, as a warning at the tag, each name a render
 * finds in no context, and each static partial or parent no template
 * provides (set it before compiling).  The spec renders both as nothing,
 * silently, so that a typo in an override ({{^has_gap}} for
 * {{^has_gaps}}) would make a page say something false; `folio check
 * --templates` and a build with an override report them.
 */
void mustache_env_report_misses(struct mustache_env *env);

/* The bounds of one render in env: bytes of output, tags and texts rendered. */
void mustache_env_set_limits(struct mustache_env *env, size_t max_output,
			     size_t max_steps);

/*
 * Compiles source (len bytes; need not be NUL-terminated) and, through
 * env, every partial it names statically.  label names the template in
 * diagnostics.  Returns NULL after adding at least one error to diags.
 * The caller owns the result (mustache_template_free); env must outlive it.
 */
struct mustache_template *mustache_compile(struct mustache_env *env,
					   const char *label,
					   const char *source, size_t len,
					   struct diag_list *diags);

/*
 * The template env's loader knows as `name`, compiled once and cached in
 * env, which owns it.  NULL when there is no such template (no diagnostic)
 * or after adding errors to diags.
 */
const struct mustache_template *mustache_env_get(struct mustache_env *env,
						 const char *name,
						 struct diag_list *diags);

/*
 * Renders t with context (any JSON value; NULL is taken as null),
 * appending to out.  Returns 0, or -1 after adding an error to diags (a
 * nesting limit, the output or work bound, a refused dynamic partial
 * name, or errors in a partial first compiled now); out then holds a
 * partial result.
 */
int mustache_render(const struct mustache_template *t, const json_t *context,
		    struct buf *out, struct diag_list *diags);

/*
 * As mustache_render(), with a stack of contexts, the last on top: names
 * are looked up from the top down, exactly as if each had been pushed by
 * a section.
 */
int mustache_render_stack(const struct mustache_template *t,
			  const json_t *const *contexts, size_t ncontexts,
			  struct buf *out, struct diag_list *diags);

/*
 * As mustache_render_stack(), with values (value.h) instead of JSON: the
 * renderer works on values, and the JSON entry points above turn their
 * contexts into values first.  NULL contexts are null.  The site builder
 * renders each page with the shared site model underneath and the page's
 * own view on top, so that nothing is copied and threads share only
 * read-only values.
 */
struct value;
int mustache_render_values(const struct mustache_template *t,
			   const struct value *const *contexts,
			   size_t ncontexts, struct buf *out,
			   struct diag_list *diags);

void mustache_template_free(struct mustache_template *t);

/*
 * Knowing what a template reads, so that a page whose inputs did not
 * change can be kept without rendering it (write/site.c).  The uses of
 * one or more templates (with every partial and parent they name) are
 * the names each context and each section's item may be asked for;
 * mustache_uses_digest() hashes only those parts of a context, so that a
 * change anywhere else leaves the digest as it was.  The sets are by
 * name, not by place, so they are larger than needed, never smaller.
 */
struct mustache_uses;
struct mustache_uses *mustache_uses_new(void);
void mustache_uses_free(struct mustache_uses *u);
/*
 * Adds what t reads.  false when that cannot be told (a dynamic partial,
 * whose name comes from the data): the digest then covers the whole
 * context.
 */
bool mustache_uses_add(struct mustache_uses *u, const struct mustache_template *t);
/* h (base/hash.h) carried on over what u's templates read of context. */
uint64_t mustache_uses_digest(const struct mustache_uses *u, uint64_t h,
			      const struct value *context);
/* h carried on over t's compiled form, its partials' and its parents'. */
uint64_t mustache_template_digest(uint64_t h, const struct mustache_template *t);

#endif
