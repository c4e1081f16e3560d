/*
 * test_mustache.c - the Mustache engine: every case of the vendored spec
 * (the JSON files in tests/mustache/spec, found under $FOLIO_ROOT or the
 * current folder), then one test per rule, the errors and where they point, the
 * limits, and rendering from several threads.
 */
#include "check.h"

#include "base/buf.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/hash.h"
#include "base/mem.h"
#include "render/mustache.h"
#include "base/value.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- partials from a JSON object, as the spec files give them ---- */

static int load_json(void *ctx, const char *name, char **source, size_t *len,
		     char **label)
{
	const json_t *text = json_object_get(ctx, name);

	if (!json_is_string(text))
		return 1;
	*len = json_string_length(text);
	*source = mem_strndup(json_string_value(text), *len);
	*label = mem_strdup(name);
	return 0;
}

/*
 * Renders template with data (JSON text) and partials (a JSON object as
 * text, or NULL).  Returns the output, or NULL when compiling or
 * rendering failed; the diagnostics are left in diags.
 */
static char *render_with(const char *template, const char *data,
			 const char *partials, struct diag_list *diags)
{
	json_t *ctx = json_loads(data, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	json_t *parts = partials ? json_loads(partials, 0, NULL) : json_object();
	struct mustache_env *env = mustache_env_new(load_json, parts);
	struct mustache_template *t;
	struct buf out = BUF_INIT;
	char *result = NULL;

	if (!ctx || !parts) {
		printf("  bad JSON in a test: %s / %s\n", data,
		       partials ? partials : "");
		exit(2);
	}
	t = mustache_compile(env, "t.mustache", template, strlen(template),
			     diags);
	if (t && mustache_render(t, ctx, &out, diags) == 0)
		result = buf_detach(&out);
	buf_free(&out);
	mustache_template_free(t);
	mustache_env_free(env);
	json_decref(ctx);
	json_decref(parts);
	return result;
}

/* The rendered output, or "ERROR: " and the first diagnostic. */
static char *render(const char *template, const char *data,
		    const char *partials)
{
	struct diag_list diags = DIAG_LIST_INIT;
	char *out = render_with(template, data, partials, &diags);

	if (!out) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "ERROR: %s:%d:%d: %s",
			   diags.count ? diags.items[0].file : "?",
			   diags.count ? diags.items[0].line : 0,
			   diags.count ? diags.items[0].column : 0,
			   diags.count ? diags.items[0].message : "?");
		out = buf_detach(&b);
	}
	diag_list_free(&diags);
	return out;
}

#define CHECK_RENDER(template, data, partials, expected) do { \
	char *got_ = render(template, data, partials); \
	CHECK_STR(got_, expected); \
	free(got_); \
} while (0)

/* ---- the spec ---- */

static const char *spec_files[] = {
	"interpolation.json", "sections.json", "inverted.json",
	"partials.json", "comments.json", "delimiters.json",
	"~inheritance.json", "~dynamic-names.json",
};
static int spec_cases, spec_passed;

static void spec_case(const char *file, const json_t *tc)
{
	const char *name = json_string_value(json_object_get(tc, "name"));
	const char *template = json_string_value(json_object_get(tc, "template"));
	const char *expected = json_string_value(json_object_get(tc, "expected"));
	json_t *parts = json_object_get(tc, "partials");
	struct mustache_env *env = mustache_env_new(load_json, parts);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *t;
	struct buf out = BUF_INIT;
	int ok;

	spec_cases++;
	t = mustache_compile(env, name, template, strlen(template), &diags);
	ok = t && mustache_render(t, json_object_get(tc, "data"), &out,
				  &diags) == 0 &&
	     strcmp(buf_cstr(&out), expected) == 0;
	if (ok) {
		spec_passed++;
	} else {
		check_report(__FILE__, __LINE__, "spec case failed");
		printf("    %s: %s\n    got:      \"%s\"\n    expected: \"%s\"\n",
		       file, name, t ? buf_cstr(&out) : "(no template)",
		       expected);
		if (diags.count)
			printf("    %s\n", diags.items[0].message);
	}
	buf_free(&out);
	diag_list_free(&diags);
	mustache_template_free(t);
	mustache_env_free(env);
}

static void spec_file(const char *file)
{
	const char *root = getenv("FOLIO_ROOT");
	char *dir = fs_join(root && *root ? root : ".", "tests/mustache/spec");
	char *path = fs_join(dir, file);
	json_error_t error;
	json_t *doc = json_load_file(path, 0, &error);
	const json_t *tests = json_object_get(doc, "tests");
	size_t i, before = (size_t)spec_cases;
	json_t *tc;

	if (!json_is_array(tests) || json_array_size(tests) == 0) {
		check_report(__FILE__, __LINE__, "spec file missing or empty");
		printf("    %s: %s\n", path, doc ? "no tests" : error.text);
	}
	json_array_foreach(tests, i, tc)
		spec_case(file, tc);
	printf("spec %s: %zu cases\n", file, (size_t)spec_cases - before);
	json_decref(doc);
	free(path);
	free(dir);
}

static void test_spec(void)
{
	for (size_t i = 0; i < sizeof(spec_files) / sizeof(*spec_files); i++)
		spec_file(spec_files[i]);
	printf("spec: %d of %d cases pass\n", spec_passed, spec_cases);
	CHECK(spec_cases >= 184);
	CHECK_INT(spec_passed, spec_cases);
}

/* ---- one test per rule ---- */

static void test_values_print_as_json_does(void)
{
	CHECK_RENDER("{{a}} {{b}} {{c}} {{d}}", "{\"a\": 85, \"b\": 1.21, "
		     "\"c\": -3, \"d\": 1e100}", NULL, "85 1.21 -3 1e+100");
	CHECK_RENDER("{{a}} {{b}} {{c}} {{d}}", "{\"a\": 0.1, \"b\": 3.0, "
		     "\"c\": -0.5, \"d\": 123456789.25}", NULL,
		     "0.1 3 -0.5 123456789.25");
	CHECK_RENDER("{{a}}", "{\"a\": 9007199254740993}", NULL,
		     "9007199254740993");
	CHECK_RENDER("{{t}}/{{f}}/{{n}}/{{missing}}", "{\"t\": true, "
		     "\"f\": false, \"n\": null}", NULL, "true/false//");
	CHECK_RENDER("{{o}} {{{a}}}", "{\"o\": {\"k\": \"<v>\"}, "
		     "\"a\": [1, \"x\"]}", NULL,
		     "{&quot;k&quot;:&quot;&lt;v&gt;&quot;} [1,\"x\"]");
}

