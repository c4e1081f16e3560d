/*
 * csvfile.c - loading CSV files into header and records (see csvfile.h).
 *
 * libcsv does the quoting (but see the fast path below); this file does
 * the rest.  libcsv knows nothing of lines, so the input is fed to it one
 * line at a time: a record begins on the line being fed when the previous
 * one has ended, and a quoted field that holds line breaks simply keeps
 * the record open over several feeds.  Lines are also the unit of
 * recovery: after a syntax error the parser is reset and the next line
 * starts afresh.
 *
 * libcsv goes byte by byte through a state machine with a callback per
 * field, which made it a third of `folio check` on a large centre.  So a
 * line that begins a record is first offered to a fast path
 * (split_line()) that takes only the shapes whose meaning is beyond
 * doubt: unquoted fields with no quote and no space or tab at either end,
 * and quoted fields closed right before a comma or the line's end.  It
 * splits them with memchr() and produces exactly the fields libcsv
 * would.  Any other line, however ordinary, goes to libcsv as before:
 * libcsv stays the one authority on quoting and on every syntax error, so
 * the fast path never has to decide what is wrong with a line, only that
 * nothing can be.  The tests parse every input both ways and compare
 * (csvfile_parse_with).
 *
 * Field text is appended to one growing buffer and located by offsets
 * while loading (the buffer moves as it grows); pointers are made once,
 * at the end.  No allocation happens per field.
 */
#include "read/csvfile.h"
#include "base/encoding.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "base/utf8.h"

#include <csv.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * Longest run of bytes handed to csv_parse() at once.  libcsv grows its
 * field buffer by a fixed block; raising the block to the buffer's size
 * between pieces makes that growth geometric, so a field of megabytes
 * costs linear time.
 */
#define PIECE_SIZE 65536

/* Header names listed in a "missing column" message before "... and N more". */
#define REQUIRE_LIST_MAX 20

struct loader {
	const char *path;
	struct diag_list *diags;
	struct csv_parser parser;
	struct buf text;          /* every field's bytes, each NUL-terminated */
	size_t *offs;             /* where each field starts in text */
	size_t noffs, offs_cap;
	int *lines;               /* start line of each kept record */
	size_t nlines, lines_cap;
	int line;                 /* the line being fed */
	bool fast;                /* offer lines to split_line() first */
	bool in_record;           /* a record has begun and not yet ended */
	bool rec_bad;             /* ...and was reported: drop it at its end */
	int rec_line;
	int field_line;           /* where the current field began */
	size_t rec_first;         /* its first field's index in offs */
	bool header_seen;         /* the first record has come (maybe bad) */
	bool header_ok;
	int header_line;
	size_t ncolumns;          /* 0 until known */
	size_t *order;            /* header column indices sorted by name */
	size_t utf8_errors;       /* records with invalid UTF-8 */
	int utf8_last_line;       /* the last of them */
};

/*
 * A file in another encoding has a bad byte on most rows: the first few
 * are listed, the rest summed up in one line, so the message that says
 * what to do is not lost in a flood.
 */
#define UTF8_ERRORS_LISTED 10

static const unsigned char csv_options = CSV_STRICT | CSV_STRICT_FINI;

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive (ASCII) order of a[0..alen) against the string b. */
static int name_compare(const char *a, size_t alen, const char *b)
{
	for (size_t i = 0; i < alen; i++) {
		int ca = ascii_lower((unsigned char)a[i]);
		int cb = ascii_lower((unsigned char)b[i]);

		if (cb == 0 || ca != cb)
			return cb == 0 ? 1 : ca - cb;
	}
	return b[alen] ? -1 : 0;
}

static const char *field_text(const struct loader *ld, size_t i)
{
	return ld->text.data + ld->offs[i];
}

static bool field_empty(const struct loader *ld, size_t i)
{
	return ld->text.data[ld->offs[i]] == '\0';
}

/* ---- building records: the libcsv callbacks ---- */

