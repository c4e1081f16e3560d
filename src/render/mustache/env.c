/*
 * render/mustache/env.c - Mustache environments: the cache of compiled partials,
 * loading and linking them, partial names, and the folder loader (see
 * mustache.h for the contract, tree.h for the compiled form).
 *
 * Linking works through a queue, not recursion: compiling a template
 * parses it, then each static partial it names is looked up in the cache
 * or loaded and parsed and queued in turn, so a chain of partials of any
 * length, or a partial including itself, costs no stack.  A compilation
 * that fails anywhere takes back every cache entry it added, so the cache
 * only ever holds fully linked templates and the next attempt reports the
 * same errors again.
 */
#include "base/fsutil.h"
#include "base/hash.h"
#include "base/mem.h"
#include "render/mustache/tree.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct linker {
	struct mustache_env *env;
	struct diag_list *diags;
	size_t first;                        /* entries added by this run */
	struct mustache_template **queue;    /* parsed, not yet linked */
	size_t queued, cap;
	bool failed;
};

int mustache_load_dir(void *dir, const char *name, char **source,
		      size_t *len, char **label)
{
	struct buf file = BUF_INIT;
	char *path;
	int err;

	/* The engine refuses such names first; never leave the folder. */
	if (!mustache_name_ok(name, strlen(name)))
		return 1;
	buf_printf(&file, "%s.mustache", name);
	path = fs_join(dir ? (const char *)dir : ".", buf_cstr(&file));
	buf_free(&file);
	err = fs_read_file(path, source, len);
	if (err == ENOENT || err == ENOTDIR) {
		free(path);
		return 1;
	}
	*label = path;
	return err ? -err : 0;
}

struct mustache_env *mustache_env_new(mustache_load_fn load, void *ctx)
{
	struct mustache_env *env = mem_calloc(1, sizeof(*env));

	env->load = load;
	env->load_ctx = ctx;
	env->escape = mustache_escape_html;
	env->max_output = MUSTACHE_MAX_OUTPUT;
	env->max_steps = MUSTACHE_MAX_STEPS;
	pthread_mutex_init(&env->lock, NULL);
	return env;
}

void mustache_env_report_misses(struct mustache_env *env)
{
	env->report_misses = true;
}

void mustache_env_set_limits(struct mustache_env *env, size_t max_output,
			     size_t max_steps)
{
	env->max_output = max_output;
	env->max_steps = max_steps;
}

void mustache_env_set_date_style(struct mustache_env *env,
				 enum date_style style)
{
	env->date_style = style;
}

void mustache_env_set_escape(struct mustache_env *env, mustache_escape_fn fn)
{
	env->escape = fn ? fn : mustache_escape_html;
}

void mustache_template_free(struct mustache_template *t)
{
	if (!t)
		return;
	free(t->label);
	free(t->pool);
	free(t->nodes);
	free(t);
}

static void index_entry(struct mustache_env *env, size_t i)
{
	const char *name = env->entries[i].name;
	size_t mask = env->nslots - 1;
	size_t at = (size_t)hash_bytes(HASH_INIT, name, strlen(name)) & mask;

	while (env->slots[at])
		at = (at + 1) & mask;
	env->slots[at] = i + 1;
}

/* A fresh index with room to spare (open addressing stays fast). */
static void reindex(struct mustache_env *env)
{
	size_t n = 16;

	while (n < 2 * env->count + 2)
		n *= 2;
	free(env->slots);
	env->slots = mem_calloc(n, sizeof(*env->slots));
	env->nslots = n;
	for (size_t i = 0; i < env->count; i++)
		index_entry(env, i);
}

static void drop_entries(struct mustache_env *env, size_t from)
{
	if (from == env->count)
		return;
	for (size_t i = from; i < env->count; i++) {
		free(env->entries[i].name);
		mustache_template_free(env->entries[i].template);
	}
	env->count = from;
	reindex(env);
}

void mustache_env_free(struct mustache_env *env)
{
	if (!env)
		return;
	drop_entries(env, 0);
	free(env->entries);
	free(env->slots);
	pthread_mutex_destroy(&env->lock);
	free(env);
}

static struct mustache_entry *find_entry(struct mustache_env *env,
					 const char *name, size_t len)
{
	size_t mask = env->nslots - 1, at;

	if (env->nslots == 0)
		return NULL;
	for (at = (size_t)hash_bytes(HASH_INIT, name, len) & mask; env->slots[at];
	     at = (at + 1) & mask) {
		struct mustache_entry *e = &env->entries[env->slots[at] - 1];

		if (strncmp(e->name, name, len) == 0 && e->name[len] == '\0')
			return e;
	}
	return NULL;
}

static struct mustache_entry *add_entry(struct mustache_env *env, char *name)
{
	struct mustache_entry *e;

	env->entries = mem_array_grow(env->entries, &env->cap, env->count + 1,
				      sizeof(*env->entries));
	e = &env->entries[env->count++];
	e->name = name;
	e->template = NULL;
	if (2 * env->count + 2 > env->nslots)
		reindex(env);
	else
		index_entry(env, env->count - 1);
	return e;
}

static void enqueue(struct linker *k, struct mustache_template *t)
{
	k->queue = mem_array_grow(k->queue, &k->cap, k->queued + 1,
				  sizeof(*k->queue));
	k->queue[k->queued++] = t;
}

