/*
 * claims_view.c - the claims as values and as CSV (see claims_view.h).
 */
#include "present/claims_view.h"
#include "base/date.h"
#include "judge/qualify.h"
#include "present/export.h"
#include "present/url.h"

#include <string.h>

/* The fields of a claim, in the order the CSV has them. */
enum {
	F_LEARNER, F_NAME, F_REGISTRATION, F_QUALIFICATION,
	F_QUALIFICATION_TITLE, F_QUALIFICATION_NUMBER, F_UNIT, F_UNIT_TITLE,
	F_NUMBER, F_URN, F_COMPLETED, F_SIGNED_OFF, F_ASSESSOR, F_IQA, NFIELDS
};

static const char *const field_names[NFIELDS] = {
	"learner", "name", "registration", "qualification",
	"qualification_title", "qualification_number", "unit", "unit_title",
	"unit_number", "urn", "completed", "signed_off", "assessor", "iqa",
};

/* The units' fields, each list joined by ';' (a qualification's units). */
static void unit_fields(struct arena *a, const struct portfolio *const *p,
			size_t n, const char *out[NFIELDS])
{
	static const int unit_field[] = { F_UNIT, F_UNIT_TITLE, F_NUMBER, F_URN };
	struct buf b = BUF_INIT;

	for (size_t f = 0; f < 4; f++) {
		bool any = false;

		buf_truncate(&b, 0);
		for (size_t i = 0; i < n; i++) {
			const struct unit *u = p[i]->unit;
			const char *text = f == 0 ? u->id :
				f == 1 ? (u->title ? u->title : u->id) :
				f == 2 ? u->number : u->urn;

			buf_printf(&b, "%s%s", i ? ";" : "", text ? text : "");
			any |= text != NULL;
		}
		out[unit_field[f]] = any ? arena_strndup(a, buf_cstr(&b), b.len) :
			NULL;
	}
	buf_free(&b);
}

/* The claim's fields as text, NULL for none; what it makes is in a. */
static void fields(struct arena *a, const struct claim *c,
		   const char *out[NFIELDS])
{
	const struct learner *l = c->learner;
	const struct qualify_progress *q = c->qualification;
	char date[DATE_ISO_SIZE];

	out[F_LEARNER] = l->id;
	out[F_NAME] = l->name ? l->name : l->id;
	out[F_REGISTRATION] = l->registration;
	out[F_QUALIFICATION] = q ? q->qualification->id : NULL;
	out[F_QUALIFICATION_TITLE] = q ? q->qualification->title : NULL;
	out[F_QUALIFICATION_NUMBER] = q ? q->qualification->number : NULL;
	if (q)
		unit_fields(a, q->units, q->nunits, out);
	else
		unit_fields(a, &c->portfolio, 1, out);
	out[F_COMPLETED] = arena_strdup(a, date_format(c->completed, date));
	out[F_SIGNED_OFF] = arena_strdup(a, date_format(c->signed_off, date));
	out[F_ASSESSOR] = l->assessor;
	out[F_IQA] = c->sample ? c->sample->iqa : NULL;
}

static struct value claim_value(struct arena *a, const struct claim *c)
{
	const char *f[NFIELDS];
	struct value_obj o = value_obj_new(a, NFIELDS + 2);

	fields(a, c, f);
	/* The dates as dates: ISO in JSON, the centre's way on pages. */
	for (int i = 0; i < NFIELDS; i++)
		value_put(&o, field_names[i],
			  i == F_COMPLETED ? value_date(c->completed) :
			  i == F_SIGNED_OFF ? value_date(c->signed_off) :
			  value_text(f[i]));
	value_put(&o, "iqa_date", export_date_or_null(c->sample != NULL,
			c->sample ? c->sample->date : 0));
	value_put(&o, "href", c->qualification ?
		  url_value(a, URL_QUALIFICATIONS, c->learner->id, NULL) :
		  url_value(a, URL_PORTFOLIO, c->learner->id,
			    c->portfolio->unit->id));
	return value_obj_done(&o);
}

struct value claims_view_list(struct arena *a, const struct model *m,
			      const struct claims *c)
{
	struct value *items = value_items(a, c->count);
	struct value_obj o = value_obj_new(a, 5);

	for (size_t i = 0; i < c->count; i++)
		items[i] = claim_value(a, &c->items[i]);
	value_put(&o, "claims", value_list(items, c->count));
	value_put(&o, "count", value_int((long long)c->count));
	value_put(&o, "has_claims", value_bool(c->count > 0));
	value_put(&o, "awaiting_sample", value_int((long long)c->awaiting_sample));
	value_put(&o, "summative_sample",
		  value_bool(m->config.claims_summative_sample));
	return value_obj_done(&o);
}

void claims_view_csv(const struct claims *c, struct buf *out)
{
	struct arena a = ARENA_INIT;

	for (int i = 0; i < NFIELDS; i++)
		buf_printf(out, "%s%s", i ? "," : "", field_names[i]);
	buf_putc(out, '\n');
	for (size_t k = 0; k < c->count; k++) {
		const char *f[NFIELDS];

		fields(&a, &c->items[k], f);
		for (int i = 0; i < NFIELDS; i++) {
			if (i)
				buf_putc(out, ',');
			buf_put_csv_field(out, f[i]);
		}
		buf_putc(out, '\n');
	}
	arena_free(&a);
}
