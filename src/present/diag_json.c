/*
 * diag_json.c - diagnostics as JSON (see diag_json.h).
 */
#include "present/diag_json.h"

static json_t *int_or_null(int n)
{
	return n > 0 ? json_integer(n) : json_null();
}

static json_t *to_json(const struct diag_list *list, bool published)
{
	json_t *array = json_array();

	for (size_t i = 0; i < list->count; i++) {
		const struct diag *d = &list->items[i];

		json_array_append_new(array, json_pack("{s:s, s:o, s:o, s:s, s:s}",
			"file", d->file,
			"line", int_or_null(d->line),
			"column", int_or_null(d->column),
			"severity", diag_severity_name(d->severity),
			"message", published && d->outside ?
				"the message is in the build's own output: this "
				"file is outside the centre folder, so no text of "
				"it is published" : d->message));
	}
	return array;
}

json_t *diag_json_list(const struct diag_list *list)
{
	return to_json(list, false);
}

json_t *diag_json_published(const struct diag_list *list)
{
	return to_json(list, true);
}