static void add_offset(struct loader *ld, size_t at)
{
	if (ld->noffs == ld->offs_cap)
		ld->offs = mem_array_grow(ld->offs, &ld->offs_cap,
					  ld->noffs + 1, sizeof(*ld->offs));
	ld->offs[ld->noffs++] = at;
}

static void on_field(void *s, size_t len, void *data)
{
	struct loader *ld = data;
	struct buf *t = &ld->text;

	add_offset(ld, t->len);
	buf_grow(t, len + 1);
	if (len)
		memcpy(t->data + t->len, s, len);
	t->data[t->len + len] = '\0';
	t->len += len + 1;
	t->data[t->len] = '\0';
	/* A field can only end on the line where the next one begins. */
	ld->field_line = ld->line;
}

static void start_record(struct loader *ld)
{
	ld->in_record = true;
	ld->rec_bad = false;
	ld->rec_line = ld->field_line = ld->line;
	ld->rec_first = ld->noffs;
}

/* Forgets every field from index nfields on, text and all. */
static void rewind_to(struct loader *ld, size_t nfields)
{
	if (nfields < ld->noffs)
		buf_truncate(&ld->text, ld->offs[nfields]);
	ld->noffs = nfields;
}

static void drop_record(struct loader *ld)
{
	rewind_to(ld, ld->rec_first);
	ld->in_record = false;
	ld->rec_bad = false;
	/* A bad first record was the header: the columns are unknown. */
	ld->header_seen = true;
}

static bool record_blank(const struct loader *ld)
{
	for (size_t i = ld->rec_first; i < ld->noffs; i++)
		if (!field_empty(ld, i))
			return false;
	return true;
}

struct name_entry {
	const char *name;
	size_t index;
};

static int compare_names(const char *a, const char *b)
{
	return name_compare(a, strlen(a), b);
}

/* By name, then by position, so a name's first column comes first. */
static int compare_entries(const void *pa, const void *pb)
{
	const struct name_entry *a = pa, *b = pb;
	int c = compare_names(a->name, b->name);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Trims the header field in place: the offset moves, the NUL comes in. */
static void trim_field(struct loader *ld, size_t i)
{
	char *s = ld->text.data + ld->offs[i];
	size_t n = strlen(s), lead = 0;

	while (lead < n && is_space(s[lead]))
		lead++;
	while (n > lead && is_space(s[n - 1]))
		n--;
	s[n] = '\0';
	ld->offs[i] += lead;
}

/*
 * Sorts the column indices by name, reporting duplicates (each against the
 * first column of that name; blank names are reported by the caller).
 * The order is kept for lookups.
 */
static bool check_duplicates(struct loader *ld)
{
	size_t n = ld->ncolumns;
	struct name_entry *e = mem_calloc(n, sizeof(*e));
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		e[i].name = field_text(ld, ld->rec_first + i);
		e[i].index = i;
	}
	qsort(e, n, sizeof(*e), compare_entries);
	ld->order = mem_calloc(n, sizeof(*ld->order));
	for (size_t i = 0, first = 0; i < n; i++) {
		ld->order[i] = e[i].index;
		if (i > 0 && e[i].name[0] != '\0' &&
		    compare_names(e[first].name, e[i].name) == 0) {
			diag_error(ld->diags, ld->path, ld->rec_line, 0,
				   "duplicate column name `%s`: columns %zu and %zu",
				   e[i].name, e[first].index + 1,
				   e[i].index + 1);
			ok = false;
		} else {
			first = i;
		}
	}
	free(e);
	return ok;
}

/*
 * A header that is one name made of several joined by semicolons or tabs
 * is a file saved with another separator (Excel writes `;` where the
 * decimal mark is a comma, and "Text (Tab delimited)" tabs).  Says so
 * once, where every column would otherwise be reported missing, and
 * returns true: nothing in such a file can be read as its columns.
 */
