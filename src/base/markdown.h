/*
 * markdown.h - evidence summaries from Markdown to safe HTML.
 *
 * Summaries are written by assessors and never trusted: cmark renders them
 * in its safe mode (raw HTML dropped, javascript: style links removed),
 * and an image from outside the site becomes a link to it, so that no page
 * loads anything from elsewhere (a tracking pixel, or a site that breaks
 * offline).  Unit texts are rendered by the same rules (markdown_node_html).
 * Most summaries are a plain sentence, though, and a large centre has
 * hundreds of thousands of them, so text that cannot contain any Markdown
 * takes a fast path that gives exactly what cmark would.
 */
#ifndef FOLIO_MARKDOWN_H
#define FOLIO_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark.h>

#include "base/buf.h"

/* Appends the HTML of len bytes of Markdown text to out. */
void markdown_to_html(const char *text, size_t len, struct buf *out);

/*
 * Appends the HTML of a parsed node and its children to out, by the same
 * rules.  Images from outside the site in it are turned into links first
 * (the node is changed).
 */
void markdown_node_html(cmark_node *node, struct buf *out);

/*
 * Appends the text of len bytes of Markdown, for pages that show it as
 * plain text (the Markdown twins): the words of paragraphs, emphasis and
 * link texts, with line and block breaks as spaces; link targets and raw
 * HTML are dropped, so nothing in it can become a link or markup.
 */
void markdown_to_text(const char *text, size_t len, struct buf *out);

/* Whether text is one plain paragraph that cmark would not change. */
bool markdown_is_plain(const char *text, size_t len);

/*
 * The HTML of plain text (markdown_is_plain), as markdown_to_html() gives
 * it: its length, and its bytes written to out, which must have room for
 * them (no NUL is added).  For callers that keep HTML in their own memory.
 */
size_t markdown_plain_html_length(const char *text, size_t len);
void markdown_plain_html(const char *text, size_t len, char *out);

#endif