static void test_escaping(void)
{
	CHECK_RENDER("{{s}}|{{{s}}}|{{&s}}", "{\"s\": \"a & \\\" < > ' b\"}",
		     NULL, "a &amp; &quot; &lt; &gt; &#39; b|a & \" < > ' b|"
		     "a & \" < > ' b");
	CHECK_RENDER("{{s}}", "{\"s\": \"plain, nothing to escape\"}", NULL,
		     "plain, nothing to escape");
}

static void test_root_may_be_any_value(void)
{
	CHECK_RENDER("[{{.}}]", "\"text\"", NULL, "[text]");
	CHECK_RENDER("[{{.}}]", "42", NULL, "[42]");
	CHECK_RENDER("[{{.}}]", "null", NULL, "[]");
	CHECK_RENDER("{{#.}}yes{{/.}}{{^.}}no{{/.}}", "true", NULL, "yes");
	CHECK_RENDER("{{#.}}yes{{/.}}{{^.}}no{{/.}}", "false", NULL, "no");
	CHECK_RENDER("{{#.}}<{{.}}>{{/.}}", "[1, \"b\", 2.5]", NULL,
		     "<1><b><2.5>");
	CHECK_RENDER("[{{name}}]", "[1, 2]", NULL, "[]");
}

static void test_truthiness(void)
{
	const char *t = "{{#v}}T{{/v}}{{^v}}F{{/v}}";

	CHECK_RENDER(t, "{\"v\": false}", NULL, "F");
	CHECK_RENDER(t, "{\"v\": null}", NULL, "F");
	CHECK_RENDER(t, "{\"v\": []}", NULL, "F");
	CHECK_RENDER(t, "{}", NULL, "F");
	CHECK_RENDER(t, "{\"v\": 0}", NULL, "T");
	CHECK_RENDER(t, "{\"v\": \"\"}", NULL, "T");
	CHECK_RENDER(t, "{\"v\": {}}", NULL, "T");
	CHECK_RENDER(t, "{\"v\": [0]}", NULL, "T");
}

static void test_standalone_lines(void)
{
	/* One tag alone on its line takes the whole line with it. */
	CHECK_RENDER("a\n  {{#s}}  \nb\n\t{{/s}}\nc\n", "{\"s\": true}", NULL,
		     "a\nb\nc\n");
	CHECK_RENDER("a\n{{! note }}\n{{=<% %>=}}\n<%x%>\n", "{\"x\": 1}",
		     NULL, "a\n1\n");
	/* Two section tags, or a variable, on a line: not standalone. */
	CHECK_RENDER("{{#s}}{{/s}}\n", "{\"s\": true}", NULL, "\n");
	CHECK_RENDER("  {{x}}\n", "{\"x\": \"\"}", NULL, "  \n");
	/* Standalone at the very start and the very end. */
	CHECK_RENDER("{{#s}}\nx\n{{/s}}", "{\"s\": true}", NULL, "x\n");
}

static void test_crlf(void)
{
	CHECK_RENDER("a\r\n{{#s}}\r\nb\r\n{{/s}}\r\nc", "{\"s\": true}", NULL,
		     "a\r\nb\r\nc");
	CHECK_RENDER("|\r\n  {{>p}}\r\n|", "{}", "{\"p\": \"a\\r\\nb\\r\\n\"}",
		     "|\r\n  a\r\n  b\r\n|");
	/* A lone \r is not a line end. */
	CHECK_RENDER("a\r{{#s}}\rb", "{\"s\": true}", NULL,
		     "ERROR: t.mustache:1:3: section 's' is never closed");
}

static void test_partial_indentation(void)
{
	const char *p = "{\"p\": \"<ul>\\n{{#items}}\\n  <li>{{.}}</li>\\n"
			"{{/items}}\\n</ul>\\n\"}";

	/* Every line of the partial's own text, inside sections too. */
	CHECK_RENDER("<div>\n    {{>p}}\n</div>\n", "{\"items\": [1, 2]}", p,
		     "<div>\n    <ul>\n      <li>1</li>\n      <li>2</li>\n"
		     "    </ul>\n</div>\n");
	/* Data with newlines is not indented. */
	CHECK_RENDER("  {{>q}}\n", "{\"v\": \"a\\nb\"}", "{\"q\": \"[{{v}}]\\n\"}",
		     "  [a\nb]\n");
	/* Standalone partials nest: the indentations add up. */
	CHECK_RENDER("  {{>outer}}\n", "{}", "{\"outer\": \"o\\n  {{>inner}}\\n\","
		     " \"inner\": \"i1\\ni2\\n\"}", "  o\n    i1\n    i2\n");
	/* An inline partial is not indented, nor what it includes. */
	CHECK_RENDER("x {{>outer}}\n", "{}", "{\"outer\": \"o\\n  {{>inner}}\\n\","
		     " \"inner\": \"i1\\ni2\\n\"}", "x o\n  i1\n  i2\n\n");
	/* Blank lines of the partial are indented as well. */
	CHECK_RENDER(" {{>q}}", "{}", "{\"q\": \"a\\n\\nb\"}", " a\n \n b");
}

static void test_dotted_names(void)
{
	const char *data = "{\"a\": {\"b\": {\"c\": \"deep\"}, \"s\": \"str\"},"
			   " \"a.b\": \"flat\", \"list\": [1, 2]}";

	CHECK_RENDER("{{a.b.c}}", data, NULL, "deep");
	CHECK_RENDER("[{{a.b.x}}]", data, NULL, "[]");
	CHECK_RENDER("[{{a.s.length}}]", data, NULL, "[]");
	CHECK_RENDER("[{{list.0}}]", data, NULL, "[]");
	CHECK_RENDER("[{{a..b}}]", data, NULL, "[]");
	CHECK_RENDER("{{#a.b}}{{c}}{{/a.b}}", data, NULL, "deep");
	/* The first part is found down the stack, the rest only inside it. */
	CHECK_RENDER("{{#a}}{{#b}}[{{s}}][{{a.s}}]{{/b}}{{/a}}", data, NULL,
		     "[str][str]");
	CHECK_RENDER("{{#a}}[{{b.s}}]{{/a}}", data, NULL, "[]");
}

static void test_implicit_iterator(void)
{
	CHECK_RENDER("{{#l}}{{.}},{{/l}}", "{\"l\": [\"a\", 2, true, null]}",
		     NULL, "a,2,true,,");
	CHECK_RENDER("{{#l}}({{#.}}{{.}}{{/.}}){{/l}}",
		     "{\"l\": [[1, 2], [], [\"x\"]]}", NULL, "(12)()(x)");
	CHECK_RENDER("{{#s}}<{{.}}>{{/s}}", "{\"s\": \"<b>\"}", NULL,
		     "<&lt;b&gt;>");
}