static bool other_separator(struct loader *ld, size_t n)
{
	const char *name = n == 1 ? field_text(ld, ld->rec_first) : "";
	char sep = strchr(name, ';') ? ';' : strchr(name, '\t') ? '\t' : 0;
	size_t names = 0;
	struct utf8_quote q;

	for (const char *p = name; sep && *p; p++)
		if (*p != sep && (p == name || p[-1] == sep))
			names++;
	if (names < 2)
		return false;
	q = utf8_quote(name, UTF8_QUOTE_BYTES);
	diag_error(ld->diags, ld->path, ld->rec_line, 0,
		   "the names in the header are separated by %s, not commas "
		   "(\"%.*s%s\"): save the file as CSV UTF-8 (comma "
		   "delimited); none of its rows is read",
		   sep == ';' ? "semicolons" : "tabs", q.len, name, q.more);
	return true;
}

/*
 * The first record names the columns.  Trailing blank names are dropped
 * (spreadsheets write a trailing comma on every line); other blank names
 * and duplicates make the header unusable, but the rows are still checked
 * against its length so that one run reports everything.
 */
static void take_header(struct loader *ld)
{
	size_t n = ld->noffs - ld->rec_first;
	bool ok = true;

	ld->header_seen = true;
	ld->header_line = ld->rec_line;
	for (size_t i = 0; i < n; i++)
		trim_field(ld, ld->rec_first + i);
	while (n > 0 && field_empty(ld, ld->rec_first + n - 1))
		n--;
	if (other_separator(ld, n)) {
		/* No columns: the rows are not checked against one name. */
		ld->header_ok = false;
		rewind_to(ld, ld->rec_first);
		return;
	}
	ld->ncolumns = n;
	if (n == 0) {
		/* Only quoted spaces: not blank to libcsv, but no names. */
		diag_error(ld->diags, ld->path, ld->rec_line, 0,
			   "the header row has no column names");
		ok = false;
	}
	for (size_t i = 0; i < n; i++) {
		if (field_empty(ld, ld->rec_first + i)) {
			diag_error(ld->diags, ld->path, ld->rec_line, 0,
				   "column %zu of the header has no name",
				   i + 1);
			ok = false;
		}
	}
	if (!check_duplicates(ld))
		ok = false;
	ld->header_ok = ok;
	rewind_to(ld, ld->rec_first + n);
}

/*
 * Number of fields the row really has: extra fields past the header
 * count only if something is in them.
 */
static size_t row_width(const struct loader *ld)
{
	size_t n = ld->noffs - ld->rec_first;

	if (n <= ld->ncolumns)
		return n;
	while (n > ld->ncolumns && field_empty(ld, ld->rec_first + n - 1))
		n--;
	return n;
}

static void take_row(struct loader *ld)
{
	size_t n = row_width(ld);

	if (n != ld->ncolumns) {
		diag_error(ld->diags, ld->path, ld->rec_line, 0,
			   "row has %zu field%s but the header has %zu",
			   n, n == 1 ? "" : "s", ld->ncolumns);
		rewind_to(ld, ld->rec_first);
		return;
	}
	if (!ld->header_ok) {
		/* Checked, but there is no usable header to keep it under. */
		rewind_to(ld, ld->rec_first);
		return;
	}
	rewind_to(ld, ld->rec_first + n);
	ld->lines = mem_array_grow(ld->lines, &ld->lines_cap, ld->nlines + 1,
				   sizeof(*ld->lines));
	ld->lines[ld->nlines++] = ld->rec_line;
}

static void on_record(int c, void *data)
{
	struct loader *ld = data;

	(void)c;
	ld->in_record = false;
	if (ld->rec_bad)
		drop_record(ld);
	else if (record_blank(ld))
		rewind_to(ld, ld->rec_first);
	else if (!ld->header_seen)
		take_header(ld);
	else if (ld->ncolumns == 0)
		rewind_to(ld, ld->rec_first);  /* header lost: nothing to check */
	else
		take_row(ld);
}

/* ---- the fast path: lines whose every field is simple ---- */

/* Where the next c is, at or after at; len if none. */
static size_t find_byte(const char *s, size_t at, size_t len, char c)
{
	const char *p = memchr(s + at, c, len - at);

	return p ? (size_t)(p - s) : len;
}

/* A line being split by split_line(). */
struct split {
	const char *s;   /* the line's content: no CR or LF */
	size_t len;
	size_t quote;    /* the next '"' from the scan on (len: none) */
	char *out;       /* where the next byte of field text goes */
};

