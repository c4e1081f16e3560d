/*
 * value.c - values: building, lookups, truth, JSON text, and values made
 * from jansson's (see value.h).
 *
 * Both walks over a tree (value_dump, value_from_json) keep their own
 * stack on the heap, so a deeply nested document costs memory, never C
 * stack.
 */
#include "base/value.h"
#include "base/date.h"
#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Objects with more members than this carry an index sorted by key. */
#define VALUE_SCAN_MAX 16

const struct value value_null_value = { .kind = VALUE_NULL };

struct value *value_items(struct arena *a, size_t n)
{
	return arena_alloc_raw(a, (n ? n : 1) * sizeof(struct value));
}

struct value_member *value_members(struct arena *a, size_t n)
{
	return arena_alloc_raw(a, (n ? n : 1) * sizeof(struct value_member));
}

struct value_obj value_obj_new(struct arena *a, size_t cap)
{
	cap = cap ? cap : 1;
	return (struct value_obj){ a, value_members(a, cap), 0, cap };
}

struct value_arr value_arr_new(struct arena *a, size_t cap)
{
	cap = cap ? cap : 1;
	return (struct value_arr){ a, value_items(a, cap), 0, cap };
}

struct value_obj value_obj_with(struct arena *a, const struct value *object,
				size_t more)
{
	size_t n = object->kind == VALUE_OBJECT ? object->len : 0;
	struct value_obj o = value_obj_new(a, n + more);

	if (n)
		memcpy(o.m, object->u.members, n * sizeof(*o.m));
	o.n = n;
	return o;
}

void value_obj_grow(struct value_obj *o)
{
	o->m = arena_grow(o->a, o->m, &o->cap, o->n + 1, sizeof(*o->m));
}

void value_arr_grow(struct value_arr *l)
{
	l->v = arena_grow(l->a, l->v, &l->cap, l->n + 1, sizeof(*l->v));
}

struct value value_copy(struct arena *a, const char *s, size_t len)
{
	return value_textn(arena_strndup(a, s, len), len);
}

static int key_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c ? c : (alen > blen) - (alen < blen);
}

static bool same_key(const char *a, const char *b, size_t len)
{
	size_t i = 0;

	while (i < len && a[i] == b[i])
		i++;
	return i == len;
}

static bool has_key(const struct value_member *m, const char *key, size_t len)
{
	return m->key_len == len && same_key(m->key, key, len);
}

/*
 * Where key is among a small object's members (object->len when it is
 * not): keys are short, so they are compared here, not by memcmp.
 */
static size_t scan(const struct value *object, const char *key, size_t len)
{
	size_t i = 0;

	while (i < object->len && !has_key(&object->u.members[i], key, len))
		i++;
	return i;
}

/* A large object's member named key, found in its sorted index. */
static const struct value *search(const struct value *object, const char *key,
				  size_t len)
{
	size_t lo = 0, hi = object->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct value_member *at = &object->u.members[object->order[mid]];
		int c = key_compare(key, len, at->key, at->key_len);

		if (c == 0)
			return &at->value;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct value *value_get(const struct value *object, const char *key,
			      size_t len)
{
	size_t i;

	if (object->kind != VALUE_OBJECT)
		return NULL;
	if (object->order)
		return search(object, key, len);
	i = scan(object, key, len);
	return i < object->len ? &object->u.members[i].value : NULL;
}

const struct value *value_get_hinted(const struct value *object,
				     const char *key, size_t len,
				     size_t *hint)
{
	size_t i = *hint;

	if (object->kind != VALUE_OBJECT || object->order)
		return value_get(object, key, len);
	if (i < object->len && has_key(&object->u.members[i], key, len))
		return &object->u.members[i].value;
	i = scan(object, key, len);
	if (i == object->len)
		return NULL;
	*hint = i;
	return &object->u.members[i].value;
}

bool value_truthy(const struct value *v)
{
	return v && v->kind != VALUE_NULL && v->kind != VALUE_FALSE &&
	       !(v->kind == VALUE_LIST && v->len == 0);
}

/* ---- JSON text --------------------------------------------------------- */

/* The bytes a JSON string must escape: controls, the quote, backslash. */
static const bool json_escaped[256] = {
	true, true, true, true, true, true, true, true,
	true, true, true, true, true, true, true, true,
	true, true, true, true, true, true, true, true,
	true, true, true, true, true, true, true, true,   /* 0x00 to 0x1f */
	['"'] = true, ['\\'] = true,
};

/* Eight bytes at a time (SWAR): whether any of the word's bytes is one
 * json_escaped marks.  The classic "has a zero byte" test of x, x ^ '"'
 * and x ^ '\\', and of "less than 0x20"; it may say yes for a word with
 * none (a borrow past a real one), never no for a word with one. */
static bool json_word_escaped(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones << 7;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');

	return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
		((b - ones) & ~b)) & highs;
}

