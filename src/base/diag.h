/*
 * diag.h - diagnostics: every problem folio finds in its inputs.
 *
 * The one module that owns them.  Loaders never stop at the first
 * problem: they add a diagnostic here and carry on, so that one run
 * reports everything.  A diagnostic is located as compilers locate theirs
 * (FILE:LINE:COL, 1-based, column in bytes; 0 means unknown), which lets
 * editors and CI annotations jump to it.  Each knows its kind (the
 * template its message was made from), which SARIF names as a rule.  This
 * module formats, and reads a named file again only to count a column in
 * characters for a format that asks so; the command line decides where
 * the text goes.
 */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>


#include "base/buf.h"

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
};

/*
 * file and message are one line of UTF-8 whatever they were given: diag_add
 * writes control characters and bytes that are not UTF-8 out as \n, \r,
 * \t or \xHH.
 */
struct diag {
	char *file;      /* as the user named it; never NULL */
	int line;        /* 0: the file as a whole */
	int column;      /* 0: unknown */
	enum diag_severity severity;
	char *message;   /* one line, no trailing period needed */
	/*
	 * The kind of problem: the message's printf template as the code
	 * wrote it ("unknown learner `%s`"), a string literal shared by every
	 * diagnostic of the kind and never freed; NULL for one made from no
	 * template, whose message stands for its kind.  SARIF's rule ids
	 * come from it (diag_rule_id).
	 */
	const char *kind;
	/*
	 * Whom and what it is about, when it is about one learner's row or
	 * one unit: the ids as written (NULL: not about one).  A pack shows
	 * only the diagnostics of its scope (scope_diagnostics).
	 */
	char *learner;
	char *unit;
	/* In a file outside the centre folder (model_load marks it): its
	 * text stays on the terminal, never in a published page. */
	bool outside;
};

struct diag_list {
	struct diag *items;
	size_t count;
	size_t cap;
	size_t errors;
	size_t warnings;
	/* The subject of the diagnostics added from now on (diag_list_about). */
	const char *learner;
	const char *unit;
};

#define DIAG_LIST_INIT { NULL, 0, 0, 0, 0, NULL, NULL }

/*
 * Says that the diagnostics added next are about this learner's row, or
 * this unit (the ids as written; copied into each diagnostic), until the
 * next call; NULL, NULL: about no one in particular.  A loader calls it
 * before reading each row, so that every problem found in the row, an
 * error that leaves it out included, knows whose it is.
 */
void diag_list_about(struct diag_list *list, const char *learner,
		     const char *unit);

void diag_error(struct diag_list *list, const char *file, int line,
		int column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void diag_warning(struct diag_list *list, const char *file, int line,
		  int column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* kind: the template message was made from (a string literal, see
 * struct diag), or NULL when it was made from none. */
void diag_add(struct diag_list *list, enum diag_severity severity,
	      const char *file, int line, int column, const char *kind,
	      const char *message);
/* diag_error and diag_warning for wrappers that take a template of their
 * own: fmt is the diagnostic's kind. */
void diag_vreport(struct diag_list *list, enum diag_severity severity,
		  const char *file, int line, int column, const char *fmt,
		  va_list ap);

/* Appends a copy of d, its subject too, to list. */
void diag_list_add_copy(struct diag_list *list, const struct diag *d);

/* Appends a copy of every diagnostic of from (a worker's own list) to list. */
void diag_list_append(struct diag_list *list, const struct diag_list *from);

/*
 * Stable sort by file (in the order files were first reported, which is
 * the load order), then line, then column.
 */
void diag_list_sort(struct diag_list *list);

/* "FILE:LINE:COL: error: message\n", with ANSI colour when asked. */
void diag_format(const struct diag *d, bool color, struct buf *out);
/* The same as a GitHub Actions workflow command, which the run's page
 * shows at the file and line: "::error file=F,line=N,col=C,title=folio::
 * message\n", escaped as the commands require. */
void diag_format_github(const struct diag *d, struct buf *out);

void diag_list_format(const struct diag_list *list, bool color,
		      struct buf *out);

/*
 * The kind's id, for SARIF's rules: its template's first words, with the
 * conversions left out, in lower case joined by '-' ("unknown learner
 * `%s`" is "unknown-learner"), written to out.  Stable while the wording
 * is; two templates that begin alike are one kind.
 */
void diag_rule_id(const struct diag *d, struct buf *out);

/* The kind as words for a reader: its template with each conversion
 * shown as "..." ("unknown learner `...`"), appended to out. */
void diag_kind_text(const struct diag *d, struct buf *out);

/*
 * Whether the diagnostic's "file" is one: not a setting standing in for
 * one (an option such as "--today", "--units", or the SOURCE_DATE_EPOCH
 * variable), which has no text to point into.
 */
bool diag_names_file(const struct diag *d);

/*
 * For formats that count a column in characters (SARIF), where folio
 * counts bytes, as compilers do: each column becomes the number of Unicode
 * code points before it on its line, plus one, reading each named file
 * again (regular files only, from the working folder).  A column that
 * cannot be told so (the file unreadable now, the line shorter, its text
 * before the column not UTF-8) is dropped rather than left wrong: the
 * line still places it.  A byte-order mark at the start is not counted.
 */
void diag_list_columns_as_characters(struct diag_list *list);

/* "error", "warning". */
const char *diag_severity_name(enum diag_severity severity);

/* Leaves the errors alone in the list (`check --quiet`); the counts
 * still say how many warnings were found. */
void diag_list_drop_warnings(struct diag_list *list);

void diag_list_free(struct diag_list *list);

#endif