/*
 * An unquoted field, from at to the next comma or the line's end.  libcsv
 * trims spaces and tabs around an unquoted field, takes spaces then a
 * quote as a quoted field, and rejects a quote inside one.  None of that
 * is simple, so a space or tab at either end, or any quote, declines.
 */
static bool unquoted_field(struct split *sp, size_t at, size_t *end)
{
	size_t comma = find_byte(sp->s, at, sp->len, ',');
	size_t n = comma - at;

	/* One search finds every quote up to the next one, not one a field. */
	if (sp->quote < at)
		sp->quote = find_byte(sp->s, at, sp->len, '"');
	if (sp->quote < comma)
		return false;
	if (n > 0 && (is_space(sp->s[at]) || is_space(sp->s[comma - 1])))
		return false;
	memcpy(sp->out, sp->s + at, n);
	sp->out += n;
	*end = comma;
	return true;
}

/*
 * A quoted field, its opening quote at at, whose closing quote is followed
 * by a comma or the line's end; "" inside stands for one quote.  Anything
 * else after the closing quote (spaces, which libcsv drops, or text, an
 * error), or no closing quote on this line (a field holding a line
 * break), declines.
 */
static bool quoted_field(struct split *sp, size_t at, size_t *end)
{
	size_t from = at + 1;

	for (;;) {
		size_t q = find_byte(sp->s, from, sp->len, '"');

		if (q == sp->len)
			return false;
		memcpy(sp->out, sp->s + from, q - from);
		sp->out += q - from;
		if (q + 1 < sp->len && sp->s[q + 1] == '"') {
			*sp->out++ = '"';
			from = q + 2;
			continue;
		}
		if (q + 1 < sp->len && sp->s[q + 1] != ',')
			return false;
		sp->quote = q;
		*end = q + 1;
		return true;
	}
}

/*
 * Appends the fields of a line that begins a record, exactly as libcsv's
 * on_field() calls would, if every field is simple; otherwise appends
 * nothing and returns false, and the line goes to libcsv.  Field text
 * never outgrows the line: at most its bytes less the separators, plus
 * one NUL a field.
 */
static bool split_line(struct loader *ld, const char *s, size_t len)
{
	struct buf *t = &ld->text;
	struct split sp = { s, len, find_byte(s, 0, len, '"'), NULL };
	size_t at = 0, end;

	buf_grow(t, len + 1);
	sp.out = t->data + t->len;
	for (;;) {
		bool simple;

		add_offset(ld, (size_t)(sp.out - t->data));
		simple = at < len && s[at] == '"' ?
			quoted_field(&sp, at, &end) :
			unquoted_field(&sp, at, &end);
		if (!simple) {
			ld->noffs = ld->rec_first;
			t->data[t->len] = '\0';  /* scribbled on past the end */
			return false;
		}
		*sp.out++ = '\0';
		if (end == len)
			break;
		at = end + 1;
	}
	t->len = (size_t)(sp.out - t->data);
	t->data[t->len] = '\0';
	return true;
}

/* ---- feeding lines to libcsv ---- */

static void parser_start(struct loader *ld)
{
	csv_init(&ld->parser, csv_options);
	csv_set_realloc_func(&ld->parser, mem_realloc);
}

/* libcsv has no reset: after a strict-mode error, start a new parser. */
static void parser_restart(struct loader *ld)
{
	csv_free(&ld->parser);
	parser_start(ld);
}

/*
 * A strict-mode error at byte `at` of the line being fed.  libcsv stops
 * on the offending byte; whether the field was quoted tells which rule
 * was broken.
 */
