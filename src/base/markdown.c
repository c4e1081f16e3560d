/*
 * markdown.c - Markdown to safe HTML, with a fast path (see markdown.h).
 */
#include "base/markdown.h"

#include "base/arena.h"
#include "base/mem.h"
#include "base/utf8.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/*
 * Whether an image at url would be fetched from outside the site: a URL
 * with a scheme (https:, but not the data: images cmark's safe mode
 * keeps, which are inline), a network path (//host/...), or a path from
 * the root of the server, which is outside the site folder when it is
 * opened from the disk.  Browsers read a backslash as a slash there.
 */
static bool is_remote(const char *url)
{
	size_t scheme = strspn(url, "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

	if (url[0] == '/' || url[0] == '\\')
		return true;
	if (scheme == 0 || url[scheme] != ':')
		return false;
	return !(scheme == 4 && strncasecmp(url, "data", 4) == 0);
}

static void free_node(cmark_node *node)
{
	cmark_node_unlink(node);
	cmark_node_free(node);
}

static bool in_link(cmark_node *node)
{
	while ((node = cmark_node_parent(node)) != NULL)
		if (cmark_node_get_type(node) == CMARK_NODE_LINK)
			return true;
	return false;
}

/* The image's alternative text, or its address when it has none. */
static void move_alt_text(cmark_node *image, cmark_node *to)
{
	cmark_node *child;

	while ((child = cmark_node_first_child(image)) != NULL)
		cmark_node_append_child(to, child);
	if (!cmark_node_first_child(to)) {
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);

		cmark_node_set_literal(text, cmark_node_get_url(image));
		cmark_node_append_child(to, text);
	}
}

/*
 * The image becomes a link to the same address, its alternative text the
 * link's text, so a reader can still follow it on purpose.  Inside a
 * link, where a link cannot be, it becomes that text alone.
 */
static void image_to_link(cmark_node *image)
{
	cmark_node *link = cmark_node_new(CMARK_NODE_LINK), *child;

	cmark_node_set_url(link, cmark_node_get_url(image));
	cmark_node_set_title(link, cmark_node_get_title(image));
	move_alt_text(image, link);
	if (in_link(image)) {
		while ((child = cmark_node_first_child(link)) != NULL)
			cmark_node_insert_before(image, child);
		cmark_node_free(link);
		free_node(image);
		return;
	}
	cmark_node_replace(image, link);
	cmark_node_free(image);
}

/* Images are gathered first: the tree must not change under the iterator. */
static void unlink_remote_images(cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_node **images = NULL;
	size_t n = 0, cap = 0;
	cmark_event_type event;

	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *url;

		if (event != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_IMAGE)
			continue;
		url = cmark_node_get_url(node);
		if (!url || !is_remote(url))
			continue;
		images = mem_array_grow(images, &cap, n + 1, sizeof(*images));
		images[n++] = node;
	}
	cmark_iter_free(iter);
	for (size_t i = 0; i < n; i++)
		image_to_link(images[i]);
	free(images);
}

/*
 * Appends html with each control character (utf8_control_length) as
 * U+FFFD: cmark passes them through, and no page may carry them.
 */
static void put_shown(struct buf *out, const char *html)
{
	size_t len = strlen(html), run = 0;

	for (size_t i = 0; i < len; i++) {
		size_t control = utf8_control_length(html + i, len - i);

		if (!control)
			continue;
		buf_put(out, html + run, i - run);
		buf_puts(out, UTF8_REPLACEMENT);
		i += control - 1;
		run = i + 1;
	}
	buf_put(out, html + run, len - run);
}

void markdown_node_html(cmark_node *node, struct buf *out)
{
	char *html;

	unlink_remote_images(node);
	html = cmark_render_html(node, CMARK_OPT_DEFAULT);
	put_shown(out, html);
	free(html);
}

