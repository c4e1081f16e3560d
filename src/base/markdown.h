/*
 * markdown.h - Markdown to safe HTML, to text, and to plain blocks.
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


#include "base/arena.h"
#include "base/buf.h"

/* cmark.h's, so that this header does not bring in all of cmark. */
typedef struct cmark_node cmark_node;

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

/*
 * The one walk from Markdown to text: appends the text and code of a
 * parsed node (a document, or one paragraph or heading), with a space for
 * each line break and after each block, not two in a row.  Link targets
 * and raw HTML are not text; runs of spaces in the literals are kept.
 */
void markdown_node_text(cmark_node *node, struct buf *out);

/*
 * Prose for Markdown pages, which may not embed HTML: one block per
 * paragraph, heading or list item, with its text as its HTML shows it
 * (inline markup dropped, white space collapsed), nested lists flattened.
 * n is the number of the last numbered item begun (0 after a bullet).
 */
enum markdown_block_kind {
	MARKDOWN_PARAGRAPH,
	MARKDOWN_HEADING,
	MARKDOWN_ITEM,
	MARKDOWN_NUMBERED,
};

struct markdown_block {
	const char *text;
	enum markdown_block_kind kind;
	long n;
};

struct markdown_blocks {
	const struct markdown_block *items;
	size_t count;
};

/*
 * Gathers the blocks of several nodes, one after another, from cmark's
 * tree: call markdown_blocker_add() after markdown_node_html() on each (it
 * turns remote images into links), then markdown_blocker_take() for all of
 * them, copied into arena; the blocker is then empty, to use again.
 */
struct markdown_blocker {
	struct buf text;                /* the block being gathered */
	enum markdown_block_kind kind;
	long n;
	long *counter;                  /* per open list: next number, or -1 */
	size_t depth, counter_cap;      /* as deep as the lists go: no cap */
	int in_image;
	struct markdown_block *items;
	size_t count, items_cap;
};

#define MARKDOWN_BLOCKER_INIT { BUF_INIT, MARKDOWN_PARAGRAPH, 0, NULL, 0, 0, 0, NULL, 0, 0 }

void markdown_blocker_add(struct markdown_blocker *b, cmark_node *node);
struct markdown_blocks markdown_blocker_take(struct markdown_blocker *b,
					     struct arena *arena);
void markdown_blocker_free(struct markdown_blocker *b);

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
