/*
 * diag.c - collecting, ordering and formatting diagnostics (see diag.h).
 */
#include "base/diag.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "base/utf8.h"

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
	      const char *file, int line, int column, const char *message)
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
	diag_add(list, d->severity, d->file, d->line, d->column, d->message);
	list->items[list->count - 1].outside = d->outside;
	diag_list_about(list, learner, unit);
}

void diag_list_append(struct diag_list *list, const struct diag_list *from)
{
	for (size_t i = 0; i < from->count; i++)
		diag_list_add_copy(list, &from->items[i]);
}

static void diag_vadd(struct diag_list *list, enum diag_severity severity,
		      const char *file, int line, int column,
		      const char *fmt, va_list ap)
{
	struct buf message = BUF_INIT;

	buf_vprintf(&message, fmt, ap);
	diag_add(list, severity, file, line, column, buf_cstr(&message));
	buf_free(&message);
}

void diag_error(struct diag_list *list, const char *file, int line,
		int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(list, DIAG_ERROR, file, line, column, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag_list *list, const char *file, int line,
		  int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(list, DIAG_WARNING, file, line, column, fmt, ap);
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