void value_dump_string(const char *s, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0, i = 0;

	buf_putc(out, '"');
	while (i < len) {
		uint64_t word;
		unsigned char c;
		char esc[7] = "\\u00";
		const char *with = esc;

		/* Most of an export is text with nothing to escape. */
		if (len - i >= sizeof(word)) {
			memcpy(&word, s + i, sizeof(word));
			if (!json_word_escaped(word)) {
				i += sizeof(word);
				continue;
			}
		}
		c = (unsigned char)s[i++];
		if (!json_escaped[c])
			continue;
		switch (c) {
		case '"':  with = "\\\""; break;
		case '\\': with = "\\\\"; break;
		case '\b': with = "\\b"; break;
		case '\f': with = "\\f"; break;
		case '\n': with = "\\n"; break;
		case '\r': with = "\\r"; break;
		case '\t': with = "\\t"; break;
		default:
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = '\0';
		}
		buf_put(out, s + run, i - 1 - run);
		buf_puts(out, with);
		run = i;
	}
	buf_put(out, s + run, len - run);
	buf_putc(out, '"');
}

/* Decimal digits without printf: pages print thousands of numbers. */
static void dump_int(struct buf *out, long long i)
{
	char text[24], *end = text + sizeof(text), *p = end;
	unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i
				     : (unsigned long long)i;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (i < 0)
		*--p = '-';
	buf_put(out, p, (size_t)(end - p));
}

/*
 * As jansson with JSON_REAL_PRECISION(15): %.15g, a real always looks
 * real (3.0), and the exponent has no '+' and no leading zeros (1e100).
 */
static void dump_real(struct buf *out, double d)
{
	char text[40], *e, *from, *to;
	long long centi = 0;

	/* Hundredths (hours, mostly) without printf, which was a twentieth
	 * of an export: the nearest double to centi / 100 prints as that
	 * decimal in %.15g below 10^13. */
	if (d != 0 && d > -1e13 && d < 1e13)
		centi = (long long)(d * 100.0 + (d < 0 ? -0.5 : 0.5));
	if (centi && (double)centi / 100.0 == d) {
		unsigned long long u = centi < 0 ? 0ULL - (unsigned long long)centi
						 : (unsigned long long)centi;

		if (centi < 0)
			buf_putc(out, '-');
		dump_int(out, (long long)(u / 100));
		buf_putc(out, '.');
		buf_putc(out, (char)('0' + u % 100 / 10));
		if (u % 10)
			buf_putc(out, (char)('0' + u % 10));
		return;
	}
	snprintf(text, sizeof(text), "%.15g", d);
	e = strchr(text, 'e');
	if (!e) {
		buf_puts(out, text);
		if (!strchr(text, '.'))
			buf_puts(out, ".0");
		return;
	}
	to = e + 1 + (e[1] == '-');
	from = e + 1 + (e[1] == '-' || e[1] == '+');
	while (*from == '0' && from[1])
		from++;
	memmove(to, from, strlen(from) + 1);
	buf_puts(out, text);
}

