/*
 * test_diag.c - diagnostics as text and as GitHub Actions workflow
 * commands (src/base/diag.h): the commands' escapes, which GitHub
 * undoes, so that a file named "log, 50%: spring.csv" and a message
 * with a line break arrive whole.
 */
#include "check.h"
#include "base/buf.h"
#include "base/diag.h"

#include <string.h>

static const char *github(const char *file, int line, int column,
			  enum diag_severity severity, const char *message)
{
	static struct buf out = BUF_INIT;
	struct diag_list list = DIAG_LIST_INIT;

	buf_truncate(&out, 0);
	diag_add(&list, severity, file, line, column, message);
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

int main(void)
{
	RUN(test_github_commands);
	return check_summary();
}
