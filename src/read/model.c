/*
 * model.c - the loaded centre's lookups, and freeing it (see model.h).
 */
#include "read/model.h"
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

const struct unit *model_find_unit(const struct model *m, const char *id)
{
	return unit_find(m->units, m->nunits, id);
}

size_t model_unit_index(const struct model *m, const struct unit *u)
{
	size_t lo = 0, hi = m->nunits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(m->units[mid]->id, u->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nunits && m->units[lo] == u ? lo : m->nunits;
}

/* A walk: a centre reads tens of files, and only its units ask. */
const struct fs_stamp *model_input_stamp(const struct model *m,
					 const char *path)
{
	for (size_t i = 0; i < m->ninputs; i++)
		if (strcmp(m->inputs[i], path) == 0)
			return &m->input_stamps[i];
	return NULL;
}

const struct learner *model_find_learner(const struct model *m,
					 const char *id)
{
	return strmap_get(&m->learner_index, id);
}

const struct qualification *model_find_qualification(const struct model *m,
						     const char *id)
{
	return qualification_find(m->qualifications, m->nqualifications, id);
}

const struct assessor *model_find_assessor(const struct model *m,
					   const char *initials)
{
	return assessor_find(&m->assessor_folded, initials);
}

const char *model_assessor_name(const struct model *m, const char *initials)
{
	const struct assessor *as = initials ? model_find_assessor(m, initials)
					     : NULL;

	return as ? as->name : NULL;
}

void model_free(struct model *m)
{
	for (size_t i = 0; i < m->nfiles; i++) {
		csvfile_free(m->files[i]);
		free(m->files[i]);
	}
	free(m->files);
	free(m->learners);
	free(m->evidence);
	for (size_t i = 0; i < m->nrow_blocks; i++)
		free(m->row_blocks[i]);
	free(m->row_blocks);
	free(m->assessors);
	free(m->iqa);
	free(m->signoffs);
	free(m->otj);
	free(m->reviews);
	free(m->inputs);
	free(m->input_stamps);
	strmap_free(&m->learner_index);
	strmap_free(&m->assessor_folded);
	free(m->units);
	free(m->qualifications);
	for (size_t i = 0; i < m->nrow_arenas; i++)
		arena_free(&m->row_arenas[i]);
	free(m->row_arenas);
	arena_free(&m->arena);
	memset(m, 0, sizeof(*m));
}

size_t model_criteria_count(const struct model *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nunits; i++)
		n += m->units[i]->ncriteria;
	return n;
}
