/*
 * mdman.c - a manual page from a page of the manual in docs/, so that an
 * installed folio documents its file formats without the source tree:
 *
 *   mdman NAME SECTION "WHAT IT IS" < docs/units.md > folio-units.5
 *
 * The Markdown is rendered by libcmark's own man renderer, which folio
 * already links for its pages; this adds the .TH line and a NAME section,
 * keeps tables as they are written (CommonMark has none, so their lines
 * become a preformatted block instead of one run-on paragraph), and drops
 * the targets of links to other Markdown files, which mean nothing in
 * man(1).  `make` builds the pages and `make install` installs them.
 */
#include <cmark.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* Reads standard input whole. */
static void read_all(struct buf *text)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		buf_put(text, chunk, n);
}

/* Each run of lines starting with '|' (not in code) becomes a code block. */
static void fence_tables(const char *s, struct buf *out)
{
	bool in_table = false, in_code = false;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s + 1) : strlen(s);
		bool row = !in_code && s[0] == '|';

		if (strncmp(s, "```", 3) == 0)
			in_code = !in_code;

		if (row != in_table)
			buf_puts(out, "```\n");
		in_table = row;
		buf_put(out, s, len);
		if (!nl)
			buf_putc(out, '\n');
		s += len;
	}
	if (in_table)
		buf_puts(out, "```\n");
}

/* A link to another page of the manual keeps its text, not its target. */
static void drop_page_links(cmark_node *doc)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type event;

	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *url;

		if (event != CMARK_EVENT_EXIT ||
		    cmark_node_get_type(node) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(node);
		if (url && !strstr(url, "://") && strstr(url, ".md")) {
			cmark_node *child;

			while ((child = cmark_node_first_child(node)))
				cmark_node_insert_before(node, child);
			cmark_iter_reset(iter, cmark_node_parent(node),
					 CMARK_EVENT_ENTER);
			cmark_node_free(node);
		}
	}
	cmark_iter_free(iter);
}

int main(int argc, char **argv)
{
	struct buf text = BUF_INIT, fenced = BUF_INIT;
	cmark_node *doc;
	char *man;

	if (argc != 4) {
		fprintf(stderr, "usage: mdman NAME SECTION \"WHAT IT IS\" < PAGE.md\n");
		return 2;
	}
	read_all(&text);
	fence_tables(buf_cstr(&text), &fenced);
	doc = cmark_parse_document(buf_cstr(&fenced), fenced.len,
				   CMARK_OPT_DEFAULT);
	drop_page_links(doc);
	man = cmark_render_man(doc, CMARK_OPT_DEFAULT, 0);
	printf(".TH %s %s \"\" \"folio\" \"folio manual\"\n"
	       ".SH NAME\n%s \\- %s\n%s", argv[1], argv[2], argv[1], argv[3],
	       man);
	free(man);
	cmark_node_free(doc);
	buf_free(&text);
	buf_free(&fenced);
	return ferror(stdout) ? 1 : 0;
}
