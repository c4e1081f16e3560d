/*
 * test_value.c - template values: made from JSON, looked up, printed as
 * JSON exactly as jansson prints it, and the arena they live in reused.
 */
#include "check.h"

#include "base/value.h"

#include <stdlib.h>

/* value_dump() and value_dump_pretty() of text's values against
 * jansson's own compact and indented dumps. */
static void dumps_as_jansson(const char *text)
{
	json_error_t error;
	json_t *json = json_loads(text, JSON_DECODE_ANY, &error);
	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT;
	struct value v;
	char *want;

	CHECK(json != NULL);
	if (!json)
		return;
	want = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY |
			  JSON_REAL_PRECISION(15));
	v = value_from_json(&a, json);
	value_dump(&v, &out);
	CHECK_STR(buf_cstr(&out), want);
	free(want);
	want = json_dumps(json, JSON_INDENT(2) | JSON_ENCODE_ANY |
			  JSON_REAL_PRECISION(15));
	buf_truncate(&out, 0);
	value_dump_pretty(&v, 0, &out);
	CHECK_STR(buf_cstr(&out), want);
	free(want);
	buf_free(&out);
	arena_free(&a);
	json_decref(json);
}

static void prints_json_as_jansson_does(void)
{
	dumps_as_jansson("null");
	dumps_as_jansson("[true, false, null, 0, -12, 9007199254740993]");
	dumps_as_jansson("[-9223372036854775808, 9223372036854775807, 10, -10]");
	dumps_as_jansson("[1.5, 0.1, 1e100, -2.5e-7, 3.0, 100.0]");
	dumps_as_jansson("\"quote \\\" backslash \\\\ slash / tab \\t nl \\n\"");
	dumps_as_jansson("\"controls \\u0001 \\u001f \\b \\f \\r and DEL \\u007f\"");
	dumps_as_jansson("\"caf\\u00e9 \\u2019 \\ud83d\\ude00\"");
	dumps_as_jansson("{\"b\": [1, {\"c\": []}], \"a\": {}, \"\": \"empty key\"}");
	dumps_as_jansson("[[[[[]]]], {\"x\": {\"y\": {\"z\": [1, 2, 3]}}}]");
	/* Keys with something to escape, among keys without. */
	dumps_as_jansson("{\"a\\\"b\": 1, \"plain\": [1, {\"tab\\tkey\": 2}], "
			 "\"ctl\\u0001\": {\"x\\\\y\": null, \"z\": true}}");
}

/*
 * The fast paths print what jansson prints: hundredths (hours) without
 * printf, around and past where they stop, and strings eight bytes at a
 * time, with what must be escaped at every place in a word.
 */
static void prints_hundredths_and_long_strings_as_jansson_does(void)
{
	static const char *const odd[] = {
		"0.001", "0.005", "0.3", "0.30000000000000004", "-0.01",
		"-0.5", "-1.25", "9999999999999.99", "10000000000000.01",
		"12345678901234.5", "1e13", "-1e13", "123456.789", "5e-324",
		"1.7976931348623157e308", "0.0", "-0.0", "2.675", "1.005",
	};
	struct buf text = BUF_INIT;

	buf_putc(&text, '[');
	for (long c = -2050; c <= 2050; c += 7)
		buf_printf(&text, "%s%s%ld.%02ld", c == -2050 ? "" : ", ",
			   c < 0 ? "-" : "", labs(c) / 100, labs(c) % 100);
	for (size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++)
		buf_printf(&text, ", %s", odd[i]);
	buf_putc(&text, ']');
	dumps_as_jansson(buf_cstr(&text));

	buf_truncate(&text, 0);
	buf_putc(&text, '[');
	for (int at = 0; at < 20; at++) {
		static const char *const esc[] = {
			"\\\"", "\\\\", "\\n", "\\u0001", "\\u001f",
			"\\u007f", "\\u00e9", " ", "\\u2019",
		};

		buf_puts(&text, at ? ", \"" : "\"");
		for (int i = 0; i < 24; i++)
			buf_puts(&text, i == at || i == at + 9 ?
				 esc[(at + i) % 9] : "x");
		buf_putc(&text, '"');
	}
	buf_putc(&text, ']');
	dumps_as_jansson(buf_cstr(&text));
	buf_free(&text);
}