static void test_inheritance(void)
{
	const char *layout = "{\"layout\": \"<title>{{$title}}Untitled{{/title}}"
			     "</title>\\n<main>\\n  {{$body}}\\n  nothing\\n"
			     "  {{/body}}\\n</main>\\n\"}";

	/* Overrides and defaults. */
	CHECK_RENDER("{{<layout}}{{$title}}Home{{/title}}{{/layout}}", "{}",
		     layout, "<title>Home</title>\n<main>\n  nothing\n</main>\n");
	CHECK_RENDER("{{<layout}}\n{{$body}}\n<p>{{x}}</p>\n{{/body}}\n"
		     "{{/layout}}\n", "{\"x\": 1}", layout,
		     "<title>Untitled</title>\n<main>\n  <p>1</p>\n</main>\n");
	/* Nested parents: the outermost override wins. */
	CHECK_RENDER("{{<mid}}{{$a}}top{{/a}}{{/mid}}", "{}",
		     "{\"mid\": \"{{<base}}{{$a}}mid{{/a}}{{$b}}B{{/b}}{{/base}}\","
		     " \"base\": \"[{{$a}}base{{/a}}|{{$b}}b{{/b}}]\"}",
		     "[top|B]");
	/* A parent that includes itself, ended by the data. */
	CHECK_RENDER("{{<tree}}{{$label}}({{name}}){{/label}}{{/tree}}",
		     "{\"name\": \"r\", \"kids\": [{\"name\": \"k\", "
		     "\"kids\": []}]}",
		     "{\"tree\": \"{{$label}}{{name}}{{/label}}{{#kids}}"
		     "<{{<tree}}{{/tree}}>{{/kids}}\"}", "(r)<(k)>");
	/* Blocks render against the context at the place they land. */
	CHECK_RENDER("{{<p}}{{$b}}{{v}}{{/b}}{{/p}}", "{\"v\": 1, \"in\": "
		     "{\"v\": 2}}", "{\"p\": \"{{#in}}{{$b}}{{/b}}{{/in}}\"}",
		     "2");
	/* Dynamic parents. */
	CHECK_RENDER("{{<*which}}{{$a}}A{{/a}}{{/*which}}", "{\"which\": \"p\"}",
		     "{\"p\": \"<{{$a}}{{/a}}>\"}", "<A>");
	/* A missing parent renders nothing. */
	CHECK_RENDER("[{{<nope}}{{$a}}A{{/a}}{{/nope}}]", "{}", NULL, "[]");
}

static void test_dynamic_names(void)
{
	const char *parts = "{\"card\": \"card:{{name}}\", "
			    "\"row\": \"row:{{name}}\"}";

	CHECK_RENDER("{{#items}}{{>*kind}};{{/items}}", "{\"items\": ["
		     "{\"kind\": \"card\", \"name\": \"a\"}, {\"kind\": \"row\","
		     " \"name\": \"b\"}, {\"kind\": \"none\"}, {\"kind\": 3}]}",
		     parts, "card:a;row:b;;;");
	CHECK_RENDER("[{{>*missing}}]", "{}", parts, "[]");
	CHECK_RENDER("[{{>*k}}]", "{\"k\": \"\"}", parts, "[]");
	/* The name is looked up where the tag is; the context is unchanged. */
	CHECK_RENDER("{{#items}}{{>*kinds.a}}{{/items}}", "{\"kinds\": "
		     "{\"a\": \"row\"}, \"name\": \"top\", \"items\": "
		     "[{\"name\": \"x\"}, {}]}", parts, "row:xrow:top");
}

static void test_delimiters_do_not_reach_partials(void)
{
	CHECK_RENDER("{{=<% %>=}}<%>p%> <%x%>", "{\"x\": 1}",
		     "{\"p\": \"{{x}}<%x%>\"}", "1<%x%> 1");
	CHECK_RENDER("{{>p}} {{x}}", "{\"x\": 1}",
		     "{\"p\": \"{{=| |=}}|x|\"}", "1 1");
	/* Triple mustaches work with other delimiters too. */
	CHECK_RENDER("{{=<% %>=}}<%{x}%> <%x%>", "{\"x\": \"<\"}", NULL,
		     "< &lt;");
}

static void test_markdown_escaping(void)
{
	struct mustache_env *env = mustache_env_new(NULL, NULL);
	struct diag_list diags = DIAG_LIST_INIT;
	const char *src = "| {{a}} |\n{{b}}\n{{c}} {{{a}}}\n{{d}}\n{{e}}";
	struct mustache_template *t;
	/* & and ! only where they would start an entity or an image. */
	json_t *data = json_pack("{s:s, s:s, s:s, s:s, s:s}", "a",
				 "x|*y*_<b>&amp;\nz", "b", "# not a heading",
				 "c", "12. not a list", "d", "1.1", "e",
				 "Q&A, 5 > 3, &#38; &#x26; &x; Done! ![i](u)");
	struct buf out = BUF_INIT;

	mustache_env_set_escape(env, mustache_escape_markdown);
	t = mustache_compile(env, "t", src, strlen(src), &diags);
	CHECK_INT(mustache_render(t, data, &out, &diags), 0);
	CHECK_STR(buf_cstr(&out), "| x\\|\\*y\\*\\_\\<b>\\&amp; z |\n"
		  "\\# not a heading\n12\\. not a list x|*y*_<b>&amp;\nz\n1.1\n"
		  "Q&A, 5 > 3, \\&#38; \\&#x26; \\&x; Done! \\!\\[i\\](u)");
	buf_free(&out);
	json_decref(data);
	mustache_template_free(t);
	mustache_env_free(env);
	diag_list_free(&diags);
}

static void test_context_stack(void)
{
	struct mustache_env *env = mustache_env_new(NULL, NULL);
	struct diag_list diags = DIAG_LIST_INIT;
	const char *src = "{{site}}/{{page}}/{{#page}}{{site}}{{/page}}/{{#list}}{{.}}{{site}}{{/list}}";
	struct mustache_template *t = mustache_compile(env, "t", src, strlen(src), &diags);
	json_t *shared = json_pack("{s:s, s:s, s:[i]}", "site", "S", "page", "shadowed", "list", 1);
	json_t *page = json_pack("{s:s}", "page", "P");
	const json_t *stack[] = { shared, page };
	struct buf out = BUF_INIT;

	CHECK(t != NULL);
	CHECK_INT(mustache_render_stack(t, stack, 2, &out, &diags), 0);
	/* The page's own name hides the shared one; others fall through. */
	CHECK_STR(buf_cstr(&out), "S/P/S/1S");
	CHECK_INT(json_object_get(shared, "site")->refcount, 1);
	buf_free(&out);
	json_decref(shared);
	json_decref(page);
	mustache_template_free(t);
	mustache_env_free(env);
	diag_list_free(&diags);
}

