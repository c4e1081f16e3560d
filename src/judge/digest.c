/*
 * digest.c - the sign-off digest, and the statement a signature signs
 * (see digest.h).
 *
 * The text is lines of tab-separated fields, the first naming the line's
 * kind.  In a field a backslash, tab and line break are written \\, \t
 * and \n, and a carriage return before a line break is dropped (a file
 * checked out with CRLF endings signs the same), so that no field can
 * reach into the next.
 */
#include "judge/digest.h"
#include "base/date.h"
#include "base/mem.h"

#include <nettle/eddsa.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#define DIGEST_VERSION "folio sign-off digest 1"

static void field(struct buf *out, const char *s)
{
	buf_putc(out, '\t');
	while (s && *s) {
		size_t run = strcspn(s, "\\\t\n\r");   /* copied as it is */

		buf_put(out, s, run);
		s += run;
		if (!*s)
			break;
		if (*s == '\\')
			buf_puts(out, "\\\\");
		else if (*s == '\t')
			buf_puts(out, "\\t");
		else if (!(*s == '\r' && s[1] == '\n'))
			buf_puts(out, "\\n");
		s++;
	}
}

static int compare_ids(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * ids[0..n) in byte order, space-separated, as one field.  Ids are
 * letters, digits, '.', '_' and '-' (ident.h): nothing to escape.  A row
 * cites them in order as a rule, so they are sorted only when not.
 */
static void id_field(struct buf *out, const char **ids, size_t n)
{
	size_t i = 1;

	while (i < n && strcmp(ids[i - 1], ids[i]) <= 0)
		i++;
	if (i < n)
		qsort(ids, n, sizeof(*ids), compare_ids);
	buf_putc(out, '\t');
	for (i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ' ');
		buf_puts(out, ids[i]);
	}
}

/* Ids a row cites, unit criteria and requirements alike. */
#define ID_LIST(ids, list, n) \
	for (size_t i_ = 0; i_ < (n); i_++) \
		(ids)[i_] = (list)[i_]->id

static void row_line(struct buf *out, const struct evidence *e, const char ***ids,
		     size_t *cap)
{
	char date[DATE_ISO_SIZE];

	*ids = mem_array_grow(*ids, cap, e->ncriteria + e->nrequirements + 1,
			      sizeof(**ids));
	buf_puts(out, "row");
	field(out, e->ref);
	field(out, date_format(e->date, date));
	field(out, e->method);
	ID_LIST(*ids, e->criteria, e->ncriteria);
	id_field(out, *ids, e->ncriteria);
	ID_LIST(*ids, e->requirements, e->nrequirements);
	id_field(out, *ids, e->nrequirements);
	field(out, e->assessor);
	field(out, e->summary);
	buf_putc(out, '\n');
}

static int compare_rows(const void *a, const void *b)
{
	const struct evidence *x = *(const struct evidence *const *)a;
	const struct evidence *y = *(const struct evidence *const *)b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

/* The text's first part, which every portfolio on u shares. */
static void unit_text(const struct unit *u, struct buf *out)
{
	buf_puts(out, DIGEST_VERSION "\n");
	buf_puts(out, "unit");
	field(out, u->id);
	buf_putc(out, '\n');
	for (size_t i = 0; i < u->ncriteria; i++) {
		buf_puts(out, "criterion");
		field(out, u->criteria[i]->id);
		field(out, u->criteria[i]->observe ? "observe" : "-");
		field(out, u->criteria[i]->text);
		buf_putc(out, '\n');
	}
	for (size_t i = 0; i < u->nrequirements; i++) {
		buf_puts(out, "requirement");
		field(out, u->requirements[i]->id);
		field(out, u->requirements[i]->text);
		buf_putc(out, '\n');
	}
}

/* The rest: p's counting rows. */
static void rows_text(const struct portfolio *p, struct buf *out)
{
	const struct evidence **rows = mem_calloc(p->nrows + 1, sizeof(*rows));
	const char **ids = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < p->nrows; i++)
		if (xref_row_counting(p->rows[i]))
			rows[n++] = p->rows[i];
	/* A portfolio's rows come by date and ref (evidence_compare): sort
	 * only if they ever do not. */
	for (size_t i = 1; i < n; i++) {
		if (compare_rows(&rows[i - 1], &rows[i]) > 0) {
			qsort(rows, n, sizeof(*rows), compare_rows);
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		row_line(out, rows[i], &ids, &cap);
	free(ids);
	free(rows);
}

void digest_text(const struct portfolio *p, struct buf *out)
{
	unit_text(p->unit, out);
	rows_text(p, out);
}

/* The hash of unit_text(u), which a portfolio's digest goes on from. */
static void hash_unit(const struct unit *u, struct sha256_ctx *ctx)
{
	struct buf text = BUF_INIT;

	unit_text(u, &text);
	sha256_init(ctx);
	sha256_update(ctx, text.len, (const uint8_t *)buf_cstr(&text));
	buf_free(&text);
}

void digest_prepare(struct xref *x, const struct model *m)
{
	struct digest_unit *units;

	if (!x->nportfolios)
		return;
	units = arena_alloc(x->arenas[0], (m->nunits + 1) * sizeof(*units));
	for (size_t i = 0; i < m->nunits; i++)
		hash_unit(m->units[i], &units[i].sha);
	for (size_t i = 0; i < x->nportfolios; i++) {
		struct portfolio *p = &x->portfolios[i];
		size_t u = model_unit_index(m, p->unit);

		p->digest_unit = u < m->nunits ? &units[u] : NULL;
	}
}

void digest_portfolio(const struct portfolio *p, char out[SIGNOFF_DIGEST_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	struct buf text = BUF_INIT;
	struct sha256_ctx ctx;
	uint8_t sum[SHA256_DIGEST_SIZE];

	if (p->digest_unit)
		ctx = p->digest_unit->sha;
	else
		hash_unit(p->unit, &ctx);
	rows_text(p, &text);
	sha256_update(&ctx, text.len, (const uint8_t *)buf_cstr(&text));
	sha256_digest(&ctx, sizeof(sum), sum);
	buf_free(&text);
	memcpy(out, "sha256:", 7);
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[7 + 2 * i] = hex[sum[i] >> 4];
		out[8 + 2 * i] = hex[sum[i] & 15];
	}
	out[SIGNOFF_DIGEST_SIZE - 1] = '\0';
}

#define STATEMENT_VERSION "folio sign-off statement 1"

void digest_statement(const char *learner, const char *unit, enum role role,
		      const char *who, int32_t date, const char *digest,
		      struct buf *out)
{
	char day[DATE_ISO_SIZE];

	buf_puts(out, STATEMENT_VERSION "\nlearner");
	field(out, learner);
	buf_puts(out, "\nunit");
	field(out, unit);
	buf_puts(out, "\nrole");
	field(out, role_name(role));
	buf_puts(out, "\nwho");
	field(out, who);
	buf_puts(out, "\ndate");
	field(out, date_format(date, day));
	buf_puts(out, "\ndigest");
	field(out, digest);
	buf_putc(out, '\n');
}

bool digest_signature_verifies(const struct signoff *s,
			       const uint8_t key[ROLE_PUBLIC_KEY_SIZE])
{
	struct buf text = BUF_INIT;
	bool ok;

	digest_statement(s->learner->id, s->unit->id, s->role, s->who, s->date,
			 s->digest, &text);
	ok = ed25519_sha512_verify(key, text.len, (const uint8_t *)buf_cstr(&text),
				   s->signature) == 1;
	buf_free(&text);
	return ok;
}
