/*
 * csvrow.h - typed fields from the records of a CSV file.
 *
 * The learners and evidence readers both map known column names to
 * indexes, keep unknown columns as `extra`, and read ids, dates, yes/no
 * and id lists out of fields with a located error when a field is wrong.
 * That shared work lives here, so both files follow the same rules.
 */
#ifndef FOLIO_CSVROW_H
#define FOLIO_CSVROW_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "read/csvfile.h"

struct extra_field {
	const char *name;     /* the header as written */
	const char *value;    /* NULL when the row leaves it empty */
};

struct csvrow_column {
	const char *name;     /* lower case */
	bool required;
};

/*
 * Finds each column in the header (index[i] = -1 when absent), reporting
 * each missing required one.  Returns false if any required is missing.
 */
bool csvrow_map(const struct csvfile *f, const struct csvrow_column *columns,
		size_t n, int *index, struct diag_list *diags);

/*
 * The columns not among index[0..n), every one as a name/value pair in
 * file order (value NULL where the row leaves it empty), so that a
 * template's {{extra.NAME}} finds NAME on every row of the file.
 */
struct extra_field *csvrow_extras(struct arena *arena, const struct csvfile *f,
				  const struct csvfile_record *r,
				  const int *index, size_t n, size_t *count);

/* The field, or NULL when the column is absent or the field empty. */
const char *csvrow_field(const struct csvfile_record *r, int index);


/*
 * A date field: true with *day set; false (and an error naming the
 * column) when present but not a date; false silently when empty.
 */
bool csvrow_date(const struct csvfile *f, const struct csvfile_record *r,
		 int index, const char *column, int32_t *day, bool *bad,
		 struct diag_list *diags);

/*
 * A field of exactly size bytes written in base64 (RFC 4648, padded):
 * true with out[0..size) set; false (and an error naming the column and
 * the size) when present but not that; false silently when empty.  Keys
 * and signatures (a public key is 32 bytes, 44 characters).
 */
bool csvrow_base64(const struct csvfile *f, const struct csvfile_record *r,
		   int index, const char *column, uint8_t *out, size_t size,
		   bool *bad, struct diag_list *diags);

/*
 * A number of hours with at most two decimals (base/hours.h): true with
 * *centi set in hundredths; false (and an error naming the column) when
 * present but not that; false silently when empty.
 */
bool csvrow_hours(const struct csvfile *f, const struct csvfile_record *r,
		  int index, const char *column, long *centi, bool *bad,
		  struct diag_list *diags);

/* yes/no, y/n, true/false, 1/0 (any case), empty = no; else an error. */
bool csvrow_yes_no(const struct csvfile *f, const struct csvfile_record *r,
		   int index, const char *column, bool *value,
		   struct diag_list *diags);

/*
 * The next id of a list such as "1.1; 1.2 2.3" (ids are separated by
 * semicolons, commas and white space): its start, with *len its length,
 * and *s moved past it; NULL at the end.  Nothing is copied.
 */
const char *csvrow_next_id(const char **s, size_t *len);

/* Splits "1.1; 1.2 2.3" at semicolons, commas and spaces into arena strings. */
const char **csvrow_split(struct arena *arena, const char *text, size_t *count);

#endif