static void dump_scalar(const struct value *v, struct buf *out)
{
	switch (v->kind) {
	case VALUE_NULL:
		buf_puts(out, "null");
		break;
	case VALUE_FALSE:
		buf_puts(out, "false");
		break;
	case VALUE_TRUE:
		buf_puts(out, "true");
		break;
	case VALUE_INT:
		dump_int(out, v->u.i);
		break;
	case VALUE_REAL:
		dump_real(out, v->u.d);
		break;
	case VALUE_DATE: {
		char iso[DATE_ISO_SIZE];

		value_dump_string(date_format((int32_t)v->u.i, iso),
				  DATE_ISO_SIZE - 1, out);
		break;
	}
	default:
		value_dump_string(v->u.s, v->len, out);
		break;
	}
}

/* A container being written, and how far. */
struct dump_frame {
	const struct value *v;
	size_t next;
};

/* A line break and the indent of a line depth containers deep. */
static void newline(struct buf *out, size_t depth)
{
	static const char spaces[] = "                                ";
	size_t n = 2 * depth;

	/* A put for the indent, not one for each level: an export has
	 * millions of lines. */
	buf_putc(out, '\n');
	for (size_t k; n; n -= k) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		buf_put(out, spaces, k);
	}
}

/*
 * What comes before a container's item: a comma after the item before,
 * the line break and indent (pretty), and a member's key and colon.  An
 * export writes tens of millions of these, so where the key has nothing
 * to escape (every key folio writes) they are made in one reserved run
 * rather than a put apiece.
 */
static void item_head(struct buf *out, bool comma, bool pretty, size_t depth,
		      const struct value_member *m)
{
	size_t indent = pretty ? 2 * depth : 0, need;
	char *at;

	for (size_t i = 0; m && i < m->key_len; i++) {
		if (json_escaped[(unsigned char)m->key[i]]) {
			if (comma)
				buf_putc(out, ',');
			if (pretty)
				newline(out, depth);
			value_dump_string(m->key, m->key_len, out);
			buf_puts(out, pretty ? ": " : ":");
			return;
		}
	}
	need = comma + pretty + indent + (m ? m->key_len + 3 + pretty : 0);
	if (!out->data || out->cap - out->len <= need)
		buf_grow(out, need);
	at = out->data + out->len;
	if (comma)
		*at++ = ',';
	if (pretty) {
		*at++ = '\n';
		memset(at, ' ', indent);
		at += indent;
	}
	if (m) {
		*at++ = '"';
		memcpy(at, m->key, m->key_len);
		at += m->key_len;
		*at++ = '"';
		*at++ = ':';
		if (pretty)
			*at++ = ' ';
	}
	out->len += need;
	out->data[out->len] = '\0';
}

/*
 * Compact (pretty false) as jansson's JSON_COMPACT, or as its
 * JSON_INDENT(2): a container's items each on a line of their own, one
 * level in, `": "` after a key, and empty containers as [] and {}.
 */
static void dump(const struct value *v, bool pretty, size_t base,
		 struct buf *out)
{
	struct dump_frame *stack = NULL;
	size_t depth = 0, cap = 0;

	for (;;) {
		if (v) {
			bool list = v->kind == VALUE_LIST;

			if (!list && v->kind != VALUE_OBJECT) {
				dump_scalar(v, out);
			} else if (v->len == 0) {
				buf_puts(out, list ? "[]" : "{}");
			} else {
				stack = mem_array_grow(stack, &cap, depth + 1,
						       sizeof(*stack));
				stack[depth++] = (struct dump_frame){ v, 0 };
				buf_putc(out, list ? '[' : '{');
			}
			v = NULL;
		}
		if (depth == 0)
			break;
		{
			struct dump_frame *f = &stack[depth - 1];
			bool list = f->v->kind == VALUE_LIST;

			if (f->next == f->v->len) {
				if (pretty)
					newline(out, base + depth - 1);
				buf_putc(out, list ? ']' : '}');
				depth--;
				continue;
			}
			if (list) {
				item_head(out, f->next > 0, pretty, base + depth,
					  NULL);
				v = &f->v->u.items[f->next];
			} else {
				const struct value_member *m = &f->v->u.members[f->next];

				item_head(out, f->next > 0, pretty, base + depth, m);
				v = &m->value;
			}
			f->next++;
		}
	}
	free(stack);
}