static void test_compile_once_render_many(void)
{
	struct mustache_env *env = mustache_env_new(NULL, NULL);
	struct diag_list diags = DIAG_LIST_INIT;
	const char *src = "{{#l}}{{.}}{{/l}}";
	struct mustache_template *t = mustache_compile(env, "t", src,
						       strlen(src), &diags);
	struct buf out = BUF_INIT;
	json_t *a = json_loads("{\"l\": [1, 2]}", 0, NULL);
	json_t *b = json_loads("{\"l\": [\"x\"]}", 0, NULL);

	CHECK(t != NULL);
	CHECK_INT(mustache_render(t, a, &out, &diags), 0);
	CHECK_INT(mustache_render(t, b, &out, &diags), 0);
	CHECK_INT(mustache_render(t, NULL, &out, &diags), 0);
	CHECK_STR(buf_cstr(&out), "12x");
	CHECK_INT(diags.count, 0);
	json_decref(a);
	json_decref(b);
	buf_free(&out);
	mustache_template_free(t);
	mustache_env_free(env);
}

/* ---- errors and their places ---- */

/* Compiles src; returns the diagnostics as "LINE:COL: message\n" lines. */
static char *compile_errors(const char *src, const char *partials)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct buf b = BUF_INIT;
	char *out = render_with(src, "{}", partials, &diags);

	if (out)
		buf_puts(&b, "(compiled)\n");
	for (size_t i = 0; i < diags.count; i++)
		buf_printf(&b, "%s:%d:%d: %s\n", diags.items[i].file,
			   diags.items[i].line, diags.items[i].column,
			   diags.items[i].message);
	free(out);
	diag_list_free(&diags);
	return buf_detach(&b);
}

#define CHECK_ERRORS(src, partials, expected) do { \
	char *got_ = compile_errors(src, partials); \
	CHECK_STR(got_, expected); \
	free(got_); \
} while (0)

static void test_error_unclosed_section(void)
{
	CHECK_ERRORS("a\n  {{#items}}\n{{x}}\n", NULL,
		     "t.mustache:2:3: section 'items' is never closed\n");
	CHECK_ERRORS("{{^a}}{{<b}}{{$c}}", NULL,
		     "t.mustache:1:1: inverted section 'a' is never closed\n"
		     "t.mustache:1:7: parent 'b' is never closed\n"
		     "t.mustache:1:13: block 'c' is never closed\n");
}

static void test_error_mismatched_close(void)
{
	/* A section left open: the close of the outer one closes both. */
	CHECK_ERRORS("{{#a}}\n  {{#b}}\n  {{/a}}\nx", NULL,
		     "t.mustache:3:3: closing tag 'a' does not match section "
		     "'b' (opened at line 2, column 3); expected closing tag "
		     "'b'\n");
	/* A misspelt name closes the innermost section all the same. */
	CHECK_ERRORS("{{#a}}x{{/b}}{{#c}}{{/c}}", NULL,
		     "t.mustache:1:8: closing tag 'b' does not match section "
		     "'a' (opened at line 1, column 1); expected closing tag "
		     "'a'\n");
}

static void test_error_unclosed_tag(void)
{
	CHECK_ERRORS("line\nab {{name\nmore", NULL,
		     "t.mustache:2:4: tag is never closed: no '}}' after "
		     "'{{'\n");
	CHECK_ERRORS("{{{name}}", NULL,
		     "t.mustache:1:1: tag is never closed: no '}}}' after "
		     "'{{{'\n");
	/* A tag that runs into the next one: the next is still read. */
	CHECK_ERRORS("<li>{{name}</li>\n{{/x}}", NULL,
		     "t.mustache:1:5: tag is never closed: no '}}' after "
		     "'{{'\n"
		     "t.mustache:2:1: closing tag 'x' has no open section\n");
	CHECK_ERRORS("{{=<% %>=}}\n<%x", NULL,
		     "t.mustache:2:1: tag is never closed: no '%>' after "
		     "'<%'\n");
}

static void test_error_bad_delimiters(void)
{
	CHECK_ERRORS("x {{=<% %>}} y", NULL,
		     "t.mustache:1:3: bad delimiter change: it must end with "
		     "'=}}', as in {{=<% %>=}}\n");
	CHECK_ERRORS("{{=<%%>=}}", NULL,
		     "t.mustache:1:1: bad delimiter change: expected two "
		     "delimiters without '=' or whitespace, as in "
		     "{{=<% %>=}}\n");
	CHECK_ERRORS("{{=<= =>=}}", NULL,
		     "t.mustache:1:1: bad delimiter change: expected two "
		     "delimiters without '=' or whitespace, as in "
		     "{{=<% %>=}}\n");
	CHECK_ERRORS("{{=a b c=}}", NULL,
		     "t.mustache:1:1: bad delimiter change: expected two "
		     "delimiters without '=' or whitespace, as in "
		     "{{=<% %>=}}\n");
}

static void test_error_close_without_open(void)
{
	CHECK_ERRORS("text\n x {{/a}}", NULL,
		     "t.mustache:2:4: closing tag 'a' has no open section\n");
}

static void test_error_names(void)
{
	CHECK_ERRORS("{{}}{{# }}{{>}}", NULL,
		     "t.mustache:1:1: empty tag name\n"
		     "t.mustache:1:5: empty tag name\n"
		     "t.mustache:1:11: empty tag name\n");
	CHECK_ERRORS("{{a b}}", NULL,
		     "t.mustache:1:1: tag name 'a b' contains whitespace\n");
}

static void test_errors_all_reported_in_order(void)
{
	CHECK_ERRORS("{{/x}}\n{{#open}}\n{{}}\n{{y", NULL,
		     "t.mustache:1:1: closing tag 'x' has no open section\n"
		     "t.mustache:3:1: empty tag name\n"
		     "t.mustache:4:1: tag is never closed: no '}}' after "
		     "'{{'\n");
}

static void test_error_in_partial(void)
{
	/* Located in the partial; the including template does not compile. */
	CHECK_ERRORS("a {{>p}}", "{\"p\": \"ok\\n{{#x}}\"}",
		     "p:2:1: section 'x' is never closed\n");
}

