/*
 * test_diag.c - diagnostics as text and as GitHub Actions workflow
 * commands (src/base/diag.h): the commands' escapes, which GitHub
 * undoes, so that a file named "log, 50%: spring.csv" and a message
 * with a line break arrive whole.
 */
#include "check.h"
#include "base/buf.h"
#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *github(const char *file, int line, int column,
			  enum diag_severity severity, const char *message)
{
	static struct buf out = BUF_INIT;
	struct diag_list list = DIAG_LIST_INIT;

	buf_truncate(&out, 0);
	diag_add(&list, severity, file, line, column, NULL, message);
	diag_format_github(&list.items[0], &out);
	diag_list_free(&list);
	return buf_cstr(&out);
}

static void test_github_commands(void)
{
	CHECK_STR(github("units/c.md", 7, 3, DIAG_ERROR, "criterion 2.4 is under outcome 1"),
		  "::error file=units/c.md,line=7,col=3,title=folio::"
		  "criterion 2.4 is under outcome 1\n");
	/* No line: the file as a whole; no column: none given. */
	CHECK_STR(github("units", 0, 0, DIAG_WARNING, "empty"),
		  "::warning file=units,title=folio::empty\n");
	CHECK_STR(github("a.csv", 2, 0, DIAG_WARNING, "x"),
		  "::warning file=a.csv,line=2,title=folio::x\n");
	/* Properties escape % : and , (and line ends); the message %,
	 * keeping its : and , as written.  A message is one line already
	 * (diag_add shows a control character as \n, \r), so that a
	 * command is one line whatever the input held. */
	CHECK_STR(github("log, 50%: spring.csv", 2, 0, DIAG_ERROR,
			 "100% sure: a, b\nand\rmore"),
		  "::error file=log%2C 50%25%3A spring.csv,line=2,title=folio::"
		  "100%25 sure: a, b\\nand\\rmore\n");
	CHECK(strchr(github("a\nb.csv", 1, 0, DIAG_ERROR, "m"), '\n') ==
	      strrchr(github("a\nb.csv", 1, 0, DIAG_ERROR, "m"), '\n'));
}

static const char *rule(const char *kind, const char *message)
{
	static struct buf out = BUF_INIT;
	struct diag_list list = DIAG_LIST_INIT;

	buf_truncate(&out, 0);
	diag_add(&list, DIAG_ERROR, "a.csv", 1, 0, kind, message);
	diag_rule_id(&list.items[0], &out);
	diag_list_free(&list);
	return buf_cstr(&out);
}

static void report(struct diag_list *list, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void report(struct diag_list *list, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(list, DIAG_WARNING, "b.csv", 2, 3, fmt, ap);
	va_end(ap);
}

/*
 * A diagnostic's kind is its template, whatever it was filled with;
 * its rule id the template's first clause, at most six words.
 */
static void test_rule_ids(void)
{
	struct diag_list list = DIAG_LIST_INIT;
	struct buf id = BUF_INIT;

	diag_error(&list, "a.csv", 1, 0, "unknown learner `%s`", "khan-a");
	diag_warning(&list, "a.csv", 2, 0, "unknown learner `%s`", "lee-b");
	report(&list, "%s: date %s is after today, so it does not count",
	       "e1", "2026-12-09");
	CHECK(list.items[0].kind == list.items[1].kind);
	CHECK_STR(list.items[2].message,
		  "e1: date 2026-12-09 is after today, so it does not count");
	CHECK_STR(list.items[2].kind,
		  "%s: date %s is after today, so it does not count");
	diag_rule_id(&list.items[0], &id);
	CHECK_STR(buf_cstr(&id), "unknown-learner");
	buf_truncate(&id, 0);
	diag_rule_id(&list.items[2], &id);
	CHECK_STR(buf_cstr(&id), "date-is-after-today");
	/* A copy keeps it. */
	diag_list_add_copy(&list, &list.items[2]);
	CHECK(list.items[3].kind == list.items[2].kind);
	diag_list_free(&list);
	buf_free(&id);

	CHECK_STR(rule("learner %s: `end` %.*s is before `start` %zu%%", "m"),
		  "learner-end-is-before-start");
	CHECK_STR(rule("a barred set needs two units or more; and more",
		       "m"), "a-barred-set-needs-two-units");
	CHECK_STR(rule("`breaks`: %s", "m"), "breaks");
	CHECK_STR(rule("folio.yml is 1.2 (not 1.3)", "m"), "folio-yml-is-1-2");
	/* No template: the message's own words; none at all: "other". */
	CHECK_STR(rule(NULL, "Cannot read. Really"), "cannot-read");
	CHECK_STR(rule("%s", "m"), "other");
	CHECK_STR(rule("%s: %s", "m"), "other");
}

/* Byte columns become characters, from the file as it is now; a column
 * that cannot be told so is dropped, never left wrong. */
static void test_columns_as_characters(void)
{
	char path[] = "/tmp/folio-test-diag-XXXXXX";
	int fd = mkstemp(path);
	/* A BOM, then "Zoë" (ë two bytes) on line 1; "\xff" not UTF-8 on
	 * line 2; "abc" on line 3. */
	static const char text[] = "\xEF\xBB\xBFZo\xC3\xAB: x\n\xff: y\nabc\n";
	struct diag_list list = DIAG_LIST_INIT;

	CHECK(fd >= 0 && write(fd, text, sizeof(text) - 1) ==
	      (ssize_t)(sizeof(text) - 1));
	close(fd);
	diag_error(&list, path, 1, 7, "x");     /* 'x': byte 7, character 6 */
	diag_error(&list, path, 2, 4, "y");     /* after a byte not UTF-8 */
	diag_error(&list, path, 3, 2, "b");
	diag_error(&list, path, 3, 9, "past");  /* the line is shorter */
	diag_error(&list, path, 9, 1, "gone");  /* no such line */
	diag_error(&list, "--today", 0, 0, "setting");
	diag_error(&list, "/nonexistent/x.csv", 1, 3, "unreadable");
	diag_list_columns_as_characters(&list);
	CHECK_INT(list.items[0].column, 6);
	CHECK_INT(list.items[1].column, 0);
	CHECK_INT(list.items[2].column, 2);
	CHECK_INT(list.items[3].column, 0);
	CHECK_INT(list.items[4].column, 0);
	CHECK_INT(list.items[6].column, 0);
	CHECK_INT(list.items[2].line, 3);
	CHECK(!diag_names_file(&list.items[5]));
	CHECK(diag_names_file(&list.items[0]));
	unlink(path);
	diag_list_free(&list);
}

int main(void)
{
	RUN(test_columns_as_characters);
	RUN(test_github_commands);
	RUN(test_rule_ids);
	return check_summary();
}
