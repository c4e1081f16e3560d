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
 * The record in out, read whole into *text (which the caller frees,
 * NUL-terminated), and the time it was written: false when it is missing,
 * not a regular file, or its time is too coarse to order an edit
 * against it (untrusted, as if there were none).
 */
static bool read_record(const char *out, char **text, size_t *len,
			struct timespec *written)
{
	char *path = fs_join(out, RECORD_FILE);
	struct stat st;
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		  fs_time_fine(st.st_ctim) &&
		  fs_read_file(path, text, len) == 0;

	free(path);
	if (ok)
		*written = st.st_ctim;
	return ok;
}

/*
 * The head of a record's text: the entries it counts, and where the
 * learners' lines start.  false when it is not a record's: the text must
 * also end in a line break and hold no NUL byte.
 */
static bool parse_head(const char *text, size_t len, size_t *entries,
		       size_t *body)
{
	size_t head = strlen(RECORD_HEAD), n = 0, at = head;

	if (len <= head || memcmp(text, RECORD_HEAD, head) != 0 ||
	    text[len - 1] != '\n' || memchr(text, '\0', len))
		return false;
	for (; at < len && text[at] >= '0' && text[at] <= '9'; at++) {
		if (n > (SIZE_MAX - 9) / 10)
			return false;
		n = 10 * n + (size_t)(text[at] - '0');
	}
	if (at == head || text[at] != '\n')
		return false;
	*entries = n;
	*body = at + 1;
	return true;
}

bool record_untouched(const char *out)
{
	char *text = NULL;
	size_t len, entries, body;
	struct timespec written;
	struct outdir_census now;
	/* Deleting a file changes its folder, or the count at the top. */
	bool same = read_record(out, &text, &len, &written) &&
		    parse_head(text, len, &entries, &body) &&
		    outdir_census(out, RECORD_FILE, true, &now) == 0 &&
		    now.entries == entries &&
		    !fs_time_later(now.newest, written);

	free(text);
	return same;
}

/* A digest as the record writes it: 16 lower-case hex digits. */
static bool parse_digest(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	for (size_t i = 0; i < 16; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

/* One learner's line, NUL-terminated in place, into e; *id its id. */
static bool parse_line(char *line, struct record_learner *e, char **id)
{
	char *at = line, *space;

	for (size_t kind = 0; kind < RECORD_KINDS; kind++, at += 17)
		if (strlen(at) < 17 || !parse_digest(at, &e->print[kind]) ||
		    at[16] != ' ')
			return false;
	if (!*at || *at == ' ')
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

bool record_parse(struct record *r, char *text, size_t len, size_t *entries)
{
	size_t body, n = 0;
	char *at, *end, *id;

	memset(r, 0, sizeof(*r));
	r->text = text;
	if (!parse_head(text, len, entries, &body))
		return false;
	for (size_t i = body; i < len; i++)
		n += text[i] == '\n';
	r->entries = mem_calloc(n + 1, sizeof(*r->entries));
	/* Every line ends in a line break, and none holds a NUL byte
	 * (parse_head): each is a string once its break is. */
	for (at = text + body; at < text + len; at = end + 1) {
		struct record_learner *e = &r->entries[r->nentries++];

		end = memchr(at, '\n', (size_t)(text + len - at));
		*end = '\0';
		if (!parse_line(at, e, &id))
			return false;
		e->id = id;
		strmap_put(&r->learners, id, e);
	}
	return true;
}

bool record_load(struct record *r, const char *out)
{
	char *text;
	size_t len, entries;
	struct timespec written;

	memset(r, 0, sizeof(*r));
	if (!read_record(out, &text, &len, &written))
		return false;
	if (!record_parse(r, text, len, &entries))
		return false;
	r->written = written;
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