/*
 * Builders grow past the capacity they were given, keep their order, and
 * value_obj_with() copies an object to put more after it; a part written
 * at a depth is indented as it would be there.
 */
static void builds_past_its_hint_and_writes_at_a_depth(void)
{
	struct arena a = ARENA_INIT;
	struct value_obj o = value_obj_new(&a, 1), more;
	struct value_arr l = value_arr_new(&a, 0);
	struct buf out = BUF_INIT;
	struct value v, w;
	char *keys = arena_alloc(&a, 40 * 16);

	for (int i = 0; i < 40; i++) {
		snprintf(keys + 16 * i, 16, "k%d", i);
		value_put(&o, keys + 16 * i, value_int(i));
		value_push(&l, value_int(-i));
	}
	v = value_obj_done(&o);
	CHECK_INT(v.len, 40);
	CHECK_STR(v.u.members[39].key, "k39");
	CHECK_INT(value_get(&v, "k27", 3)->u.i, 27);
	CHECK_INT(value_arr_done(&l).len, 40);
	CHECK_INT(value_arr_done(&l).u.items[33].u.i, -33);
	more = value_obj_with(&a, &v, 1);
	value_put(&more, "last", value_text("x"));
	w = value_obj_done(&more);
	CHECK_INT(w.len, 41);
	CHECK_INT(v.len, 40);
	CHECK_STR(w.u.members[40].key, "last");
	CHECK_INT(value_get(&w, "k0", 2)->u.i, 0);
	o = value_obj_new(&a, 2);
	value_put(&o, "a", value_list(NULL, 0));
	value_put(&o, "b", value_list(value_arr_done(&l).u.items, 2));
	v = value_obj_done(&o);
	value_dump_pretty(&v, 2, &out);
	CHECK_STR(buf_cstr(&out), "{\n      \"a\": [],\n      \"b\": [\n"
		  "        0,\n        -1\n      ]\n    }");
	buf_free(&out);
	arena_free(&a);
}

/* Members keep their order; small objects scan, large ones search. */
static void looks_up_members_in_small_and_large_objects(void)
{
	struct arena a = ARENA_INIT;
	json_t *json = json_object();
	struct value v;
	char key[16];

	for (int i = 99; i >= 0; i--) {
		snprintf(key, sizeof key, "k%d", i);
		json_object_set_new(json, key, json_integer(i));
	}
	v = value_from_json(&a, json);
	CHECK_INT(v.kind, VALUE_OBJECT);
	CHECK_INT(v.len, 100);
	CHECK(v.order != NULL);
	CHECK_STR(v.u.members[0].key, "k99");
	for (int i = 0; i < 100; i++) {
		const struct value *m;

		snprintf(key, sizeof key, "k%d", i);
		m = value_get(&v, key, strlen(key));
		CHECK(m && m->kind == VALUE_INT && m->u.i == i);
	}
	CHECK(value_get(&v, "k100", 4) == NULL);
	CHECK(value_get(&v, "k", 1) == NULL);
	CHECK(value_get(&v, "k12", 2) != NULL);   /* only len bytes count */
	json_decref(json);

	json = json_pack("{s:i, s:s}", "one", 1, "two", "2");
	v = value_from_json(&a, json);
	CHECK(v.order == NULL);
	CHECK(value_get(&v, "two", 3) && value_get(&v, "two", 3)->kind == VALUE_STRING);
	CHECK(value_get(&v, "tw", 2) == NULL);
	CHECK(value_get(&v.u.members[0].value, "one", 3) == NULL);  /* not an object */
	json_decref(json);
	arena_free(&a);
}

