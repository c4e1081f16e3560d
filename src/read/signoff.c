/*
 * signoff.c - reading signoffs.csv, the declarations made on portfolios
 * (see signoff.h).
 */
#include "read/signoff.h"
#include "base/date.h"
#include "base/buf.h"
#include "base/mem.h"
#include "read/assessor.h"
#include "read/load.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	COL_LEARNER, COL_UNIT, COL_ROLE, COL_WHO, COL_DATE, COL_DIGEST,
	COL_SIGNATURE, NCOLUMNS
};

static const struct csvrow_column columns[NCOLUMNS] = {
	{ "learner", true },
	{ "unit", true },
	{ "role", true },
	{ "who", true },
	{ "date", true },
	{ "digest", true },
	{ "signature", false },
};

/* An error at the row, which leaves it out. */
static void row_error(struct load_row *rd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void row_error(struct load_row *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(rd->diags, DIAG_ERROR, rd->f->path, rd->r->line, 0, fmt,
		     ap);
	va_end(ap);
	rd->bad = true;
}

static void read_role(struct load_row *rd, struct signoff *s)
{
	const char *role = load_row_required(rd, COL_ROLE);

	if (!role)
		return;
	s->role = role_parse(role);
	if (s->role == ROLE_COUNT)
		row_error(rd, "`role` must be assessor, learner, iqa, countersign "
			  "or employer, not `%s`", role);
}

/* The role's person: listed in assessors.csv as the role needs. */
static void read_person(struct load_row *rd, struct signoff *s)
{
	const struct load *load = rd->load;
	const char *file = load->assessors_file;

	if (!file) {
		row_error(rd, "a%s sign-off is by someone in assessors.csv, "
			  "and there is none: list `%s` there",
			  s->role == ROLE_ASSESSOR ? "n assessor's" :
			  s->role == ROLE_IQA ? "n IQA's" : " countersigning",
			  s->who);
		return;
	}
	s->person = assessor_find(&load->assessor_folded, s->who);
	if (!s->person)
		row_error(rd, "`%s` is not listed in %s", s->who, file);
	else if (s->role == ROLE_IQA && s->person->role != ASSESSOR_ROLE_IQA)
		row_error(rd, "`%s` signs as an IQA but is not one in %s",
			  s->who, file);
	else if (s->role == ROLE_ASSESSOR &&
		 s->person->role != ASSESSOR_ROLE_ASSESSOR)
		row_error(rd, "`%s` signs as an assessor but is an IQA in %s",
			  s->who, file);
}

/* The learner declares for themself, by id or by name. */
static void read_learner_who(struct load_row *rd, const struct signoff *s)
{
	const struct learner *l = s->learner;

	if (!l || strcmp(s->who, l->id) == 0 ||
	    (l->name && strcasecmp(s->who, l->name) == 0))
		return;
	row_error(rd, "a learner's declaration is the learner's own: `who` is "
		  "`%s` (or their name), not `%s`", l->id, s->who);
}

/* sha256: and 64 hex digits, in any case: kept in lower case. */
static void read_digest(struct load_row *rd, struct signoff *s)
{
	const char *text = load_row_required(rd, COL_DIGEST);
	size_t n;

	if (!text)
		return;
	n = strlen(text);
	if (n == SIGNOFF_DIGEST_SIZE - 1 && strncasecmp(text, "sha256:", 7) == 0) {
		size_t i = 7;

		while (i < n && isxdigit((unsigned char)text[i]))
			i++;
		if (i == n) {
			for (i = 0; i <= n; i++)
				s->digest[i] = (char)tolower((unsigned char)text[i]);
			return;
		}
	}
	row_error(rd, "`digest` must be sha256: and 64 hex digits, as `folio "
		  "digest LEARNER UNIT` prints it, not `%s`", text);
}

static void read_row(struct load_row *rd, struct signoff *s)
{
	load_row_portfolio(rd, COL_LEARNER, COL_UNIT, &s->learner, &s->unit);
	read_role(rd, s);
	s->who = load_row_required(rd, COL_WHO);
	if (load_row_required(rd, COL_DATE))
		csvrow_date(rd->f, rd->r, rd->index[COL_DATE], "date", &s->date,
			    &rd->bad, rd->diags);
	read_digest(rd, s);
	s->signature_text = csvrow_field(rd->r, rd->index[COL_SIGNATURE]);
	s->has_signature = csvrow_base64(rd->f, rd->r, rd->index[COL_SIGNATURE],
					 "signature", s->signature,
					 ROLE_SIGNATURE_SIZE, &rd->bad,
					 rd->diags);
	if (s->who && s->role == ROLE_LEARNER)
		read_learner_who(rd, s);
	else if (s->who && (s->role == ROLE_ASSESSOR ||
			    s->role == ROLE_IQA ||
			    s->role == ROLE_COUNTERSIGN))
		read_person(rd, s);
	s->file = rd->f->path;
	s->line = rd->r->line;
}

static void load_rows(struct load *load, const struct csvfile *f,
		      const int *index, struct diag_list *diags)
{
	struct load_row rd = { load, f, NULL, columns, index, diags, false };
	size_t cap = 0;

	for (size_t i = 0; i < f->nrecords; i++) {
		struct signoff s = { 0 };
		const char *learner;

		rd.r = &f->records[i];
		rd.bad = false;
		learner = csvrow_field(rd.r, index[COL_LEARNER]);
		diag_list_about(diags, learner ? learner : "",
				csvrow_field(rd.r, index[COL_UNIT]));
		read_row(&rd, &s);
		if (rd.bad)
			continue;
		s.extra = csvrow_extras(&load->arena, f, rd.r, index, NCOLUMNS,
					&s.nextra);
		load->signoffs = mem_array_grow(load->signoffs, &cap,
						load->nsignoffs + 1,
						sizeof(*load->signoffs));
		load->signoffs[load->nsignoffs++] = s;
	}
	diag_list_about(diags, NULL, NULL);
}

static int compare_signoffs(const void *a, const void *b)
{
	const struct signoff *x = a, *y = b;
	int c = strcmp(x->learner->id, y->learner->id);

	if (c)
		return c;
	if ((c = strcmp(x->unit->id, y->unit->id)) != 0)
		return c;
	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	/* One file, so the line makes the order total (and stable). */
	return (x->line > y->line) - (x->line < y->line);
}

int signoff_load(struct load *load, const char *path, struct diag_list *diags)
{
	int index[NCOLUMNS], err;
	const struct csvfile *f = load_read_csv(load, path, columns, NCOLUMNS,
						index, &err, diags);

	if (f)
		load_rows(load, f, index, diags);
	if (load->nsignoffs)
		qsort(load->signoffs, load->nsignoffs, sizeof(*load->signoffs),
		      compare_signoffs);
	return err;
}
