/*
 * plan.c - the sampling plan as Markdown (see plan.h).
 */
#include "render/plan.h"
#include "present/export.h"
#include "present/pack_view.h"
#include "render/mustache.h"
#include "render/theme.h"

int plan_markdown(const struct model *m, const struct xref *x,
		  const struct sample *s, const struct scope *scope,
		  const char *templates, struct buf *out,
		  struct diag_list *diags)
{
	struct theme theme = { templates, "md" };
	struct mustache_env *env = mustache_env_new(theme_load_template, &theme);
	const struct mustache_template *t;
	struct arena arena = ARENA_INIT;
	struct value_obj context = value_obj_new(&arena, 2);
	struct value root;
	const struct value *stack[1] = { &root };
	int rc = -1;

	value_put(&context, "centre", export_centre(&arena, m));
	value_put(&context, "pack", pack_view_context(&arena, m, x, s, scope));
	root = value_obj_done(&context);
	mustache_env_set_escape(env, mustache_escape_markdown);
	t = mustache_env_get(env, "sample", diags);
	if (t)
		rc = mustache_render_values(t, stack, 1, out, diags);
	arena_free(&arena);
	mustache_env_free(env);
	return rc;
}

