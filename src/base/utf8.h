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

/*
 * Length of the control character at the start of s (len > 0): 1 for a
 * C0 control other than tab, line feed and carriage return, and for DEL;
 * 2 for a C1 control (U+0080 to U+009F, such as CSI, which terminals obey
 * as ESC [ ); else 0.  Output that a terminal or a browser may read
 * shows these another way (UTF8_REPLACEMENT, or written out).
 */
size_t utf8_control_length(const char *s, size_t len);

/* U+FFFD, the character that stands for one that cannot be shown. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"

/*
 * The longest prefix of s[0..len) of at most max bytes that ends where a
 * character does, for quoting the start of a long value in a message
 * without cutting a character in two (which a diagnostic would then show
 * as a byte escape).
 */
size_t utf8_prefix(const char *s, size_t len, size_t max);

/*
 * A value quoted in a message, at most max bytes of it: printed as
 * "%.*s%s" with q.len, s, q.more ("..." when some is left out, else "").
 */
struct utf8_quote {
	int len;
	const char *more;
};

struct utf8_quote utf8_quote(const char *s, size_t max);

/* How much of a value a message quotes, as a rule. */
#define UTF8_QUOTE_BYTES 40

/* Length of a UTF-8 byte-order mark at the start of s (3), else 0. */
size_t utf8_bom_length(const char *s, size_t len);

#endif
