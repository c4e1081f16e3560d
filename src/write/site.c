/*
 * site.c - the site builder (see site.h).
 *
 * Order of work: refuse a dangerous output; compile the page templates of
 * each format once; list the pages; build the shared site model; make
 * every folder of a fresh output beside the real one; render the pages
 * on `jobs` threads, each thread taking the next page (the first ones
 * write the streams first, such as a pack's data.json, beside the others);
 * then the checksums, if asked; then, if nothing failed, exchange the
 * fresh folder with the old one and delete the old.
 */
#define _GNU_SOURCE   /* qsort_r */

#include "write/site.h"
#include "base/buf.h"
#include "base/fsutil.h"
#include "base/hash.h"
#include "base/ident.h"
#include "base/mem.h"
#include "base/threads.h"
#include "present/learner_print.h"
#include "present/url.h"
#include "present/view.h"
#include "render/mustache.h"
#include "render/theme.h"
#include "write/fingerprint.h"
#include "write/outdir.h"
#include "write/record.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>


static const char *const template_names[] = {
	[VIEW_DASHBOARD] = "index",
	[VIEW_LEARNER] = "learner",
	[VIEW_PORTFOLIO] = "portfolio",
	[VIEW_UNIT] = "unit",
	[VIEW_SHEET] = "sheet",
	[VIEW_PACK] = "pack",
	[VIEW_CLAIMS] = "claims",
	[VIEW_QUALIFICATIONS] = "qualifications",
	[VIEW_ASSESSOR] = "assessor",
	[VIEW_COHORT] = "cohort",
	[VIEW_NEEDS] = "needs",
	[VIEW_UNITS] = "units",
};
#define NKINDS (sizeof(template_names) / sizeof(template_names[0]))

struct page {
	enum view_kind kind;
	size_t learner;                 /* VIEW_LEARNER, VIEW_QUALIFICATIONS */
	const struct portfolio *portfolio;
	const struct unit *unit;        /* VIEW_UNIT, VIEW_SHEET */
	const char *initials;           /* VIEW_ASSESSOR */
	size_t cohort;                  /* VIEW_COHORT: of shared.cohort_pages */
	size_t item;                    /* VIEW_NEEDS: the criterion's or, */
	bool requirement;               /* when this, requirement's index; */
	size_t part;                    /* which part of the list, from 1 */
	char *path;                     /* from the root, no extension */
	char *root;                     /* "../../" or the base URL */
};

struct format {
	const char *ext;                /* "html", "md" */
	struct theme theme;
	struct mustache_env *env;
	const struct mustache_template *templates[NKINDS];
};

/* A file's digest, for SHA256SUMS (site_options.checksums). */
struct sum {
	char *path;
	char hex[SHA256_DIGEST_SIZE * 2 + 1];
};

/* Names in no context, and missing partials: warnings, with their pages. */
struct misses {
	struct diag_list list;
	size_t *page;                   /* per warning: the page, or NO_PAGE */
	size_t cap;
};

#define NO_PAGE SIZE_MAX

/*
 * Keeping the pages of a learner whose inputs did not change: the site's
 * record (record.h) lists, for each learner, the digest each kind of
 * their pages (RECORD_KINDS: their page, their qualifications, their
 * portfolios) was made from; a page whose digest is the same now has its
 * old files linked into the fresh folder, unrendered, unless a file was
 * changed after the record, which is made again.
 */
struct keep {
	bool on;                        /* the old record can be trusted */
	uint64_t shared[RECORD_KINDS];  /* what each kind's pages share */
	uint64_t *unit_prints;          /* per model unit: its file */
	uint64_t *prints;               /* per model learner, RECORD_KINDS: now */
	bool *missed;                   /* per model learner: a miss now */
	struct record old;              /* the old site's */
};

struct build {
	const struct model *m;
	const struct xref *x;
	const struct site_options *o;
	struct view_shared shared;      /* every page's base context */
	bool has_old;                   /* --out holds an earlier build */
	bool shared_made;
	struct page *pages;
	size_t npages, pages_cap;
	struct format formats[2];
	size_t nformats;
	uint64_t templates_print;       /* the override's files, stamped
					 * before they were compiled */
	char *out;                      /* the output as given */
	char *fresh;                    /* the folder being built */
	size_t *groups;                 /* where each group of pages starts, */
	size_t ngroups;                 /* then npages */
	atomic_size_t next;             /* the next group to render */
	atomic_size_t done;
	atomic_bool failed;
	atomic_size_t next_stream;      /* the next of o->streams to write */
	pthread_mutex_t lock;           /* guards everything below */
	struct site_result result;
	struct diag_list *diags;
	enum site_status status;
	struct sum *sums;               /* every file, with checksums */
	size_t nsums, sums_cap;
	struct misses misses;           /* site_options.check_templates */
	struct keep keep;               /* learners' pages kept as they were */
	struct buf record;              /* record.h, written once published */
};

/* ---- folders and files -------------------------------------------------- */

static void fail(struct build *b, enum site_status status, const char *file,
		 const char *fmt, const char *detail)
{
	pthread_mutex_lock(&b->lock);
	diag_error(b->diags, file, 0, 0, fmt, detail);
	if (b->status == SITE_OK)
		b->status = status;
	pthread_mutex_unlock(&b->lock);
	atomic_store(&b->failed, true);
}

static bool make_dir(struct build *b, const char *rel)
{
	char *path = fs_join(b->fresh, rel);
	bool ok = mkdir(path, 0755) == 0 || errno == EEXIST;

	if (!ok)
		fail(b, SITE_IO_ERROR, path, "cannot make the folder: %s",
		     strerror(errno));
	free(path);
	return ok;
}

/* Whether the file at path holds exactly data. */
static bool same_bytes(const char *path, const char *data, size_t len)
{
	struct stat st;
	char *old;
	size_t old_len;
	bool same;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len || fs_read_file(path, &old, &old_len) != 0)
		return false;
	same = old_len == len && memcmp(old, data, len) == 0;
	free(old);
	return same;
}

/* Writes all of data to fd: 0, or the errno of the write that failed. */
/* Notes a file's SHA-256, for SHA256SUMS (see write_sums). */
static void add_digest(struct build *b, const char *rel,
		       const uint8_t digest[SHA256_DIGEST_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	struct sum *sum;

	pthread_mutex_lock(&b->lock);
	b->sums = mem_array_grow(b->sums, &b->sums_cap, b->nsums + 1,
				 sizeof(*b->sums));
	sum = &b->sums[b->nsums++];
	sum->path = mem_strdup(rel);
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
		sum->hex[2 * i] = digits[digest[i] >> 4];
		sum->hex[2 * i + 1] = digits[digest[i] & 15];
	}
	sum->hex[2 * SHA256_DIGEST_SIZE] = '\0';
	pthread_mutex_unlock(&b->lock);
}

