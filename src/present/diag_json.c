/*
 * diag_json.c - diagnostics as JSON (see diag_json.h).
 */
#include "present/diag_json.h"

static struct value int_or_null(int n)
{
	return n > 0 ? value_int(n) : value_null();
}

static struct value to_json(struct arena *a, const struct diag_list *list,
			    bool published)
{
	struct value *items = value_items(a, list->count);

	for (size_t i = 0; i < list->count; i++) {
		const struct diag *d = &list->items[i];
		struct value_obj o = value_obj_new(a, 5);

		value_put(&o, "file", value_text(d->file));
		value_put(&o, "line", int_or_null(d->line));
		value_put(&o, "column", int_or_null(d->column));
		value_put(&o, "severity", value_text(diag_severity_name(d->severity)));
		value_put(&o, "message", value_text(published && d->outside ?
			"the message is in the build's own output: this "
			"file is outside the centre folder, so no text of "
			"it is published" : d->message));
		items[i] = value_obj_done(&o);
	}
	return value_list(items, list->count);
}

struct value diag_json_list(struct arena *a, const struct diag_list *list)
{
	return to_json(a, list, false);
}

struct value diag_json_published(struct arena *a, const struct diag_list *list)
{
	return to_json(a, list, true);
}