static void syntax_error(struct loader *ld, size_t at)
{
	const char *what = ld->parser.quoted ?
		"text after the closing quote of a quoted field; "
		"a quote inside a quoted field must be doubled (\"\")" :
		"quote inside an unquoted field; put the whole field in "
		"quotes and double the quotes inside it (\"\")";
	int column = at < INT_MAX ? (int)at + 1 : 0;

	struct buf message = BUF_INIT;

	if (ld->rec_bad) {
		;  /* the record has been reported already */
	} else if (ld->line == ld->rec_line) {
		diag_add(ld->diags, DIAG_ERROR, ld->path, ld->rec_line, column,
			 what, what);
	} else {
		buf_printf(&message, "%s (on line %d, column %d)", what,
			   ld->line, column);
		diag_add(ld->diags, DIAG_ERROR, ld->path, ld->rec_line, 0,
			 what, buf_cstr(&message));
	}
	buf_free(&message);
	drop_record(ld);
	parser_restart(ld);
}

static void check_utf8(struct loader *ld, const char *s, size_t len)
{
	size_t bad = utf8_check(s, len);
	const char *nul = memchr(s, '\0', len);

	if (nul) {
		/* A stray NUL (see binary()) would cut its field short. */
		ld->rec_bad = true;
		diag_error(ld->diags, ld->path, ld->line,
			   nul - s < INT_MAX ? (int)(nul - s) + 1 : 0,
			   "a NUL byte (a stray from a copy, or a damaged file): "
			   "delete it; the row is left out");
		return;
	}
	if (bad == len)
		return;
	ld->rec_bad = true;
	ld->utf8_last_line = ld->line;
	if (++ld->utf8_errors > UTF8_ERRORS_LISTED)
		return;
	diag_error(ld->diags, ld->path, ld->line,
		   bad < INT_MAX ? (int)bad + 1 : 0,
		   "invalid UTF-8 (byte 0x%02X): save the file as CSV UTF-8, or "
		   "name its encoding (--encoding windows-1252, or `encoding:` in "
		   "folio.yml)", (unsigned char)s[bad]);
}

static bool line_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_space(s[i]))
			return false;
	return true;
}

/* Feeds bytes to libcsv in pieces (see PIECE_SIZE). */
static void parse_pieces(struct loader *ld, const char *s, size_t len)
{
	for (size_t at = 0; at < len; ) {
		size_t n = len - at < PIECE_SIZE ? len - at : PIECE_SIZE;
		size_t block = csv_get_buffer_size(&ld->parser);
		size_t used;

		csv_set_blk_size(&ld->parser,
				 block > PIECE_SIZE ? block : PIECE_SIZE);
		used = csv_parse(&ld->parser, s + at, n, on_field, on_record,
				 ld);
		if (used < n) {
			syntax_error(ld, at + used);
			return;  /* and the rest of the line with it */
		}
		at += n;
	}
}

/*
 * Feeds one line: len bytes, of which the first `content` are not its end.
 * Only a line that begins a record can take the fast path: libcsv is then
 * between records, so the line's break would only end the record, which
 * on_record() does here instead.
 */
static void feed_line(struct loader *ld, const char *s, size_t len,
		      size_t content)
{
	bool begins = !ld->in_record;

	if (begins) {
		if (line_blank(s, content))
			return;
		start_record(ld);
	}
	if (!ld->rec_bad)
		check_utf8(ld, s, content);
	if (begins && ld->fast && split_line(ld, s, content)) {
		on_record('\n', ld);
		return;
	}
	parse_pieces(ld, s, len);
}

/* Where the next LF and CR are, at or after the line start; len if none. */
struct breaks {
	size_t lf, cr;
};

/*
 * Where the line starting at `at` ends: *content is the length before its
 * line break, the result the offset after it.  CRLF, LF and a lone CR
 * (old Mac spreadsheets) each end a line.  Each search resumes past the
 * last one, so a file with no LF at all is not searched once per line.
 */
static size_t line_end(const char *s, size_t at, size_t len,
		       struct breaks *b, size_t *content)
{
	if (b->lf < at)
		b->lf = find_byte(s, at, len, '\n');
	if (b->cr < at)
		b->cr = find_byte(s, at, len, '\r');
	if (b->cr < b->lf) {
		*content = b->cr - at;
		return b->cr + 1 < len && s[b->cr + 1] == '\n' ? b->cr + 2 :
			b->cr + 1;
	}
	*content = b->lf - at;
	return b->lf < len ? b->lf + 1 : len;
}

