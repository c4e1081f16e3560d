/*
 * diag.c - collecting, ordering and formatting diagnostics (see diag.h).
 */
#include "base/diag.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "base/utf8.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *diag_severity_name(enum diag_severity severity)
{
	return severity == DIAG_ERROR ? "error" : "warning";
}

/*
 * A copy of s that is one line of UTF-8: control characters are written
 * out (\n, \r, \t, \xHH, and \u0080 to \u009f for the C1 controls) and
 * so is each byte that is not UTF-8 (\xHH).
 * Text from an input (a CSV field, a template, a file name) can then never
 * break a diagnostic's line, forge another, reach a terminal as an escape
 * sequence, or make diag_json_list() drop the diagnostic (JSON strings
 * must be UTF-8).
 */
static char *one_line(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s);

	while (len > 0) {
		size_t ok = utf8_check(s, len);

		for (size_t i = 0; i < ok; i++) {
			unsigned char c = (unsigned char)s[i];
			size_t control = utf8_control_length(s + i, ok - i);

			if (c == '\n')
				buf_puts(&b, "\\n");
			else if (c == '\r')
				buf_puts(&b, "\\r");
			else if (c == '\t')
				buf_puts(&b, "\\t");
			else if (control == 1)
				buf_printf(&b, "\\x%02x", c);
			else if (control == 2)
				buf_printf(&b, "\\u%04x", (unsigned char)s[++i]);
			else
				buf_putc(&b, (char)c);
		}
		if (ok == len)
			break;
		buf_printf(&b, "\\x%02x", (unsigned char)s[ok]);
		s += ok + 1;
		len -= ok + 1;
	}
	return buf_detach(&b);
}

void diag_add(struct diag_list *list, enum diag_severity severity,
	      const char *file, int line, int column, const char *kind,
	      const char *message)
{
	struct diag *d;

	list->items = mem_array_grow(list->items, &list->cap, list->count + 1,
				     sizeof(*list->items));
	d = &list->items[list->count++];
	d->file = one_line(file ? file : "folio");
	d->line = line > 0 ? line : 0;
	d->column = line > 0 && column > 0 ? column : 0;
	d->severity = severity;
	d->message = one_line(message);
	d->kind = kind;
	d->learner = list->learner ? mem_strdup(list->learner) : NULL;
	d->unit = list->unit ? mem_strdup(list->unit) : NULL;
	d->outside = false;
	if (severity == DIAG_ERROR)
		list->errors++;
	else
		list->warnings++;
}

void diag_list_about(struct diag_list *list, const char *learner,
		     const char *unit)
{
	list->learner = learner;
	list->unit = unit;
}

void diag_list_add_copy(struct diag_list *list, const struct diag *d)
{
	const char *learner = list->learner, *unit = list->unit;

	diag_list_about(list, d->learner, d->unit);
	diag_add(list, d->severity, d->file, d->line, d->column, d->kind,
		 d->message);
	list->items[list->count - 1].outside = d->outside;
	diag_list_about(list, learner, unit);
}

void diag_list_append(struct diag_list *list, const struct diag_list *from)
{
	for (size_t i = 0; i < from->count; i++)
		diag_list_add_copy(list, &from->items[i]);
}

void diag_vreport(struct diag_list *list, enum diag_severity severity,
		  const char *file, int line, int column, const char *fmt,
		  va_list ap)
{
	struct buf message = BUF_INIT;

	buf_vprintf(&message, fmt, ap);
	diag_add(list, severity, file, line, column, fmt, buf_cstr(&message));
	buf_free(&message);
}

