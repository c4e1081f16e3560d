/*
 * model.c - loading a centre's inputs into the model (see model.h).
 */
#include "model.h"
#include "fsutil.h"
#include "mem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int compare_units(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;

	return strcmp(x->id, y->id);
}

const struct unit *model_find_unit(const struct model *m, const char *id)
{
	struct unit key = { .id = id }, *keyp = &key, **found;

	if (!m->nunits)
		return NULL;
	found = bsearch(&keyp, m->units, m->nunits, sizeof(*m->units),
			compare_units);
	return found ? *found : NULL;
}

/* The unit already loaded under u's id, looked up before sorting. */
static const struct unit *earlier_unit(const struct model *m,
				       const struct unit *u)
{
	for (size_t i = 0; i < m->nunits; i++)
		if (strcmp(m->units[i]->id, u->id) == 0)
			return m->units[i];
	return NULL;
}

static enum model_status load_unit_file(struct model *m, const char *path,
					size_t *cap, struct diag_list *diags)
{
	char *text;
	size_t len;
	int err = fs_read_file(path, &text, &len);
	struct unit *u;
	const struct unit *first;

	if (err) {
		diag_error(diags, path, 0, 0, "cannot read: %s", strerror(err));
		return MODEL_IO_ERROR;
	}
	u = unit_parse(&m->arena, path, text, len, diags);
	free(text);
	if (!u)
		return MODEL_OK;
	first = earlier_unit(m, u);
	if (first) {
		diag_error(diags, path, u->line, 0,
			   "duplicate unit id `%s`: %s:%d has it already",
			   u->id, first->file, first->line);
		return MODEL_OK;
	}
	m->units = mem_array_grow(m->units, cap, m->nunits + 1,
				  sizeof(*m->units));
	m->units[m->nunits++] = u;
	return MODEL_OK;
}

static enum model_status load_units(struct model *m, struct diag_list *diags)
{
	char **names;
	size_t count, cap = 0;
	enum model_status status = MODEL_OK;
	int err = fs_list_files(m->units_dir, ".md", &names, &count);

	if (err) {
		diag_error(diags, m->units_dir, 0, 0,
			   "cannot read the units folder: %s%s", strerror(err),
			   err == ENOENT ? " (run folio in a centre folder, or name "
					   "the folder with --units DIR)" : "");
		return MODEL_IO_ERROR;
	}
	for (size_t i = 0; i < count; i++) {
		char *path = fs_join(m->units_dir, names[i]);

		if (load_unit_file(m, path, &cap, diags) != MODEL_OK)
			status = MODEL_IO_ERROR;
		free(path);
	}
	if (count == 0)
		diag_error(diags, m->units_dir, 0, 0,
			   "no unit specifications (*.md files) in this folder");
	fs_free_names(names, count);
	if (m->nunits)
		qsort(m->units, m->nunits, sizeof(*m->units), compare_units);
	return status;
}

enum model_status model_load(struct model *m, const struct model_paths *paths,
			     struct diag_list *diags)
{
	memset(m, 0, sizeof(*m));
	m->centre = arena_strdup(&m->arena, paths->centre ? paths->centre : ".");
	if (paths->units) {
		m->units_dir = arena_strdup(&m->arena, paths->units);
	} else {
		char *dir = fs_join(m->centre, "units");

		m->units_dir = arena_strdup(&m->arena, dir);
		free(dir);
	}
	return load_units(m, diags);
}

void model_free(struct model *m)
{
	free(m->units);
	arena_free(&m->arena);
	memset(m, 0, sizeof(*m));
}

size_t model_criteria_count(const struct model *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nunits; i++)
		n += unit_criteria_count(m->units[i]);
	return n;
}
