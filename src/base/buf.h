/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * Every piece of text folio builds (rendered pages, diagnostics, JSON)
 * is appended to a buf: amortised O(1) appends and one allocation to hand
 * the result over with buf_detach().  A zeroed struct buf is an empty
 * buffer, so `struct buf b = BUF_INIT;` needs no call.
 */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *data;   /* NUL-terminated once anything was appended */
	size_t len;   /* bytes in use, not counting the NUL */
	size_t cap;   /* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_put_slow(struct buf *b, const char *data, size_t len);

/* Inline, because most puts fit: a render or an export makes millions,
 * and the call that only found there was room was most of a short put. */
static inline void buf_put(struct buf *b, const char *data, size_t len)
{
	if (!b->data || b->cap - b->len <= len) {
		buf_put_slow(b, data, len);
		return;
	}
	if (len)   /* data may be NULL then */
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

static inline void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
const char *buf_cstr(struct buf *b);   /* "" for an empty buffer */

/* s as one CSV field (RFC 4180): quoted when it holds a comma, quote or
 * line break; nothing for NULL.  A field a spreadsheet would take for a
 * formula (starting with =, +, -, @, a tab or a carriage return) is
 * quoted after an apostrophe, so that opening the file runs nothing. */
void buf_put_csv_field(struct buf *b, const char *s);
char *buf_detach(struct buf *b);       /* caller frees; b is left empty */
void buf_free(struct buf *b);

#endif
