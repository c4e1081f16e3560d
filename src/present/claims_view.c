/*
 * claims_view.c - the claims as values and as CSV (see claims_view.h).
 */
#include "present/claims_view.h"
#include "base/date.h"
#include "present/export.h"
#include "present/url.h"

#include <string.h>

/* The fields of a claim, in the order the CSV has them. */
enum {
	F_LEARNER, F_NAME, F_REGISTRATION, F_UNIT, F_UNIT_TITLE, F_NUMBER,
	F_URN, F_COMPLETED, F_SIGNED_OFF, F_ASSESSOR, F_IQA, NFIELDS
};

static const char *const field_names[NFIELDS] = {
	"learner", "name", "registration", "unit", "unit_title",
	"unit_number", "urn", "completed", "signed_off", "assessor", "iqa",
};

/* The claim's fields as text (dates into the two buffers), NULL for none. */
static void fields(const struct claim *c, const char *out[NFIELDS],
		   char completed[DATE_ISO_SIZE], char signed_off[DATE_ISO_SIZE])
{
	const struct portfolio *p = c->portfolio;
	const struct learner *l = p->learner;

	out[F_LEARNER] = l->id;
	out[F_NAME] = l->name ? l->name : l->id;
	out[F_REGISTRATION] = l->registration;
	out[F_UNIT] = p->unit->id;
	out[F_UNIT_TITLE] = p->unit->title ? p->unit->title : p->unit->id;
	out[F_NUMBER] = p->unit->number;
	out[F_URN] = p->unit->urn;
	out[F_COMPLETED] = date_format(c->completed, completed);
	out[F_SIGNED_OFF] = date_format(c->signed_off, signed_off);
	out[F_ASSESSOR] = l->assessor;
	out[F_IQA] = c->sample ? c->sample->iqa : NULL;
}

static struct value claim_value(struct arena *a, const struct claim *c)
{
	const char *f[NFIELDS];
	char completed[DATE_ISO_SIZE], signed_off[DATE_ISO_SIZE];
	struct value_obj o = value_obj_new(a, NFIELDS + 2);
	const struct portfolio *p = c->portfolio;

	fields(c, f, completed, signed_off);
	for (int i = 0; i < NFIELDS; i++) {
		/* The dates are in this frame's buffers; the rest the model's. */
		bool local = f[i] == completed || f[i] == signed_off;

		value_put(&o, field_names[i], local ?
			  value_copy(a, f[i], strlen(f[i])) : value_text(f[i]));
	}
	value_put(&o, "iqa_date", export_date_or_null(a, c->sample != NULL,
			c->sample ? c->sample->date : 0));
	value_put(&o, "href", url_value(a, URL_PORTFOLIO, p->learner->id,
					p->unit->id));
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

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void csv_field(struct buf *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

void claims_view_csv(const struct claims *c, struct buf *out)
{
	for (int i = 0; i < NFIELDS; i++)
		buf_printf(out, "%s%s", i ? "," : "", field_names[i]);
	buf_putc(out, '\n');
	for (size_t k = 0; k < c->count; k++) {
		const char *f[NFIELDS];
		char completed[DATE_ISO_SIZE], signed_off[DATE_ISO_SIZE];

		fields(&c->items[k], f, completed, signed_off);
		for (int i = 0; i < NFIELDS; i++) {
			if (i)
				buf_putc(out, ',');
			csv_field(out, f[i]);
		}
		buf_putc(out, '\n');
	}
}