void value_dump(const struct value *v, struct buf *out)
{
	dump(v, false, 0, out);
}

void value_dump_pretty(const struct value *v, size_t depth, struct buf *out)
{
	dump(v, true, depth, out);
}

/* ---- from jansson ------------------------------------------------------ */

static int compare_members(const void *a, const void *b)
{
	const struct value_member *x = *(const struct value_member *const *)a;
	const struct value_member *y = *(const struct value_member *const *)b;

	return key_compare(x->key, x->key_len, y->key, y->key_len);
}

/* Keys are unique (jansson's are; builders promise it), so the order
 * is total. */
static const uint32_t *member_order(struct arena *a,
				    const struct value_member *m, size_t n)
{
	const struct value_member **sorted = mem_calloc(n, sizeof(*sorted));
	uint32_t *order = arena_alloc(a, n * sizeof(*order));

	for (size_t i = 0; i < n; i++)
		sorted[i] = &m[i];
	qsort(sorted, n, sizeof(*sorted), compare_members);
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)(sorted[i] - m);
	free(sorted);
	return order;
}

void value_index(struct arena *a, struct value *object)
{
	if (object->kind == VALUE_OBJECT && object->len > VALUE_SCAN_MAX &&
	    object->len <= UINT32_MAX)
		object->order = member_order(a, object->u.members, object->len);
}

static struct value scalar(const json_t *json)
{
	switch (json_typeof(json)) {
	case JSON_STRING:
		return value_textn(json_string_value(json),
				   json_string_length(json));
	case JSON_INTEGER:
		return value_int(json_integer_value(json));
	case JSON_REAL:
		return (struct value){ .kind = VALUE_REAL,
				       .u.d = json_real_value(json) };
	case JSON_TRUE:
		return value_bool(true);
	case JSON_FALSE:
		return value_bool(false);
	default:
		return value_null();
	}
}

/* A JSON container whose values are still to be converted into place. */
struct pending {
	const json_t *json;
	struct value *into;
};

/* Fills *into from json; a container's elements are queued. */
static void convert_one(struct arena *a, const json_t *json,
			struct value *into, struct pending **queue,
			size_t *n, size_t *cap)
{
	size_t size, i = 0;

	if (json_is_array(json)) {
		struct value *items;

		size = json_array_size(json);
		items = value_items(a, size);
		*into = value_list(items, size);
		for (i = 0; i < size; i++) {
			*queue = mem_array_grow(*queue, cap, *n + 1, sizeof(**queue));
			(*queue)[(*n)++] = (struct pending){
				json_array_get(json, i), &items[i] };
		}
	} else if (json_is_object(json)) {
		struct value_member *members;
		const char *key;
		json_t *v;

		size = json_object_size(json);
		members = value_members(a, size);
		json_object_foreach((json_t *)json, key, v) {
			members[i].key = key;
			members[i].key_len = strlen(key);
			*queue = mem_array_grow(*queue, cap, *n + 1, sizeof(**queue));
			(*queue)[(*n)++] = (struct pending){ v, &members[i].value };
			i++;
		}
		*into = value_object(members, size);
		value_index(a, into);
	} else {
		*into = json ? scalar(json) : value_null();
	}
}

struct value value_from_json(struct arena *a, const json_t *json)
{
	struct value root;
	struct pending *queue = NULL;
	size_t n = 0, cap = 0;

	convert_one(a, json, &root, &queue, &n, &cap);
	while (n > 0) {
		struct pending p = queue[--n];

		convert_one(a, p.json, p.into, &queue, &n, &cap);
	}
	free(queue);
	return root;
}
