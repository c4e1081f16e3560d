/*
 * utf8.c - UTF-8 validation and error location (see utf8.h).
 */
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

/*
 * Length of the well-formed sequence starting at s, or 0.  The second
 * byte's range depends on the first (Table 3-7 of the Unicode standard):
 * that is what rules out overlong forms and surrogates.
 */
static size_t sequence_length(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (left < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

/* Whether the 8 bytes at p are all ASCII: most input is, so skip it fast. */
static bool ascii8(const unsigned char *p)
{
	uint64_t word;

	memcpy(&word, p, sizeof(word));
	return (word & 0x8080808080808080ULL) == 0;
}

size_t utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n;

		if (i + 8 <= len && ascii8(p + i)) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = sequence_length(p + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

void utf8_locate(const char *s, size_t at, int *line, int *column)
{
	int l = 1;
	size_t start = 0;

	for (size_t i = 0; i < at; i++) {
		if (s[i] == '\n') {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*column = (int)(at - start) + 1;
}

bool utf8_has_nul(const char *s, size_t len)
{
	return memchr(s, '\0', len) != NULL;
}

size_t utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;

	/* A continuation byte (10xxxxxx) at the cut: back to its lead. */
	while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

struct utf8_quote utf8_quote(const char *s, size_t max)
{
	size_t len = strlen(s);

	return (struct utf8_quote){ (int)utf8_prefix(s, len, max),
				    len > max ? "..." : "" };
}

size_t utf8_bom_length(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

size_t utf8_control_length(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
		return 1;
	if (c == 0xC2 && len > 1 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9F)
		return 2;
	return 0;
}
