/*
 * load.c - the loader context's files and lookups (see load.h).
 */
#include "read/load.h"
#include "read/config.h"
#include "base/mem.h"
#include "read/unit.h"

#include <string.h>

void load_note_input(struct load *load, const char *path)
{
	load->inputs = mem_array_grow(load->inputs, &load->inputs_cap,
				      load->ninputs + 1, sizeof(*load->inputs));
	load->inputs[load->ninputs++] = arena_strdup(&load->arena, path);
}

struct csvfile *load_new_csvfile(struct load *load)
{
	struct csvfile *f = mem_calloc(1, sizeof(*f));

	load->files = mem_array_grow(load->files, &load->files_cap,
				     load->nfiles + 1, sizeof(*load->files));
	load->files[load->nfiles++] = f;
	return f;
}

const struct csvfile *load_read_csv(struct load *load, const char *path,
				    const struct csvrow_column *columns,
				    size_t n, int *index, int *err,
				    struct diag_list *diags)
{
	struct csvfile *f = load_new_csvfile(load);
	int status;

	load_note_input(load, path);
	status = csvfile_load_as(f, path, load_encoding_for(load, path), diags);

	*err = status > 0 ? status : 0;
	if (status != 0 || !csvrow_map(f, columns, n, index, diags))
		return NULL;
	return f;
}

const char *load_encoding_for(const struct load *load, const char *path)
{
	size_t n = strlen(load->centre);

	if (load->encoding)
		return load->encoding;
	/* Patterns are written from the centre folder. */
	if (strcmp(load->centre, ".") != 0 &&
	    strncmp(path, load->centre, n) == 0 && path[n] == '/')
		path += n + 1;
	return config_encoding_for(load->config, path);
}

const struct unit *load_find_unit(const struct load *load, const char *id)
{
	return unit_find(load->units, load->nunits, id);
}

struct learner *load_find_learner(const struct load *load, const char *id)
{
	return strmap_get(&load->learner_index, id);
}
