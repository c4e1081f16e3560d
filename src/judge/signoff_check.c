/*
 * signoff_check.c - judging the declarations against the portfolios (see
 * signoff_check.h).
 */
#include "judge/signoff_check.h"
#include "base/buf.h"
#include "base/date.h"
#include "read/assessor.h"
#include "read/learner.h"
#include "judge/digest.h"

#include <string.h>
#include <strings.h>

/* The refs of p's counting rows dated after day, as "O/5, Q2". */
static void rows_after(const struct portfolio *p, int32_t day, struct buf *out)
{
	for (size_t i = 0; i < p->nrows; i++)
		if (xref_row_counting(p->rows[i]) && p->rows[i]->date > day)
			buf_printf(out, "%s%s", out->len ? ", " : "",
				   p->rows[i]->ref);
}

struct judging {
	struct xref *x;
	const struct model *m;
	struct diag_list *diags;
	struct arena *arena;
};

/*
 * What is wrong with s's signature, into why, or nothing when it has none
 * or it verifies (*verified).  The key is the signer's: the learner's in
 * learners.csv, the assessor's or IQA's in assessors.csv; an employer has
 * none.
 */
static void signature_problem(const struct portfolio *p,
			      const struct signoff *s, const char *role,
			      struct buf *why, bool *verified)
{
	const uint8_t *key = NULL;
	const char *whose = s->who, *file = NULL;
	int line = 0;

	*verified = false;
	if (!s->has_signature)
		return;
	if (s->role == ROLE_LEARNER) {
		whose = p->learner->id;
		file = p->learner->file;
		line = p->learner->line;
		key = p->learner->has_public_key ? p->learner->public_key : NULL;
	} else if (s->person) {
		whose = s->person->initials;
		file = s->person->file;
		line = s->person->line;
		key = s->person->has_public_key ? s->person->public_key : NULL;
	}
	if (s->role == ROLE_EMPLOYER)
		buf_printf(why, "the employer's declaration carries a signature, "
			   "but no list gives employers' public keys, so it cannot "
			   "be checked: leave `signature` empty");
	else if (!key)
		buf_printf(why, "the %s's declaration carries a signature, but %s "
			   "has no `public_key` (%s:%d): list it, or leave "
			   "`signature` empty", role, whose, file, line);
	else if (!(*verified = digest_signature_verifies(s, key)))
		buf_printf(why, "the %s's signature does not verify against %s's "
			   "public key (%s:%d): it was made with another key, or "
			   "over another statement than this row's (`folio digest "
			   "--statement` prints it)", role, whose, file, line);
}

/* Why s does not hold on p, in words (also the diagnostic), or NULL;
 * *verified: whether its signature was checked good. */
static const char *problem(struct judging *j, const struct portfolio *p,
			   const struct signoff *s, const char *digest,
			   const struct xref_signoff *assessor, bool *warning,
			   bool *verified)
{
	const char *role = role_name(s->role);
	const struct evidence *last = xref_last_counting(p);
	struct buf why = BUF_INIT, after = BUF_INIT;
	char date[DATE_TEXT_SIZE], other[DATE_TEXT_SIZE];
	const char *text;

	*warning = false;
	date_format_in(s->date, j->m->config.date_style, date);
	signature_problem(p, s, role, &why, verified);
	if (why.len) {
		/* a signature that does not hold: nothing else matters */
	} else if (s->date > j->m->today) {
		*warning = true;
		buf_printf(&why, "the %s's sign-off is dated %s, after today (%s): "
			   "it does not count until then", role, date,
			   date_format_in(j->m->today, j->m->config.date_style,
					  other));
	} else if (strcmp(s->digest, digest) != 0) {
		rows_after(p, s->date, &after);
		buf_printf(&why, "the evidence changed after the %s signed on %s: ",
			   role, date);
		if (after.len)
			buf_printf(&why, "rows dated after it: %s", buf_cstr(&after));
		else
			buf_puts(&why, "a row dated on or before it, or the unit's "
				 "criteria, changed since");
		buf_printf(&why, "; the portfolio's digest is now %s: sign it "
			   "again", digest);
	} else if (!xref_complete(p)) {
		buf_printf(&why, "the %s signed on %s, but the portfolio is not "
			   "complete (%zu of %zu criteria met, %zu gap%s)", role,
			   date, p->met, p->total, p->ngaps,
			   p->ngaps == 1 ? "" : "s");
	} else if (last && last->date > s->date) {
		buf_printf(&why, "the %s signed on %s, before the evidence it "
			   "covers: %s is dated %s", role, date, last->ref,
			   date_format_in(last->date, j->m->config.date_style,
					  other));
	} else if (s->role == ROLE_COUNTERSIGN) {
		const struct assessor *by = assessor ? assessor->row->person
						     : NULL;

		if (by && by->countersign_by &&
		    strcasecmp(by->countersign_by, s->who) != 0)
			buf_printf(&why, "`%s` countersigned, but %s names `%s` to "
				   "countersign %s's decisions", s->who,
				   j->m->assessors_file, by->countersign_by,
				   by->initials);
	}
	text = why.len ? arena_strdup(j->arena, buf_cstr(&why)) : NULL;
	buf_free(&why);
	buf_free(&after);
	return text;
}

