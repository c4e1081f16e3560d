/*
 * encoding.h - reading text that is not UTF-8.
 *
 * Spreadsheets on UK Windows machines save CSV as Windows-1252.  Inputs are
 * strict UTF-8 unless the centre names another encoding (--encoding, or
 * `encoding:` in folio.yml); then the bytes are converted through iconv
 * before anything reads them.  Conversion keeps line breaks, so every
 * line and column a diagnostic gives still points into the original file.
 */
#ifndef FOLIO_ENCODING_H
#define FOLIO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

/* Whether iconv knows the encoding (UTF-8 and its spellings are known). */
bool encoding_known(const char *name);

/* Whether name is UTF-8 (any spelling), so nothing needs converting. */
bool encoding_is_utf8(const char *name);

/*
 * Converts len bytes from the encoding to UTF-8, into a NUL-terminated
 * malloc'd buffer.  Returns 0; or -1 with *bad the offset of the first
 * byte the encoding does not define.
 */
int encoding_to_utf8(const char *name, const char *in, size_t len,
		     char **out, size_t *out_len, size_t *bad);

#endif
