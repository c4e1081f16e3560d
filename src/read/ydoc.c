/*
 * ydoc.c - YAML documents with located, typed values (see ydoc.h).
 */
#include "read/ydoc.h"
#include "base/strmap.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Where flow collections ([ and {) open more than YDOC_MAX_DEPTH deep,
 * or len: libyaml's time grows with the square of the depth (100,000
 * levels took a minute), and front matter or folio.yml needs two or
 * three.  Quoted scalars and comments are skipped; a bracket in a plain
 * scalar counts, which a hand-written file never takes near the limit.
 */
static size_t too_deep(const char *text, size_t len)
{
	size_t depth = 0;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '"' || c == '\'') {
			while (++i < len && text[i] != c)
				if (c == '"' && text[i] == '\\')
					i++;
		} else if (c == '#' && (i == 0 || text[i - 1] == ' ' ||
				       text[i - 1] == '\t' || text[i - 1] == '\n')) {
			while (i < len && text[i] != '\n')
				i++;
		} else if ((c == '[' || c == '{') && ++depth > YDOC_MAX_DEPTH) {
			return i;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return len;
}

/* Line and column (1-based) of text[at]. */
static void locate(const char *text, size_t at, int *line, int *column)
{
	const char *start = text;

	*line = 0;
	for (const char *p = text; p < text + at; p++)
		if (*p == '\n') {
			(*line)++;
			start = p + 1;
		}
	*column = (int)(text + at - start) + 1;
}

int ydoc_load(struct ydoc *y, const char *file, const char *text, size_t len,
	      int first_line, struct diag_list *diags)
{
	yaml_parser_t parser;
	size_t deep = too_deep(text, len);
	int ok, line, column;

	memset(y, 0, sizeof(*y));
	y->file = file;
	y->first_line = first_line;
	y->diags = diags;
	if (deep < len) {
		locate(text, deep, &line, &column);
		diag_error(diags, file, first_line + line, column,
			   "YAML nested more than %d levels deep: folio's settings "
			   "need two or three", YDOC_MAX_DEPTH);
		return -1;
	}
	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	ok = yaml_parser_load(&parser, &y->doc);
	if (!ok) {
		const char *problem = parser.problem ? parser.problem : "invalid YAML";
		yaml_mark_t mark = parser.problem_mark;

		if (parser.context)
			diag_error(diags, file, first_line + (int)mark.line,
				   (int)mark.column + 1, "YAML: %s %s", problem,
				   parser.context);
		else
			diag_error(diags, file, first_line + (int)mark.line,
				   (int)mark.column + 1, "YAML: %s", problem);
	}
	y->loaded = ok;
	yaml_parser_delete(&parser);
	return ok ? 0 : -1;
}

void ydoc_free(struct ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = false;
}

yaml_node_t *ydoc_root(struct ydoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *ydoc_node(struct ydoc *y, int index)
{
	return yaml_document_get_node(&y->doc, index);
}

int ydoc_line(const struct ydoc *y, const yaml_node_t *node)
{
	return y->first_line + (int)node->start_mark.line;
}

int ydoc_column(const yaml_node_t *node)
{
	return (int)node->start_mark.column + 1;
}

static const char *scalar(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

bool ydoc_is_null(const yaml_node_t *node)
{
	const char *s;

	if (node->type != YAML_SCALAR_NODE ||
	    node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = scalar(node);
	return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0;
}

static const char *kind_name(const yaml_node_t *node)
{
	return node->type == YAML_SEQUENCE_NODE ? "a list" : "a mapping";
}

bool ydoc_text(struct ydoc *y, yaml_node_t *node, const char *key,
	       const char **out)
{
	if (node->type != YAML_SCALAR_NODE) {
		diag_error(y->diags, y->file, ydoc_line(y, node), ydoc_column(node),
			   "`%s` must be a single value, not %s", key,
			   kind_name(node));
		return false;
	}
	if (strlen(scalar(node)) != node->data.scalar.length) {
		diag_error(y->diags, y->file, ydoc_line(y, node), ydoc_column(node),
			   "`%s` contains a NUL character", key);
		return false;
	}
	*out = scalar(node);
	return true;
}

bool ydoc_bool(struct ydoc *y, yaml_node_t *node, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", NULL };
	static const char *const no[] = { "false", "no", "off", NULL };
	const char *s;

	if (!ydoc_text(y, node, key, &s))
		return false;
	for (size_t i = 0; yes[i]; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	diag_error(y->diags, y->file, ydoc_line(y, node), ydoc_column(node),
		   "`%s` must be true or false, not `%s`", key, s);
	return false;
}

bool ydoc_int(struct ydoc *y, yaml_node_t *node, const char *key,
	      long min, long max, long *out)
{
	const char *s;
	char *end;
	long n;

	if (!ydoc_text(y, node, key, &s))
		return false;
	errno = 0;
	n = strtol(s, &end, 10);
	if (!*s || *end || errno || n < min || n > max) {
		if (max == LONG_MAX)
			diag_error(y->diags, y->file, ydoc_line(y, node),
				   ydoc_column(node),
				   "`%s` must be a whole number of at least %ld, not `%s`",
				   key, min, s);
		else
			diag_error(y->diags, y->file, ydoc_line(y, node),
				   ydoc_column(node),
				   "`%s` must be a whole number from %ld to %ld, not `%s`",
				   key, min, max, s);
		return false;
	}
	*out = n;
	return true;
}

bool ydoc_each_pair(struct ydoc *y, yaml_node_t *map, const char *what,
		    ydoc_pair_fn fn, void *ctx)
{
	yaml_node_pair_t *pair;
	struct strmap seen = STRMAP_INIT;   /* keys so far: a scan was quadratic */

	if (map->type != YAML_MAPPING_NODE) {
		diag_error(y->diags, y->file, ydoc_line(y, map), ydoc_column(map),
			   "%s must be a mapping of `key: value` lines", what);
		return false;
	}
	for (pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = ydoc_node(y, pair->key);
		yaml_node_t *value = ydoc_node(y, pair->value);
		const char *name;

		if (key->type != YAML_SCALAR_NODE) {
			diag_error(y->diags, y->file, ydoc_line(y, key),
				   ydoc_column(key), "%s has a key that is not text",
				   what);
			continue;
		}
		name = scalar(key);
		if (strmap_put(&seen, name, key) != key) {
			diag_error(y->diags, y->file, ydoc_line(y, key),
				   ydoc_column(key), "`%s` is given twice in %s",
				   name, what);
			continue;
		}
		fn(y, name, key, value, ctx);
	}
	strmap_free(&seen);
	return true;
}

/* A line that is exactly `---` (or `...` to close), trailing blanks allowed. */
static bool fence_line(const char *s, size_t n, bool closing)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 3 && (memcmp(s, "---", 3) == 0 ||
			  (closing && memcmp(s, "...", 3) == 0));
}

int ydoc_front_matter(const char *text, size_t len, size_t start,
		      size_t *yaml, size_t *yaml_len, size_t *end)
{
	size_t eol = start;

	while (eol < len && text[eol] != '\n')
		eol++;
	if (!fence_line(text + start, eol - start, false))
		return YDOC_NO_FRONT_MATTER;
	*yaml = eol + 1;
	for (size_t pos = eol + 1; pos < len; pos = eol + 1) {
		eol = pos;
		while (eol < len && text[eol] != '\n')
			eol++;
		if (fence_line(text + pos, eol - pos, true)) {
			*yaml_len = pos - *yaml;
			*end = eol < len ? eol + 1 : eol;
			return 0;
		}
	}
	return YDOC_FRONT_MATTER_OPEN;
}
