/*
 * test_utf8.c - strict UTF-8 checking and where a bad byte is.
 */
#include "check.h"

#include "base/utf8.h"

static size_t check(const char *s)
{
	return utf8_check(s, strlen(s));
}

static void accepts_utf8(void)
{
	CHECK_INT(check(""), 0);
	CHECK_INT(check("plain ASCII text, longer than eight bytes"), 41);
	CHECK_INT(check("caf\xC3\xA9 \xE2\x80\x99quoted\xE2\x80\x99 \xF0\x9F\x98\x80"), 23);
	CHECK_INT(check("\xED\x9F\xBF"), 3);          /* U+D7FF, before the surrogates */
	CHECK_INT(check("\xF4\x8F\xBF\xBF"), 4);      /* U+10FFFF, the last */
}

static void rejects_what_rfc3629_forbids(void)
{
	CHECK_INT(check("ab\xC0\xAF"), 2);           /* overlong '/' */
	CHECK_INT(check("\xE0\x80\xAF"), 0);         /* overlong, 3 bytes */
	CHECK_INT(check("x\xED\xA0\x80"), 1);        /* a surrogate */
	CHECK_INT(check("\xF4\x90\x80\x80"), 0);     /* above U+10FFFF */
	CHECK_INT(check("abc\xE9t\xE9"), 3);         /* Windows-1252 e-acute */
	CHECK_INT(check("\xC3"), 0);                 /* cut short */
	CHECK_INT(check("\xFF"), 0);
}

/* The 8-byte fast path must not skip a bad byte at any position. */
static void finds_bad_byte_at_every_offset(void)
{
	char text[40];

	for (size_t at = 0; at < 32; at++) {
		memset(text, 'a', sizeof(text) - 1);
		text[sizeof(text) - 1] = '\0';
		text[at] = (char)0x80;
		CHECK_INT(check(text), at);
	}
}

static void locates_lines_and_columns(void)
{
	const char *s = "first\nsecond line\n\xE9";
	int line, column;

	utf8_locate(s, 13, &line, &column);
	CHECK_INT(line, 2);
	CHECK_INT(column, 8);
	utf8_locate(s, check(s), &line, &column);
	CHECK_INT(line, 3);
	CHECK_INT(column, 1);
	CHECK_INT(utf8_bom_length("\xEF\xBB\xBFx", 4), 3);
	CHECK_INT(utf8_bom_length("x", 1), 0);
	CHECK(utf8_has_nul("a\0b", 3));
	CHECK(!utf8_has_nul("ab", 2));
}

/* A prefix never ends inside a character: a cut there backs off to the
 * character's start; a cut at a boundary, or past the end, stays. */
static void cuts_prefixes_between_characters(void)
{
	static const char s[] = "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
	size_t len = sizeof(s) - 1;

	CHECK_INT(utf8_prefix(s, len, 0), 0);
	CHECK_INT(utf8_prefix(s, len, 2), 2);
	CHECK_INT(utf8_prefix(s, len, 3), 2);      /* inside é */
	CHECK_INT(utf8_prefix(s, len, 4), 4);
	CHECK_INT(utf8_prefix(s, len, 5), 4);      /* inside € */
	CHECK_INT(utf8_prefix(s, len, 6), 4);
	CHECK_INT(utf8_prefix(s, len, 7), 7);
	CHECK_INT(utf8_prefix(s, len, 10), 7);     /* inside the emoji */
	CHECK_INT(utf8_prefix(s, len, 11), 11);
	CHECK_INT(utf8_prefix(s, len, 12), 12);
	CHECK_INT(utf8_prefix(s, len, 99), 12);
	/* A quote: the prefix, and "..." when some is left out. */
	CHECK_INT(utf8_quote(s, 3).len, 2);
	CHECK_STR(utf8_quote(s, 3).more, "...");
	CHECK_INT(utf8_quote(s, 12).len, 12);
	CHECK_STR(utf8_quote(s, 12).more, "");
	CHECK_INT(utf8_quote("", 5).len, 0);
	CHECK_STR(utf8_quote("", 5).more, "");
	for (size_t max = 0; max <= len; max++)
		CHECK_INT(utf8_check(s, utf8_prefix(s, len, max)),
			  utf8_prefix(s, len, max));
}

int main(void)
{
	RUN(accepts_utf8);
	RUN(rejects_what_rfc3629_forbids);
	RUN(finds_bad_byte_at_every_offset);
	RUN(locates_lines_and_columns);
	RUN(cuts_prefixes_between_characters);
	return check_summary();
}
