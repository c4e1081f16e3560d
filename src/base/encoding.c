/*
 * encoding.c - converting other encodings to UTF-8 (see encoding.h).
 */
#include "base/encoding.h"
#include "base/mem.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool encoding_is_utf8(const char *name)
{
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
}

bool encoding_known(const char *name)
{
	iconv_t cd;

	if (encoding_is_utf8(name))
		return true;
	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

int encoding_to_utf8(const char *name, const char *in, size_t len,
		     char **out, size_t *out_len, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", name);
	size_t cap = len * 3 + 1, left_in = len, left_out;
	char *buffer, *from = (char *)in, *to;
	int rc = 0;

	if (cd == (iconv_t)-1) {
		*bad = 0;
		return -1;
	}
	/* Every single-byte encoding fits in three UTF-8 bytes a byte. */
	buffer = mem_alloc(cap);
	to = buffer;
	left_out = cap - 1;
	while (left_in > 0) {
		if (iconv(cd, &from, &left_in, &to, &left_out) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(to - buffer);

			cap *= 2;
			buffer = mem_realloc(buffer, cap);
			to = buffer + used;
			left_out = cap - 1 - used;
			continue;
		}
		*bad = (size_t)(from - in);
		rc = -1;
		break;
	}
	iconv_close(cd);
	if (rc) {
		free(buffer);
		return rc;
	}
	*to = '\0';
	*out = buffer;
	*out_len = (size_t)(to - buffer);
	return 0;
}