void markdown_to_html(const char *text, size_t len, struct buf *out)
{
	cmark_node *doc;

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
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	markdown_node_html(doc, out);
	cmark_node_free(doc);
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

/*
 * A list's items keep their marks in the text ("Did: 1. greet 2.
 * listen", "• greet • listen"), so that a list in a summary still reads
 * as one in a table's cell.  Each open list's next number is on a stack
 * (lists nest as deep as the text does; no recursion).
 */
struct list_marks {
	int *next;              /* per open list: its next number, or -1 */
	size_t depth, cap;
};

static void list_enter(struct list_marks *l, cmark_node *list)
{
	l->next = mem_array_grow(l->next, &l->cap, l->depth + 1, sizeof(*l->next));
	l->next[l->depth++] = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST ?
			      cmark_node_get_list_start(list) : -1;
}

static void item_mark(struct list_marks *l, struct buf *out)
{
	int *n = l->depth ? &l->next[l->depth - 1] : NULL;

	if (out->len && out->data[out->len - 1] != ' ')
		buf_putc(out, ' ');
	if (n && *n >= 0)
		buf_printf(out, "%d. ", (*n)++);
	else
		buf_puts(out, "\xE2\x80\xA2 ");   /* • */
}

void markdown_node_text(cmark_node *node, struct buf *out)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type event;
	struct list_marks lists = { NULL, 0, 0 };

	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(n);

		if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
			if (event == CMARK_EVENT_ENTER)
				buf_puts(out, cmark_node_get_literal(n));
		} else if (type == CMARK_NODE_LIST) {
			if (event == CMARK_EVENT_ENTER)
				list_enter(&lists, n);
			else if (lists.depth)
				lists.depth--;
		} else if (type == CMARK_NODE_ITEM) {
			if (event == CMARK_EVENT_ENTER)
				item_mark(&lists, out);
		} else if (type == CMARK_NODE_SOFTBREAK ||
			   type == CMARK_NODE_LINEBREAK ||
			   (event == CMARK_EVENT_EXIT &&
			    (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
			     type == CMARK_NODE_CODE_BLOCK))) {
			if (out->len && out->data[out->len - 1] != ' ')
				buf_putc(out, ' ');
		} else if (type == CMARK_NODE_CODE_BLOCK && event == CMARK_EVENT_ENTER) {
			buf_puts(out, cmark_node_get_literal(n));
		}
	}
	free(lists.next);
	cmark_iter_free(iter);
}

void markdown_to_text(const char *text, size_t len, struct buf *out)
{
	cmark_node *doc;
	struct buf words = BUF_INIT;

	if (markdown_is_plain(text, len)) {
		buf_put(out, text, len);
		return;
	}
	doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	markdown_node_text(doc, &words);
	collapse_spaces(&words, 0);
	buf_put(out, buf_cstr(&words), words.len);
	buf_free(&words);
	cmark_node_free(doc);
}

/* ---- blocks, for Markdown pages ----------------------------------------- */

/* Text as the HTML shows it: each run of white space one space, none first. */
static void block_text(struct markdown_blocker *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			if (b->text.len && b->text.data[b->text.len - 1] != ' ')
				buf_putc(&b->text, ' ');
		} else {
			buf_putc(&b->text, c);
		}
	}
}

/* Ends the block being gathered, if it has text; the next is a paragraph. */
static void block_flush(struct markdown_blocker *b)
{
	size_t len = b->text.len;
	const char *t = buf_cstr(&b->text);

	while (len && t[len - 1] == ' ')
		len--;
	if (len) {
		struct markdown_block *k;

		b->items = mem_array_grow(b->items, &b->items_cap, b->count + 1,
					  sizeof(*b->items));
		k = &b->items[b->count++];
		k->text = mem_strndup(t, len);
		k->kind = b->kind;
		k->n = b->n;
	}
	buf_truncate(&b->text, 0);
	b->kind = MARKDOWN_PARAGRAPH;
}

