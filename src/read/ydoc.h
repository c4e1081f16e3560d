/*
 * ydoc.h - a YAML document with located, typed access to its values.
 *
 * Unit front matter and folio.yml are small YAML mappings written by hand.
 * libyaml parses them; this module turns what a person wrote into the
 * values folio wants (a string, a whole number in a range, yes/no, a list)
 * and reports each mistake at the line and column of the value, through
 * the diagnostics list.  Nothing here knows what the keys mean.
 */
#ifndef FOLIO_YDOC_H
#define FOLIO_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "base/diag.h"

struct ydoc {
	yaml_document_t doc;
	bool loaded;
	const char *file;
	int first_line;            /* file line of the YAML text's line 1 */
	struct diag_list *diags;
};

/* Flow collections ([...], {...}) nested deeper are refused. */
#define YDOC_MAX_DEPTH 64

/*
 * Parses text (the YAML alone, which starts on file line first_line).
 * 0 on success; -1 after reporting the syntax error (or nesting past
 * YDOC_MAX_DEPTH).  Free with ydoc_free() in either case.
 */
int ydoc_load(struct ydoc *y, const char *file, const char *text, size_t len,
	      int first_line, struct diag_list *diags);
void ydoc_free(struct ydoc *y);

yaml_node_t *ydoc_root(struct ydoc *y);  /* NULL for an empty document */
yaml_node_t *ydoc_node(struct ydoc *y, int index);
int ydoc_line(const struct ydoc *y, const yaml_node_t *node);
int ydoc_column(const yaml_node_t *node);

/* Plain `~`, `null` or nothing: the key is there but says nothing. */
bool ydoc_is_null(const yaml_node_t *node);

/*
 * Each converter reports a located error naming `key` and returns false
 * when the value is not of its kind; *out is then left alone.
 */
bool ydoc_text(struct ydoc *y, yaml_node_t *node, const char *key,
	       const char **out);
bool ydoc_bool(struct ydoc *y, yaml_node_t *node, const char *key,
	       bool *out);
bool ydoc_int(struct ydoc *y, yaml_node_t *node, const char *key,
	      long min, long max, long *out);

/* Calls fn for each key of a mapping, reporting duplicate and non-text keys. */
typedef void (*ydoc_pair_fn)(struct ydoc *y, const char *key,
			     yaml_node_t *key_node, yaml_node_t *value,
			     void *ctx);
bool ydoc_each_pair(struct ydoc *y, yaml_node_t *map, const char *what,
		    ydoc_pair_fn fn, void *ctx);

/*
 * Where a Markdown file's YAML front matter is: between a first line (at
 * start) that is `---` and the next line that is `---` or `...`, trailing
 * blanks allowed.  Returns 0 with its text at text[*yaml .. + *yaml_len)
 * and *end just past the closing line; YDOC_NO_FRONT_MATTER when the text
 * does not open with `---`; YDOC_FRONT_MATTER_OPEN when it is never closed.
 */
enum { YDOC_NO_FRONT_MATTER = 1, YDOC_FRONT_MATTER_OPEN = 2 };
int ydoc_front_matter(const char *text, size_t len, size_t start,
		      size_t *yaml, size_t *yaml_len, size_t *end);

#endif