/* The roles p needs: folio.yml's, and countersign when its assessor's
 * declaration is by someone whose decisions are countersigned. */
static unsigned needed(const struct model *m, const struct xref_signoff *assessor)
{
	unsigned roles = m->config.signoff_roles;

	if (assessor && assessor->row->person &&
	    assessor->row->person->countersign_by)
		roles |= 1u << ROLE_COUNTERSIGN;
	return roles;
}

/* Judges rows[0..n), the declarations on p, latest last in each role. */
static void judge_portfolio(struct judging *j, struct portfolio *p,
			    const struct signoff *rows, size_t n)
{
	char digest[SIGNOFF_DIGEST_SIZE];
	struct xref_signoff *assessor = NULL;
	unsigned held = 0;

	digest_portfolio(p, digest);
	p->signoffs = arena_alloc(j->arena, ROLE_COUNT * sizeof(*p->signoffs));
	for (size_t i = 0; i < n; i++) {
		struct xref_signoff *out;
		bool warning;

		if (i + 1 < n && rows[i + 1].role == rows[i].role)
			continue;   /* superseded by a later one */
		out = &p->signoffs[p->nsignoffs++];
		out->row = &rows[i];
		out->problem = problem(j, p, &rows[i], digest, assessor, &warning,
				       &out->signature_verified);
		out->holds = !out->problem;
		if (rows[i].role == ROLE_ASSESSOR)
			assessor = out;
		if (out->holds)
			held |= 1u << rows[i].role;
		else if (warning)
			diag_warning(j->diags, rows[i].file, rows[i].line, 0,
				     "%s %s: %s", p->learner->id, p->unit->id,
				     out->problem);
		else
			diag_error(j->diags, rows[i].file, rows[i].line, 0,
				   "%s %s: %s", p->learner->id, p->unit->id,
				   out->problem);
	}
	p->awaiting = xref_complete(p) ? needed(j->m, assessor) & ~held : 0;
	if (p->status == XREF_COMPLETE && !p->awaiting)
		p->status = XREF_SIGNED_OFF;
}

const struct xref_signoff *signoff_check_find(const struct portfolio *p,
					      enum role role)
{
	for (size_t i = 0; i < p->nsignoffs; i++)
		if (p->signoffs[i].row->role == role)
			return &p->signoffs[i];
	return NULL;
}

int32_t signoff_check_signed_on(const struct portfolio *p)
{
	int32_t day = 0;

	for (size_t i = 0; i < p->nsignoffs; i++)
		if (p->signoffs[i].holds && p->signoffs[i].row->date > day)
			day = p->signoffs[i].row->date;
	return day;
}

void signoff_check(struct xref *x, const struct model *m,
		   struct diag_list *diags)
{
	struct judging j = { x, m, diags, x->arenas[0] };
	size_t i = 0;

	for (size_t k = 0; k < x->nportfolios; k++)
		x->portfolios[k].awaiting = xref_complete(&x->portfolios[k]) ?
			needed(m, NULL) : 0;
	while (i < m->nsignoffs) {
		const struct signoff *s = &m->signoffs[i];
		size_t n = 1;
		struct portfolio *p;

		while (i + n < m->nsignoffs && s[n].learner == s->learner &&
		       s[n].unit == s->unit)
			n++;
		diag_list_about(diags, s->learner->id, s->unit->id);
		p = xref_find(x, s->learner, s->unit);
		if (p)
			judge_portfolio(&j, p, s, n);
		else
			diag_error(diags, s->file, s->line, 0,
				   "%s %s: a sign-off of a portfolio there is "
				   "not: the learner is not registered on unit %s "
				   "and has no evidence for it", s->learner->id,
				   s->unit->id, s->unit->id);
		i += n;
	}
	diag_list_about(diags, NULL, NULL);
}