static void feed_all(struct loader *ld, const char *s, size_t len)
{
	struct breaks b = {
		find_byte(s, 0, len, '\n'), find_byte(s, 0, len, '\r'),
	};
	size_t at = 0;

	while (at < len) {
		size_t content, next = line_end(s, at, len, &b, &content);

		if (ld->line < INT_MAX)
			ld->line++;
		feed_line(ld, s + at, next - at, content);
		at = next;
	}
	if (csv_fini(&ld->parser, on_field, on_record, ld) != 0) {
		/* Only an unterminated quote makes strict csv_fini() fail. */
		if (!ld->rec_bad)
			diag_error(ld->diags, ld->path, ld->rec_line, 0,
				   "unterminated quoted field (the quote opens "
				   "on line %d)", ld->field_line);
		drop_record(ld);
	}
	csv_free(&ld->parser);
}

/* ---- the result ---- */

/*
 * Turns offsets into pointers, now that the text will not move again, in
 * tables borrowed from the scratch: every entry is written, so they need
 * no zeroing.
 */
static void finish(struct csvfile *out, struct loader *ld,
		   struct csvfile_scratch *scratch)
{
	size_t m = ld->ncolumns;

	out->text_ = buf_detach(&ld->text);
	out->fieldv_ = mem_array_grow(scratch->fieldv, &scratch->fieldv_cap,
				      ld->noffs + 1, sizeof(*out->fieldv_));
	out->fieldv_cap_ = scratch->fieldv_cap;
	scratch->fieldv = NULL;
	scratch->fieldv_cap = 0;
	for (size_t i = 0; i < ld->noffs; i++)
		out->fieldv_[i] = out->text_ + ld->offs[i];
	out->header_line = ld->header_line;
	out->ncolumns = m;
	out->header = out->fieldv_;
	out->nrecords = ld->nlines;
	out->records = mem_array_grow(scratch->records, &scratch->records_cap,
				      ld->nlines + 1, sizeof(*out->records));
	out->records_cap_ = scratch->records_cap;
	scratch->records = NULL;
	scratch->records_cap = 0;
	for (size_t r = 0; r < ld->nlines; r++) {
		out->records[r].line = ld->lines[r];
		out->records[r].nfields = m;
		out->records[r].fields = out->fieldv_ + (r + 1) * m;
	}
	out->order_ = ld->order;
	ld->order = NULL;
}

static void loader_free(struct loader *ld)
{
	buf_free(&ld->text);
	free(ld->offs);
	free(ld->lines);
	free(ld->order);
}

/*
 * Whether the file's NUL bytes make it binary, not text with a stray NUL
 * or two (which check_utf8 reports at their rows, leaving out just those):
 * UTF-16, a NUL in the header, or more than one byte in a hundred.
 */
static bool binary(const char *data, size_t len, bool utf16)
{
	const char *header_end = memchr(data, '\n', len);
	size_t nuls = 0;

	if (utf16 || memchr(data, '\0', header_end ? (size_t)(header_end - data) : len))
		return true;
	for (const char *p = data; (p = memchr(p, '\0', len - (size_t)(p - data)));
	     p++)
		nuls++;
	return nuls > len / 100;
}

/* Whole-file problems, found before parsing: -1 if there are any. */
static int check_text(const char *path, const char *data, size_t len,
		      struct diag_list *diags)
{
	bool utf16 = len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 ||
				  memcmp(data, "\xFE\xFF", 2) == 0);

	if (utf8_has_nul(data, len) && binary(data, len, utf16)) {
		diag_error(diags, path, 0, 0,
			   "not a text file (it contains NUL bytes)%s",
			   utf16 ? "; it looks like UTF-16: save the file as "
			   "UTF-8 (CSV UTF-8 in Excel)" : "");
		return -1;
	}
	return 0;
}

int csvfile_parse(struct csvfile *out, const char *path, const char *data,
		  size_t len, struct diag_list *diags)
{
	return csvfile_parse_with(out, path, data, len, diags, true);
}

/* Parses with the scratch's offsets array, which it may grow, and
 * borrows its tables for the records. */
