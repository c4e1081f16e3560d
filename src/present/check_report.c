/*
 * check_report.c - `folio check`'s findings as JSON, SARIF and JUnit XML
 * (see check_report.h).
 */
#include "present/check_report.h"
#include "base/fsutil.h"
#include "base/strmap.h"
#include "base/utf8.h"
#include "present/diag_json.h"
#include "present/export.h"
#include "present/url.h"

#include <stdlib.h>
#include <string.h>

void check_report_gap_codes(const struct portfolio *p, struct buf *out)
{
	for (size_t i = 0; i < p->ngaps; i++) {
		const struct xref_gap *g = &p->gaps[i];

		buf_printf(out, "%s%s%s%s", i ? ", " : "", xref_gap_name(g->code),
			   g->target ? " " : "", g->target ? g->target : "");
	}
}

void check_report_gaps_line(const struct portfolio *p, struct buf *out)
{
	buf_printf(out, "%s %s: ", p->learner->id, p->unit->id);
	check_report_gap_codes(p, out);
}

/* A file of the model named from where the user is, in a. */
static const char *named(struct arena *a, const struct check_report *r,
			 const char *path)
{
	char *joined;
	const char *copy;

	if (!r->dir || path[0] == '/')
		return path;
	joined = fs_join(r->dir, path);
	copy = arena_strdup(a, joined);
	free(joined);
	return copy;
}

/* ---- JSON --------------------------------------------------------- */

/* The portfolios with gaps: [{learner, unit, gaps: [{code, target}]}]. */
static struct value strict_json(struct arena *a, const struct xref *x)
{
	struct value_arr list = value_arr_new(a, 16);

	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];
		struct value *gaps;
		struct value_obj o;

		if (!p->ngaps)
			continue;
		gaps = value_items(a, p->ngaps);
		for (size_t j = 0; j < p->ngaps; j++) {
			struct value_obj g = value_obj_new(a, 2);

			value_put(&g, "code", value_text(xref_gap_name(p->gaps[j].code)));
			value_put(&g, "target", value_text(p->gaps[j].target));
			gaps[j] = value_obj_done(&g);
		}
		o = value_obj_new(a, 3);
		value_put(&o, "learner", value_text(p->learner->id));
		value_put(&o, "unit", value_text(p->unit->id));
		value_put(&o, "gaps", value_list(gaps, p->ngaps));
		value_push(&list, value_obj_done(&o));
	}
	return value_arr_done(&list);
}

static struct value count(size_t n)
{
	return value_int((long long)n);
}

/* "1 unit", "3 units". */
static void put_count(struct buf *out, size_t n, const char *one,
		      const char *many)
{
	buf_printf(out, "%zu %s", n, n == 1 ? one : many);
}

void check_report_summary(const struct model *m, const struct xref *x,
			  const struct xref_tally *s,
			  const struct diag_list *diags, struct buf *out)
{
	struct qualify_tally q = qualify_tally(x);

	put_count(out, m->nunits, "unit", "units");
	buf_puts(out, ", ");
	put_count(out, m->nlearners, "learner", "learners");
	buf_puts(out, ", ");
	put_count(out, s->portfolios, "portfolio", "portfolios");
	buf_printf(out, " (%zu complete", xref_tally_complete(s));
	/* Only a centre that records sign-offs hears about them. */
	if (m->signoffs_file)
		buf_printf(out, ", %zu of them signed off",
			   s->by_status[XREF_SIGNED_OFF]);
	buf_printf(out, ", %zu in progress, %zu not started)",
		   s->by_status[XREF_IN_PROGRESS],
		   s->by_status[XREF_NOT_STARTED]);
	if (q.all)
		buf_printf(out, ", %zu learner%s (%zu complete, %zu of them "
			   "claimable, %zu in progress, %zu not started)", q.all,
			   q.all == 1 ? "'s qualification" : "s' qualifications",
			   q.by_status[QUALIFY_COMPLETE] +
			   q.by_status[QUALIFY_CLAIMABLE],
			   q.by_status[QUALIFY_CLAIMABLE],
			   q.by_status[QUALIFY_IN_PROGRESS],
			   q.by_status[QUALIFY_NOT_STARTED]);
	buf_puts(out, ": ");
	put_count(out, diags->errors, "error", "errors");
	buf_puts(out, ", ");
	put_count(out, diags->warnings, "warning", "warnings");
	buf_putc(out, '\n');
}

