/*
 * config.c - reading folio.yml (see config.h).
 */
#include "config.h"
#include "buf.h"
#include "date.h"
#include "encoding.h"
#include "fsutil.h"
#include "utf8.h"
#include "ydoc.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

struct reading {
	struct config *config;
	struct arena *arena;
	struct diag_list *diags;
};

static void read_string(struct reading *r, struct ydoc *y, yaml_node_t *value,
			const char *key, const char **out)
{
	const char *text;

	if (ydoc_text(y, value, key, &text))
		*out = arena_strdup(r->arena, text);
}

static void read_date(struct reading *r, struct ydoc *y, yaml_node_t *value)
{
	const char *text;
	struct buf why = BUF_INIT;

	if (!ydoc_text(y, value, "today", &text))
		return;
	if (date_parse(text, &r->config->today) == 0) {
		r->config->has_today = true;
		return;
	}
	date_explain(text, &why);
	diag_error(r->diags, y->file, ydoc_line(y, value), ydoc_column(value),
		   "`today`: %s", buf_cstr(&why));
	buf_free(&why);
}

static void read_path(struct ydoc *y, const char *key, yaml_node_t *key_node,
		      yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "units") == 0)
		read_string(r, y, value, key, &r->config->units);
	else if (strcmp(key, "learners") == 0)
		read_string(r, y, value, key, &r->config->learners);
	else if (strcmp(key, "evidence") == 0)
		read_string(r, y, value, key, &r->config->evidence);
	else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in `paths` (known: units, learners, evidence)",
			     key);
}

static const char *encoding_name(struct reading *r, struct ydoc *y,
				 yaml_node_t *value)
{
	const char *name;

	if (!ydoc_text(y, value, "encoding", &name))
		return NULL;
	if (!encoding_known(name)) {
		diag_error(r->diags, y->file, ydoc_line(y, value), ydoc_column(value),
			   "unknown encoding `%s` (such as utf-8 or windows-1252)", name);
		return NULL;
	}
	return arena_strdup(r->arena, name);
}

static void read_pattern(struct ydoc *y, const char *key, yaml_node_t *key_node,
			 yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;
	struct config *c = r->config;
	const char *name = encoding_name(r, y, value);
	struct config_encoding *grown;

	(void)key_node;
	if (!name)
		return;
	grown = arena_alloc(r->arena, (c->nencodings + 1) * sizeof(*grown));
	if (c->nencodings)
		memcpy(grown, c->encodings, c->nencodings * sizeof(*grown));
	grown[c->nencodings].pattern = arena_strdup(r->arena, key);
	grown[c->nencodings].name = name;
	c->encodings = grown;
	c->nencodings++;
}

static void read_encoding(struct reading *r, struct ydoc *y, yaml_node_t *value)
{
	if (value->type == YAML_MAPPING_NODE)
		ydoc_each_pair(y, value, "`encoding`", read_pattern, r);
	else
		r->config->encoding = encoding_name(r, y, value);
}

const char *config_encoding_for(const struct config *c, const char *path)
{
	for (size_t i = 0; i < c->nencodings; i++)
		if (fnmatch(c->encodings[i].pattern, path, 0) == 0)
			return c->encodings[i].name;
	return c->encoding;
}

static void read_key(struct ydoc *y, const char *key, yaml_node_t *key_node,
		     yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "name") == 0)
		read_string(r, y, value, key, &r->config->name);
	else if (strcmp(key, "number") == 0)
		read_string(r, y, value, key, &r->config->number);
	else if (strcmp(key, "today") == 0)
		read_date(r, y, value);
	else if (strcmp(key, "paths") == 0)
		ydoc_each_pair(y, value, "`paths`", read_path, r);
	else if (strcmp(key, "encoding") == 0)
		read_encoding(r, y, value);
	else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` (known: name, number, today, paths, encoding)",
			     key);
}

int config_load(struct config *c, struct arena *arena, const char *path,
		struct diag_list *diags)
{
	struct reading r = { c, arena, diags };
	struct ydoc y;
	char *text;
	size_t len, bad;
	int err, line, column;

	memset(c, 0, sizeof(*c));
	err = fs_read_file(path, &text, &len);
	if (err == ENOENT)
		return 0;
	if (err)
		return err;
	c->file = arena_strdup(arena, path);
	bad = utf8_check(text, len);
	if (bad < len) {
		utf8_locate(text, bad, &line, &column);
		diag_error(diags, path, line, column,
			   "not UTF-8 text (byte 0x%02X): save the file as UTF-8",
			   (unsigned char)text[bad]);
	} else if (ydoc_load(&y, c->file, text, len, 1, diags) == 0) {
		yaml_node_t *root = ydoc_root(&y);

		if (root && !ydoc_is_null(root))
			ydoc_each_pair(&y, root, "folio.yml", read_key, &r);
		ydoc_free(&y);
	} else {
		ydoc_free(&y);
	}
	free(text);
	return 0;
}
