/*
 * pack.c - writing the external-verification pack (see pack.h): the pack
 * page's context (present/pack_view.h), data.json and the choice of pages,
 * handed to the site writer as its general options.
 */
#include "write/pack.h"
#include "present/export.h"
#include "present/pack_view.h"
#include "present/sample_json.h"

/* data.json: the model in scope, then tail: the plan and what the pack
 * covers. */
struct pack_data {
	const struct pack_view *c;
	struct value tail;
};

static int write_data(const void *arg, export_sink *sink, void *sink_data)
{
	const struct pack_data *d = arg;

	return export_write(d->c->m, d->c->x, &d->tail, sink, sink_data);
}

enum site_status pack_build(const struct model *m, const struct xref *x,
			    const struct sample *s, const struct pack_options *o,
			    struct site_result *result, struct diag_list *diags)
{
	struct diag_list none = DIAG_LIST_INIT;
	const struct diag_list *scoped = o->diags ? o->diags : &none;
	struct pack_view c;
	struct arena arena = ARENA_INIT;
	struct value plan = sample_json_plan(&arena, s), context;
	struct pack_data data = { .c = &c };
	struct site_stream data_json = { "data.json", write_data, &data };
	struct site_options site = {
		.out = o->out, .html = true, .templates = o->templates,
		.jobs = o->jobs, .check_templates = o->templates != NULL,
		.index = VIEW_PACK, .streams = &data_json, .nstreams = 1,
		.checksums = true, .whole = "pack",
	};
	enum site_status status;

	pack_view_init(&c, m, x, s, o->scope);
	site.learners = c.sampled;
	context = pack_view_page(&arena, &c, &plan);
	site.context = &context;
	data.tail = pack_view_data_tail(&arena, &c, &plan, scoped);
	status = site_build(m, x, scoped, &site, result, diags);
	arena_free(&arena);
	pack_view_free(&c);
	diag_list_free(&none);
	return status;
}