void diag_error(struct diag_list *list, const char *file, int line,
		int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(list, DIAG_ERROR, file, line, column, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag_list *list, const char *file, int line,
		  int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(list, DIAG_WARNING, file, line, column, fmt, ap);
	va_end(ap);
}

struct ranked {
	size_t rank;
	struct diag d;
};

static int compare_place(const struct ranked *a, const struct ranked *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	if (a->d.column != b->d.column)
		return a->d.column < b->d.column ? -1 : 1;
	return 0;
}

/*
 * Stable merge sort by file (in the order files were first reported), line
 * and column: loaders report a file's structural problems before its rows'.
 */
static void merge_sort(struct ranked *items, struct ranked *scratch, size_t n)
{
	size_t half = n / 2, i = 0, j = half, k = 0;

	if (n < 2)
		return;
	merge_sort(items, scratch, half);
	merge_sort(items + half, scratch, n - half);
	while (i < half && j < n)
		scratch[k++] = compare_place(&items[j], &items[i]) < 0 ?
			       items[j++] : items[i++];
	while (i < half)
		scratch[k++] = items[i++];
	while (j < n)
		scratch[k++] = items[j++];
	memcpy(items, scratch, n * sizeof(*items));
}

void diag_list_sort(struct diag_list *list)
{
	struct strmap first_seen = STRMAP_INIT;
	struct ranked *items = mem_calloc(list->count, sizeof(*items));
	struct ranked *scratch = mem_calloc(list->count, sizeof(*scratch));
	size_t files = 0;

	for (size_t i = 0; i < list->count; i++) {
		const struct ranked *first;

		items[i].d = list->items[i];
		first = strmap_put(&first_seen, items[i].d.file, &items[i]);
		items[i].rank = first == &items[i] ? files++ : first->rank;
	}
	merge_sort(items, scratch, list->count);
	for (size_t i = 0; i < list->count; i++)
		list->items[i] = items[i].d;
	free(items);
	free(scratch);
	strmap_free(&first_seen);
}

void diag_format(const struct diag *d, bool color, struct buf *out)
{
	const char *tint = d->severity == DIAG_ERROR ? "\033[1;31m" : "\033[1;35m";

	if (color)
		buf_puts(out, "\033[1m");
	buf_puts(out, d->file);
	if (d->line)
		buf_printf(out, ":%d", d->line);
	if (d->column)
		buf_printf(out, ":%d", d->column);
	buf_puts(out, ":");
	if (color)
		buf_printf(out, "\033[0m %s%s:\033[0m %s\n", tint,
			   diag_severity_name(d->severity), d->message);
	else
		buf_printf(out, " %s: %s\n", diag_severity_name(d->severity),
			   d->message);
}

void diag_list_format(const struct diag_list *list, bool color,
		      struct buf *out)
{
	for (size_t i = 0; i < list->count; i++)
		diag_format(&list->items[i], color, out);
}

/* s with GitHub's workflow-command escapes: % and line ends always, and
 * in a property's value also ':' and ','. */
static void github_escaped(const char *s, bool property, struct buf *out)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			buf_puts(out, "%25");
			break;
		case '\r':
			buf_puts(out, "%0D");
			break;
		case '\n':
			buf_puts(out, "%0A");
			break;
		case ':':
			buf_puts(out, property ? "%3A" : ":");
			break;
		case ',':
			buf_puts(out, property ? "%2C" : ",");
			break;
		default:
			buf_putc(out, *s);
			break;
		}
	}
}

void diag_format_github(const struct diag *d, struct buf *out)
{
	buf_puts(out, d->severity == DIAG_ERROR ? "::error file=" : "::warning file=");
	github_escaped(d->file, true, out);
	if (d->line > 0)
		buf_printf(out, ",line=%d", d->line);
	if (d->line > 0 && d->column > 0)
		buf_printf(out, ",col=%d", d->column);
	buf_puts(out, ",title=folio::");
	github_escaped(d->message, false, out);
	buf_putc(out, '\n');
}

/* The end of a template's first clause: ", ", "; ", "(", ". ". */
static bool clause_ends(const char *s)
{
	return *s == '(' || ((*s == ',' || *s == ';' || *s == '.') &&
			     (s[1] == ' ' || s[1] == '\0'));
}