struct value check_report_json(struct arena *a, const struct check_report *r)
{
	const struct xref_tally *s = r->tally;
	struct qualify_tally q = qualify_tally(r->xref);
	struct value_obj report = value_obj_new(a, 3);
	struct value_obj summary = value_obj_new(a, 11);

	value_put(&summary, "units", count(r->model->nunits));
	value_put(&summary, "learners", count(r->model->nlearners));
	value_put(&summary, "portfolios", count(s->portfolios));
	value_put(&summary, "complete", count(xref_tally_complete(s)));
	value_put(&summary, "in_progress", count(s->by_status[XREF_IN_PROGRESS]));
	value_put(&summary, "not_started", count(s->by_status[XREF_NOT_STARTED]));
	value_put(&summary, "signed_off", count(s->by_status[XREF_SIGNED_OFF]));
	value_put(&summary, "with_gaps", count(s->with_gaps));
	value_put(&summary, "qualifications", export_qualify_tally(a, &q));
	value_put(&summary, "errors", count(r->diags->errors));
	value_put(&summary, "warnings", count(r->diags->warnings));
	value_put(&report, "diagnostics", diag_json_list(a, r->diags));
	value_put(&report, "summary", value_obj_done(&summary));
	if (r->strict)
		value_put(&report, "strict", strict_json(a, r->xref));
	return value_obj_done(&report);
}

/* ---- SARIF -------------------------------------------------------- */

#define GAPS_RULE "portfolio-has-gaps"

/* path as a URI reference (url_escape); an absolute path as a file:
 * URI. */
static struct value uri(struct arena *a, const char *path)
{
	struct buf b = BUF_INIT;
	struct value v;

	if (path[0] == '/')
		buf_puts(&b, "file://");
	url_escape(&b, path);
	v = value_copy(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return v;
}

/* {"text": text} */
static struct value message(struct arena *a, struct value text)
{
	struct value_obj o = value_obj_new(a, 1);

	value_put(&o, "text", text);
	return value_obj_done(&o);
}

/* [{"physicalLocation": {...}}] at file, line and column (0: none), or
 * [{"logicalLocations": [{name, kind: "parameter"}]}] for a setting. */
static struct value locations(struct arena *a, const char *file, bool is_file,
			      int line, int column)
{
	struct value_obj where = value_obj_new(a, 2), loc = value_obj_new(a, 1);
	struct value *one = value_items(a, 1);

	if (is_file) {
		struct value_obj artifact = value_obj_new(a, 1);

		value_put(&artifact, "uri", uri(a, file));
		value_put(&where, "artifactLocation", value_obj_done(&artifact));
		if (line > 0) {
			struct value_obj region = value_obj_new(a, 2);

			value_put(&region, "startLine", value_int(line));
			if (column > 0)
				value_put(&region, "startColumn", value_int(column));
			value_put(&where, "region", value_obj_done(&region));
		}
		value_put(&loc, "physicalLocation", value_obj_done(&where));
	} else {
		struct value *logical = value_items(a, 1);

		value_put(&where, "name", value_copy(a, file, strlen(file)));
		value_put(&where, "kind", value_text("parameter"));
		logical[0] = value_obj_done(&where);
		value_put(&loc, "logicalLocations", value_list(logical, 1));
	}
	one[0] = value_obj_done(&loc);
	return value_list(one, 1);
}

/* The rules met so far: ids in first-met order, and their index. */
struct rules {
	struct arena *a;
	struct strmap index;      /* id -> size_t * */
	struct value_arr list;
};

/* The index of rule id (described by description), added if new. */
static size_t rule_index(struct rules *rules, const char *id,
			 const char *description)
{
	size_t *at = strmap_get(&rules->index, id);
	struct value_obj rule;

	if (at)
		return *at;
	at = arena_alloc(rules->a, sizeof(*at));
	*at = rules->list.n;
	strmap_put(&rules->index, arena_strdup(rules->a, id), at);
	rule = value_obj_new(rules->a, 2);
	value_put(&rule, "id", value_copy(rules->a, id, strlen(id)));
	value_put(&rule, "shortDescription",
		  message(rules->a, value_copy(rules->a, description,
					       strlen(description))));
	value_push(&rules->list, value_obj_done(&rule));
	return *at;
}

static struct value result(struct arena *a, size_t rule, const char *id,
			   bool error, struct value text, struct value where)
{
	struct value_obj o = value_obj_new(a, 5);

	value_put(&o, "ruleId", value_copy(a, id, strlen(id)));
	value_put(&o, "ruleIndex", count(rule));
	value_put(&o, "level", value_text(error ? "error" : "warning"));
	value_put(&o, "message", message(a, text));
	value_put(&o, "locations", where);
	return value_obj_done(&o);
}

static void diagnostic_results(struct rules *rules,
			       const struct diag_list *diags,
			       struct value_arr *results)
{
	struct arena *a = rules->a;
	struct buf id = BUF_INIT, kind = BUF_INIT;

	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];
		size_t k;

