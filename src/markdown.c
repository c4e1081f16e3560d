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
/* Bytes that may begin markup, an entity or raw HTML, and control bytes. */
static const bool special[256] = {
	[0] = true, [1] = true, [2] = true, [3] = true, [4] = true, [5] = true,
	[6] = true, [7] = true, [8] = true, [9] = true, [10] = true, [11] = true,
	[12] = true, [13] = true, [14] = true, [15] = true, [16] = true,
	[17] = true, [18] = true, [19] = true, [20] = true, [21] = true,
	[22] = true, [23] = true, [24] = true, [25] = true, [26] = true,
	[27] = true, [28] = true, [29] = true, [30] = true, [31] = true,
	['\\'] = true, ['`'] = true, ['*'] = true, ['_'] = true, ['['] = true,
	[']'] = true, ['!'] = true, ['<'] = true, ['>'] = true, ['&'] = true,
};

bool markdown_is_plain(const char *text, size_t len)
{
	unsigned char first = len ? (unsigned char)text[0] : 0;

	if (!len || text[len - 1] == ' ')
		return false;
	if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
	      first >= 0x80))
		return false;
	for (size_t i = 0; i < len; i++)
		if (special[(unsigned char)text[i]])
			return false;
	return true;
}

/* A plain paragraph's HTML: "<p>", the text with '"' as &quot;, "</p>\n". */
size_t markdown_plain_html_length(const char *text, size_t len)
{
	size_t n = len + 3 + 5;

	for (const char *q = memchr(text, '"', len); q;
	     q = memchr(q + 1, '"', len - (size_t)(q + 1 - text)))
		n += 5;
	return n;
}

void markdown_plain_html(const char *text, size_t len, char *out)
{
	size_t run = 0;

	memcpy(out, "<p>", 3);
	out += 3;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '"')
			continue;
		memcpy(out, text + run, i - run);
		out += i - run;
		memcpy(out, "&quot;", 6);
		out += 6;
		run = i + 1;
	}
	memcpy(out, text + run, len - run);
	memcpy(out + len - run, "</p>\n", 5);
}

void markdown_to_html(const char *text, size_t len, struct buf *out)
{
	char *html;

	if (len == 0)
		return;
	if (markdown_is_plain(text, len)) {
		size_t n = markdown_plain_html_length(text, len);

		buf_grow(out, n + 1);
		markdown_plain_html(text, len, out->data + out->len);
		out->len += n;
		out->data[out->len] = '\0';
		return;
	}
	html = cmark_markdown_to_html(text, len, CMARK_OPT_DEFAULT);
	buf_puts(out, html);
	free(html);
}

/* Runs of spaces in out past start become one; none at the end. */
static void collapse_spaces(struct buf *out, size_t start)
{
	size_t to = start;

	for (size_t from = start; from < out->len; from++)
		if (out->data[from] != ' ' || (to > start && out->data[to - 1] != ' '))
			out->data[to++] = out->data[from];
	while (to > start && out->data[to - 1] == ' ')
		to--;
	buf_truncate(out, to);
}

void markdown_to_text(const char *text, size_t len, struct buf *out)
{
	cmark_node *doc;
	cmark_iter *iter;
	cmark_event_type event;
	size_t start = out->len;

	if (markdown_is_plain(text, len)) {
		buf_put(out, text, len);
		return;
	}
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	iter = cmark_iter_new(doc);
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);

		if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
			if (event == CMARK_EVENT_ENTER)
				buf_puts(out, cmark_node_get_literal(node));
		} else if (type == CMARK_NODE_SOFTBREAK ||
			   type == CMARK_NODE_LINEBREAK ||
			   (event == CMARK_EVENT_EXIT &&
			    (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
			     type == CMARK_NODE_CODE_BLOCK))) {
			if (out->len > start && out->data[out->len - 1] != ' ')
				buf_putc(out, ' ');
		} else if (type == CMARK_NODE_CODE_BLOCK && event == CMARK_EVENT_ENTER) {
			buf_puts(out, cmark_node_get_literal(node));
		}
	}
	collapse_spaces(out, start);
	cmark_iter_free(iter);
	cmark_node_free(doc);
}
