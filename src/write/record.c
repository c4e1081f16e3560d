/*
 * record.c - the site's record: reading, trusting and writing it (see
 * record.h).
 */
#include "write/record.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "write/outdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The record in out, read whole into *text (which the caller frees): the
 * entries its head counts, the time it was written, and where the
 * learners' lines start.  false when it is missing, untrusted or not a
 * record.
 */
static bool read_head(const char *out, char **text, size_t *len,
		      size_t *entries, struct timespec *written, size_t *body)
{
	char *path = fs_join(out, RECORD_FILE), *end;
	size_t head = strlen(RECORD_HEAD);
	unsigned long long n;
	struct stat st;
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		  fs_read_file(path, text, len) == 0;

	free(path);
	if (!ok || *len <= head || memcmp(*text, RECORD_HEAD, head) != 0 ||
	    (*text)[*len - 1] != '\n' || (*text)[head] < '0' ||
	    (*text)[head] > '9')
		return false;
	/* Times too coarse to order an edit against the record: untrusted,
	 * as if there were none. */
	if (!fs_time_fine(st.st_ctim))
		return false;
	errno = 0;
	n = strtoull(*text + head, &end, 10);
	if (errno || *end != '\n' || n > SIZE_MAX)
		return false;
	*entries = (size_t)n;
	*written = st.st_ctim;
	*body = (size_t)(end + 1 - *text);
	return true;
}

bool record_untouched(const char *out)
{
	char *text = NULL;
	size_t len, entries, body;
	struct timespec written;
	struct outdir_census now;
	/* Deleting a file changes its folder, or the count at the top. */
	bool same = read_head(out, &text, &len, &entries, &written, &body) &&
		    outdir_census(out, RECORD_FILE, true, &now) == 0 &&
		    now.entries == entries &&
		    !fs_time_later(now.newest, written);

	free(text);
	return same;
}

/* One learner's line, NUL-terminated in place, into e; *id its id. */
static bool parse_line(char *line, struct record_learner *e, char **id)
{
	char *at = line, *space;

	for (size_t kind = 0; kind < RECORD_KINDS; kind++) {
		char *digits = at;

		e->print[kind] = strtoull(digits, &at, 16);
		if (at != digits + 16 || *at++ != ' ')
			return false;
	}
	if (!*at)
		return false;
	space = strchr(at, ' ');
	if (space) {
		if (strcmp(space, " misses") != 0)
			return false;
		*space = '\0';
		e->missed = true;
	}
	*id = at;
	return true;
}

bool record_load(struct record *r, const char *out)
{
	char *at, *end, *id;
	size_t len, n = 0, entries, body;

	memset(r, 0, sizeof(*r));
	if (!read_head(out, &r->text, &len, &entries, &r->written, &body))
		return false;
	for (size_t i = body; i < len; i++)
		n += r->text[i] == '\n';
	r->entries = mem_calloc(n + 1, sizeof(*r->entries));
	n = 0;
	for (at = r->text + body; at < r->text + len; at = end + 1) {
		struct record_learner *e = &r->entries[n++];

		end = strchr(at, '\n');
		*end = '\0';
		if (!parse_line(at, e, &id))
			return false;
		strmap_put(&r->learners, id, e);
	}
	return true;
}

const struct record_learner *record_learner(const struct record *r,
					    const char *id)
{
	return strmap_get(&r->learners, id);
}

void record_free(struct record *r)
{
	strmap_free(&r->learners);
	free(r->entries);
	free(r->text);
	memset(r, 0, sizeof(*r));
}

bool record_begin(struct buf *text, const char *fresh)
{
	struct outdir_census now;

	if (outdir_census(fresh, RECORD_FILE, false, &now) != 0)
		return false;
	buf_printf(text, "%s%zu\n", RECORD_HEAD, now.entries);
	return true;
}

void record_add(struct buf *text, const char *id,
		const uint64_t print[RECORD_KINDS], bool missed)
{
	for (size_t kind = 0; kind < RECORD_KINDS; kind++)
		buf_printf(text, "%016llx ", (unsigned long long)print[kind]);
	buf_printf(text, "%s%s\n", id, missed ? " misses" : "");
}

/*
 * Written after the old site's names were deleted, which changed the
 * status of every file the two shared (their link counts): a record
 * written before that would be older than the files it vouches for.  A
 * site left without one (a build killed here, a disk full) is built whole
 * next time.
 */
void record_put(const char *out, const struct buf *text,
		struct diag_list *diags)
{
	char *path = fs_join(out, RECORD_FILE);
	char *tmp = fs_join(out, RECORD_FILE ".new");
	struct stat st;
	int err;

	unlink(tmp);
	err = fs_write_new(tmp, text->data, text->len);
	if (!err && rename(tmp, path) != 0)
		err = errno;
	/* On coarse times the record is not trusted: nothing to wait for. */
	if (!err && stat(path, &st) == 0 && fs_time_fine(st.st_ctim))
		fs_wait_past(fs_time_settled(st.st_ctim));
	if (err) {
		unlink(tmp);
		diag_warning(diags, path, 0, 0, "cannot write the site's "
			     "record: %s; the next build renders every page",
			     strerror(err));
	}
	free(path);
	free(tmp);
}