		buf_truncate(&id, 0);
		buf_truncate(&kind, 0);
		diag_rule_id(d, &id);
		diag_kind_text(d, &kind);
		k = rule_index(rules, buf_cstr(&id), buf_cstr(&kind));
		value_push(results, result(a, k, buf_cstr(&id),
			d->severity == DIAG_ERROR,
			value_copy(a, d->message, strlen(d->message)),
			locations(a, d->file, diag_names_file(d), d->line,
				  d->column)));
	}
	buf_free(&id);
	buf_free(&kind);
}

/* Where a portfolio is written down: the learner's row, else the first
 * evidence row that names it. */
static struct value portfolio_location(struct arena *a,
				       const struct check_report *r,
				       const struct portfolio *p)
{
	const char *file = p->learner->file;
	int line = p->learner->line;

	if (!file && p->nrows) {
		file = p->rows[0]->file;
		line = p->rows[0]->line;
	}
	if (!file)
		return value_list(NULL, 0);
	return locations(a, named(a, r, file), true, line, 0);
}

static void gap_results(struct rules *rules, const struct check_report *r,
			struct value_arr *results)
{
	struct arena *a = rules->a;
	struct buf text = BUF_INIT;

	for (size_t i = 0; i < r->xref->nportfolios; i++) {
		const struct portfolio *p = &r->xref->portfolios[i];
		size_t k;

		if (!p->ngaps)
			continue;
		k = rule_index(rules, GAPS_RULE, "a portfolio has gaps (--strict)");
		buf_truncate(&text, 0);
		check_report_gaps_line(p, &text);
		value_push(results, result(a, k, GAPS_RULE, true,
			value_copy(a, text.data, text.len),
			portfolio_location(a, r, p)));
	}
	buf_free(&text);
}

struct value check_report_sarif(struct arena *a, const struct check_report *r)
{
	struct rules rules = { a, STRMAP_INIT, value_arr_new(a, 16) };
	struct value_arr results = value_arr_new(a, r->diags->count + 1);
	struct value_obj driver = value_obj_new(a, 3), tool = value_obj_new(a, 1);
	struct value_obj run = value_obj_new(a, 4), log = value_obj_new(a, 3);
	struct value_obj invocation = value_obj_new(a, 1);
	struct value *runs = value_items(a, 1), *invocations = value_items(a, 1);

	diagnostic_results(&rules, r->diags, &results);
	if (r->strict)
		gap_results(&rules, r, &results);
	strmap_free(&rules.index);