/* A hint is only where to look first: right, wrong or out of range. */
static void looks_up_with_a_hint(void)
{
	struct value_member members[3] = {
		value_member("no", value_int(1)),
		value_member("ref", value_text("O/1")),
		value_member("method", value_text("O")),
	};
	struct value row = value_object(members, 3), other;
	struct value_member others[2] = {
		value_member("method", value_text("Q")),
		value_member("no", value_int(2)),
	};
	size_t hint = 0;

	CHECK(value_get_hinted(&row, "method", 6, &hint) == &members[2].value);
	CHECK_INT(hint, 2);
	/* The next object of the kind: found at the hint. */
	CHECK(value_get_hinted(&row, "method", 6, &hint) == &members[2].value);
	/* An object whose keys are in another order: found, hint moved. */
	other = value_object(others, 2);
	CHECK(value_get_hinted(&other, "method", 6, &hint) == &others[0].value);
	CHECK_INT(hint, 0);
	/* A hint past the end, or at a key of another length or text. */
	hint = 99;
	CHECK(value_get_hinted(&other, "no", 2, &hint) == &others[1].value);
	CHECK_INT(hint, 1);
	hint = 1;
	CHECK(value_get_hinted(&row, "no", 2, &hint) == &members[0].value);
	hint = 0;
	CHECK(value_get_hinted(&row, "mo", 2, &hint) == NULL);   /* "no", not "mo" */
	CHECK_INT(hint, 0);   /* a miss leaves it */
	CHECK(value_get_hinted(&members[1].value, "ref", 3, &hint) == NULL);
}

static void knows_mustache_truth(void)
{
	struct value empty = value_list(NULL, 0), zero = value_int(0);
	struct value blank = value_textn("", 0), null = value_null();
	struct value f = value_bool(false), t = value_bool(true);

	CHECK(!value_truthy(&empty));
	CHECK(!value_truthy(&null));
	CHECK(!value_truthy(&f));
	CHECK(!value_truthy(NULL));
	CHECK(value_truthy(&zero));
	CHECK(value_truthy(&blank));
	CHECK(value_truthy(&t));
	CHECK_INT(value_text(NULL).kind, VALUE_NULL);
}

/* A document nested far deeper than any C stack would take recursion. */
static void converts_and_prints_deep_nesting_without_recursion(void)
{
	enum { DEPTH = 200000 };
	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT;
	json_t *json = json_integer(7);
	struct value v;
	size_t len;

	for (int i = 0; i < DEPTH; i++) {
		json_t *list = json_array();

		json_array_append_new(list, json);
		json = list;
	}
	v = value_from_json(&a, json);
	value_dump(&v, &out);
	len = out.len;
	CHECK_INT(len, 2 * DEPTH + 1);
	CHECK(out.data[0] == '[' && out.data[DEPTH] == '7' &&
	      out.data[len - 1] == ']');
	buf_free(&out);
	arena_free(&a);
	/* jansson frees recursively: unwrap it a level at a time. */
	while (json_is_array(json)) {
		json_t *inner = json_incref(json_array_get(json, 0));

		json_decref(json);
		json = inner;
	}
	json_decref(json);
}

/* A reset arena keeps its blocks and hands them out again. */
static void reuses_its_arena_after_a_reset(void)
{
	struct arena a = ARENA_INIT;
	size_t made;
	char *p;

	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 1000; i++) {
			p = arena_alloc(&a, 1000);
			CHECK_INT(p[999], 0);
			memset(p, 'x', 1000);
		}
		(void)arena_alloc_raw(&a, 100000);   /* a block of its own */
		if (round == 0)
			made = a.blocks;
		CHECK_INT(a.blocks, made);            /* none made after the first */
		arena_reset(&a);
		CHECK(a.head == NULL && a.spare != NULL);
	}
	arena_free(&a);
	CHECK(a.head == NULL && a.spare == NULL);
	arena_reset(&a);   /* an empty arena */
	CHECK(a.head == NULL && a.spare == NULL);
}

int main(void)
{
	RUN(prints_json_as_jansson_does);
	RUN(prints_hundredths_and_long_strings_as_jansson_does);
	RUN(builds_past_its_hint_and_writes_at_a_depth);
	RUN(looks_up_members_in_small_and_large_objects);
	RUN(looks_up_with_a_hint);
	RUN(knows_mustache_truth);
	RUN(converts_and_prints_deep_nesting_without_recursion);
	RUN(reuses_its_arena_after_a_reset);
	return check_summary();
}