static void add_sum(struct build *b, const char *rel, const char *data,
		    size_t len)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)data);
	sha256_digest(&ctx, sizeof(digest), digest);
	add_digest(b, rel, digest);
}

/*
 * Puts a file into the fresh folder: a hard link to the old file when its
 * bytes are the same (so it keeps its modification time), else written.
 */
static void put_file(struct build *b, const char *rel, const char *data,
		     size_t len, struct site_result *r)
{
	char *fresh = fs_join(b->fresh, rel);
	char *old = b->has_old ? fs_join(b->out, rel) : NULL;
	int err = 0;

	if (old && same_bytes(old, data, len) && link(old, fresh) == 0) {
		r->unchanged++;
	} else {
		err = fs_write_new(fresh, data, len);
		r->written++;
	}
	r->bytes += len;
	if (err)
		fail(b, SITE_IO_ERROR, fresh, "cannot write: %s", strerror(err));
	else if (b->o->checksums)
		add_sum(b, rel, data, len);
	free(fresh);
	free(old);
}

/*
 * A file written as its text comes (see put_stream): hashed for
 * SHA256SUMS, and compared with the old file's bytes as it goes.
 */
struct stream {
	int fd;
	int old_fd;                 /* -1: no old file, or it differs */
	char *old_piece;            /* the old file's bytes beside each piece */
	size_t old_cap;
	size_t len;
	struct sha256_ctx sha;
	int err;                    /* the errno that stopped the writing */
	const atomic_bool *failed;  /* the build's: another file failed */
};

