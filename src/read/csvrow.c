/*
 * csvrow.c - typed fields from CSV records (see csvrow.h).
 */
#include "read/csvrow.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/hours.h"
#include "base/mem.h"
#include "base/utf8.h"

#include <nettle/base64.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The most of a wrong value a message quotes, in bytes. */
#define QUOTE_BYTES 24

bool csvrow_map(const struct csvfile *f, const struct csvrow_column *columns,
		size_t n, int *index, struct diag_list *diags)
{
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		if (columns[i].required) {
			index[i] = csvfile_require(f, columns[i].name, diags);
			ok &= index[i] >= 0;
		} else {
			index[i] = csvfile_column(f, columns[i].name);
		}
	}
	return ok;
}

static bool known_column(const int *index, size_t n, size_t column)
{
	for (size_t i = 0; i < n; i++)
		if (index[i] == (int)column)
			return true;
	return false;
}

struct extra_field *csvrow_extras(struct arena *arena, const struct csvfile *f,
				  const struct csvfile_record *r,
				  const int *index, size_t n, size_t *count)
{
	struct extra_field *extra = NULL;
	size_t cap = 0;

	*count = 0;
	for (size_t c = 0; c < f->ncolumns; c++) {
		if (known_column(index, n, c))
			continue;
		extra = arena_grow(arena, extra, &cap, *count + 1, sizeof(*extra));
		extra[*count].name = f->header[c];
		extra[*count].value = *r->fields[c] ? r->fields[c] : NULL;
		(*count)++;
	}
	return extra;
}

const char *csvrow_field(const struct csvfile_record *r, int index)
{
	if (index < 0 || !*r->fields[index])
		return NULL;
	return r->fields[index];
}

bool csvrow_date(const struct csvfile *f, const struct csvfile_record *r,
		 int index, const char *column, int32_t *day, bool *bad,
		 struct diag_list *diags)
{
	const char *text = csvrow_field(r, index);
	struct buf why = BUF_INIT;

	if (!text)
		return false;
	if (date_parse(text, day) == 0)
		return true;
	buf_printf(&why, "`%s`: ", column);
	date_explain(text, &why);
	diag_add(diags, DIAG_ERROR, f->path, r->line, 0, "not a date",
		 buf_cstr(&why));
	buf_free(&why);
	*bad = true;
	return false;
}

bool csvrow_hours(const struct csvfile *f, const struct csvfile_record *r,
		  int index, const char *column, long *centi, bool *bad,
		  struct diag_list *diags)
{
	const char *text = csvrow_field(r, index);

	if (!text)
		return false;
	if (hours_parse(text, centi) == 0)
		return true;
	diag_error(diags, f->path, r->line, 0, "`%s` must be a number of hours "
		   "such as 7.5 (at most two decimals), not `%s`", column, text);
	*bad = true;
	return false;
}

bool csvrow_base64(const struct csvfile *f, const struct csvfile_record *r,
		   int index, const char *column, uint8_t *out, size_t size,
		   bool *bad, struct diag_list *diags)
{
	const char *text = csvrow_field(r, index);
	size_t len = text ? strlen(text) : 0, chars = (size + 2) / 3 * 4, n = 0;
	struct base64_decode_ctx ctx;
	uint8_t *bytes;
	bool ok;

	if (!text)
		return false;
	/* Exactly chars characters, padded: the decoder would also take
	 * white space and a missing padding, which a copied key has not. */
	bytes = mem_calloc(BASE64_DECODE_LENGTH(len) + 1, 1);
	base64_decode_init(&ctx);
	ok = len == chars && !strpbrk(text, " \t") &&
	     base64_decode_update(&ctx, &n, bytes, len, text) &&
	     base64_decode_final(&ctx) && n == size;
	if (ok) {
		memcpy(out, bytes, size);
	} else {
		struct utf8_quote q = utf8_quote(text, QUOTE_BYTES);

		diag_error(diags, f->path, r->line, 0,
			   "`%s` must be %zu bytes in base64 (%zu characters, as "
			   "`base64 -w0` writes them), not `%.*s%s`", column,
			   size, chars, q.len, text, q.more);
	}
	free(bytes);
	*bad |= !ok;
	return ok;
}

bool csvrow_yes_no(const struct csvfile *f, const struct csvfile_record *r,
		   int index, const char *column, bool *value,
		   struct diag_list *diags)
{
	static const char *const yes[] = { "yes", "y", "true", "1", NULL };
	static const char *const no[] = { "no", "n", "false", "0", NULL };
	const char *text = csvrow_field(r, index);

	*value = false;
	if (!text)
		return true;
	for (size_t i = 0; yes[i]; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			*value = true;
			return true;
		}
		if (strcasecmp(text, no[i]) == 0)
			return true;
	}
	diag_error(diags, f->path, r->line, 0,
		   "`%s` must be yes or no, not `%s`", column, text);
	return false;
}

static bool separator(char c)
{
	return c == ';' || c == ',' || isspace((unsigned char)c);
}

const char *csvrow_next_id(const char **s, size_t *len)
{
	const char *start;

	while (**s && separator(**s))
		(*s)++;
	start = *s;
	while (**s && !separator(**s))
		(*s)++;
	*len = (size_t)(*s - start);
	return *len ? start : NULL;
}

const char **csvrow_split(struct arena *arena, const char *text, size_t *count)
{
	const char **items = NULL, *id;
	size_t cap = 0, len;

	*count = 0;
	while (text && (id = csvrow_next_id(&text, &len))) {
		items = arena_grow(arena, items, &cap, *count + 1, sizeof(*items));
		items[(*count)++] = arena_strndup(arena, id, len);
	}
	return items;
}
