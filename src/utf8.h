/*
 * utf8.h - checking that input text is UTF-8, and locating where not.
 *
 * Inputs are strict UTF-8 (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF.  Loaders call utf8_check() once per file and,
 * on failure, report the line and column utf8_locate() gives.
 */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Offset of the first byte that is not valid UTF-8, or len if all is. */
size_t utf8_check(const char *s, size_t len);

/* 1-based line and byte column of offset `at` in s. */
void utf8_locate(const char *s, size_t at, int *line, int *column);

/* Whether s holds a NUL byte before len: such a file is binary, not text. */
bool utf8_has_nul(const char *s, size_t len);

/* Length of a UTF-8 byte-order mark at the start of s (3), else 0. */
size_t utf8_bom_length(const char *s, size_t len);

#endif