/* A paragraph's <p> is left out in a tight list (cmark's HTML does so). */
static bool in_tight_list(cmark_node *paragraph)
{
	cmark_node *item = cmark_node_parent(paragraph);
	cmark_node *list = item ? cmark_node_parent(item) : NULL;

	return list && cmark_node_get_type(list) == CMARK_NODE_LIST &&
	       cmark_node_get_list_tight(list);
}

static void block_list(struct markdown_blocker *b, cmark_node *list, bool enter)
{
	block_flush(b);
	if (!enter) {
		if (b->depth)
			b->depth--;
		return;
	}
	b->counter = mem_array_grow(b->counter, &b->counter_cap, b->depth + 1,
				    sizeof(*b->counter));
	b->counter[b->depth++] =
		cmark_node_get_list_type(list) == CMARK_BULLET_LIST ? -1 :
		cmark_node_get_list_start(list);
}

static void block_item(struct markdown_blocker *b, bool enter)
{
	block_flush(b);
	if (enter && b->depth) {
		long *next = &b->counter[b->depth - 1];

		b->kind = *next < 0 ? MARKDOWN_ITEM : MARKDOWN_NUMBERED;
		b->n = *next < 0 ? 0 : (*next)++;
	}
}

/*
 * One node of the tree, as its HTML would be read: the blocks break where
 * cmark's HTML starts or ends a block, and an image's alt text, which
 * that HTML holds in an attribute, is no text.
 */
static void block_node(struct markdown_blocker *b, cmark_node *n, bool enter)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_IMAGE:
		b->in_image += enter ? 1 : -1;
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if (!b->in_image)
			block_text(b, cmark_node_get_literal(n),
				   strlen(cmark_node_get_literal(n)));
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_HTML_BLOCK:     /* a comment, between line breaks */
		if (!b->in_image)
			block_text(b, " ", 1);
		break;
	case CMARK_NODE_PARAGRAPH:
		/* A loose list's item holds its text in a paragraph. */
		if (!in_tight_list(n) &&
		    (!enter || b->text.len || b->kind == MARKDOWN_PARAGRAPH))
			block_flush(b);
		break;
	case CMARK_NODE_HEADING:
		block_flush(b);
		b->kind = enter ? MARKDOWN_HEADING : MARKDOWN_PARAGRAPH;
		break;
	case CMARK_NODE_CODE_BLOCK:     /* a leaf: entered only */
		block_flush(b);
		block_text(b, cmark_node_get_literal(n),
			   strlen(cmark_node_get_literal(n)));
		block_flush(b);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_THEMATIC_BREAK:
		block_flush(b);
		break;
	case CMARK_NODE_LIST:
		block_list(b, n, enter);
		break;
	case CMARK_NODE_ITEM:
		block_item(b, enter);
		break;
	default:
		break;
	}
}

void markdown_blocker_add(struct markdown_blocker *b, cmark_node *node)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type event;

	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE)
		block_node(b, cmark_iter_get_node(iter),
			   event == CMARK_EVENT_ENTER);
	cmark_iter_free(iter);
}

struct markdown_blocks markdown_blocker_take(struct markdown_blocker *b,
					     struct arena *arena)
{
	struct markdown_blocks out = { NULL, 0 };
	struct markdown_block *items;

	block_flush(b);
	if (b->count) {
		items = arena_alloc(arena, b->count * sizeof(*items));
		for (size_t i = 0; i < b->count; i++) {
			items[i] = b->items[i];
			items[i].text = arena_strdup(arena, b->items[i].text);
			free((char *)b->items[i].text);
		}
		out.items = items;
		out.count = b->count;
	}
	b->count = 0;
	return out;
}

void markdown_blocker_free(struct markdown_blocker *b)
{
	for (size_t i = 0; i < b->count; i++)
		free((char *)b->items[i].text);
	free(b->items);
	free(b->counter);
	buf_free(&b->text);
	memset(b, 0, sizeof(*b));
}
