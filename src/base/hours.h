/*
 * hours.h - quantities of hours, such as 7.5 or 0.25, held exactly.
 *
 * Off-the-job hours and contracted hours are written as decimals with at
 * most two places.  They are kept as whole hundredths of an hour (a
 * long), so that sums are exact and print the same on every machine:
 * 7.5 is 750.  One way to read them and one way to write them back.
 */
#ifndef FOLIO_HOURS_H
#define FOLIO_HOURS_H

#include <stdbool.h>

/* Room for hours_format()'s text, with the NUL. */
#define HOURS_TEXT_SIZE 32

/* The largest value read: a billion hours is no one's input. */
#define HOURS_MAX 100000000000L

/*
 * Reads "7.5", "12", "0.25" or "7,5" (a decimal comma, as some
 * spreadsheets write it) into *centi, hundredths of an hour.  Returns 0,
 * or -1 when text is not a number of hours with at most two decimals
 * (a sign, an exponent or a third decimal are refused).
 */
int hours_parse(const char *text, long *centi);

/* Writes centi hundredths as "7.5", "12", "0.25", "-3" into out; returns out. */
char *hours_format(long centi, char out[HOURS_TEXT_SIZE]);

/* centi rounded to the nearest whole hour (halves away from zero), in centi. */
long hours_round(long centi);

#endif