/* The length of the printf conversion at s ("%s", "%zu", "%.*s"). */
static size_t conversion_length(const char *s)
{
	size_t n = 1;

	while (s[n] && strchr("-+ #0123456789.*hljztL", s[n]))
		n++;
	return s[n] ? n + 1 : n;
}

void diag_rule_id(const struct diag *d, struct buf *out)
{
	const char *s = d->kind ? d->kind : d->message;
	size_t start = out->len;
	int words = 0;
	bool in_word = false;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '%') {
			s += conversion_length(s) - 1;
			in_word = false;
		} else if (isalnum(c) && c < 0x80) {
			if (!in_word && words == 6)
				break;
			if (!in_word && out->len > start)
				buf_putc(out, '-');
			words += !in_word;
			in_word = true;
			buf_putc(out, (char)tolower(c));
		} else if (out->len > start && clause_ends(s)) {
			break;
		} else {
			in_word = false;
		}
	}
	if (out->len == start)
		buf_puts(out, "other");
}

void diag_kind_text(const struct diag *d, struct buf *out)
{
	const char *s = d->kind ? d->kind : d->message;

	for (; *s; s++) {
		if (*s == '%' && s[1] == '%') {
			buf_putc(out, '%');
			s++;
		} else if (*s == '%') {
			buf_puts(out, "...");
			s += conversion_length(s) - 1;
		} else {
			buf_putc(out, *s);
		}
	}
}

bool diag_names_file(const struct diag *d)
{
	return d->file[0] != '-' && strcmp(d->file, "SOURCE_DATE_EPOCH") != 0;
}

/* Code points in s[0 .. bytes), plus one; 0 when they are not all there
 * as UTF-8 on one line. */
static int column_in_characters(const char *s, size_t len, size_t bytes)
{
	size_t chars = 0;

	if (bytes > len || utf8_check(s, bytes) != bytes ||
	    memchr(s, '\n', bytes) || bytes >= INT_MAX)
		return 0;
	for (size_t i = 0; i < bytes; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	return (int)chars + 1;
}

/* The column of d in characters, given its file's text. */
static int characters_at(const struct diag *d, const char *text, size_t len)
{
	size_t bom = utf8_bom_length(text, len), at = bom;

	for (int line = 1; line < d->line; line++) {
		const char *nl = memchr(text + at, '\n', len - at);

		if (!nl)
			return 0;
		at = (size_t)(nl - text) + 1;
	}
	return column_in_characters(text + at, len - at,
				    (size_t)d->column - 1);
}

void diag_list_columns_as_characters(struct diag_list *list)
{
	const char *read = NULL;   /* the file in text, if any */
	char *text = NULL;
	size_t len = 0;

	for (size_t i = 0; i < list->count; i++) {
		struct diag *d = &list->items[i];

		if (!d->column)
			continue;
		if (!read || strcmp(read, d->file) != 0) {
			free(text);
			text = NULL;
			read = d->file;
			if (!diag_names_file(d) ||
			    fs_read_file(d->file, &text, &len) != 0)
				text = NULL;
		}
		d->column = text ? characters_at(d, text, len) : 0;
	}
	free(text);
}

void diag_list_drop_warnings(struct diag_list *list)
{
	size_t kept = 0;

	for (size_t i = 0; i < list->count; i++) {
		struct diag *d = &list->items[i];

		if (d->severity == DIAG_ERROR) {
			list->items[kept++] = *d;
			continue;
		}
		free(d->file);
		free(d->message);
		free(d->learner);
		free(d->unit);
	}
	list->count = kept;
}

void diag_list_free(struct diag_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].file);
		free(list->items[i].message);
		free(list->items[i].learner);
		free(list->items[i].unit);
	}
	free(list->items);
	*list = (struct diag_list)DIAG_LIST_INIT;
}