	value_put(&driver, "name", value_text("folio"));
	value_put(&driver, "version", value_text(FOLIO_VERSION));
	value_put(&driver, "rules", value_arr_done(&rules.list));
	value_put(&tool, "driver", value_obj_done(&driver));
	value_put(&invocation, "executionSuccessful", value_bool(r->read));
	invocations[0] = value_obj_done(&invocation);
	value_put(&run, "tool", value_obj_done(&tool));
	value_put(&run, "invocations", value_list(invocations, 1));
	value_put(&run, "columnKind", value_text("unicodeCodePoints"));
	value_put(&run, "results", value_arr_done(&results));
	runs[0] = value_obj_done(&run);
	value_put(&log, "$schema", value_text(
		"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
		"schemas/sarif-schema-2.1.0.json"));
	value_put(&log, "version", value_text("2.1.0"));
	value_put(&log, "runs", value_list(runs, 1));
	return value_obj_done(&log);
}

/* ---- JUnit XML ---------------------------------------------------- */

/*
 * s as XML character data or an attribute's value: the five markup
 * characters as references; what XML 1.0 cannot hold at all (a control
 * character, U+FFFE, U+FFFF, a byte that is not UTF-8) written out as
 * \xHH or \uFFFE, as diagnostics write theirs.
 */
static void xml_escaped(const char *s, struct buf *out)
{
	size_t len = strlen(s);

	while (len > 0) {
		size_t ok = utf8_check(s, len);

		for (size_t i = 0; i < ok; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c == '&')
				buf_puts(out, "&amp;");
			else if (c == '<')
				buf_puts(out, "&lt;");
			else if (c == '>')
				buf_puts(out, "&gt;");
			else if (c == '"')
				buf_puts(out, "&quot;");
			else if (c == '\'')
				buf_puts(out, "&apos;");
			else if (c < 0x20 && c != '\t' && c != '\n')
				buf_printf(out, "\\x%02x", c);
			else if (c == 0xEF && i + 2 < ok &&
				 (unsigned char)s[i + 1] == 0xBF &&
				 (unsigned char)s[i + 2] >= 0xBE) {
				buf_printf(out, "\\u%s",
					   (unsigned char)s[i + 2] == 0xBE ?
					   "FFFE" : "FFFF");
				i += 2;
			} else {
				buf_putc(out, (char)c);
			}
		}
		if (ok == len)
			break;
		buf_printf(out, "\\x%02x", (unsigned char)s[ok]);
		s += ok + 1;
		len -= ok + 1;
	}
}

/* One file's diagnostics, by severity, as "FILE:LINE:COL: error: ..." */
struct file_case {
	const char *name;
	bool is_file;     /* not a setting (diag_names_file) */
	struct buf errors, warnings;
	size_t nerrors;
};

static void suite_open(struct buf *out, const char *name, size_t tests,
		       size_t failures)
{
	buf_printf(out, "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" "
		   "errors=\"0\" skipped=\"0\">\n", name, tests, failures);
}

/* A test case, failed when failure is not empty ("message" says in a
 * few words how); output goes to system-out. */
static void test_case(struct buf *out, const char *classname,
		      const char *name, const char *file, const char *type,
		      const char *summary, const char *failure,
		      const char *output)
{
	buf_puts(out, "    <testcase classname=\"");
	xml_escaped(classname, out);
	buf_puts(out, "\" name=\"");
	xml_escaped(name, out);
	buf_puts(out, "\"");
	if (file) {
		buf_puts(out, " file=\"");
		xml_escaped(file, out);
		buf_puts(out, "\"");
	}
	if (!*failure && !*output) {
		buf_puts(out, "/>\n");
		return;
	}
	buf_puts(out, ">\n");
	if (*failure) {
		buf_printf(out, "      <failure type=\"%s\" message=\"", type);
		xml_escaped(summary, out);
		buf_puts(out, "\">");
		xml_escaped(failure, out);
		buf_puts(out, "</failure>\n");
	}
	if (*output) {
		buf_puts(out, "      <system-out>");
		xml_escaped(output, out);
		buf_puts(out, "</system-out>\n");
	}
	buf_puts(out, "    </testcase>\n");
}

/* The input files, then any other file a diagnostic names, in order,
 * each with its diagnostics. */