static void test_too_many_errors(void)
{
	struct buf src = BUF_INIT;
	char *got;

	for (int i = 0; i < 500; i++)
		buf_puts(&src, "{{}}");
	got = compile_errors(buf_cstr(&src), NULL);
	CHECK(strstr(got, "t.mustache:1:397: empty tag name\n") != NULL);
	CHECK(strstr(got, "t.mustache:1:401: too many errors; stopping "
		      "here\n") != NULL);
	CHECK(strstr(got, "1:405") == NULL);
	free(got);
	buf_free(&src);
}

/* ---- limits ---- */

static void test_nesting_limit(void)
{
	char *got = render("{{>node}}", "{}", "{\"node\": \"x{{>node}}\"}");

	CHECK_STR(got, "ERROR: node:1:2: partial 'node' nests deeper than 100 "
		  "levels; does it include itself without end?");
	free(got);
	got = render("{{>*n}}", "{\"n\": \"loop\"}",
		     "{\"loop\": \"{{>*n}}\"}");
	CHECK_STR(got, "ERROR: loop:1:1: partial 'loop' nests deeper than 100 "
		  "levels; does it include itself without end?");
	free(got);
	got = render("{{<p}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/p}}", "{}",
		     "{\"p\": \"{{$a}}{{/a}}\"}");
	CHECK_STR(got, "ERROR: t.mustache:1:14: block 'a' nests deeper than "
		  "100 levels; does it include itself without end?");
	free(got);
	/* Data ends a recursion well before the limit. */
	got = render("{{>n}}", "{\"k\": {\"k\": {\"k\": false}}}",
		     "{\"n\": \"<{{#k}}{{>n}}{{/k}}>\"}");
	CHECK_STR(got, "<<<>>>");
	free(got);
}

/* Renders t in an env with these bounds: the output, or "ERROR: " and
 * the first diagnostic. */
static char *render_bounded(const char *template, const char *data,
			    size_t max_output, size_t max_steps)
{
	json_t *ctx = json_loads(data, 0, NULL), *parts = json_object();
	struct mustache_env *env = mustache_env_new(load_json, parts);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *t;
	struct buf out = BUF_INIT;
	char *result;

	mustache_env_set_limits(env, max_output, max_steps);
	t = mustache_compile(env, "t.mustache", template, strlen(template), &diags);
	if (t && mustache_render(t, ctx, &out, &diags) == 0) {
		result = buf_detach(&out);
	} else {
		buf_truncate(&out, 0);
		buf_printf(&out, "ERROR: %s:%d:%d: %s", diags.items[0].file,
			   diags.items[0].line, diags.items[0].column,
			   diags.items[0].message);
		result = buf_detach(&out);
	}
	diag_list_free(&diags);
	mustache_template_free(t);
	mustache_env_free(env);
	json_decref(ctx);
	json_decref(parts);
	return result;
}

/* Six nested sections over ten items: a million texts from 60 bytes. */
static void test_render_bounds(void)
{
	const char *six = "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}xy{{/a}}{{/a}}"
			  "{{/a}}{{/a}}{{/a}}{{/a}}";
	const char *data = "{\"a\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}";
	char *got = render_bounded(six, data, (size_t)1 << 30, 100000);

	CHECK_STR(got, "ERROR: t.mustache:1:31: rendering t.mustache stopped: "
		  "it passed the bound of work for one page; does a section or "
		  "partial repeat itself over nested data?");
	free(got);
	got = render_bounded(six, data, 1000, (size_t)1 << 30);
	CHECK(strstr(got, "stopped: its output passed the bound of one page") != NULL);
	free(got);
	/* Within the bounds, the same template renders whole. */
	got = render_bounded("{{#a}}{{#a}}x{{/a}}{{/a}}", data, 1000, 100000);
	CHECK_INT(strlen(got), 100);
	free(got);
}

/* p0 includes p1, which includes p2, ... up to p99999. */
static int load_chain(void *ctx, const char *name, char **source,
		      size_t *len, char **label)
{
	struct buf b = BUF_INIT;
	int n;

	(void)ctx;
	if (sscanf(name, "p%d", &n) != 1)
		return 1;
	if (n < 99999)
		buf_printf(&b, "{{>p%d}}", n + 1);
	else
		buf_puts(&b, "end");
	*len = b.len;
	*source = buf_detach(&b);
	*label = mem_strdup(name);
	return 0;
}

static void test_long_partial_chain(void)
{
	struct mustache_env *env = mustache_env_new(load_chain, NULL);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *t = mustache_compile(env, "t", "{{>p0}}", 7,
						       &diags);
	struct buf out = BUF_INIT;

	/* Compiling links all 100000 without recursion ... */
	CHECK(t != NULL);
	/* ... and rendering stops at the limit with an error. */
	CHECK_INT(mustache_render(t, NULL, &out, &diags), -1);
	CHECK_INT(diags.count, 1);
	if (diags.count)
		CHECK_STR(diags.items[0].message, "partial 'p100' nests deeper "
			  "than 100 levels; does it include itself without end?");
	buf_free(&out);
	diag_list_free(&diags);
	mustache_template_free(t);
	mustache_env_free(env);
}

static void test_deep_nesting(void)
{
	enum { DEPTH = 100000 };
	struct buf src = BUF_INIT;
	char *got;

	for (int i = 0; i < DEPTH; i++)
		buf_puts(&src, "{{#a}}");
	buf_puts(&src, "x");
	for (int i = 0; i < DEPTH; i++)
		buf_puts(&src, "{{/a}}");
	got = render(buf_cstr(&src), "{\"a\": [true]}", NULL);
	CHECK_STR(got, "x");
	free(got);
	got = render(buf_cstr(&src), "{\"a\": false}", NULL);
	CHECK_STR(got, "");
	free(got);
	/* Never closed: errors, capped, and no crash. */
	buf_truncate(&src, 6 * DEPTH);
	got = compile_errors(buf_cstr(&src), NULL);
	CHECK(strncmp(got, "t.mustache:1:1: section 'a' is never closed\n",
		      44) == 0);
	CHECK(strstr(got, "too many errors") != NULL);
	free(got);
	buf_free(&src);
}

/* ---- partial names ---- */

