/*
 * plan.c - the sampling plan as Markdown (see plan.h).
 */
#include "render/plan.h"
#include "base/jsonarena.h"
#include "present/export.h"
#include "present/pack_view.h"
#include "render/mustache.h"
#include "render/theme.h"

#include <jansson.h>

int plan_markdown(const struct model *m, const struct xref *x,
		  const struct sample *s, const struct scope *scope,
		  const char *templates, struct buf *out,
		  struct diag_list *diags)
{
	struct theme theme = { templates, "md" };
	struct mustache_env *env = mustache_env_new(theme_load_template, &theme);
	const struct mustache_template *t;
	struct jsonarena arena = { 0 };
	json_t *context;
	int rc = -1;

	/* A plan of the whole of a large centre is tens of thousands of
	 * entries, read by one render and dropped: its context is built in
	 * an arena and dropped whole, never decref'd (jsonarena.h). */
	jsonarena_install();
	jsonarena_activate(&arena);
	context = json_pack("{s:o, s:o}", "centre", export_centre(m),
			    "pack", pack_view_context(m, x, s, scope));
	jsonarena_activate(NULL);
	mustache_env_set_escape(env, mustache_escape_markdown);
	t = mustache_env_get(env, "sample", diags);
	if (t)
		rc = mustache_render(t, context, out, diags);
	jsonarena_free(&arena);
	mustache_env_free(env);
	return rc;
}

