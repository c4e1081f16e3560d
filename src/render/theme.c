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
