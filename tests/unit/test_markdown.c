/*
 * test_markdown.c - summaries to HTML: the fast path gives exactly what
 * cmark gives, and hostile Markdown is made safe.
 */
#include "check.h"

#include "base/arena.h"
#include "base/markdown.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>

static char html[4096];

static const char *render(const char *md)
{
	struct buf out = BUF_INIT;

	markdown_to_html(md, strlen(md), &out);
	snprintf(html, sizeof(html), "%s", buf_cstr(&out));
	buf_free(&out);
	return html;
}

/* For every text, fast path or not, the result must be cmark's own. */
static void same_as_cmark(const char *md)
{
	char *expected = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);

	CHECK_STR(render(md), expected);
	free(expected);
}

static void fast_path_matches_cmark(void)
{
	static const char *const texts[] = {
		"Observed Aisha handling a refund at the till.",
		"Customer said \"thanks\"; options agreed (refund, credit).",
		"Ünïcode, ‘quotes’ and 50% off — fine",
		"Learner explained 1. options and 2) choices mid-line",
		"Tilde ~ and hash # and pipe | and plus + mid-line",
		"x", "Q", "Ends with a full stop.",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		CHECK(markdown_is_plain(texts[i], strlen(texts[i])));
		same_as_cmark(texts[i]);
	}
}

/* Everything that is not plain must go through cmark. */
static void markup_takes_cmark(void)
{
	static const char *const texts[] = {
		"1. a list", "- a list", "# heading", "> quote", "    code",
		"*emphasis*", "a_b", "`code`", "[link](http://x)", "<b>raw</b>",
		"AT&T", "a\\b", "two  \nlines", "line\nbreak", "trailing ",
		"!image", "=== ", " leading space", "",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		CHECK(!markdown_is_plain(texts[i], strlen(texts[i])));
		same_as_cmark(texts[i]);
	}
}