static void test_refused_names(void)
{
	static const char *bad[] = { "../x", "a/../b", "/etc/passwd", "..",
				     "a\\b" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CHECK(!mustache_name_ok(bad[i], strlen(bad[i])));
	CHECK(!mustache_name_ok("a\0b", 3));
	CHECK(!mustache_name_ok("", 0));
	CHECK(mustache_name_ok("row", 3));
	CHECK(mustache_name_ok("cards/row", 9));
	CHECK(mustache_name_ok("a..b/.x", 7));
	CHECK_ERRORS("x\n {{> ../secret }}", NULL,
		     "t.mustache:2:2: partial name '../secret' is refused: it "
		     "must not start with '/', have '..' as a folder, or "
		     "contain a backslash or NUL\n");
	CHECK_ERRORS("{{</abs}}{{//abs}}", NULL,
		     "t.mustache:1:1: partial name '/abs' is refused: it must "
		     "not start with '/', have '..' as a folder, or contain a "
		     "backslash or NUL\n");
	CHECK_RENDER("[{{>*n}}]", "{\"n\": \"a/../../b\"}", NULL,
		     "ERROR: t.mustache:1:2: partial name 'a/../../b' (the "
		     "value of 'n') is refused: it must not start with '/', "
		     "have '..' as a folder, or contain a backslash or NUL");
	CHECK_RENDER("[{{>*n}}]", "{\"n\": \"a\\u0000b\"}", NULL,
		     "ERROR: t.mustache:1:2: partial name 'a' (the value of "
		     "'n') is refused: it must not start with '/', have '..' as "
		     "a folder, or contain a backslash or NUL");
}

static void test_dir_loader(void)
{
	char dir[] = "/tmp/folio-mustache-XXXXXX";
	char *path, *source = NULL, *label = NULL;
	size_t len = 0;
	struct mustache_env *env;
	struct diag_list diags = DIAG_LIST_INIT;
	const struct mustache_template *a, *b;

	CHECK(mkdtemp(dir) != NULL);
	path = fs_join(dir, "row.mustache");
	check_write_file(path, "<{{x}}>");
	CHECK_INT(mustache_load_dir(dir, "row", &source, &len, &label), 0);
	CHECK_STR(source, "<{{x}}>");
	CHECK_STR(label, path);
	CHECK_INT(mustache_load_dir(dir, "nope", &source, &len, &label) == 1,
		  1);
	CHECK_INT(mustache_load_dir(dir, "../row", &source, &len, &label), 1);
	env = mustache_env_new(mustache_load_dir, dir);
	a = mustache_env_get(env, "row", &diags);
	b = mustache_env_get(env, "row", &diags);
	CHECK(a != NULL && a == b);
	CHECK(mustache_env_get(env, "nope", &diags) == NULL);
	CHECK(mustache_env_get(env, "../x", &diags) == NULL);
	CHECK_INT(diags.count, 1);
	mustache_env_free(env);
	diag_list_free(&diags);
	free(source);
	free(label);
	unlink(path);
	rmdir(dir);
	free(path);
}

/* Counts the loader's calls: each partial is loaded once per env. */
static int loads;

static int load_counted(void *ctx, const char *name, char **source,
			size_t *len, char **label)
{
	loads++;
	return load_json(ctx, name, source, len, label);
}

static void test_partials_cached(void)
{
	json_t *parts = json_loads("{\"node\": \"{{#k}}{{>node}}{{/k}}\", "
				   "\"bad\": \"{{#x}}\"}", 0, NULL);
	struct mustache_env *env = mustache_env_new(load_counted, parts);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *t1, *t2;

	loads = 0;
	t1 = mustache_compile(env, "a", "{{>node}}{{>node}}", 18, &diags);
	t2 = mustache_compile(env, "b", "{{>node}}{{>gone}}", 18, &diags);
	CHECK(t1 && t2);
	CHECK_INT(loads, 2);
	/* A failed compile keeps nothing, so it fails the same way again. */
	CHECK(mustache_compile(env, "c", "{{>bad}}", 8, &diags) == NULL);
	CHECK(mustache_compile(env, "c", "{{>bad}}", 8, &diags) == NULL);
	CHECK_INT(diags.count, 2);
	CHECK_INT(loads, 4);
	mustache_template_free(t1);
	mustache_template_free(t2);
	mustache_env_free(env);
	diag_list_free(&diags);
	json_decref(parts);
}

/* ---- threads ---- */

struct job {
	const struct mustache_template *t;
	const json_t *data;
	const char *expected;
	int failures;
};

static void *render_many(void *arg)
{
	struct job *job = arg;
	struct buf out = BUF_INIT;
	struct diag_list diags = DIAG_LIST_INIT;

	for (int i = 0; i < 200; i++) {
		buf_truncate(&out, 0);
		if (mustache_render(job->t, job->data, &out, &diags) != 0 ||
		    strcmp(buf_cstr(&out), job->expected) != 0)
			job->failures++;
	}
	buf_free(&out);
	diag_list_free(&diags);
	return NULL;
}

static void test_threads(void)
{
	json_t *parts = json_loads("{\"row\": \"<li>{{name}}</li>\\n\", "
				   "\"card\": \"<b>{{name}}</b>\\n\", "
				   "\"note\": \"({{n}})\"}", 0, NULL);
	json_t *data = json_loads("{\"rows\": [{\"name\": \"a&b\", \"kind\": "
				  "\"row\"}, {\"name\": \"c\", \"kind\": "
				  "\"card\"}], \"n\": 1.5}", 0, NULL);
	const char *src = "<ul>\n  {{#rows}}\n  {{>*kind}}\n  {{/rows}}\n"
			  "</ul>{{>note}}";
	struct mustache_env *env = mustache_env_new(load_json, parts);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *t = mustache_compile(env, "t", src,
						       strlen(src), &diags);
	struct job jobs[4];
	pthread_t threads[4];

	CHECK(t != NULL);
	for (int i = 0; i < 4 && t; i++) {
		jobs[i] = (struct job){ t, data, "<ul>\n  <li>a&amp;b</li>\n"
					"  <b>c</b>\n</ul>(1.5)", 0 };
		CHECK_INT(pthread_create(&threads[i], NULL, render_many,
					 &jobs[i]), 0);
	}
	for (int i = 0; i < 4 && t; i++) {
		pthread_join(threads[i], NULL);
		CHECK_INT(jobs[i].failures, 0);
	}
	mustache_template_free(t);
	mustache_env_free(env);
	diag_list_free(&diags);
	json_decref(parts);
	json_decref(data);
}

/*
 * With mustache_env_report_misses(), each name in no context and each
 * missing partial is a warning at its tag; names there but empty are not;
 * without it, the spec's silence.
 */
static void test_report_misses(void)
{
	static const char template[] =
		"{{^has_gap}}done{{/has_gap}}{{a.b}}{{a.c}}{{#e}}{{x}}{{/e}}\n"
		"{{> nope}}{{n}}{{#l}}{{.}}{{/l}}";
	static const char data[] =
		"{\"has_gaps\": true, \"a\": {\"b\": 1}, \"e\": [], \"n\": null, \"l\": [1]}";
	json_t *ctx = json_loads(data, 0, NULL);
	struct diag_list diags = DIAG_LIST_INIT;
	struct buf out = BUF_INIT, shown = BUF_INIT;
	struct mustache_env *env = mustache_env_new(NULL, NULL);
	struct mustache_template *t;

	mustache_env_report_misses(env);
	t = mustache_compile(env, "t.mustache", template, strlen(template), &diags);
	CHECK(t != NULL);
	CHECK_INT(mustache_render(t, ctx, &out, &diags), 0);
	CHECK_STR(buf_cstr(&out), "done1\n1");
	diag_list_format(&diags, false, &shown);
	CHECK_STR(buf_cstr(&shown),
		  "t.mustache:2:1: warning: partial 'nope' is not a template, here "
		  "or in the built-in theme: it renders as nothing\n"
		  "t.mustache:1:1: warning: `has_gap` is in no context of this page: "
		  "it renders as nothing (a typo? the names are in docs/site.md, \"The "
		  "template context\")\n"
		  "t.mustache:1:36: warning: `a.c` is in no context of this page: "
		  "it renders as nothing (a typo? the names are in docs/site.md, \"The "
		  "template context\")\n");
	mustache_template_free(t);
	mustache_env_free(env);
	diag_list_free(&diags);
	buf_free(&out);
	buf_free(&shown);
	/* Without it: the same output, not a word. */
	diags = (struct diag_list)DIAG_LIST_INIT;
	free(render_with(template, data, NULL, &diags));
	CHECK_INT(diags.count, 0);
	diag_list_free(&diags);
	json_decref(ctx);
}

/*
 * What a template reads (mustache_uses_*): the digest of data as the
 * template sees it, with partials (a JSON object as text).  *known is
 * whether the uses could be told.
 */
static uint64_t uses_digest(const char *template, const char *partials,
			    const char *data, bool *known)
{
	json_t *parts = json_loads(partials ? partials : "{}", 0, NULL);
	json_t *json = json_loads(data, 0, NULL);
	struct mustache_env *env = mustache_env_new(load_json, parts);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *t = mustache_compile(env, "t", template,
						       strlen(template), &diags);
	struct mustache_uses *u = mustache_uses_new();
	struct arena a = ARENA_INIT;
	struct value v;
	uint64_t h;

	if (!t || !json) {
		printf("  bad test input: %s / %s\n", template, data);
		exit(2);
	}
	v = value_from_json(&a, json);
	*known = mustache_uses_add(u, t);
	h = mustache_uses_digest(u, HASH_INIT, &v);
	mustache_uses_free(u);
	arena_free(&a);
	mustache_template_free(t);
	mustache_env_free(env);
	json_decref(json);
	json_decref(parts);
	diag_list_free(&diags);
	return h;
}

#define SAME_READ(template, partials, a, b) do { \
	bool known_a, known_b; \
	CHECK(uses_digest(template, partials, a, &known_a) == \
	      uses_digest(template, partials, b, &known_b)); \
	CHECK(known_a && known_b); \
} while (0)
#define READ_DIFFERS(template, partials, a, b) do { \
	bool known_a, known_b; \
	CHECK(uses_digest(template, partials, a, &known_a) != \
	      uses_digest(template, partials, b, &known_b)); \
} while (0)

