/*
 * value.h - the values pages are rendered against and JSON is written from.
 *
 * A value is a read-only tree of the JSON kinds (null, booleans, numbers,
 * strings, lists and objects) made of plain structs: strings are pointers
 * and lengths that need not be copied, lists and objects are arrays.
 * Everything folio presents (every page's view, `folio export`, the
 * pack's data.json, the sampling plan, diagnostics as JSON) is built as
 * values in an arena the caller owns and drops whole: building a jansson
 * object hashed and copied every key and string (some 1,200 per page),
 * and freeing it walked it again, which was most of a build.  The same
 * values are rendered by Mustache and written as JSON text
 * (value_dump, value_dump_pretty), so a template and a JSON consumer see
 * one representation.  JSON that comes from outside (`folio render`'s
 * data, the specification tests) is turned into values once with
 * value_from_json(), pointing into the JSON, which must outlive them.
 *
 * Objects keep their members in order (a template that prints an object
 * prints it as JSON, in order); lookups scan small objects and
 * binary-search an index that large ones carry.
 */
#ifndef FOLIO_VALUE_H
#define FOLIO_VALUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"

enum value_kind {
	VALUE_NULL, VALUE_FALSE, VALUE_TRUE, VALUE_INT, VALUE_REAL,
	VALUE_STRING, VALUE_LIST, VALUE_OBJECT,
	VALUE_DATE,     /* a day (base/date.h) in u.i: JSON writes it as an
			 * ISO string, Mustache in the env's date style */
};

struct value_member;

struct value {
	enum value_kind kind;
	size_t len;                       /* string bytes, items, members */
	union {
		const char *s;
		long long i;
		double d;
		const struct value *items;
		const struct value_member *members;
	} u;
	const uint32_t *order;            /* large objects: members by key */
};

struct value_member {
	const char *key;
	size_t key_len;
	struct value value;
};

/* The null value, for a missing context. */
extern const struct value value_null_value;

static inline struct value value_null(void)
{
	return (struct value){ .kind = VALUE_NULL };
}

static inline struct value value_bool(bool b)
{
	return (struct value){ .kind = b ? VALUE_TRUE : VALUE_FALSE };
}

static inline struct value value_int(long long i)
{
	return (struct value){ .kind = VALUE_INT, .u.i = i };
}

/* s (len bytes, valid UTF-8) is not copied. */
static inline struct value value_textn(const char *s, size_t len)
{
	return (struct value){ .kind = VALUE_STRING, .len = len, .u.s = s };
}

/* A string, or null for NULL; not copied. */
static inline struct value value_text(const char *s)
{
	return s ? value_textn(s, strlen(s)) : value_null();
}

static inline struct value value_date(int32_t day)
{
	return (struct value){ .kind = VALUE_DATE, .u.i = day };
}

static inline struct value value_list(const struct value *items, size_t n)
{
	return (struct value){ .kind = VALUE_LIST, .len = n, .u.items = items };
}

/* Members with distinct keys; lookups scan them (see value_index). */
static inline struct value value_object(const struct value_member *members,
					size_t n)
{
	return (struct value){ .kind = VALUE_OBJECT, .len = n,
			       .u.members = members };
}

/* key is a string that outlives the value (a literal, as a rule). */
static inline struct value_member value_member(const char *key, struct value v)
{
	return (struct value_member){ key, strlen(key), v };
}

/*
 * Builders: an object's members, or a list's items, appended in order
 * into an arena, growing past cap when more come (cap is a hint, never a
 * limit).  value_obj_done() and value_arr_done() give the value, which
 * points into the arena; the builder itself may then be dropped.
 */
struct value_obj {
	struct arena *a;
	struct value_member *m;
	size_t n, cap;
};

struct value_arr {
	struct arena *a;
	struct value *v;
	size_t n, cap;
};

struct value_obj value_obj_new(struct arena *a, size_t cap);
struct value_arr value_arr_new(struct arena *a, size_t cap);
void value_obj_grow(struct value_obj *o);

/* A builder holding the members of object (copied), with room for more. */
struct value_obj value_obj_with(struct arena *a, const struct value *object,
				size_t more);
void value_arr_grow(struct value_arr *l);

/*
 * Appends key (a string that outlives the value, a literal as a rule;
 * distinct from the keys before it).  Inlined, so that a literal key's
 * length is known when compiled: the busiest pages put some 1,200.
 */
static inline __attribute__((always_inline)) void
value_put(struct value_obj *o, const char *key, struct value v)
{
	if (o->n == o->cap)
		value_obj_grow(o);
	o->m[o->n].key = key;
	o->m[o->n].key_len = strlen(key);
	o->m[o->n++].value = v;
}

static inline void value_push(struct value_arr *l, struct value v)
{
	if (l->n == l->cap)
		value_arr_grow(l);
	l->v[l->n++] = v;
}

static inline struct value value_obj_done(const struct value_obj *o)
{
	return value_object(o->m, o->n);
}

static inline struct value value_arr_done(const struct value_arr *l)
{
	return value_list(l->v, l->n);
}

/* An uninitialised array of n values or members in a. */
struct value *value_items(struct arena *a, size_t n);
struct value_member *value_members(struct arena *a, size_t n);

/* A copy of s in a, as a value. */
struct value value_copy(struct arena *a, const char *s, size_t len);

/* The member of an object named key[0..len), or NULL. */
const struct value *value_get(const struct value *object, const char *key,
			      size_t len);

/*
 * value_get() that tries member *hint first and, when it finds the key
 * elsewhere, leaves its index in *hint.  Objects made by the same code
 * have their keys in the same order, so a template tag that looks up one
 * name in object after object of a kind finds it at once.  Any *hint is
 * safe: it is only a place to look first.
 */
const struct value *value_get_hinted(const struct value *object,
				     const char *key, size_t len,
				     size_t *hint);

/* Mustache's truth: not null, not false, not an empty list. */
bool value_truthy(const struct value *v);

/*
 * An object made large by a caller that looks names up in it often (a
 * page's root): gives it an index, so lookups search instead of scan.
 */
void value_index(struct arena *a, struct value *object);

/* v as compact JSON text (as jansson writes it), appended to out. */
void value_dump(const struct value *v, struct buf *out);

/*
 * v as JSON text indented by two spaces, byte for byte as jansson's
 * json_dumps(JSON_INDENT(2)) writes it, appended to out, as though v
 * were nested depth containers deep (its lines are indented to match,
 * so that a large document can be written a part at a time).
 */
void value_dump_pretty(const struct value *v, size_t depth, struct buf *out);

/* s as a JSON string, quotes and escapes included. */
void value_dump_string(const char *s, size_t len, struct buf *out);

/* json as values in a; strings and keys point into json. */
struct value value_from_json(struct arena *a, const json_t *json);

#endif