/* Where a problem with a partial is reported: its tag, or its name. */
static void load_error(struct linker *k, const char *name, const char *label,
		       const struct mustache_template *from,
		       const struct mustache_node *tag, int err)
{
	diag_error(k->diags, from ? from->label : label ? label : name,
		   tag ? tag->line : 0, tag ? tag->column : 0,
		   "cannot read partial '%s'%s%s%s: %s", name,
		   label ? " (" : "", label ? label : "", label ? ")" : "",
		   fs_strerror(err));
	k->failed = true;
}

/*
 * Asks the loader for name, caches what it says (a parsed template, or
 * that there is none) and queues a new template for linking.  Returns the
 * template, NULL when there is none or on failure (k->failed).
 */
static struct mustache_template *load_entry(struct linker *k,
					    const char *name, size_t len,
					    const struct mustache_template *from,
					    const struct mustache_node *tag)
{
	struct mustache_env *env = k->env;
	char *cname = mem_strndup(name, len), *source = NULL, *label = NULL;
	size_t slen = 0;
	int rc = env->load ? env->load(env->load_ctx, cname, &source, &slen,
				       &label) : 1;
	struct mustache_entry *e;

	if (rc < 0) {
		load_error(k, cname, label, from, tag, -rc);
		free(cname);
		free(label);
		return NULL;
	}
	e = add_entry(env, cname);
	if (rc == 0) {
		e->template = mustache_parse(env, label ? label : cname, source,
					     slen, k->diags);
		if (e->template)
			enqueue(k, e->template);
		else
			k->failed = true;
	}
	free(source);
	free(label);
	return e->template;
}

static const struct mustache_template *lookup(struct linker *k,
					      const char *name, size_t len,
					      const struct mustache_template *from,
					      const struct mustache_node *tag)
{
	struct mustache_entry *e = find_entry(k->env, name, len);

	return e ? e->template : load_entry(k, name, len, from, tag);
}

/* Points each static partial and parent of t at its compiled template. */
static void link_template(struct linker *k, struct mustache_template *t)
{
	for (size_t i = 0; i < t->count; i++) {
		struct mustache_node *n = &t->nodes[i];

		if ((n->kind != MUSTACHE_PARTIAL && n->kind != MUSTACHE_PARENT) ||
		    (n->flags & MUSTACHE_DYNAMIC))
			continue;
		n->partial = lookup(k, t->pool + n->off, n->len, t, n);
		if (!n->partial && !k->failed && k->env->report_misses)
			diag_warning(k->diags, t->label, n->line, n->column,
				     "%s '%.*s' is not a template, here or in "
				     "the built-in theme: it renders as nothing",
				     n->kind == MUSTACHE_PARENT ? "parent" : "partial",
				     (int)n->len, t->pool + n->off);
	}
}

/* Links everything queued; on failure takes back this run's entries. */
static bool run(struct linker *k)
{
	while (k->queued > 0)
		link_template(k, k->queue[--k->queued]);
	free(k->queue);
	k->queue = NULL;
	if (k->failed)
		drop_entries(k->env, k->first);
	return !k->failed;
}

static void start(struct linker *k, struct mustache_env *env,
		  struct diag_list *diags)
{
	memset(k, 0, sizeof(*k));
	k->env = env;
	k->diags = diags;
	k->first = env->count;
}

struct mustache_template *mustache_compile(struct mustache_env *env,
					   const char *label,
					   const char *source, size_t len,
					   struct diag_list *diags)
{
	struct mustache_template *t = mustache_parse(env, label, source, len,
						     diags);
	struct linker k;
	bool ok;

	if (!t)
		return NULL;
	pthread_mutex_lock(&env->lock);
	start(&k, env, diags);
	enqueue(&k, t);
	ok = run(&k);
	pthread_mutex_unlock(&env->lock);
	if (!ok) {
		mustache_template_free(t);
		return NULL;
	}
	return t;
}

const struct mustache_template *mustache_env_get(struct mustache_env *env,
						 const char *name,
						 struct diag_list *diags)
{
	const struct mustache_template *t;
	struct linker k;

	if (!mustache_name_ok(name, strlen(name))) {
		diag_error(diags, name, 0, 0, "template name '%s' is refused: "
			   "it must not start with '/', have '..' as a "
			   "folder, or contain a backslash", name);
		return NULL;
	}
	pthread_mutex_lock(&env->lock);
	start(&k, env, diags);
	t = lookup(&k, name, strlen(name), NULL, NULL);
	if (!run(&k))
		t = NULL;
	pthread_mutex_unlock(&env->lock);
	return t;
}

const struct mustache_template *mustache_env_dynamic(struct mustache_env *env,
						     const char *name,
						     size_t len,
						     const struct mustache_template *from,
						     const struct mustache_node *tag,
						     struct diag_list *diags,
						     int *failed)
{
	const struct mustache_template *t;
	struct linker k;

	pthread_mutex_lock(&env->lock);
	start(&k, env, diags);
	t = lookup(&k, name, len, from, tag);
	if (!run(&k)) {
		t = NULL;
		*failed = 1;
	}
	pthread_mutex_unlock(&env->lock);
	return t;
}