/* Reads up to len bytes: how many it read before the end or an error. */
static size_t read_fd(int fd, char *data, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, data + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

/* A descriptor to read the file at path, or -1 unless it is a regular
 * file: never waits on a FIFO left where the old file was. */
static int open_regular(const char *path)
{
	struct stat st;
	int fd = fs_open_regular(path, &st);

	return fd < 0 ? -1 : fd;
}

static void stream_forget_old(struct stream *s)
{
	if (s->old_fd >= 0)
		close(s->old_fd);
	s->old_fd = -1;
}

static int stream_put(const char *text, size_t len, void *data)
{
	struct stream *s = data;

	/* The build is lost already: the rest of a long text would be too. */
	if (atomic_load(s->failed))
		return 1;
	s->err = fs_write_fd(s->fd, text, len);
	if (s->err)
		return 1;
	sha256_update(&s->sha, len, (const uint8_t *)text);
	s->len += len;
	if (s->old_fd >= 0) {
		s->old_piece = mem_array_grow(s->old_piece, &s->old_cap, len, 1);
		if (read_fd(s->old_fd, s->old_piece, len) != len ||
		    memcmp(s->old_piece, text, len) != 0)
			stream_forget_old(s);
	}
	return 0;
}

/* Whether the old file ended where the new text did. */
static bool stream_same_as_old(struct stream *s)
{
	char extra;

	return s->old_fd >= 0 && read_fd(s->old_fd, &extra, 1) == 0;
}

/*
 * Swaps the written file for a hard link to the old one, whose bytes are
 * the same, so that it keeps its modification time as put_file's do.
 */
static bool link_old(const char *old, const char *fresh)
{
	struct buf tmp = BUF_INIT;
	bool linked;

	buf_printf(&tmp, "%s.folio-link", fresh);
	linked = link(old, tmp.data) == 0 && rename(tmp.data, fresh) == 0;
	if (!linked)
		unlink(tmp.data);
	buf_free(&tmp);
	return linked;
}

/*
 * put_file for a file whose text is made in pieces by make (a
 * site_stream): never held whole, neither the new text nor the old.
 */
static void put_stream(struct build *b, const char *rel,
		       int (*make)(const void *, export_sink *, void *),
		       const void *arg, struct site_result *r)
{
	char *fresh = fs_join(b->fresh, rel);
	char *old = b->has_old ? fs_join(b->out, rel) : NULL;
	struct stream s = { .old_fd = -1, .failed = &b->failed };
	uint8_t digest[SHA256_DIGEST_SIZE];
	int stopped;

	s.fd = open(fresh, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (s.fd < 0) {
		fail(b, SITE_IO_ERROR, fresh, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (old)
		s.old_fd = open_regular(old);
	sha256_init(&s.sha);
	stopped = make(arg, stream_put, &s);
	if (close(s.fd) != 0 && !s.err)
		s.err = errno;
	if (s.err) {
		fail(b, SITE_IO_ERROR, fresh, "cannot write: %s", strerror(s.err));
	} else if (stopped) {
		/* Unless stream_put stopped it for another file's error,
		 * which says why. */
		if (!atomic_load(&b->failed))
			fail(b, SITE_IO_ERROR, rel, "cannot write: %s",
			     "the model could not be turned into JSON");
	} else {
		if (stream_same_as_old(&s) && link_old(old, fresh))
			r->unchanged++;
		else
			r->written++;
		r->bytes += s.len;
		sha256_digest(&s.sha, sizeof(digest), digest);
		if (b->o->checksums)
			add_digest(b, rel, digest);
	}
out:
	stream_forget_old(&s);
	free(s.old_piece);
	free(fresh);
	free(old);
}

/* ---- templates, and checking their names ------------------------------- */

static void misses_add(struct misses *m, const struct diag *d, size_t page)
{
	m->page = mem_array_grow(m->page, &m->cap, m->list.count + 1,
				 sizeof(*m->page));
	m->page[m->list.count] = page;
	diag_list_add_copy(&m->list, d);
}

static void misses_free(struct misses *m)
{
	diag_list_free(&m->list);
	free(m->page);
	memset(m, 0, sizeof(*m));
}

/*
 * What rendering one page (or compiling, page NO_PAGE) reported: errors
 * go to errors; warnings, which only the name checks give, to misses.
 */
static void sort_out(const struct diag_list *from, size_t page,
		     struct diag_list *errors, struct misses *misses)
{
	for (size_t i = 0; i < from->count; i++) {
		const struct diag *d = &from->items[i];

		if (d->severity == DIAG_WARNING)
			misses_add(misses, d, page);
		else
			diag_list_add_copy(errors, d);
	}
}

static int compare_misses(const void *a, const void *b, void *arg)
{
	const struct misses *sorting = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct diag *x = &sorting->list.items[i], *y = &sorting->list.items[j];
	int c = strcmp(x->file, y->file);

	if (!c)
		c = (x->line > y->line) - (x->line < y->line);
	if (!c)
		c = (x->column > y->column) - (x->column < y->column);
	if (!c)
		c = strcmp(x->message, y->message);
	if (!c)
		c = (sorting->page[i] > sorting->page[j]) -
		    (sorting->page[i] < sorting->page[j]);
	return c;
}

static bool same_place(const struct diag *x, const struct diag *y)
{
	return strcmp(x->file, y->file) == 0 && x->line == y->line &&
	       x->column == y->column && strcmp(x->message, y->message) == 0;
}

/*
 * Each miss once, at its tag, in template order, with the first page (in
 * the site's order, whichever thread rendered it) where it happened: as
 * warnings, or as errors that stop the build when strict.
 */
static void report_misses(struct build *b)
{
	const struct misses *m = &b->misses;
	size_t n = m->list.count, *order = mem_calloc(n + 1, sizeof(*order));
	const struct diag *last = NULL;
	bool strict = b->o->strict_templates;
	struct buf message = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, n, sizeof(*order), compare_misses, (void *)m);
	for (size_t k = 0; k < n; k++) {
		const struct diag *d = &m->list.items[order[k]];
		size_t page = m->page[order[k]];

		if (last && same_place(last, d))
			continue;
		last = d;
		buf_truncate(&message, 0);
		buf_puts(&message, d->message);
		if (page != NO_PAGE)
			buf_printf(&message, " (first on page %s)",
				   b->pages[page].path);
		diag_add(b->diags, strict ? DIAG_ERROR : DIAG_WARNING, d->file,
			 d->line, d->column, d->kind, buf_cstr(&message));
	}
	buf_free(&message);
	if (strict && n && b->status == SITE_OK)
		b->status = SITE_TEMPLATE_ERROR;
	free(order);
}

static bool compile_format(struct build *b, struct format *f, const char *ext,
			   struct diag_list *diags)
{
	bool ok = true;

	f->ext = ext;
	f->theme.dir = b->o->templates;
	f->theme.format = ext;
	f->env = mustache_env_new(theme_load_template, &f->theme);
	if (strcmp(ext, "md") == 0)
		mustache_env_set_escape(f->env, mustache_escape_markdown);
	mustache_env_set_date_style(f->env, b->m->config.date_style);
	if (b->o->check_templates)
		mustache_env_report_misses(f->env);
	for (size_t k = 0; k < NKINDS; k++) {
		struct diag_list found = DIAG_LIST_INIT;

		/* The index is the dashboard or another kind: never both. */
		if ((k == VIEW_DASHBOARD || k == VIEW_PACK) && k != b->o->index)
			continue;
		if ((k == VIEW_CLAIMS || k == VIEW_ASSESSOR || k == VIEW_COHORT ||
		     k == VIEW_NEEDS) &&
		    b->o->index != VIEW_DASHBOARD)
			continue;   /* the site's pages: a pack has neither */
		f->templates[k] = mustache_env_get(f->env, template_names[k], &found);
		sort_out(&found, NO_PAGE, diags, &b->misses);
		diag_list_free(&found);
		if (!f->templates[k]) {
			if (diags->errors == 0)
				diag_error(diags, ext, 0, 0,
					   "no template `%s/%s.mustache` in the theme",
					   ext, template_names[k]);
			ok = false;
		}
	}
	return ok;
}

/* ---- pages -------------------------------------------------------------- */

/* A page, or part `part` of one split into parts (url_part_path). */
static struct page *add_part_page(struct build *b, enum view_kind kind,
				  enum url_page url, const char *id,
				  const char *unit, size_t part)
{
	struct page *p;
	struct buf path = BUF_INIT, root = BUF_INIT;
	char where[URL_SIZE];

	b->pages = mem_array_grow(b->pages, &b->pages_cap, b->npages + 1,
				  sizeof(*b->pages));
	p = &b->pages[b->npages++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->part = part;
	buf_put(&path, where, url_part_path(where, url, id, unit, part));
	if (b->o->base_url && *b->o->base_url) {
		buf_puts(&root, b->o->base_url);
		if (root.data[root.len - 1] != '/')
			buf_putc(&root, '/');
	} else {
		for (const char *s = path.data; *s; s++)
			if (*s == '/')
				buf_puts(&root, "../");
		buf_put(&root, "", 0);
	}
	p->path = buf_detach(&path);
	p->root = buf_detach(&root);
	return p;
}

static struct page *add_page(struct build *b, enum view_kind kind,
			     enum url_page url, const char *id,
			     const char *unit)
{
	return add_part_page(b, kind, url, id, unit, 1);
}

/*
 * Ids become file names only here, and only if they are ids (the loaders
 * have checked already; this is the one place that must not trust them).
 */
static bool safe_ids(struct build *b, const char *a, const char *c)
{
	if (ident_valid(a) && (!c || ident_valid(c)))
		return true;
	fail(b, SITE_IO_ERROR, b->out, "refusing to make a file name of the id `%s`",
	     ident_valid(a) ? c : a);
	return false;
}

unsigned site_shard_of(const char *learner, unsigned shards)
{
	if (shards < 2)
		return 1;
	return (unsigned)(hash_string(HASH_INIT, learner) % shards) + 1;
}

static bool in_shard(const struct build *b, const char *learner)
{
	return b->o->shards < 2 ||
	       site_shard_of(learner, b->o->shards) == b->o->shard;
}

/* The pages every shard but the first leaves out. */
static bool shared_pages(const struct build *b)
{
	return b->o->shards < 2 || b->o->shard == 1;
}

/* An assessor's caseload page each, as the views link them (view.h). */
static void list_assessor_pages(struct build *b)
{
	const struct view_shared *s = &b->shared;

	for (size_t i = 0; i < s->nassessor_pages; i++)
		if (safe_ids(b, s->assessor_pages[i], NULL))
			add_page(b, VIEW_ASSESSOR, URL_ASSESSOR,
				 s->assessor_pages[i], NULL)->initials =
				s->assessor_pages[i];
}

/* A page per cohort or part of one (present/cohort_view.h). */
static void list_cohort_pages(struct build *b)
{
	const struct view_shared *s = &b->shared;

	for (size_t i = 0; i < s->ncohort_pages; i++)
		if (safe_ids(b, s->cohort_pages[i].slug, NULL))
			add_page(b, VIEW_COHORT, URL_COHORT,
				 s->cohort_pages[i].slug, NULL)->cohort = i;
}

/* The pages of who still needs one criterion or requirement: one per
 * part of the learners who do (present/view.h). */
static void add_needs_pages(struct build *b, const struct unit *u,
			    size_t item, bool requirement, size_t missing)
{
	const char *id = requirement ? u->requirements[item]->id :
				       u->criteria[item]->id;

	for (size_t part = 1; part <= NEEDS_VIEW_PARTS(missing); part++) {
		struct page *p = add_part_page(b, VIEW_NEEDS, requirement ?
					       URL_REQUIREMENT : URL_CRITERION,
					       u->id, id, part);

		p->unit = u;
		p->item = item;
		p->requirement = requirement;
	}
}

/* Who still needs each of the unit's criteria and requirements, for
 * those that someone does (present/view.h): m->units[ui]. */
static void list_needs_pages(struct build *b, size_t ui)
{
	const struct unit *u = b->m->units[ui];
	const struct needs_view_unit *un = &b->shared.unit_needs[ui];

	for (size_t i = 0; i < u->ncriteria; i++)
		if (NEEDS_VIEW_PAGE(un->nmissing[i]) &&
		    safe_ids(b, u->id, u->criteria[i]->id))
			add_needs_pages(b, u, i, false, un->nmissing[i]);
	for (size_t i = 0; i < u->nrequirements; i++)
		if (NEEDS_VIEW_PAGE(un->nmissing[u->ncriteria + i]) &&
		    safe_ids(b, u->id, u->requirements[i]->id))
			add_needs_pages(b, u, i, true,
					un->nmissing[u->ncriteria + i]);
}

static void list_pages(struct build *b)
{
	const struct model *m = b->m;

	if (shared_pages(b))
		add_page(b, b->o->index, URL_INDEX, NULL, NULL);
	if (shared_pages(b) && b->o->index == VIEW_DASHBOARD)
		add_page(b, VIEW_CLAIMS, URL_CLAIMS, NULL, NULL);
	for (size_t i = 0; i < m->nlearners; i++) {
		const char *id = m->learners[i]->id;

		if (b->o->learners && !b->o->learners[i])
			continue;
		if (!in_shard(b, id) || !safe_ids(b, id, NULL))
			continue;
		add_page(b, VIEW_LEARNER, URL_LEARNER, id, NULL)->learner = i;
		if (m->learners[i]->nqualifications)
			add_page(b, VIEW_QUALIFICATIONS, URL_QUALIFICATIONS, id,
				 NULL)->learner = i;
		for (size_t j = 0; j < b->x->count[i]; j++) {
			const struct portfolio *p = &b->x->portfolios[b->x->first[i] + j];

			if (safe_ids(b, id, p->unit->id))
				add_page(b, VIEW_PORTFOLIO, URL_PORTFOLIO, id,
					 p->unit->id)->portfolio = p;
		}
	}
	if (shared_pages(b) && b->o->index == VIEW_DASHBOARD) {
		list_assessor_pages(b);
		list_cohort_pages(b);
	}
	if (shared_pages(b))
		add_page(b, VIEW_UNITS, URL_UNITS, NULL, NULL);
	for (size_t i = 0; i < m->nunits && shared_pages(b); i++) {
		if (!safe_ids(b, m->units[i]->id, NULL))
			continue;
		add_page(b, VIEW_UNIT, URL_UNIT, m->units[i]->id, NULL)->unit = m->units[i];
		add_page(b, VIEW_SHEET, URL_SHEET, m->units[i]->id, NULL)->unit = m->units[i];
		if (b->o->index == VIEW_DASHBOARD)
			list_needs_pages(b, i);
	}
}

static bool make_dirs(struct build *b)
{
	bool ok = true, made_assessors = false, made_cohorts = false;

	for (size_t i = 0; ok && i < sizeof(url_folders) / sizeof(*url_folders); i++)
		ok = make_dir(b, url_folders[i]);

	for (size_t i = 0; ok && i < b->npages; i++) {
		if (b->pages[i].kind == VIEW_ASSESSOR && !made_assessors) {
			ok = make_dir(b, "assessors");
			made_assessors = true;
		} else if (b->pages[i].kind == VIEW_NEEDS &&
			   (b->pages[i].part == 2 ||
			    b->pages[i - 1].kind != VIEW_NEEDS ||
			    b->pages[i - 1].unit != b->pages[i].unit)) {
			/* units/UNIT, and units/UNIT/ID for its parts */
			char *dir = mem_strdup(b->pages[i].path);

			*strrchr(dir, '/') = '\0';
			ok = make_dir(b, dir);
			free(dir);
		} else if (b->pages[i].kind == VIEW_COHORT && !made_cohorts) {
			ok = make_dir(b, "cohorts");
			made_cohorts = true;
		} else if (b->pages[i].kind == VIEW_LEARNER) {
			char *dir = mem_strdup(b->pages[i].path);

			*strrchr(dir, '/') = '\0';
			ok = make_dir(b, dir);
			free(dir);
		}
	}
	return ok;
}

static struct value page_view(struct build *b, const struct page *p,
			      struct arena *a, struct view_rows *rows)
{
	const struct view_shared *s = &b->shared;

	switch (p->kind) {
	case VIEW_DASHBOARD:
		return view_dashboard(a, s, p->root);
	case VIEW_LEARNER:
		return view_learner(a, s, p->learner, p->root, rows);
	case VIEW_PORTFOLIO:
		return view_portfolio(a, s, p->portfolio, p->root, rows);
	case VIEW_UNIT:
		return view_unit(a, s, p->unit, p->root);
	case VIEW_PACK:
		return view_pack(a, p->root);
	case VIEW_CLAIMS:
		return view_claims(a, s, p->root);
	case VIEW_UNITS:
		return view_units(a, p->root);
	case VIEW_QUALIFICATIONS:
		return view_qualifications(a, s, p->learner, p->root);
	case VIEW_ASSESSOR:
		return view_assessor(a, s, p->initials, p->root);
	case VIEW_COHORT:
		return view_cohort(a, s, p->cohort, p->root);
	case VIEW_NEEDS:
		return view_needs(a, s, p->unit, p->item, p->requirement,
				  p->part, p->root);
	default:
		return view_sheet(a, p->unit, p->root);
	}
}

/* A page's file in a format, from the folder's root: "learners/amy/index.html". */
static const char *page_file(struct buf *rel, const struct page *p,
			     const struct format *f)
{
	buf_truncate(rel, 0);
	buf_printf(rel, "%s.%s", p->path, f->ext);
	return buf_cstr(rel);
}

/*
 * The page's view lives in the worker's arena: built, rendered, and then
 * dropped whole by the caller's reset, never freed piece by piece.  rows carries a
 * learner's evidence rows from the learner's page to the portfolios.
 */
static void render_page(struct build *b, const struct page *p,
			struct arena *a, struct view_rows *rows,
			struct buf *out, struct site_result *r,
			struct diag_list *diags)
{
	struct value view = page_view(b, p, a, rows);
	const struct value *stack[2] = { &b->shared.root, &view };
	struct buf rel = BUF_INIT;

	for (size_t i = 0; i < b->nformats && !atomic_load(&b->failed); i++) {
		const struct format *f = &b->formats[i];

		buf_truncate(out, 0);
		if (mustache_render_values(f->templates[p->kind], stack, 2, out,
					   diags) != 0) {
			atomic_store(&b->failed, true);
			break;
		}
		r->pages++;
		if (b->o->check_only)
			continue;
		put_file(b, page_file(&rel, p, f), buf_cstr(out), out->len, r);
	}
	buf_free(&rel);
}

static const struct record_learner *keep_prints(struct build *b,
						size_t learner);
static bool keep_page(struct build *b, size_t i, size_t learner,
		      const struct record_learner *old, struct site_result *r);

/* n more pages done: the progress callback now and then. */
static void count_done(struct build *b, size_t n)
{
	size_t done = atomic_fetch_add(&b->done, n) + n;

	if (b->o->progress && (done % 64 < n || done == b->npages)) {
		pthread_mutex_lock(&b->lock);
		b->o->progress(b->o->progress_ctx, done, b->npages);
		pthread_mutex_unlock(&b->lock);
	}
}

static void *worker(void *arg)
{
	struct build *b = arg;
	struct diag_list diags = DIAG_LIST_INIT, page = DIAG_LIST_INIT;
	struct misses misses = { DIAG_LIST_INIT, NULL, 0 };
	struct site_result r = { 0 };
	struct buf out = BUF_INIT;
	struct arena values = ARENA_INIT;

	/*
	 * A stream is one long task (a pack's data.json is the whole model
	 * in scope, where the pages may be a tenth of it): the first workers
	 * write them while the others start on the pages.
	 */
	for (size_t k; (k = atomic_fetch_add(&b->next_stream, 1)) <
		       b->o->nstreams;) {
		const struct site_stream *st = &b->o->streams[k];

		put_stream(b, st->name, st->write, st->arg, &r);
	}
	/*
	 * A thread takes a group of pages at a time: a learner's pages (the
	 * learner page and the portfolios after it) are one group, so that
	 * two threads do not create files in the same folder at once (the
	 * file system locks a folder while a file is created in it), and so
	 * that the portfolios can copy the rows the learner page built: the
	 * values arena is reset once per group.
	 */
	for (;;) {
		size_t g = atomic_fetch_add(&b->next, 1), first, last, missed;
		struct view_rows rows = { 0 };
		const struct record_learner *old = NULL;
		const struct page *head;

		if (g >= b->ngroups || atomic_load(&b->failed))
			break;
		first = b->groups[g];
		last = b->groups[g + 1];
		head = &b->pages[first];
		/* A learner's pages: their digests, and the old pages kept
		 * where they are the same. */
		if (head->kind == VIEW_LEARNER && b->keep.prints)
			old = keep_prints(b, head->learner);
		missed = misses.list.count;
		for (size_t i = first; i < last && !atomic_load(&b->failed); i++) {
			if (old && keep_page(b, i, head->learner, old, &r)) {
				count_done(b, 1);
				continue;
			}
			render_page(b, &b->pages[i], &values, &rows, &out, &r,
				    &page);
			sort_out(&page, i, &diags, &misses);
			diag_list_free(&page);
			count_done(b, 1);
		}
		if (head->kind == VIEW_LEARNER && b->keep.prints)
			b->keep.missed[head->learner] = misses.list.count > missed;
		arena_reset(&values);
	}
	pthread_mutex_lock(&b->lock);
	diag_list_append(b->diags, &diags);
	for (size_t i = 0; i < misses.list.count; i++)
		misses_add(&b->misses, &misses.list.items[i], misses.page[i]);
	if (diags.errors && b->status == SITE_OK)
		b->status = SITE_TEMPLATE_ERROR;
	b->result.pages += r.pages;
	b->result.written += r.written;
	b->result.unchanged += r.unchanged;
	b->result.kept += r.kept;
	b->result.bytes += r.bytes;
	pthread_mutex_unlock(&b->lock);
	buf_free(&out);
	arena_free(&values);
	diag_list_free(&diags);
	misses_free(&misses);
	return NULL;
}

/* Each page starts a group but a learner's others, which join theirs. */
static void group_pages(struct build *b)
{
	b->groups = mem_calloc(b->npages + 1, sizeof(*b->groups));
	for (size_t i = 0; i < b->npages; i++)
		if (i == 0 || (b->pages[i].kind != VIEW_PORTFOLIO &&
			       b->pages[i].kind != VIEW_QUALIFICATIONS))
			b->groups[b->ngroups++] = i;
	b->groups[b->ngroups] = b->npages;
}

static void render_all(struct build *b)
{
	size_t n = b->o->jobs > 1 ? (size_t)b->o->jobs : 1, tasks;

	group_pages(b);
	tasks = b->ngroups + b->o->nstreams;
	if (n > tasks)
		n = tasks ? tasks : 1;
	/* The workers share the queue of page groups. */
	threads_run(worker, b, 0, n, NULL);
}

/* One entry of the theme's static/ into static/ of the site or pack. */
static void put_static_entry(void *ctx, const char *path, const char *rel,
			     const struct stat *st)
{
	struct build *b = ctx;
	char *to = fs_join("static", rel), *data;
	size_t len;
	int err;

	if (!st)
		fail(b, SITE_IO_ERROR, path, "cannot read: %s", strerror(errno));
	else if (S_ISDIR(st->st_mode))
		make_dir(b, to);
	else if (!S_ISREG(st->st_mode))
		diag_warning(b->diags, path, 0, 0, "not copied into the site: "
			     "only files and folders are (a link could lead "
			     "out of the centre)");
	else if ((err = fs_read_file(path, &data, &len)) != 0)
		fail(b, SITE_IO_ERROR, path, "cannot read: %s", fs_strerror(err));
	else {
		put_file(b, to, data, len, &b->result);
		free(data);
	}
	free(to);
}

/*
 * The theme folder's static/ (logos, fonts), copied whole into static/ of
 * the site or pack: files and folders; a link is not followed (it could
 * lead out of the centre) but said, never skipped without a word.
 */
static void put_static(struct build *b)
{
	char *top = fs_join(b->o->templates, "static");

	if (fs_is_dir(top) && make_dir(b, "static"))
		fs_walk(top, put_static_entry, b);
	free(top);
}

/*
 * Files that are not pages: the stylesheet, with the theme's
 * html/extra.css after it (adding to the built-in rules rather than
 * replacing them), and static/ (streams are written by the workers,
 * beside the pages).
 */
static void put_assets(struct build *b)
{
	struct theme theme = { b->o->templates, "html" };
	struct buf css = BUF_INIT;
	char *data, *label;
	size_t len;
	int rc;

	if (b->o->templates && shared_pages(b))
		put_static(b);
	if (!b->o->html || !shared_pages(b))
		return;
	rc = theme_read(&theme, "html/style.css", &data, &len, &label);
	if (rc == 0) {
		buf_put(&css, data, len);
		free(data);
		free(label);
		rc = b->o->templates ?
		     theme_read(&theme, "html/extra.css", &data, &len, &label) : 1;
		if (rc == 0) {
			buf_puts(&css, "\n/* html/extra.css: the theme's own rules */\n");
			buf_put(&css, data, len);
			free(data);
			free(label);
		}
	}
	if (rc < 0) {
		fail(b, SITE_IO_ERROR, label, "cannot read: %s", fs_strerror(-rc));
		free(label);
	} else {
		put_file(b, "style.css", buf_cstr(&css), css.len, &b->result);
	}
	buf_free(&css);
}

static int compare_sums(const void *a, const void *b)
{
	return strcmp(((const struct sum *)a)->path, ((const struct sum *)b)->path);
}

/*
 * SHA256SUMS, in the format of sha256sum(1), so that `sha256sum -c
 * SHA256SUMS` in the folder checks every other file.  Sorted by path, so
 * the same files make the same bytes.
 */
static void write_sums(struct build *b)
{
	struct buf text = BUF_INIT;

	qsort(b->sums, b->nsums, sizeof(*b->sums), compare_sums);
	for (size_t i = 0; i < b->nsums; i++)
		buf_printf(&text, "%s  %s\n", b->sums[i].hex, b->sums[i].path);
	put_file(b, "SHA256SUMS", buf_cstr(&text), text.len, &b->result);
	buf_free(&text);
}

/* ---- knowing when there is nothing to do -------------------------------- */

/*
 * Everything the pages depend on (fingerprint.h): folio and its built-in
 * theme, every option (the site's, and the model's: --encoding, today)
 * (fingerprint_settings), every file the model read or tried to read, and
 * every file of the overriding theme.  A field added to site_options or
 * to model_paths that changes a page must be added to the settings.
 */
static void fingerprint_settings(const struct build *b, uint64_t *hp)
{
	const struct model *m = b->m;
	const struct site_options *o = b->o;
	uint64_t h = *hp;

	fingerprint_text(&h, FOLIO_VERSION);
	/* The program itself, by its file's size, inode and times: a folio
	 * rebuilt from changed code keeps its version, and must not find a
	 * site up to date that its code would render otherwise. */
	fingerprint_file(&h, "/proc/self/exe");
	for (size_t i = 0; i < theme_files_count; i++)
		fingerprint_bytes(&h, theme_files[i].data, theme_files[i].len);
	fingerprint_bytes(&h, &o->html, sizeof(o->html));
	fingerprint_bytes(&h, &o->md, sizeof(o->md));
	fingerprint_text(&h, o->base_url);
	fingerprint_text(&h, o->templates);
	fingerprint_bytes(&h, &o->shard, sizeof(o->shard));
	fingerprint_bytes(&h, &o->shards, sizeof(o->shards));
	/* Not the pages, but whether they may be published. */
	fingerprint_bytes(&h, &o->check_templates, sizeof(o->check_templates));
	fingerprint_bytes(&h, &o->strict_templates, sizeof(o->strict_templates));
	fingerprint_bytes(&h, &m->today, sizeof(m->today));
	fingerprint_text(&h, m->encoding);
	fingerprint_bytes(&h, &m->summaries_html, sizeof(m->summaries_html));
	*hp = h;
}

static uint64_t fingerprint(const struct build *b)
{
	const struct model *m = b->m;
	uint64_t h = HASH_INIT;

	fingerprint_settings(b, &h);
	for (size_t i = 0; i < m->ninputs; i++)
		fingerprint_stamp(&h, m->inputs[i], &m->input_stamps[i]);
	fingerprint_bytes(&h, &b->templates_print, sizeof(b->templates_print));
	return h;
}

/*
 * Whether the folder is built whole, never found up to date: asked for
 * (a pack), or given one of the options for a folder other than the site,
 * which fingerprint() does not cover.
 */
static bool whole(const struct site_options *o)
{
	return o->whole || o->learners || o->context || o->nstreams ||
	       o->checksums || o->index != VIEW_DASHBOARD;
}

/* ---- keeping the pages of learners whose inputs did not change ---------- */

/* Whether path is a file of suffix directly in dir. */
static bool in_folder(const char *path, const char *dir, const char *suffix)
{
	size_t n = dir ? strlen(dir) : 0, len = strlen(path), sl = strlen(suffix);

	return dir && strncmp(path, dir, n) == 0 && path[n] == '/' &&
	       !strchr(path + n + 1, '/') && len > n + 1 + sl &&
	       strcmp(path + len - sl, suffix) == 0;
}

static bool same_path(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/*
 * Whether path is read row by row into learners' own records, which
 * learner_print() covers (units by their files, given to it): the
 * learners, evidence, off-the-job, reviews, sign-offs and IQA files, and
 * the unit files.  Any other file (folio.yml, assessors.csv, the
 * qualifications) is in what every learner's pages share.
 */
static bool learner_input(const struct model *m, const char *path)
{
	if (same_path(path, m->assessors_file) ||
	    in_folder(path, m->qualifications_dir, ".md"))
		return false;
	return same_path(path, m->learners_file) ||
	       same_path(path, m->reviews_file) ||
	       same_path(path, m->signoffs_file) ||
	       same_path(path, m->iqa_file) ||
	       in_folder(path, m->evidence_dir, ".csv") ||
	       in_folder(path, m->otj_dir, ".csv") ||
	       in_folder(path, m->units_dir, ".md");
}

/* The kinds of a learner's pages, in the order of the record's digests. */
static const enum view_kind learner_kinds[RECORD_KINDS] = {
	VIEW_LEARNER, VIEW_QUALIFICATIONS, VIEW_PORTFOLIO,
};

/* Where kind's digest is in a learner's, or RECORD_KINDS: not a kind of
 * theirs. */
static size_t keep_kind(enum view_kind kind)
{
	size_t k = 0;

	while (k < RECORD_KINDS && learner_kinds[k] != kind)
		k++;
	return k;
}

/*
 * What every learner's pages of each kind share: folio and the options,
 * every file that is not a learner's own, and the assessors with
 * caseload pages, which the pages link to; then the kind's compiled
 * templates (with their partials and parents) and the parts of the shared
 * site model they can read (mustache_uses_digest).  false when the
 * templates' reading cannot be told (a dynamic partial): then no page is
 * ever kept.
 */
static bool keep_shared(struct build *b, uint64_t out[RECORD_KINDS])
{
	const struct model *m = b->m;
	uint64_t common = HASH_INIT;
	bool known = true;

	fingerprint_text(&common, RECORD_HEAD);
	fingerprint_settings(b, &common);
	for (size_t i = 0; i < m->ninputs; i++)
		if (!learner_input(m, m->inputs[i]))
			fingerprint_stamp(&common, m->inputs[i],
					  &m->input_stamps[i]);
	for (size_t i = 0; i < b->shared.nassessor_pages; i++)
		fingerprint_text(&common, b->shared.assessor_pages[i]);
	for (size_t k = 0; k < RECORD_KINDS; k++) {
		struct mustache_uses *uses = mustache_uses_new();
		uint64_t h = common;

		for (size_t i = 0; i < b->nformats; i++) {
			const struct mustache_template *t =
				b->formats[i].templates[learner_kinds[k]];

			h = mustache_template_digest(h, t);
			known = mustache_uses_add(uses, t) && known;
		}
		out[k] = mustache_uses_digest(uses, h, &b->shared.root);
		mustache_uses_free(uses);
	}
	return known;
}

/*
 * Gets ready to keep pages: each unit file's digest and what every
 * learner's pages share; and, unless --full or the folder is built
 * whole, the old site's record.
 */
static void keep_start(struct build *b)
{
	struct keep *k = &b->keep;
	const struct model *m = b->m;

	if (whole(b->o))
		return;
	k->unit_prints = mem_calloc(m->nunits + 1, sizeof(*k->unit_prints));
	for (size_t i = 0; i < m->nunits; i++) {
		const char *file = m->units[i]->file;
		const struct fs_stamp *stamp = model_input_stamp(m, file);

		k->unit_prints[i] = HASH_INIT;
		if (stamp)
			fingerprint_stamp(&k->unit_prints[i], file, stamp);
		else
			fingerprint_file(&k->unit_prints[i], file);
	}
	if (!keep_shared(b, k->shared))
		return;
	k->prints = mem_calloc(RECORD_KINDS * m->nlearners + 1,
			       sizeof(*k->prints));
	k->missed = mem_calloc(m->nlearners + 1, sizeof(*k->missed));
	k->on = !b->o->full && b->has_old && record_load(&k->old, b->out);
}

/*
 * A learner's digest for each kind of their pages, now; and their entry
 * in the old site's record when their pages may be kept (the record is
 * trusted and their pages had no misses), else NULL.
 */
static const struct record_learner *keep_prints(struct build *b,
						size_t learner)
{
	struct keep *k = &b->keep;
	uint64_t own = learner_print(b->m, b->x, learner, k->unit_prints,
				     HASH_INIT);
	const struct record_learner *old;

	for (size_t kind = 0; kind < RECORD_KINDS; kind++)
		k->prints[RECORD_KINDS * learner + kind] =
			hash_bytes(k->shared[kind], &own, sizeof(own));
	if (!k->on)
		return NULL;
	old = record_learner(&k->old, b->m->learners[learner]->id);
	return old && !old->missed ? old : NULL;
}

/*
 * pages[i], one of learner li's (in the group their page heads), as
 * links to the old site's files when its digest is the one recorded in
 * old, their entry (keep_prints): true when kept.  Else nothing is left
 * linked, and the caller renders it (a file deleted by hand, say).
 */
static bool keep_page(struct build *b, size_t i, size_t li,
		      const struct record_learner *old, struct site_result *r)
{
	const struct keep *k = &b->keep;
	const struct page *p = &b->pages[i];
	size_t kind = keep_kind(p->kind), linked = 0;
	struct buf rel = BUF_INIT;
	size_t bytes = 0;
	bool ok;

	ok = kind < RECORD_KINDS &&
	     old->print[kind] == k->prints[RECORD_KINDS * li + kind];
	for (size_t f = 0; ok && f < b->nformats; f++) {
		char *from, *to;
		struct stat st;

		page_file(&rel, p, &b->formats[f]);
		from = fs_join(b->out, buf_cstr(&rel));
		to = fs_join(b->fresh, buf_cstr(&rel));
		ok = lstat(from, &st) == 0 && S_ISREG(st.st_mode) &&
		     !fs_time_later(st.st_ctim, k->old.written) &&
		     link(from, to) == 0;
		if (ok) {
			linked++;
			bytes += (size_t)st.st_size;
		}
		free(from);
		free(to);
	}
	if (!ok) {
		/* The links made go first. */
		for (size_t f = 0; f < linked; f++) {
			char *to = fs_join(b->fresh,
					   page_file(&rel, p, &b->formats[f]));

			unlink(to);
			free(to);
		}
	} else {
		r->pages += linked;
		r->unchanged += linked;
		r->kept += linked;
		r->bytes += bytes;
	}
	buf_free(&rel);
	return ok;
}

/*
 * The record of the site being built: how many entries it holds, and
 * every learner's digests when their pages can be kept (none when a
 * template names a partial from the data), for the next build; into
 * b->record, which record_put() writes once the old site is gone.  A
 * folder built whole has none.
 */
static void keep_record(struct build *b)
{
	const struct keep *k = &b->keep;

	if (whole(b->o))
		return;
	if (!record_begin(&b->record, b->fresh)) {
		/* The walk's threads keep their errno values to themselves. */
		fail(b, SITE_IO_ERROR, b->fresh, "cannot count what the folder "
		     "holds for its record: %s",
		     "a file or folder in it could not be read");
		return;
	}
	for (size_t i = 0; k->prints && i < b->npages; i++) {
		size_t li = b->pages[i].learner;

		if (b->pages[i].kind == VIEW_LEARNER)
			record_add(&b->record, b->m->learners[li]->id,
				   &k->prints[RECORD_KINDS * li], k->missed[li]);
	}
}

static void keep_free(struct keep *k)
{
	free(k->unit_prints);
	free(k->prints);
	free(k->missed);
	record_free(&k->old);
}

/* ---- publishing --------------------------------------------------------- */

static void publish(struct build *b)
{
	int err = outdir_publish(b->out, b->fresh);

	if (err)
		fail(b, SITE_IO_ERROR, b->out, "cannot publish: %s",
		     strerror(err));
}

static void free_build(struct build *b)
{
	for (size_t i = 0; i < b->nformats; i++)
		mustache_env_free(b->formats[i].env);
	for (size_t i = 0; i < b->npages; i++) {
		free(b->pages[i].path);
		free(b->pages[i].root);
	}
	free(b->pages);
	free(b->groups);
	for (size_t i = 0; i < b->nsums; i++)
		free(b->sums[i].path);
	free(b->sums);
	if (b->shared_made)
		view_shared_free(&b->shared);
	free(b->fresh);
	free(b->out);
	misses_free(&b->misses);
	keep_free(&b->keep);
	buf_free(&b->record);
	pthread_mutex_destroy(&b->lock);
}

/* site_options.check_only: every page rendered, its names checked, nothing written. */
static enum site_status check_pages(struct build *b,
				    const struct diag_list *model_diags,
				    const struct view_site *site)
{
	if (b->status == SITE_OK) {
		view_shared_init(&b->shared, b->m, b->x, model_diags, site,
				 b->o->context);
		b->shared_made = true;
		list_pages(b);
		render_all(b);
	}
	report_misses(b);
	return b->status != SITE_OK ? b->status :
	       atomic_load(&b->failed) ? SITE_TEMPLATE_ERROR : SITE_OK;
}

int site_page_context(const struct model *m, const struct xref *x,
		      const struct diag_list *model_diags,
		      const struct site_options *o, const char *path,
		      struct buf *out)
{
	struct build b = { 0 };
	struct view_site site = { o->base_url ? o->base_url : "", o->html, o->md };
	struct diag_list refused = DIAG_LIST_INIT;
	size_t len = strlen(path);
	const struct page *found = NULL;

	/* The page as the site names it, with or without its extension. */
	if (len > 5 && strcmp(path + len - 5, ".html") == 0)
		len -= 5;
	else if (len > 3 && strcmp(path + len - 3, ".md") == 0)
		len -= 3;
	b.m = m;
	b.x = x;
	b.o = o;
	b.diags = &refused;
	pthread_mutex_init(&b.lock, NULL);
	view_shared_init(&b.shared, m, x, model_diags, &site, o->context);
	b.shared_made = true;
	list_pages(&b);
	for (size_t i = 0; i < b.npages && !found; i++)
		if (strlen(b.pages[i].path) == len &&
		    strncmp(b.pages[i].path, path, len) == 0)
			found = &b.pages[i];
	if (found) {
		struct arena a = ARENA_INIT;
		struct value_obj doc = value_obj_new(&a, 3);
		struct value v;

		value_put(&doc, "path", value_text(found->path));
		value_put(&doc, "page", page_view(&b, found, &a, NULL));
		value_put(&doc, "shared", b.shared.root);
		v = value_obj_done(&doc);
		value_dump_pretty(&v, 0, out);
		buf_putc(out, '\n');
		arena_free(&a);
	}
	diag_list_free(&refused);
	free_build(&b);
	return found ? 0 : -1;
}

enum site_status site_build(const struct model *m, const struct xref *x,
			    const struct diag_list *model_diags,
			    const struct site_options *o,
			    struct site_result *result, struct diag_list *diags)
{
	struct build b = { 0 };
	struct view_site site = { o->base_url ? o->base_url : "", o->html, o->md };
	const char *why;
	char marker[64], *beside;
	enum site_status status;
	bool made = false;
	int locked = -1;

	memset(result, 0, sizeof(*result));
	if (!o->check_only && (why = outdir_refuse(m, o->out))) {
		diag_error(diags, *o->out ? o->out : "--out", 0, 0,
			   "refusing to build into this folder: %s", why);
		return SITE_IO_ERROR;
	}
	b.m = m;
	b.x = x;
	b.o = o;
	b.diags = diags;
	pthread_mutex_init(&b.lock, NULL);
	/* The override's files as they are before they are read. */
	b.templates_print = HASH_INIT;
	if (o->templates)
		fingerprint_tree(&b.templates_print, o->templates);
	if (o->html && !compile_format(&b, &b.formats[b.nformats++], "html", diags))
		b.status = SITE_TEMPLATE_ERROR;
	if (o->md && !compile_format(&b, &b.formats[b.nformats++], "md", diags))
		b.status = SITE_TEMPLATE_ERROR;
	if (o->check_only) {
		status = check_pages(&b, model_diags, &site);
		*result = b.result;
		free_build(&b);
		return status;
	}
	b.out = outdir_folder(o->out);
	b.fresh = outdir_fresh(b.out);
	if (b.status == SITE_OK) {
		/* A folder made whole (a pack: its SHA256SUMS must cover
		 * exactly what it holds, and it is small) is never skipped;
		 * nor is one with the options the fingerprint leaves out. */
		if (whole(o))
			snprintf(marker, sizeof(marker), "folio %s %s\n",
				 FOLIO_VERSION, o->whole ? o->whole : "whole");
		else
			fingerprint_marker(fingerprint(&b), marker, sizeof(marker));
		locked = outdir_lock(b.out, &made);
		if ((beside = outdir_refuse_beside(b.out))) {
			diag_error(diags, o->out, 0, 0, "refusing to build into "
				   "this folder: %s", beside);
			free(beside);
			b.status = SITE_IO_ERROR;
		} else if (!whole(o) && !o->full &&
			   fingerprint_matches(b.out, marker) &&
			   record_untouched(b.out)) {
			result->up_to_date = true;
			if (locked >= 0)
				close(locked);
			free_build(&b);
			return SITE_OK;
		}
	}
	if (b.status == SITE_OK) {
		b.has_old = fs_is_dir(b.out);
		outdir_remove_tree(b.fresh);   /* left by a build that was killed */
		if (mkdir(b.fresh, 0755) != 0)
			fail(&b, SITE_IO_ERROR, b.fresh, "cannot make the folder: %s",
			     strerror(errno));
		else    /* first, so that a killed build's folder is known */
			put_file(&b, OUTDIR_MARKER, marker, strlen(marker), &b.result);
	}
	if (b.status == SITE_OK) {
		view_shared_init(&b.shared, m, x, model_diags, &site,
				 o->context);
		b.shared_made = true;
		list_pages(&b);
		if (make_dirs(&b)) {
			put_assets(&b);
			keep_start(&b);
			render_all(&b);
			report_misses(&b);
			if (b.status == SITE_OK && !atomic_load(&b.failed))
				keep_record(&b);
			if (o->checksums && b.status == SITE_OK &&
			    !atomic_load(&b.failed))
				write_sums(&b);
		}
		if (b.status == SITE_OK && !atomic_load(&b.failed)) {
			/* Until the record is in, a build that finds the new
			 * site in out's place waits. */
			int held = outdir_hold(b.fresh);

			publish(&b);
			if (b.status == SITE_OK && b.record.len)
				record_put(b.out, &b.record, diags);
			if (held >= 0)
				close(held);
		} else
			outdir_remove_tree(b.fresh);
	}
	status = b.status != SITE_OK ? b.status :
		 atomic_load(&b.failed) ? SITE_TEMPLATE_ERROR : SITE_OK;
	if (made)       /* the empty folder outdir_lock made, if still empty */
		rmdir(b.out);
	if (locked >= 0)
		close(locked);
	*result = b.result;
	free_build(&b);
	return status;
}