static int parse(struct csvfile *out, const char *path, const char *data,
		 size_t len, struct diag_list *diags, bool fast,
		 struct csvfile_scratch *scratch)
{
	struct loader ld;
	size_t bom;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->path = mem_strdup(path);
	if (check_text(path, data, len, diags) != 0)
		return -1;
	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.diags = diags;
	ld.fast = fast;
	/* Field text never outgrows the input (one NUL per separator).  Room
	 * for a field per four bytes spares most files any regrowth of the
	 * offsets (each copy of a large block is a page-faulting memmove);
	 * pages never touched cost nothing. */
	buf_grow(&ld.text, len + 2);
	ld.offs = mem_array_grow(scratch->offs, &scratch->offs_cap,
				 len / 4 + 64, sizeof(*ld.offs));
	ld.offs_cap = scratch->offs_cap;
	scratch->offs = NULL;
	parser_start(&ld);
	bom = utf8_bom_length(data, len);
	feed_all(&ld, data + bom, len - bom);
	if (ld.utf8_errors > UTF8_ERRORS_LISTED)
		diag_error(diags, path, ld.utf8_last_line, 0,
			   "and %zu more rows with invalid UTF-8, the last here: "
			   "the file is in another encoding; name it (--encoding "
			   "windows-1252, or `encoding:` in folio.yml)",
			   ld.utf8_errors - UTF8_ERRORS_LISTED);
	if (!ld.header_seen) {
		diag_error(diags, path, 0, 0,
			   "empty file: a CSV file needs a header row");
		rc = -1;
	} else if (!ld.header_ok) {
		rc = -1;
	} else {
		finish(out, &ld, scratch);
	}
	scratch->offs = ld.offs;        /* grown, maybe: the scratch's again */
	scratch->offs_cap = ld.offs_cap;
	ld.offs = NULL;
	loader_free(&ld);
	return rc;
}

int csvfile_parse_with(struct csvfile *out, const char *path,
		       const char *data, size_t len, struct diag_list *diags,
		       bool fast)
{
	struct csvfile_scratch scratch = CSVFILE_SCRATCH_INIT;
	int rc = parse(out, path, data, len, diags, fast, &scratch);

	csvfile_scratch_free(&scratch);
	return rc;
}

int csvfile_load(struct csvfile *out, const char *path,
		 struct diag_list *diags)
{
	return csvfile_load_as(out, path, NULL, diags);
}

/* Points *data at a UTF-8 copy the caller frees (the bytes it had are the
 * caller's still), or reports where the text cannot be converted. */
static bool convert(const char *path, const char *encoding, char **data,
		    size_t *len, struct diag_list *diags)
{
	char *utf8;
	size_t utf8_len, bad;
	int line, column;

	if (encoding_to_utf8(encoding, *data, *len, &utf8, &utf8_len, &bad) != 0) {
		utf8_locate(*data, bad, &line, &column);
		diag_error(diags, path, line, column,
			   "not %s text (byte 0x%02X): check the encoding the file "
			   "was saved in", encoding,
			   bad < *len ? (unsigned char)(*data)[bad] : 0);
		return false;
	}
	*data = utf8;
	*len = utf8_len;
	return true;
}

int csvfile_parse_as(struct csvfile *out, const char *path, const char *data,
		     size_t len, const char *encoding,
		     struct csvfile_scratch *scratch, struct diag_list *diags)
{
	struct csvfile_scratch own = CSVFILE_SCRATCH_INIT;
	char *text = (char *)data;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	/* convert() leaves text alone or points it at a copy: data stays const. */
	if (!encoding || encoding_is_utf8(encoding) ||
	    convert(path, encoding, &text, &len, diags))
		rc = parse(out, path, text, len, diags, true,
			   scratch ? scratch : &own);
	else
		out->path = mem_strdup(path);
	if (text != data)
		free(text);
	csvfile_scratch_free(&own);
	return rc;
}

int csvfile_load_reusing(struct csvfile *out, const char *path,
			 const char *encoding,
			 struct csvfile_scratch *scratch,
			 struct diag_list *diags)
{
	size_t len;
	int err = fs_read_file_into(path, &scratch->data, &scratch->data_cap,
				    &len);

