/*
 * csvfile.h - a CSV file as a header and records, each with its line.
 *
 * Owns reading CSV text (RFC 4180, as libcsv reads it in strict mode:
 * plain lines are split by a fast path proven to agree with it, and
 * libcsv itself takes every other line and decides every error) into
 * memory, and every rule about what a usable CSV file is: UTF-8 text, a
 * header row of distinct names, the same number of fields in every row.
 * Readers of particular files (learners, evidence) build on this and deal
 * only in column names and field text.
 *
 * What is accepted: quoted fields holding commas, quotes ("") and line
 * breaks; CRLF, LF or CR line ends; a UTF-8 byte-order mark; spaces and
 * tabs around unquoted fields (dropped, as libcsv does; quoted fields keep
 * theirs); blank lines, and rows whose fields are all empty (",,,"), which
 * are skipped anywhere; a trailing comma on every line, as spreadsheets
 * write (trailing unnamed columns are dropped, and a row's extra fields
 * past the header are accepted while empty).  Fields are separated by
 * commas: a header that is one name of several joined by semicolons or
 * tabs is a file saved with another separator, one error and unusable.
 *
 * Every problem becomes a diagnostic at FILE:LINE[:COL] and the record it
 * is in is left out; the rest of the file still loads, so one run reports
 * everything.  Parsing works on a byte buffer, so it can be fuzzed.
 */
#ifndef FOLIO_CSVFILE_H
#define FOLIO_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

struct csvfile_record {
	int line;             /* 1-based line the record starts on */
	size_t nfields;       /* always the file's ncolumns */
	const char **fields;  /* NUL-terminated UTF-8, owned by the csvfile */
};

/*
 * Everything a csvfile points to is owned by it and lives until
 * csvfile_free().  Fields are never NULL; an empty field is "".
 */
struct csvfile {
	char *path;                      /* as given, for diagnostics */
	int header_line;                 /* line of the header row */
	size_t ncolumns;                 /* named columns in the header */
	const char **header;             /* names, trimmed of spaces */
	size_t nrecords;                 /* the rows after the header */
	struct csvfile_record *records;

	/* Private: the storage the pointers above point into. */
	char *text_;                     /* every field, NUL-terminated */
	const char **fieldv_;            /* header, then each record's fields */
	size_t fieldv_cap_;
	size_t records_cap_;
	size_t *order_;                  /* column indices sorted by name */
};

/*
 * Parses len bytes of data (need not be NUL-terminated) as the CSV file
 * path (which is used only in diagnostics, and copied).  Always
 * initialises *out, which the caller then frees with csvfile_free().
 * Returns 0 if the file is usable, though some of its records may have
 * been left out with an error; -1 if nothing in it is usable (empty, not
 * text, or a bad header), in which case *out holds no header or records.
 */
int csvfile_parse(struct csvfile *out, const char *path, const char *data,
		  size_t len, struct diag_list *diags);

/*
 * For the tests: csvfile_parse() with the fast path on or off (false feeds
 * every line to libcsv).  They parse every input both ways and compare,
 * which is how the fast path is shown to agree with libcsv.  The choice
 * is per call, so parses on several threads do not interfere.
 */
int csvfile_parse_with(struct csvfile *out, const char *path,
		       const char *data, size_t len, struct diag_list *diags,
		       bool fast);

/*
 * Reads the file at path and parses it as csvfile_parse() does.  On an
 * I/O error returns its errno value (> 0) without adding a diagnostic, so
 * that the caller chooses the message and exit status.
 */
int csvfile_load(struct csvfile *out, const char *path,
		 struct diag_list *diags);

/*
 * The same for a file in another encoding (NULL or UTF-8: none), which is
 * converted to UTF-8 first; a byte the encoding does not define is an
 * error at its place, and nothing of the file is usable.
 */
int csvfile_load_as(struct csvfile *out, const char *path,
		    const char *encoding, struct diag_list *diags);

/*
 * What loading a file needs only while it runs: the file's bytes and where
 * each field starts; and the records' tables, which the file loaded
 * borrows until csvfile_drop_records_into() gives them back.  A thread
 * loading many files passes the same scratch to each, then frees it:
 * files of tens of megabytes are above the size glibc keeps for reuse, so
 * each would otherwise be fresh memory that the kernel zeroes (at 50,000
 * learners, a gigabyte in all).
 */
struct csvfile_scratch {
	char *data;
	size_t data_cap;
	size_t *offs;
	size_t offs_cap;
	const char **fieldv;            /* NULL while a file borrows it */
	size_t fieldv_cap;
	struct csvfile_record *records; /* NULL while a file borrows it */
	size_t records_cap;
};

#define CSVFILE_SCRATCH_INIT { NULL, 0, NULL, 0, NULL, 0, NULL, 0 }

/* csvfile_load_as(), with buffers kept in scratch from one call to the next. */
int csvfile_load_reusing(struct csvfile *out, const char *path,
			 const char *encoding,
			 struct csvfile_scratch *scratch,
			 struct diag_list *diags);

/*
 * The same for text already in memory (a centre given as text): data is
 * in encoding, and converted as csvfile_load_as() would.  scratch may be
 * NULL.
 */
int csvfile_parse_as(struct csvfile *out, const char *path, const char *data,
		     size_t len, const char *encoding,
		     struct csvfile_scratch *scratch, struct diag_list *diags);

void csvfile_scratch_free(struct csvfile_scratch *scratch);

/*
 * Index of the column called name (ignoring ASCII case and surrounding
 * spaces), or -1.  O(log ncolumns).
 */
int csvfile_column(const struct csvfile *f, const char *name);

/*
 * As csvfile_column(), but a missing column is also reported, at the
 * header line, as "missing column `NAME`; the header has: A, B, C".
 */
int csvfile_require(const struct csvfile *f, const char *name,
		    struct diag_list *diags);

/*
 * Frees the records' tables once the records have been read, keeping the
 * text that what was read from them points into, and the header: about a
 * hundred bytes a row that a large centre would otherwise hold to the end.
 * nrecords is 0 afterwards.
 */
void csvfile_drop_records(struct csvfile *f);

/*
 * The same, giving the tables to scratch for the next file instead of
 * freeing them (the larger are kept where scratch has tables already).
 */
void csvfile_drop_records_into(struct csvfile *f,
			       struct csvfile_scratch *scratch);

void csvfile_free(struct csvfile *f);

#endif
