/*
 * markdown.c - Markdown to safe HTML, with a fast path (see markdown.h).
 */
#include "markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/*
 * Plain: one line, starting with a letter or a non-ASCII byte (so no
 * block construct can start: no heading, list, quote, code block or
 * thematic break), without trailing spaces, and with none of the
 * characters that begin inline markup, entities or raw HTML.  Such a
 * line is a paragraph whose text cmark copies, escaping only '"'.
 */
bool markdown_is_plain(const char *text, size_t len)
{
	unsigned char first = len ? (unsigned char)text[0] : 0;

	if (!len || text[len - 1] == ' ')
		return false;
	if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
	      first >= 0x80))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || strchr("\\`*_[]!<>&", c))
			return false;
	}
	return true;
}

void markdown_to_html(const char *text, size_t len, struct buf *out)
{
	char *html;

	if (len == 0)
		return;
	if (markdown_is_plain(text, len)) {
		size_t run = 0;

		buf_puts(out, "<p>");
		for (size_t i = 0; i < len; i++) {
			if (text[i] != '"')
				continue;
			buf_put(out, text + run, i - run);
			buf_puts(out, "&quot;");
			run = i + 1;
		}
		buf_put(out, text + run, len - run);
		buf_puts(out, "</p>\n");
		return;
	}
	html = cmark_markdown_to_html(text, len, CMARK_OPT_DEFAULT);
	buf_puts(out, html);
	free(html);
}