	if (err) {
		memset(out, 0, sizeof(*out));
		out->path = mem_strdup(path);
		return err;
	}
	return csvfile_parse_as(out, path, scratch->data, len, encoding,
				scratch, diags);
}

int csvfile_load_as(struct csvfile *out, const char *path,
		    const char *encoding, struct diag_list *diags)
{
	struct csvfile_scratch scratch = CSVFILE_SCRATCH_INIT;
	int rc = csvfile_load_reusing(out, path, encoding, &scratch, diags);

	csvfile_scratch_free(&scratch);
	return rc;
}

void csvfile_scratch_free(struct csvfile_scratch *scratch)
{
	free(scratch->data);
	free(scratch->offs);
	free(scratch->fieldv);
	free(scratch->records);
	*scratch = (struct csvfile_scratch)CSVFILE_SCRATCH_INIT;
}

/* ---- lookups ---- */

int csvfile_column(const struct csvfile *f, const char *name)
{
	size_t n = strlen(name), lo = 0, hi = f->ncolumns;

	while (n > 0 && is_space(name[0])) {
		name++;
		n--;
	}
	while (n > 0 && is_space(name[n - 1]))
		n--;
	/* Lower bound, so that a duplicate name finds its first column. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (name_compare(name, n, f->header[f->order_[mid]]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->ncolumns &&
	    name_compare(name, n, f->header[f->order_[lo]]) == 0 &&
	    f->order_[lo] <= INT_MAX)
		return (int)f->order_[lo];
	return -1;
}

int csvfile_require(const struct csvfile *f, const char *name,
		    struct diag_list *diags)
{
	int col = csvfile_column(f, name);
	struct buf names = BUF_INIT;
	size_t shown;

	if (col >= 0)
		return col;
	shown = f->ncolumns < REQUIRE_LIST_MAX ? f->ncolumns :
		REQUIRE_LIST_MAX;
	for (size_t i = 0; i < shown; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", f->header[i]);
	if (shown < f->ncolumns)
		buf_printf(&names, ", ... and %zu more", f->ncolumns - shown);
	diag_error(diags, f->path, f->header_line, 0,
		   "missing column `%s`; the header has: %s", name,
		   buf_cstr(&names));
	buf_free(&names);
	return -1;
}

/* Of the scratch's table and one given back, keeps the larger and frees
 * the other. */
static void *keep_larger(void *kept, size_t *kept_cap, void *table,
			 size_t cap)
{
	if (kept && *kept_cap >= cap) {
		free(table);
		return kept;
	}
	free(kept);
	*kept_cap = cap;
	return table;
}

void csvfile_drop_records_into(struct csvfile *f,
			       struct csvfile_scratch *scratch)
{
	const char **fieldv = f->fieldv_;

	if (!f->records)        /* dropped already, or never usable */
		return;
	/* The header comes first: keep a copy of it. */
	f->fieldv_ = mem_alloc(f->ncolumns * sizeof(*f->fieldv_));
	memcpy(f->fieldv_, fieldv, f->ncolumns * sizeof(*f->fieldv_));
	f->header = f->fieldv_;
	if (scratch) {
		scratch->fieldv = keep_larger(scratch->fieldv,
					      &scratch->fieldv_cap, fieldv,
					      f->fieldv_cap_);
		scratch->records = keep_larger(scratch->records,
					       &scratch->records_cap,
					       f->records, f->records_cap_);
	} else {
		free(fieldv);
		free(f->records);
	}
	f->fieldv_cap_ = f->ncolumns;
	f->records = NULL;
	f->records_cap_ = 0;
	f->nrecords = 0;
}

void csvfile_drop_records(struct csvfile *f)
{
	csvfile_drop_records_into(f, NULL);
}

void csvfile_free(struct csvfile *f)
{
	free(f->path);
	free(f->records);
	free(f->fieldv_);
	free(f->text_);
	free(f->order_);
	memset(f, 0, sizeof(*f));
}