static void test_uses(void)
{
	const char *nav = "{{#units}}<a>{{title}}</a>{{/units}}";
	const char *base = "{\"units\":[{\"title\":\"T\",\"criteria\":[\"x\"]}],\"n\":1}";
	bool known;

	/* What a section's item is not asked for does not count... */
	SAME_READ(nav, NULL, base, "{\"units\":[{\"title\":\"T\",\"criteria\":[\"y\"]}],\"n\":1}");
	SAME_READ(nav, NULL, base, "{\"units\":[{\"title\":\"T\",\"criteria\":[\"x\"]}],\"n\":2}");
	/* ...what it is, and how many items, do. */
	READ_DIFFERS(nav, NULL, base, "{\"units\":[{\"title\":\"U\",\"criteria\":[\"x\"]}],\"n\":1}");
	READ_DIFFERS(nav, NULL, base, "{\"units\":[{\"title\":\"T\"},{\"title\":\"T\"}],\"n\":1}");
	/* A name may be found in any context under the section: n is. */
	READ_DIFFERS("{{#units}}{{n}}{{/units}}", NULL, base,
		     "{\"units\":[{\"title\":\"T\",\"criteria\":[\"x\"]}],\"n\":2}");
	/* An object interpolated prints whole, as {{.}} prints its item. */
	READ_DIFFERS("{{units}}", NULL, base,
		     "{\"units\":[{\"title\":\"T\",\"criteria\":[\"y\"]}],\"n\":1}");
	READ_DIFFERS("{{#units}}{{.}}{{/units}}", NULL, base,
		     "{\"units\":[{\"title\":\"T\",\"criteria\":[\"y\"]}],\"n\":1}");
	/* Dotted names, and {{.}} in a section of one. */
	SAME_READ("{{#c.name}}{{.}}{{/c.name}}", NULL,
		  "{\"c\":{\"name\":\"A\",\"no\":1}}", "{\"c\":{\"name\":\"A\",\"no\":2}}");
	READ_DIFFERS("{{#c.name}}{{.}}{{/c.name}}", NULL,
		     "{\"c\":{\"name\":\"A\",\"no\":1}}", "{\"c\":{\"name\":\"B\",\"no\":1}}");
	/* Through partials, and a partial within itself. */
	SAME_READ("{{#units}}{{>label}}{{/units}}", "{\"label\":\"{{n}}\"}",
		  "{\"units\":[{\"n\":1,\"title\":\"A\"}]}", "{\"units\":[{\"n\":1,\"title\":\"B\"}]}");
	READ_DIFFERS("{{#units}}{{>label}}{{/units}}", "{\"label\":\"{{n}}\"}",
		     "{\"units\":[{\"n\":1,\"title\":\"A\"}]}", "{\"units\":[{\"n\":2,\"title\":\"A\"}]}");
	SAME_READ("{{>node}}", "{\"node\":\"{{name}}{{#kids}}{{>node}}{{/kids}}\"}",
		  "{\"kids\":[{\"name\":\"a\",\"kids\":[{\"name\":\"b\",\"x\":1}]}]}",
		  "{\"kids\":[{\"name\":\"a\",\"kids\":[{\"name\":\"b\",\"x\":2}]}]}");
	READ_DIFFERS("{{>node}}", "{\"node\":\"{{name}}{{#kids}}{{>node}}{{/kids}}\"}",
		     "{\"kids\":[{\"name\":\"a\",\"kids\":[{\"name\":\"b\",\"x\":1}]}]}",
		     "{\"kids\":[{\"name\":\"a\",\"kids\":[{\"name\":\"c\",\"x\":1}]}]}");
	/* A partial named by the data: anything may be read, and the whole
	 * context counts. */
	uses_digest("{{>*p}}", NULL, base, &known);
	CHECK(!known);
	READ_DIFFERS("{{>*p}}", NULL, base, "{\"units\":[],\"n\":1}");
	/* A block in a section: a child's override of it is rendered in
	 * the section's items, and what it reads there counts (title), what
	 * nothing reads does not (criteria); {{.}} there is the item whole. */
	uses_digest("{{#units}}{{$b}}{{/b}}{{/units}}", NULL, base, &known);
	CHECK(known);
	SAME_READ("{{<p}}{{$b}}{{title}}{{/b}}{{/p}}",
		  "{\"p\":\"{{#units}}{{$b}}{{/b}}{{/units}}\"}", base,
		  "{\"units\":[{\"title\":\"T\",\"criteria\":[\"y\"]}],\"n\":1}");
	READ_DIFFERS("{{<p}}{{$b}}{{title}}{{/b}}{{/p}}",
		     "{\"p\":\"{{#units}}{{$b}}{{/b}}{{/units}}\"}", base,
		     "{\"units\":[{\"title\":\"U\",\"criteria\":[\"x\"]}],\"n\":1}");
	READ_DIFFERS("{{<p}}{{$b}}{{.}}{{/b}}{{/p}}",
		     "{\"p\":\"{{#units}}{{$b}}{{/b}}{{/units}}\"}", base,
		     "{\"units\":[{\"title\":\"T\",\"criteria\":[\"y\"]}],\"n\":1}");
	/* The block in a partial the parent names inside its section: the
	 * override is in force there too. */
	READ_DIFFERS("{{<p}}{{$b}}{{title}}{{/b}}{{/p}}",
		     "{\"p\":\"{{#units}}{{>r}}{{/units}}\",\"r\":\"{{$b}}{{/b}}\"}",
		     base,
		     "{\"units\":[{\"title\":\"U\",\"criteria\":[\"x\"]}],\"n\":1}");
	/* A parent that includes itself, its block reached again inside
	 * the section it opens: the override is read there too. */
	READ_DIFFERS("{{<node}}{{$b}}{{title}}{{/b}}{{/node}}",
		     "{\"node\":\"{{$b}}{{/b}}{{#kids}}{{>node}}{{/kids}}\"}",
		     "{\"kids\":[{\"title\":\"A\"}]}", "{\"kids\":[{\"title\":\"B\"}]}");
	/* Partials that each name the next twice, forty deep: the walk
	 * would take 2^40 steps; it stops, and reads everything. */
	{
		struct buf parts = BUF_INIT;

		buf_puts(&parts, "{");
		for (int i = 1; i < 40; i++)
			buf_printf(&parts, "\"p%d\":\"{{>p%d}}{{>p%d}}\",", i,
				   i + 1, i + 1);
		buf_puts(&parts, "\"p40\":\"{{x}}\"}");
		uses_digest("{{#never}}{{>p1}}{{/never}}", buf_cstr(&parts), base,
			    &known);
		CHECK(!known);
		READ_DIFFERS("{{#never}}{{>p1}}{{/never}}", buf_cstr(&parts), base,
			     "{\"units\":[],\"n\":1}");
		buf_free(&parts);
	}
	/* Through a parent of the parent: the same. */
	READ_DIFFERS("{{<q}}{{$b}}{{title}}{{/b}}{{/q}}",
		     "{\"q\":\"{{<p}}{{/p}}\",\"p\":\"{{#units}}{{$b}}{{/b}}{{/units}}\"}",
		     base,
		     "{\"units\":[{\"title\":\"U\",\"criteria\":[\"x\"]}],\"n\":1}");
}

