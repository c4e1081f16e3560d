/*
 * plan.c - the sampling plan as Markdown (see plan.h).
 */
#include "render/plan.h"
#include "present/export.h"
#include "present/pack_view.h"
#include "render/theme.h"

int plan_markdown(const struct model *m, const struct xref *x,
		  const struct sample *s, const struct scope *scope,
		  const char *templates, struct buf *out,
		  struct diag_list *diags)
{
	struct arena arena = ARENA_INIT;
	struct value_obj context = value_obj_new(&arena, 2);
	struct value root;
	int rc;

	value_put(&context, "centre", export_centre(&arena, m));
	value_put(&context, "pack", pack_view_context(&arena, m, x, s, scope));
	root = value_obj_done(&context);
	rc = theme_render_markdown(templates, "sample", &root,
				   m->config.date_style, out, diags);
	arena_free(&arena);
	return rc;
}