static void hostile_markdown_is_safe(void)
{
	CHECK_STR(render("<script>alert(1)</script>"),
		  "<!-- raw HTML omitted -->\n");
	CHECK_STR(render("[x](javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
	CHECK_STR(render("[x](vbscript:msgbox)"), "<p><a href=\"\">x</a></p>\n");
	CHECK_STR(render("[x](data:text/html;base64,AAAA)"), "<p><a href=\"\">x</a></p>\n");
	CHECK_STR(render("<img src=x onerror=alert(1)>"),
		  "<!-- raw HTML omitted -->\n");
	CHECK_STR(render("See <img src=x onerror=alert(1)> here"),
		  "<p>See <!-- raw HTML omitted --> here</p>\n");
	CHECK_STR(render("Plain \"quoted\" text"),
		  "<p>Plain &quot;quoted&quot; text</p>\n");
}

/* Nothing may be fetched from outside the site: remote images become links. */
static void remote_images_become_links(void)
{
	CHECK_STR(render("![pixel](https://t.example/p.gif)"),
		  "<p><a href=\"https://t.example/p.gif\">pixel</a></p>\n");
	CHECK_STR(render("a ![](//t.example/p.gif \"t\") b"),
		  "<p>a <a href=\"//t.example/p.gif\" title=\"t\">//t.example/p.gif</a> b</p>\n");
	CHECK_STR(render("![*x*](HTTP://T.EXAMPLE/p.gif)"),
		  "<p><a href=\"HTTP://T.EXAMPLE/p.gif\"><em>x</em></a></p>\n");
	CHECK_STR(render("![r](/etc/p.png) ![b](\\\\t\\p.png)"),
		  "<p><a href=\"/etc/p.png\">r</a> <a href=\"%5Ct%5Cp.png\">b</a></p>\n");
	CHECK_STR(render("[![x](https://t.example/p.gif)](https://x.example)"),
		  "<p><a href=\"https://x.example\">x</a></p>\n");
	/* In the site, or inline: still images. */
	same_as_cmark("![d](diagram.png)");
	same_as_cmark("![d](img/diagram.png)");
	same_as_cmark("![d](data:image/png;base64,iVBORw0KGgo=)");
}

static void plain_text_for_markdown_pages(void)
{
	struct buf out = BUF_INIT;
	const char *md = "Observed **calmly** handling a *refund*\n"
			 "<img src=x onerror=alert(1)> [see](javascript:alert(2)) `code`\n\n"
			 "- one\n- two";

	markdown_to_text(md, strlen(md), &out);
	CHECK_STR(buf_cstr(&out), "Observed calmly handling a refund see code \xE2\x80\xA2 one \xE2\x80\xA2 two");
	buf_truncate(&out, 0);
	/* Lists stay lists in a table's cell: their marks and numbers kept,
	 * a nested list's own, the outer count going on after it. */
	md = "Did:\n\n3. greet\n   - smiled\n   - named\n4. listen\n";
	markdown_to_text(md, strlen(md), &out);
	CHECK_STR(buf_cstr(&out), "Did: 3. greet \xE2\x80\xA2 smiled \xE2\x80\xA2 named 4. listen");
	buf_truncate(&out, 0);
	markdown_to_text("Plain text stays", 16, &out);
	CHECK_STR(buf_cstr(&out), "Plain text stays");
	buf_free(&out);
}

/* The blocks of md, one "KIND n: text" line each (P, H, I, N). */
static const char *blocks_of(const char *md)
{
	static char text[2048];
	static const char kinds[] = "PHIN";
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	struct markdown_blocker b = MARKDOWN_BLOCKER_INIT;
	struct arena arena = ARENA_INIT;
	struct buf rendered = BUF_INIT;
	struct markdown_blocks got;
	size_t used = 0;

	/* As unit.c does: each top-level block in turn, after its HTML. */
	for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		markdown_node_html(n, &rendered);
		markdown_blocker_add(&b, n);
	}
	got = markdown_blocker_take(&b, &arena);
	text[0] = '\0';
	for (size_t i = 0; i < got.count; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "%c %ld: %s\n", kinds[got.items[i].kind],
					 got.items[i].n, got.items[i].text);
	markdown_blocker_free(&b);
	arena_free(&arena);
	buf_free(&rendered);
	cmark_node_free(doc);
	return text;
}

/*
 * Blocks for Markdown pages come from cmark's tree: a block per
 * paragraph, heading and item, lists flattened and numbered from their
 * start, a loose item's paragraphs its own, an image's alt text (an
 * attribute in the HTML) and raw HTML left out, white space collapsed.
 */
static void blocks_from_the_tree(void)
{
	CHECK_STR(blocks_of("# Title\n\nSome *text*\nover  lines.\n"),
		  "H 0: Title\nP 0: Some text over lines.\n");
	CHECK_STR(blocks_of("- a\n- b\n  1. x\n  2. y\n- c\n"),
		  "I 0: a\nI 0: b\nN 1: x\nN 2: y\nI 0: c\n");
	CHECK_STR(blocks_of("3. three\n\n   more\n\n4. four\n"),
		  "N 3: three\nP 3: more\nN 4: four\n");
	CHECK_STR(blocks_of("See ![alt](p.png) and <b>this</b>.\n\n<div>x</div>\n"),
		  "P 0: See and this.\n");
	CHECK_STR(blocks_of("```\ncode  here\n```\n\n> quoted\n\n---\n"),
		  "P 0: code here\nP 0: quoted\n");
	/* A remote image is a link by then: its text is the link's. */
	CHECK_STR(blocks_of("![chart](https://example.com/c.png)\n"),
		  "P 0: chart\n");
}

int main(void)
{
	RUN(blocks_from_the_tree);
	RUN(fast_path_matches_cmark);
	RUN(markup_takes_cmark);
	RUN(hostile_markdown_is_safe);
	RUN(remote_images_become_links);
	RUN(plain_text_for_markdown_pages);
	return check_summary();
}
