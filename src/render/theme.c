/*
 * theme.c - built-in templates overridden from a folder (see theme.h).
 */
#include "render/theme.h"
#include "base/buf.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "render/mustache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct theme_file *built_in(const char *path)
{
	for (size_t i = 0; i < theme_files_count; i++)
		if (strcmp(theme_files[i].path, path) == 0)
			return &theme_files[i];
	return NULL;
}

int theme_read(const struct theme *theme, const char *path, char **data,
	       size_t *len, char **label)
{
	const struct theme_file *f;

	if (theme->dir) {
		char *file = fs_join(theme->dir, path);
		int err = fs_read_file(file, data, len);

		if (err == 0) {
			*label = file;
			return 0;
		}
		if (err != ENOENT) {
			*label = file;
			return -err;
		}
		free(file);
	}
	f = built_in(path);
	if (!f)
		return 1;
	*data = mem_strndup((const char *)f->data, f->len);
	*len = f->len;
	*label = fs_join("templates", path);
	return 0;
}

int theme_load_template(void *ctx, const char *name, char **source,
			size_t *len, char **label)
{
	const struct theme *theme = ctx;
	struct buf path = BUF_INIT;
	int rc;

	if (!mustache_name_ok(name, strlen(name)))
		return 1;
	buf_printf(&path, "%s/%s.mustache", theme->format, name);
	rc = theme_read(theme, buf_cstr(&path), source, len, label);
	buf_free(&path);
	return rc;
}

int theme_render_markdown(const char *templates, const char *name,
			  const struct value *context, enum date_style dates,
			  struct buf *out, struct diag_list *diags)
{
	struct theme theme = { templates, "md" };
	struct mustache_env *env = mustache_env_new(theme_load_template, &theme);
	const struct mustache_template *t;
	int rc = -1;

	mustache_env_set_escape(env, mustache_escape_markdown);
	mustache_env_set_date_style(env, dates);
	t = mustache_env_get(env, name, diags);
	if (t)
		rc = mustache_render_values(t, &context, 1, out, diags);
	mustache_env_free(env);
	return rc;
}