static struct file_case *file_cases(struct arena *a,
				    const struct check_report *r, size_t *n)
{
	const struct model *m = r->model;
	size_t cap = m->ninputs + r->diags->count;
	struct file_case *cases = arena_alloc(a, (cap ? cap : 1) * sizeof(*cases));
	struct strmap by_name = STRMAP_INIT;

	*n = 0;
	for (size_t i = 0; i < m->ninputs + r->diags->count; i++) {
		const struct diag *d = i < m->ninputs ? NULL :
				       &r->diags->items[i - m->ninputs];
		const char *name = d ? d->file : named(a, r, m->inputs[i]);
		struct file_case *c = strmap_get(&by_name, name);

		if (!c) {
			c = &cases[(*n)++];
			*c = (struct file_case){ name, !d || diag_names_file(d),
						 BUF_INIT, BUF_INIT, 0 };
			strmap_put(&by_name, name, c);
		}
		if (!d)
			continue;
		diag_format(d, false, d->severity == DIAG_ERROR ? &c->errors
							       : &c->warnings);
		c->nerrors += d->severity == DIAG_ERROR;
	}
	strmap_free(&by_name);
	return cases;
}

static void input_suite(struct file_case *cases, size_t n, size_t failed,
			struct buf *out)
{
	char summary[64];

	suite_open(out, "input files", n, failed);
	for (size_t i = 0; i < n; i++) {
		struct file_case *c = &cases[i];

		snprintf(summary, sizeof(summary), "%zu error%s", c->nerrors,
			 c->nerrors == 1 ? "" : "s");
		test_case(out, "folio.inputs", c->name,
			  c->is_file ? c->name : NULL,
			  "error", summary, buf_cstr(&c->errors),
			  buf_cstr(&c->warnings));
		buf_free(&c->errors);
		buf_free(&c->warnings);
	}
	buf_puts(out, "  </testsuite>\n");
}

static void portfolio_suite(const struct check_report *r, struct buf *out)
{
	const struct xref *x = r->xref;
	struct buf name = BUF_INIT, classname = BUF_INIT, summary = BUF_INIT;
	struct buf failure = BUF_INIT;

	suite_open(out, "portfolios", x->nportfolios, r->tally->with_gaps);
	for (size_t i = 0; i < x->nportfolios; i++) {
		const struct portfolio *p = &x->portfolios[i];

		buf_truncate(&name, 0);
		buf_truncate(&classname, 0);
		buf_truncate(&summary, 0);
		buf_truncate(&failure, 0);
		buf_printf(&classname, "folio.portfolios.%s", p->learner->id);
		buf_printf(&name, "%s %s", p->learner->id, p->unit->id);
		check_report_gap_codes(p, &summary);
		for (size_t j = 0; j < p->ngaps; j++) {
			const struct xref_gap *g = &p->gaps[j];

			buf_printf(&failure, "%s%s%s: %s\n",
				   xref_gap_name(g->code), g->target ? " " : "",
				   g->target ? g->target : "", g->message);
		}
		test_case(out, buf_cstr(&classname), buf_cstr(&name), NULL,
			  "gaps", buf_cstr(&summary), buf_cstr(&failure), "");
	}
	buf_puts(out, "  </testsuite>\n");
	buf_free(&name);
	buf_free(&classname);
	buf_free(&summary);
	buf_free(&failure);
}

void check_report_junit(const struct check_report *r, struct buf *out)
{
	struct arena a = ARENA_INIT;
	size_t files, failed = 0;
	struct file_case *cases = file_cases(&a, r, &files);

	for (size_t i = 0; i < files; i++)
		failed += cases[i].nerrors > 0;
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_printf(out, "<testsuites name=\"folio check\" tests=\"%zu\" "
		   "failures=\"%zu\" errors=\"0\">\n",
		   files + r->xref->nportfolios, failed + r->tally->with_gaps);
	input_suite(cases, files, failed, out);
	portfolio_suite(r, out);
	buf_puts(out, "</testsuites>\n");
	arena_free(&a);
}