/* A template's digest follows its text and its partials'. */
static void test_template_digest(void)
{
	json_t *parts = json_pack("{s:s}", "p", "one");
	struct mustache_env *env = mustache_env_new(load_json, parts);
	struct diag_list diags = DIAG_LIST_INIT;
	struct mustache_template *a = mustache_compile(env, "a", "x{{>p}}", 7, &diags);
	struct mustache_template *b = mustache_compile(env, "a", "x{{>p}}", 7, &diags);
	struct mustache_template *c = mustache_compile(env, "a", "y{{>p}}", 7, &diags);
	uint64_t before = mustache_template_digest(HASH_INIT, a);
	struct mustache_env *env2;
	struct mustache_template *d;

	CHECK(before == mustache_template_digest(HASH_INIT, b));
	CHECK(before != mustache_template_digest(HASH_INIT, c));
	json_object_set_new(parts, "p", json_string("two"));
	env2 = mustache_env_new(load_json, parts);
	d = mustache_compile(env2, "a", "x{{>p}}", 7, &diags);
	CHECK(before != mustache_template_digest(HASH_INIT, d));
	mustache_template_free(a);
	mustache_template_free(b);
	mustache_template_free(c);
	mustache_template_free(d);
	mustache_env_free(env);
	mustache_env_free(env2);
	json_decref(parts);
	diag_list_free(&diags);
}

int main(void)
{
	RUN(test_spec);
	RUN(test_uses);
	RUN(test_template_digest);
	RUN(test_report_misses);
	RUN(test_values_print_as_json_does);
	RUN(test_escaping);
	RUN(test_context_stack);
	RUN(test_markdown_escaping);
	RUN(test_root_may_be_any_value);
	RUN(test_truthiness);
	RUN(test_standalone_lines);
	RUN(test_crlf);
	RUN(test_partial_indentation);
	RUN(test_dotted_names);
	RUN(test_implicit_iterator);
	RUN(test_inheritance);
	RUN(test_dynamic_names);
	RUN(test_delimiters_do_not_reach_partials);
	RUN(test_compile_once_render_many);
	RUN(test_error_unclosed_section);
	RUN(test_error_mismatched_close);
	RUN(test_error_unclosed_tag);
	RUN(test_error_bad_delimiters);
	RUN(test_error_close_without_open);
	RUN(test_error_names);
	RUN(test_errors_all_reported_in_order);
	RUN(test_error_in_partial);
	RUN(test_too_many_errors);
	RUN(test_nesting_limit);
	RUN(test_render_bounds);
	RUN(test_long_partial_chain);
	RUN(test_deep_nesting);
	RUN(test_refused_names);
	RUN(test_dir_loader);
	RUN(test_partials_cached);
	RUN(test_threads);
	return check_summary();
}
