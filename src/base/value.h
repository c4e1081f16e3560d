/*
 * value.h - the values templates are rendered against.
 *
 * A value is a read-only tree of the JSON kinds (null, booleans, numbers,
 * strings, lists and objects) made of plain structs: strings are pointers
 * and lengths that need not be copied, lists and objects are arrays.  The
 * site's busiest pages (a learner, a portfolio) build their views straight
 * into a per-thread arena as values: building a jansson object hashed and
 * copied every key and string of some 1,200 per page, and looking names up
 * in it hashed them again, which was most of a build.  Anything that is
 * JSON already (the site model, `folio render`'s data, the specification
 * tests) is turned into values once with value_from_json(), pointing into
 * the JSON, which must outlive them.
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

static inline struct value value_list(const struct value *items, size_t n)
{
	return (struct value){ .kind = VALUE_LIST, .len = n, .u.items = items };
}

/* Members with distinct keys, up to 16 (larger objects need an index). */
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

/* v as compact JSON text (as jansson writes it), appended to out. */
void value_dump(const struct value *v, struct buf *out);

/* json as values in a; strings and keys point into json. */
struct value value_from_json(struct arena *a, const json_t *json);

#endif
