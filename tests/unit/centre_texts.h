/*
 * centre_texts.h - a hand-made centre held in memory, for the tests that
 * load one as folio would (test_xref, test_iqa, test_sample, test_evidence,
 * test_export): model_paths.texts, so that nothing is written to disk.
 *
 * write_file(NAME, TEXT) adds the file centre/NAME (or replaces it);
 * centre_use(&paths) points a model_paths at the files, with the centre
 * folder "centre" (dir); centre_reset() forgets them all;
 * centre_messages() is what a load reported, as text to compare.
 */
#ifndef FOLIO_CENTRE_TEXTS_H
#define FOLIO_CENTRE_TEXTS_H

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "read/model.h"

static const char dir[] = "centre";
static struct fs_text *texts;
static size_t ntexts, texts_cap;

static void centre_reset(void)
{
	for (size_t i = 0; i < ntexts; i++) {
		free((char *)texts[i].path);
		free((char *)texts[i].text);
	}
	free(texts);
	texts = NULL;
	ntexts = texts_cap = 0;
}

static void write_file(const char *name, const char *text)
{
	char *path = fs_join(dir, name);

	for (size_t i = 0; i < ntexts; i++)
		if (strcmp(texts[i].path, path) == 0) {
			free((char *)texts[i].text);
			texts[i].text = mem_strdup(text);
			free(path);
			return;
		}
	texts = mem_array_grow(texts, &texts_cap, ntexts + 1, sizeof(*texts));
	texts[ntexts].path = path;
	texts[ntexts++].text = mem_strdup(text);
}

static void centre_use(struct model_paths *paths)
{
	paths->centre = dir;
	paths->texts = texts;
	paths->ntexts = ntexts;
}

/* Every diagnostic, sorted, one "FILE:LINE: severity: message" line
 * each (free the text). */
static inline char *centre_messages(struct diag_list *diags)
{
	struct buf out = BUF_INIT;

	diag_list_sort(diags);
	for (size_t i = 0; i < diags->count; i++)
		buf_printf(&out, "%s:%d: %s: %s\n", diags->items[i].file,
			   diags->items[i].line,
			   diag_severity_name(diags->items[i].severity),
			   diags->items[i].message);
	return buf_detach(&out);
}

#endif
