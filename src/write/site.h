/*
 * site.h - building the static site: every page, in HTML and Markdown.
 *
 * Pages: index (the dashboard), learners/ID/index, learners/ID/UNIT (the
 * portfolio reports), units/UNIT and sheets/UNIT (blank record sheets),
 * each as .html and, with Markdown on, a .md twin; style.css for HTML.
 * They render on several threads against the shared site model.
 *
 * The build is atomic: pages are written into a fresh folder beside the
 * output and swapped in only when all is well, so an error leaves the
 * previous site as it was and stale pages disappear.  A page whose bytes
 * did not change keeps its file (a hard link to the old one), so its
 * modification time stays and rsync and CI caches see no change.  When
 * nothing the site depends on has changed since the last build (folio,
 * its theme, every option, today, each file the model read or tried to
 * read and each file of the overriding theme at any depth, by path, size,
 * inode and times, recorded in the site's .folio-site file), nothing is
 * rendered or written at all.  When something has, each of a learner's
 * pages is rendered only if what it is made from changed (their own rows
 * and units, present/learner_print.h, and what every page of its kind
 * shares: the settings, every other file, the kind's template and the
 * parts of the shared model it can read, mustache_uses_digest()); the
 * others are linked from the old site, by each learner's digests recorded
 * in the site's .folio-pages file.  That record, the last file a build
 * writes, also holds how many entries the site has: a site with another
 * number, or with an entry changed after the record (edited, replaced or
 * deleted by hand), is built again, and a file changed so is not kept;
 * a record whose time is coarser than a microsecond (FAT, HFS+) is not
 * trusted at all.  Builds into one folder take turns on a lock on it.
 */
#ifndef FOLIO_SITE_H
#define FOLIO_SITE_H

#include <stdbool.h>
#include <stddef.h>


#include "base/diag.h"
#include "read/model.h"
#include "judge/xref.h"
#include "present/export.h"
#include "present/view.h"

/*
 * A file written beside the pages whose text is made in pieces (a pack's
 * data.json: a whole centre's model is hundreds of megabytes, so it goes
 * to the disk as it comes).  write hands the text to sink and returns 0,
 * or nonzero when it stopped short (the sink stopped it, or there was
 * nothing to write).  It is called on one of the build's workers while
 * the others render pages, so it may only read what they share (the
 * model, the cross-reference).
 */
struct site_stream {
	const char *name;           /* from the folder's root: "data.json" */
	int (*write)(const void *arg, export_sink *sink, void *sink_data);
	const void *arg;
};

struct site_options {
	const char *out;            /* the output folder */
	bool html, md;              /* formats */
	const char *templates;      /* overriding theme folder, or NULL */
	const char *base_url;       /* NULL: relative links */
	int jobs;                   /* threads, at least 1 */
	/*
	 * Build shard `shard` (1-based) of `shards`: only the learners whose
	 * id hashes to it; shard 1 also builds the shared pages (dashboard,
	 * units, sheets, style.css).  0 of 0, or 1 of 1: the whole site.
	 */
	unsigned shard, shards;
	/* Called now and then from a worker, serialised; may be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
	/*
	 * For a published folder other than the site (the pack, pack.h);
	 * zero for the site.  learners: whose pages go in, per model learner
	 * (NULL: everyone's).  index: the index page's kind, VIEW_DASHBOARD
	 * or VIEW_PACK; context: handed to every page's view as the root's
	 * extra context (view_shared_init).  streams: files written beside
	 * the pages.  checksums: a SHA256SUMS of every other file.  whole:
	 * always built whole, never "up to date", and named so in its marker
	 * ("pack"); NULL: the site, which is skipped when nothing changed.
	 * The no-change check does not cover the others, so a folder given
	 * any of them is built whole too.
	 */
	const bool *learners;
	enum view_kind index;
	const struct value *context;
	const struct site_stream *streams;
	size_t nstreams;
	bool checksums;
	const char *whole;
	/*
	 * Check the templates' names (mustache_env_report_misses): each
	 * name a page finds in no context, and each partial or parent no
	 * template provides, is reported once, at its tag, with the first
	 * page where it happened; as errors that stop the build (the old
	 * site stays) when strict_templates.  check_only renders every page
	 * for that and writes nothing: no --out is needed.
	 */
	bool check_templates, strict_templates, check_only;
	/* Render every page: keep none from the last build (see above). */
	bool full;
};

struct site_result {
	bool up_to_date;            /* nothing changed since the last build */
	size_t pages;               /* pages made (each format counts), kept included */
	size_t written;             /* files written anew */
	size_t unchanged;           /* files kept as they were */
	size_t kept;                /* of those, kept without rendering */
	size_t bytes;               /* bytes of all files */
};

enum site_status {
	SITE_OK = 0,
	SITE_TEMPLATE_ERROR = 1,    /* a template did not compile or render */
	SITE_IO_ERROR = 2,          /* refused output, or a write failed */
};

/* The shard (1..shards) a learner's pages belong to: a stable hash of the id. */
unsigned site_shard_of(const char *learner, unsigned shards);

/*
 * The context one page of the site is rendered against, as JSON into out:
 * {path, page: its own view, shared: what every page shares}, a name
 * being looked up in page first (docs/site.md lists the keys).  path is
 * the page's, as the site names it ("learners/amy/ocr-c3.html", with or
 * without the extension).  Returns 0, or -1 when the site has no such
 * page.
 */
int site_page_context(const struct model *m, const struct xref *x,
		      const struct diag_list *model_diags,
		      const struct site_options *o, const char *path,
		      struct buf *out);

enum site_status site_build(const struct model *m, const struct xref *x,
			    const struct diag_list *model_diags,
			    const struct site_options *options,
			    struct site_result *result, struct diag_list *diags);

#endif
