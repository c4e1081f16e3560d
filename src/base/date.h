/*
 * date.h - calendar dates as the inputs write them.
 *
 * Owns reading dates (ISO YYYY-MM-DD, and UK DD/MM/YYYY or D/M/YYYY, as
 * spreadsheets in the UK export them), saying why a text is not a date,
 * writing dates back as ISO, and knowing what "today" is.  A date is a day
 * number: days since 1970-01-01 (negative before), so dates compare and
 * subtract as integers.  Years run from 1 to 9999 (proleptic Gregorian).
 */
#ifndef FOLIO_DATE_H
#define FOLIO_DATE_H

#include <stdint.h>

#include "base/buf.h"

#define DATE_MIN (-719162)     /* 0001-01-01 */
#define DATE_MAX 2932896       /* 9999-12-31 */

/* Bytes date_format() writes, with the NUL: "YYYY-MM-DD". */
#define DATE_ISO_SIZE 11

/*
 * Reads text (surrounding spaces and tabs ignored) as YYYY-MM-DD or
 * DD/MM/YYYY (day and month may have one digit).  Returns 0 and sets *day,
 * or -1 if text is not a real date in one of those forms.
 */
int date_parse(const char *text, int32_t *day);

/*
 * Appends to why the reason text is not a date, as one line for a
 * diagnostic: "`31/02/2026` is not a date: February 2026 has 28 days",
 * "`2026/1/5` is not a date; write YYYY-MM-DD or DD/MM/YYYY".  Long text
 * is shortened.  Appends nothing if text is a date.
 */
void date_explain(const char *text, struct buf *why);

/* The day number of a calendar date; 0 or -1 if there is no such date. */
int date_from_ymd(int year, int month, int mday, int32_t *day);
void date_to_ymd(int32_t day, int *year, int *month, int *mday);

/* Writes day as "YYYY-MM-DD" into out[DATE_ISO_SIZE]; returns out. */
char *date_format(int32_t day, char *out);

/*
 * How a centre writes dates on its pages (folio.yml `date_format`): ISO
 * by default, "03/12/2026", or "3 Dec 2026".  Machine-readable output
 * (JSON, CSV) is always ISO.
 */
enum date_style { DATE_STYLE_ISO, DATE_STYLE_DMY, DATE_STYLE_D_MMM_YYYY };

/* The names folio.yml gives them: "yyyy-mm-dd", "dd/mm/yyyy",
 * "d mmm yyyy", in enum order. */
extern const char *const date_style_names[3];

/* Bytes date_format_in() writes at most, with the NUL: "31 Dec 9999". */
#define DATE_TEXT_SIZE 12

/* Writes day in style into out[DATE_TEXT_SIZE]; returns out. */
char *date_format_in(int32_t day, enum date_style style, char *out);

/* The UTC date at a POSIX time, clamped to DATE_MIN..DATE_MAX. */
int32_t date_from_epoch_seconds(long long seconds);

/*
 * Today's date for "in the future" checks, from the value of the
 * SOURCE_DATE_EPOCH variable (seconds since 1970, UTC) when it is given
 * and not empty, so that runs are reproducible; else from the clock.
 * Returns -1, with *day from the clock, if the value is not a whole
 * number of seconds in range; else 0.  date_today() passes
 * getenv("SOURCE_DATE_EPOCH").
 */
int date_today_from(const char *source_date_epoch, int32_t *day);
int date_today(int32_t *day);

#endif
