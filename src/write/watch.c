/*
 * watch.c - inotify on what a site is built from (see watch.h).
 */
#include "write/watch.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "write/outdir.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

/* Whatever changes what a folder holds or what is in its files. */
#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
		      IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | \
		      IN_ONLYDIR)

struct watched {
	int wd;
	char *dir;          /* as first named */
	char *real;         /* canonical, to know the site's folder beside it */
	bool keep;          /* still wanted by the latest watch_model() */
};

struct watch {
	int fd;
	struct watched *items;
	size_t n, cap;
	char **inputs;      /* the model's, for a hidden file named as one */
	size_t ninputs;
	char *out_parent;   /* canonical: the folder the site is made in */
	char *out_name;     /* the site folder's name there */
	int err;            /* the first failure but a folder not there */
};

struct watch *watch_new(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	struct watch *w;

	if (fd < 0)
		return NULL;
	w = mem_calloc(1, sizeof(*w));
	w->fd = fd;
	return w;
}

int watch_fd(const struct watch *w)
{
	return w->fd;
}

static struct watched *find(const struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->items[i].wd == wd)
			return &w->items[i];
	return NULL;
}

/* Watches the folder dir (again: a folder already watched keeps its
 * descriptor); false when it is no folder. */
static bool add(struct watch *w, const char *dir)
{
	int wd = inotify_add_watch(w->fd, dir, WATCH_EVENTS);
	struct watched *it;

	if (wd < 0 && errno != ENOENT && errno != ENOTDIR && !w->err)
		w->err = errno;     /* ENOSPC: the system's limit of watches */
	if (wd < 0)
		return false;
	it = find(w, wd);
	if (!it) {
		w->items = mem_array_grow(w->items, &w->cap, w->n + 1,
					  sizeof(*w->items));
		it = &w->items[w->n++];
		it->wd = wd;
		it->dir = mem_strdup(dir);
		it->real = realpath(dir, NULL);
	}
	it->keep = true;
	return true;
}

/*
 * The folder dir, or the nearest one above it that there is: a folder
 * made later (evidence/, templates/) is an event in its parent.
 */
static void add_nearest(struct watch *w, const char *dir)
{
	char *at = mem_strdup(dir);

	while (!add(w, at) && strcmp(at, ".") != 0 && strcmp(at, "/") != 0) {
		char *up = fs_parent(at);

		free(at);
		at = up;
	}
	free(at);
}

static void add_tree_entry(void *ctx, const char *path, const char *rel,
			   const struct stat *st)
{
	(void)rel;
	if (st && S_ISDIR(st->st_mode))
		add(ctx, path);
}

/* Forgets the watches no longer wanted (after watch_model() marked them). */
static void drop_unwanted(struct watch *w)
{
	size_t kept = 0;

	for (size_t i = 0; i < w->n; i++) {
		struct watched *it = &w->items[i];

		if (it->keep) {
			w->items[kept++] = *it;
			continue;
		}
		inotify_rm_watch(w->fd, it->wd);
		free(it->dir);
		free(it->real);
	}
	w->n = kept;
}

static void forget_inputs(struct watch *w)
{
	for (size_t i = 0; i < w->ninputs; i++)
		free(w->inputs[i]);
	free(w->inputs);
	w->inputs = NULL;
	w->ninputs = 0;
}

/* The folder the site is made in, and its name there. */
static void note_out(struct watch *w, const char *out)
{
	char *folder = outdir_folder(out), *up;

	free(w->out_parent);
	free(w->out_name);
	w->out_parent = w->out_name = NULL;
	if (!folder)
		return;
	up = fs_parent(folder);
	w->out_parent = realpath(up, NULL);
	w->out_name = mem_strdup(strrchr(folder, '/') ? strrchr(folder, '/') + 1
				 : folder);
	free(up);
	free(folder);
}

int watch_model(struct watch *w, const struct model *m,
		const char *templates, const char *out)
{
	const char *dirs[] = {
		m->units_dir, m->qualifications_dir, m->evidence_dir, m->otj_dir,
		templates,
	};

	w->err = 0;
	for (size_t i = 0; i < w->n; i++)
		w->items[i].keep = false;
	add(w, ".");
	forget_inputs(w);
	w->inputs = mem_calloc(m->ninputs + 1, sizeof(*w->inputs));
	for (size_t i = 0; i < m->ninputs; i++) {
		char *up = fs_parent(m->inputs[i]);

		w->inputs[w->ninputs++] = mem_strdup(m->inputs[i]);
		add_nearest(w, up);
		free(up);
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (dirs[i])
			add_nearest(w, dirs[i]);
	if (templates)
		fs_walk(templates, add_tree_entry, w);
	drop_unwanted(w);
	note_out(w, out);
	return w->err;
}

/* The site's folder or one of the folders it is built in and swapped
 * through (OUT.folio-new, OUT.folio-new-old), beside it in it->dir. */
static bool is_out(const struct watch *w, const struct watched *it,
		   const char *name)
{
	size_t n = w->out_name ? strlen(w->out_name) : 0;

	return it->real && w->out_parent && strcmp(it->real, w->out_parent) == 0 &&
	       strncmp(name, w->out_name, n) == 0 &&
	       (name[n] == '\0' || strncmp(name + n, ".folio-new", 10) == 0);
}

static bool named_input(const struct watch *w, const struct watched *it,
			const char *name)
{
	char *path = fs_join(it->dir, name);
	bool found = false;

	for (size_t i = 0; i < w->ninputs && !found; i++)
		found = strcmp(w->inputs[i], path) == 0;
	free(path);
	return found;
}

static bool is_change(const struct watch *w, const struct inotify_event *ev)
{
	const struct watched *it;
	const char *name = ev->len ? ev->name : "";
	size_t len = strlen(name);

	if (ev->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF))
		return true;
	if ((ev->mask & IN_IGNORED) || len == 0)
		return false;
	it = find(w, ev->wd);
	if (!it || is_out(w, it, name))
		return false;
	if (name[0] == '.' || name[len - 1] == '~')
		return named_input(w, it, name);
	return true;
}

/* After IN_IGNORED: the folder is gone, and so is its watch. */
static void forget(struct watch *w, int wd)
{
	struct watched *it = find(w, wd);

	if (!it)
		return;
	free(it->dir);
	free(it->real);
	*it = w->items[--w->n];
}

bool watch_changed(struct watch *w)
{
	/* Room for many events; one is at most a header and NAME_MAX + 1. */
	char events[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;

	for (;;) {
		ssize_t n = read(w->fd, events, sizeof(events));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;      /* EAGAIN: none left */
		for (char *p = events; p < events + n; ) {
			const struct inotify_event *ev = (const void *)p;

			changed = is_change(w, ev) || changed;
			if (ev->mask & IN_IGNORED)
				forget(w, ev->wd);
			p += sizeof(*ev) + ev->len;
		}
	}
	return changed;
}

void watch_free(struct watch *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++) {
		free(w->items[i].dir);
		free(w->items[i].real);
	}
	free(w->items);
	forget_inputs(w);
	free(w->out_parent);
	free(w->out_name);
	close(w->fd);
	free(w);
}
