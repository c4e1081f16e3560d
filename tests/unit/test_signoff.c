/*
 * test_signoff.c - sign-offs bound to the evidence: the digest (stable
 * across row order, line endings and unrelated edits; changed by any
 * signed field), signoffs.csv's rows, and the rules that judge them
 * (judge/signoff_check.h), each with its expected message.
 */
#include "centre_texts.h"
#include "check.h"

#include "base/buf.h"
#include "read/model.h"
#include "base/date.h"
#include "judge/claims.h"
#include "judge/digest.h"
#include "judge/signoff_check.h"
#include "judge/xref.h"

#include <nettle/base64.h>
#include <nettle/eddsa.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>

static struct model model;
static struct diag_list diags;
static struct xref x;

static const char *const unit_t =
	"---\nid: t\ntitle: T\nmethods: O Q PD\n---\n"
	"## 1 Do\n- 1.1 Do a thing\n- 1.2 Do another\n";

static const char *const unit_u =
	"---\nid: u\ntitle: U\n---\n## 1 Do\n- 1.1 Do\n";

static const char *const learners =
	"learner,name,assessor,units\n"
	"l1,Amy Bell,KM,t u\n"
	"l2,Ben Cole,SP,t\n";

static const char *const assessors =
	"initials,name,role,risk,countersign_by\n"
	"KM,Karen Moss,assessor,low,\n"
	"SP,Sunita Patel,assessor,high,KM\n"
	"LT,Lorna Tate,iqa,,\n";

/* l1's t complete (1.2 observed on 2026-03-02), l2's t complete too. */
static const char *const log_a =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
	"l1,t,O/1,2026-03-01,O,1.1,,Did it,KM\n"
	"l1,t,O/2,2026-03-02,O,1.2,,\"Did it\r\nagain\",KM\n"
	"l2,t,O/1,2026-03-01,O,1.1 1.2,,Both,SP\n";

static void cleanup(void)
{
	xref_free(&x);
	memset(&x, 0, sizeof(x));
	model_free(&model);
	diag_list_free(&diags);
}

/* The centre with these evidence logs and sign-offs (NULL: none). */
static void load(const char *evidence, const char *more_evidence,
		 const char *signoffs)
{
	struct model_paths paths = { .today = "2026-06-30" };

	cleanup();
	centre_reset();
	write_file("units/t.md", unit_t);
	write_file("units/u.md", unit_u);
	write_file("learners.csv", learners);
	write_file("assessors.csv", assessors);
	write_file("evidence/a.csv", evidence);
	if (more_evidence)
		write_file("evidence/b.csv", more_evidence);
	if (signoffs)
		write_file("signoffs.csv", signoffs);
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	xref_build(&x, &model);
	signoff_check(&x, &model, &diags);
}

static const struct portfolio *portfolio(const char *learner, const char *unit)
{
	const struct learner *l = model_find_learner(&model, learner);

	for (size_t i = 0; l && i < x.count[l->index]; i++)
		if (strcmp(x.portfolios[x.first[l->index] + i].unit->id, unit) == 0)
			return &x.portfolios[x.first[l->index] + i];
	return NULL;
}

/* The digest of learner's unit in the centre of these logs. */
static void digest_of(const char *evidence, const char *more,
		      const char *learner, const char *unit,
		      char out[SIGNOFF_DIGEST_SIZE])
{
	load(evidence, more, NULL);
	CHECK_INT(diags.errors, 0);
	digest_portfolio(portfolio(learner, unit), out);
}

static void check_messages(const char *expected)
{
	char *got = centre_messages(&diags);

	CHECK_STR(got, expected);
	free(got);
}

/* "sha256:" and the hex of text's SHA-256, computed here with nettle. */
static const char *sha256_hex(const struct buf *text)
{
	static char out[SIGNOFF_DIGEST_SIZE];
	uint8_t sum[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, text->len, (const uint8_t *)text->data);
	sha256_digest(&ctx, sizeof(sum), sum);
	strcpy(out, "sha256:");
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", sum[i]);
	return out;
}

static void the_digest_is_its_text_hashed(void)
{
	struct buf text = BUF_INIT;
	char d[SIGNOFF_DIGEST_SIZE];

	load(log_a, NULL, NULL);
	digest_text(portfolio("l1", "t"), &text);
	CHECK_STR(buf_cstr(&text),
		  "folio sign-off digest 1\n"
		  "unit\tt\n"
		  "criterion\t1.1\t-\tDo a thing\n"
		  "criterion\t1.2\t-\tDo another\n"
		  "row\tO/1\t2026-03-01\tO\t1.1\t\tKM\tDid it\n"
		  "row\tO/2\t2026-03-02\tO\t1.2\t\tKM\tDid it\\nagain\n");
	digest_portfolio(portfolio("l1", "t"), d);
	CHECK_INT(strlen(d), 71);
	CHECK(strncmp(d, "sha256:", 7) == 0);
	CHECK_STR(d, sha256_hex(&text));
	buf_free(&text);
}

/* With the units' part hashed once (digest_prepare, as judging does) and
 * without, every portfolio's digest is the same, and its text's. */
static void the_digest_goes_on_from_its_units_part(void)
{
	char alone[SIGNOFF_DIGEST_SIZE], prepared[SIGNOFF_DIGEST_SIZE];

	load(log_a, NULL, NULL);
	for (size_t i = 0; i < x.nportfolios; i++) {
		struct buf text = BUF_INIT;

		CHECK(x.portfolios[i].digest_unit == NULL);
		digest_portfolio(&x.portfolios[i], alone);
		digest_text(&x.portfolios[i], &text);
		CHECK_STR(alone, sha256_hex(&text));
		buf_free(&text);
	}
	digest_prepare(&x, &model);
	CHECK_INT(x.nportfolios, 3);
	for (size_t i = 0; i < x.nportfolios; i++) {
		struct buf text = BUF_INIT;

		CHECK(x.portfolios[i].digest_unit != NULL);
		digest_portfolio(&x.portfolios[i], prepared);
		digest_text(&x.portfolios[i], &text);
		CHECK_STR(prepared, sha256_hex(&text));
		buf_free(&text);
	}
	/* l1's t and l2's t share their unit's part. */
	CHECK(portfolio("l1", "t")->digest_unit ==
	      portfolio("l2", "t")->digest_unit);
	CHECK(portfolio("l1", "t")->digest_unit !=
	      portfolio("l1", "u")->digest_unit);
}

static void the_digest_ignores_order_endings_and_the_unrelated(void)
{
	char base[SIGNOFF_DIGEST_SIZE], other[SIGNOFF_DIGEST_SIZE];

	digest_of(log_a, NULL, "l1", "t", base);
	/* The rows in another order, split over two files, LF endings. */
	digest_of("learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		  "l2,t,O/1,2026-03-01,O,1.1 1.2,,Both,SP\n"
		  "l1,t,O/2,2026-03-02,O,1.2,,\"Did it\nagain\",KM\n",
		  "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		  "l1,t,O/1,2026-03-01,O,1.1,,Did it,KM\n", "l1", "t", other);
	CHECK_STR(other, base);
	/* Another learner's rows, another unit's, a row that does not count
	 * (PD is allowed, so use a method the unit does not allow). */
	digest_of("learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		  "l1,t,O/1,2026-03-01,O,1.1,,Did it,KM\n"
		  "l1,t,O/2,2026-03-02,O,1.2,,\"Did it\r\nagain\",KM\n"
		  "l1,u,O/1,2026-03-03,O,1.1,,Elsewhere,KM\n"
		  "l2,t,O/1,2026-03-05,O,1.1 1.2,,Changed,SP\n"
		  "l1,t,WT/1,2026-03-04,WT,1.1,,Not allowed,KM\n",
		  NULL, "l1", "t", other);
	CHECK_STR(other, base);
}

static void the_digest_changes_with_any_signed_field(void)
{
	static const char *const rows[] = {
		"l1,t,O/9,2026-03-01,O,1.1,,Did it,KM\n",       /* ref */
		"l1,t,O/1,2026-03-03,O,1.1,,Did it,KM\n",       /* date */
		"l1,t,O/1,2026-03-01,Q,1.1,,Did it,KM\n",       /* method */
		"l1,t,O/1,2026-03-01,O,1.1 1.2,,Did it,KM\n",   /* criteria */
		"l1,t,O/1,2026-03-01,O,1.1,,Did it.,KM\n",      /* summary */
		"l1,t,O/1,2026-03-01,O,1.1,,Did it,SP\n",       /* assessor */
	};
	char base[SIGNOFF_DIGEST_SIZE], other[SIGNOFF_DIGEST_SIZE];
	char log[512];

	digest_of(log_a, NULL, "l1", "t", base);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(log, sizeof(log), "%s%s%s",
			 "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n",
			 rows[i],
			 "l1,t,O/2,2026-03-02,O,1.2,,\"Did it\r\nagain\",KM\n");
		digest_of(log, NULL, "l1", "t", other);
		if (strcmp(other, base) == 0)
			printf("  row %zu did not change the digest\n", i);
		CHECK(strcmp(other, base) != 0);
	}
	/* The unit's criteria are signed too. */
	load(log_a, NULL, NULL);
	write_file("units/t.md", "---\nid: t\ntitle: T\nmethods: O Q PD\n---\n"
		   "## 1 Do\n- 1.1 Do a thing well\n- 1.2 Do another\n");
	{
		struct model_paths paths = { .today = "2026-06-30" };

		cleanup();
		centre_use(&paths);
		model_load(&model, &paths, &diags);
		xref_build(&x, &model);
		digest_portfolio(portfolio("l1", "t"), other);
		CHECK(strcmp(other, base) != 0);
	}
}

/* signoffs.csv's header, and rows of d (a digest) for l1's t. */
#define SIGNOFFS "learner,unit,role,who,date,digest\n"
#define SIGNOFFS_SIGNED "learner,unit,role,who,date,digest,signature\n"

static char *rows(const char *fmt, const char *digest)
{
	struct buf out = BUF_INIT;

	buf_puts(&out, SIGNOFFS);
	buf_printf(&out, fmt, digest, digest, digest, digest);
	return buf_detach(&out);
}

static void signed_by_assessor_and_learner_is_signed_off(void)
{
	char d[SIGNOFF_DIGEST_SIZE];
	char *csv;
	const struct portfolio *p;

	digest_of(log_a, NULL, "l1", "t", d);
	csv = rows("l1,t,assessor,km,2026-03-05,%s\n"
		   "l1,t,learner,Amy Bell,2026-03-06,%s\n", d);
	load(log_a, NULL, csv);
	check_messages("");
	p = portfolio("l1", "t");
	CHECK_INT(p->status, XREF_SIGNED_OFF);
	CHECK_INT(p->nsignoffs, 2);
	CHECK_INT(p->awaiting, 0);
	CHECK_STR(xref_status_name(p->status), "signed-off");
	free(csv);
	/* Only the assessor: complete, awaiting the learner. */
	csv = rows("l1,t,assessor,KM,2026-03-05,%s\n", d);
	load(log_a, NULL, csv);
	check_messages("");
	p = portfolio("l1", "t");
	CHECK_INT(p->status, XREF_COMPLETE);
	CHECK_INT(p->awaiting, 1u << ROLE_LEARNER);
	free(csv);
}

static void a_later_edit_is_caught_at_its_line(void)
{
	char d[SIGNOFF_DIGEST_SIZE], now[SIGNOFF_DIGEST_SIZE];
	char *csv, expected[1024];

	digest_of(log_a, NULL, "l1", "t", d);
	csv = rows("l1,t,assessor,KM,2026-03-05,%s\n"
		   "l1,t,learner,l1,2026-03-06,%s\n", d);
	/* A row added after the sign-off. */
	digest_of(log_a, "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		  "l1,t,Q/1,2026-04-01,Q,1.1,,Asked,KM\n", "l1", "t", now);
	load(log_a, "learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
	     "l1,t,Q/1,2026-04-01,Q,1.1,,Asked,KM\n", csv);
	snprintf(expected, sizeof(expected),
		 "centre/signoffs.csv:2: error: l1 t: the evidence changed after "
		 "the assessor signed on 2026-03-05: rows dated after it: Q/1; the "
		 "portfolio's digest is now %s: sign it again\n"
		 "centre/signoffs.csv:3: error: l1 t: the evidence changed after "
		 "the learner signed on 2026-03-06: rows dated after it: Q/1; the "
		 "portfolio's digest is now %s: sign it again\n", now, now);
	check_messages(expected);
	CHECK_INT(portfolio("l1", "t")->status, XREF_COMPLETE);
	/* A row before it edited. */
	load("learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
	     "l1,t,O/1,2026-03-01,O,1.1,,Did it!,KM\n"
	     "l1,t,O/2,2026-03-02,O,1.2,,\"Did it\r\nagain\",KM\n", NULL, csv);
	CHECK_INT(diags.errors, 2);
	CHECK(diags.count && strstr(diags.items[0].message, "a row dated on or "
				    "before it, or the unit's criteria, changed "
				    "since") != NULL);
	free(csv);
}

static void incomplete_early_and_future_sign_offs_do_not_hold(void)
{
	static const char *const half =
		"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		"l1,t,O/1,2026-03-01,O,1.1,,Did it,KM\n";
	char d[SIGNOFF_DIGEST_SIZE];
	char *csv;

	digest_of(half, NULL, "l1", "t", d);
	csv = rows("l1,t,assessor,KM,2026-03-05,%s\n", d);
	load(half, NULL, csv);
	check_messages("centre/signoffs.csv:2: error: l1 t: the assessor signed "
		       "on 2026-03-05, but the portfolio is not complete (1 of 2 "
		       "criteria met, 1 gap)\n");
	free(csv);
	digest_of(log_a, NULL, "l1", "t", d);
	csv = rows("l1,t,assessor,KM,2026-03-01,%s\n"
		   "l1,t,learner,l1,2026-07-01,%s\n", d);
	load(log_a, NULL, csv);
	check_messages("centre/signoffs.csv:2: error: l1 t: the assessor signed "
		       "on 2026-03-01, before the evidence it covers: O/2 is "
		       "dated 2026-03-02\n"
		       "centre/signoffs.csv:3: warning: l1 t: the learner's "
		       "sign-off is dated 2026-07-01, after today (2026-06-30): "
		       "it does not count until then\n");
	CHECK_INT(portfolio("l1", "t")->status, XREF_COMPLETE);
	free(csv);
}

static void an_unqualified_assessor_needs_a_countersignature(void)
{
	char d[SIGNOFF_DIGEST_SIZE];
	char *csv;
	const struct portfolio *p;

	digest_of(log_a, NULL, "l2", "t", d);
	csv = rows("l2,t,assessor,SP,2026-03-05,%s\n"
		   "l2,t,learner,l2,2026-03-05,%s\n", d);
	load(log_a, NULL, csv);
	check_messages("");
	p = portfolio("l2", "t");
	CHECK_INT(p->status, XREF_COMPLETE);
	CHECK_INT(p->awaiting, 1u << ROLE_COUNTERSIGN);
	free(csv);
	csv = rows("l2,t,assessor,SP,2026-03-05,%s\n"
		   "l2,t,learner,l2,2026-03-05,%s\n"
		   "l2,t,countersign,LT,2026-03-06,%s\n", d);
	load(log_a, NULL, csv);
	check_messages("centre/signoffs.csv:4: error: l2 t: `LT` countersigned, "
		       "but centre/assessors.csv names `KM` to countersign SP's "
		       "decisions\n");
	free(csv);
	csv = rows("l2,t,assessor,SP,2026-03-05,%s\n"
		   "l2,t,learner,l2,2026-03-05,%s\n"
		   "l2,t,countersign,KM,2026-03-06,%s\n", d);
	load(log_a, NULL, csv);
	check_messages("");
	CHECK_INT(portfolio("l2", "t")->status, XREF_SIGNED_OFF);
	free(csv);
}

static void a_later_sign_off_supersedes_an_earlier_one(void)
{
	char old[SIGNOFF_DIGEST_SIZE], d[SIGNOFF_DIGEST_SIZE];
	struct buf csv = BUF_INIT;

	digest_of("learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
		  "l1,t,O/1,2026-03-01,O,1.1 1.2,,Did it,KM\n", NULL, "l1", "t", old);
	digest_of(log_a, NULL, "l1", "t", d);
	buf_printf(&csv, SIGNOFFS "l1,t,assessor,KM,2026-03-01,%s\n"
		   "l1,t,assessor,KM,2026-03-09,%s\n"
		   "l1,t,learner,l1,2026-03-09,%s\n", old, d, d);
	load(log_a, NULL, buf_cstr(&csv));
	check_messages("");
	CHECK_INT(portfolio("l1", "t")->status, XREF_SIGNED_OFF);
	CHECK_INT(portfolio("l1", "t")->signoffs[0].row->line, 3);
	buf_free(&csv);
}

static void bad_rows_are_located_errors(void)
{
	char d[SIGNOFF_DIGEST_SIZE];
	char *csv;

	digest_of(log_a, NULL, "l1", "t", d);
	csv = rows("l1,t,boss,KM,2026-03-05,%s\n"
		   "l1,t,assessor,ZZ,2026-03-05,%s\n"
		   "l1,t,iqa,KM,2026-03-05,%s\n"
		   "l1,t,learner,l2,2026-03-05,%s\n", d);
	load(log_a, NULL, csv);
	check_messages(
		"centre/signoffs.csv:2: error: `role` must be assessor, learner, "
		"iqa, countersign or employer, not `boss`\n"
		"centre/signoffs.csv:3: error: `ZZ` is not listed in "
		"centre/assessors.csv\n"
		"centre/signoffs.csv:4: error: `KM` signs as an IQA but is not one "
		"in centre/assessors.csv\n"
		"centre/signoffs.csv:5: error: a learner's declaration is the "
		"learner's own: `who` is `l1` (or their name), not `l2`\n");
	free(csv);
	load(log_a, NULL, SIGNOFFS
	     "l1,t,assessor,KM,2026-03-05,sha256:abc\n"
	     "ghost,t,assessor,KM,2026-03-05,sha256:abc\n"
	     "l2,u,assessor,KM,2026-03-05,"
	     "sha256:0000000000000000000000000000000000000000000000000000000000000000\n");
	check_messages(
		"centre/signoffs.csv:2: error: `digest` must be sha256: and 64 hex "
		"digits, as `folio digest LEARNER UNIT` prints it, not "
		"`sha256:abc`\n"
		"centre/signoffs.csv:3: error: unknown learner `ghost`\n"
		"centre/signoffs.csv:3: error: `digest` must be sha256: and 64 hex "
		"digits, as `folio digest LEARNER UNIT` prints it, not "
		"`sha256:abc`\n"
		"centre/signoffs.csv:4: error: l2 u: a sign-off of a portfolio "
		"there is not: the learner is not registered on unit u and has no "
		"evidence for it\n");
}

/* The centre as it stands in the texts, judged again. */
static void reload(void)
{
	struct model_paths paths = { .today = "2026-06-30" };

	cleanup();
	centre_use(&paths);
	model_load(&model, &paths, &diags);
	xref_build(&x, &model);
	signoff_check(&x, &model, &diags);
}

static void folio_yml_names_the_roles(void)
{
	char d[SIGNOFF_DIGEST_SIZE];
	char *csv;

	digest_of(log_a, NULL, "l1", "t", d);
	write_file("folio.yml", "signoff: [assessor, learner, iqa]\n");
	csv = rows("l1,t,assessor,KM,2026-03-05,%s\n"
		   "l1,t,learner,l1,2026-03-06,%s\n", d);
	write_file("signoffs.csv", csv);
	reload();
	CHECK_INT(portfolio("l1", "t")->status, XREF_COMPLETE);
	CHECK_INT(portfolio("l1", "t")->awaiting, 1u << ROLE_IQA);
	free(csv);
	write_file("folio.yml", "signoff: [learner, boss]\n");
	reload();
	check_messages("centre/folio.yml:1: error: `signoff`: `boss` is not a "
		       "role a sign-off can need (assessor, learner, iqa, "
		       "employer; countersigning is set per assessor in "
		       "assessors.csv)\n");
	CHECK_INT(model.config.signoff_roles, ROLE_SIGNOFF_DEFAULT);
}

static void claims_are_the_signed_off_and_may_wait_for_the_iqa(void)
{
	char d1[SIGNOFF_DIGEST_SIZE], d2[SIGNOFF_DIGEST_SIZE];
	struct buf csv = BUF_INIT;
	struct claims c;
	int32_t completed, signed_off;

	digest_of(log_a, NULL, "l1", "t", d1);
	digest_of(log_a, NULL, "l2", "t", d2);
	/* l1's t signed off; l2's t only by its assessor (and SP's
	 * decisions need KM's countersignature): not claimable. */
	buf_printf(&csv, SIGNOFFS "l1,t,assessor,KM,2026-03-05,%s\n"
		   "l1,t,learner,l1,2026-03-06,%s\n"
		   "l2,t,assessor,SP,2026-03-05,%s\n", d1, d1, d2);
	load(log_a, NULL, buf_cstr(&csv));
	check_messages("");
	claims_list(&c, &model, &x);
	CHECK_INT(c.count, 1);
	CHECK_STR(c.count ? c.items[0].portfolio->learner->id : "", "l1");
	date_from_ymd(2026, 3, 2, &completed);
	date_from_ymd(2026, 3, 6, &signed_off);
	CHECK_INT(c.count ? c.items[0].completed : 0, completed);
	CHECK_INT(c.count ? c.items[0].signed_off : 0, signed_off);
	CHECK_INT(c.awaiting_sample, 0);
	claims_free(&c);
	/* Waiting for an agreed summative sample: interim, then referred,
	 * do not do; agreed does. */
	write_file("folio.yml", "claims: {summative_sample: true}\n");
	write_file("iqa.csv", "learner,unit,date,iqa,kind,decision,action\n"
		   "l1,t,2026-03-10,LT,interim,agreed,\n");
	reload();
	claims_list(&c, &model, &x);
	CHECK_INT(c.count, 0);
	CHECK_INT(c.awaiting_sample, 1);
	claims_free(&c);
	write_file("iqa.csv", "learner,unit,date,iqa,kind,decision,action\n"
		   "l1,t,2026-03-10,LT,summative,referred,Check O/2\n");
	reload();
	claims_list(&c, &model, &x);
	CHECK_INT(c.count, 0);
	claims_free(&c);
	write_file("iqa.csv", "learner,unit,date,iqa,kind,decision,action\n"
		   "l1,t,2026-03-10,LT,summative,referred,Check O/2\n"
		   "l1,t,2026-03-12,LT,summative,agreed,\n");
	reload();
	claims_list(&c, &model, &x);
	CHECK_INT(c.count, 1);
	CHECK_STR(c.count && c.items[0].sample ? c.items[0].sample->iqa : "", "LT");
	claims_free(&c);
	buf_free(&csv);
}

/* Keys made from a fixed private key of 32 bytes of c, for the tests. */
static void key_of(uint8_t c, uint8_t priv[ROLE_PUBLIC_KEY_SIZE],
		   uint8_t pub[ROLE_PUBLIC_KEY_SIZE])
{
	memset(priv, c, ROLE_PUBLIC_KEY_SIZE);
	ed25519_sha512_public_key(pub, priv);
}

/* n bytes in base64, into a static buffer of each call's own slot. */
static const char *b64(const uint8_t *bytes, size_t n)
{
	static char slots[4][BASE64_ENCODE_RAW_LENGTH(ROLE_SIGNATURE_SIZE) + 1];
	static size_t next;
	char *out = slots[next++ % 4];

	base64_encode_raw(out, n, bytes);
	out[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
	return out;
}

/* The signature, in base64, of the statement of this declaration. */
static const char *sign(uint8_t c, const char *learner, const char *unit,
			enum role role, const char *who, const char *date,
			const char *digest)
{
	uint8_t priv[ROLE_PUBLIC_KEY_SIZE], pub[ROLE_PUBLIC_KEY_SIZE];
	uint8_t sig[ROLE_SIGNATURE_SIZE];
	struct buf text = BUF_INIT;
	int32_t day;

	key_of(c, priv, pub);
	CHECK_INT(date_parse(date, &day), 0);
	digest_statement(learner, unit, role, who, day, digest, &text);
	ed25519_sha512_sign(pub, priv, text.len, (const uint8_t *)buf_cstr(&text),
			    sig);
	buf_free(&text);
	return b64(sig, sizeof(sig));
}

static void signatures_are_checked_against_the_signers_keys(void)
{
	uint8_t priv[ROLE_PUBLIC_KEY_SIZE], km[ROLE_PUBLIC_KEY_SIZE];
	uint8_t amy[ROLE_PUBLIC_KEY_SIZE];
	char d[SIGNOFF_DIGEST_SIZE], d2[SIGNOFF_DIGEST_SIZE];
	struct buf csv = BUF_INIT, people = BUF_INIT;
	const struct xref_signoff *s;

	key_of(1, priv, km);
	key_of(2, priv, amy);
	digest_of(log_a, NULL, "l2", "t", d2);
	digest_of(log_a, NULL, "l1", "t", d);
	buf_printf(&people, "initials,name,role,risk,public_key\n"
		   "KM,Karen Moss,assessor,low,%s\n"
		   "SP,Sunita Patel,assessor,high,\n", b64(km, sizeof(km)));
	write_file("assessors.csv", buf_cstr(&people));
	buf_truncate(&people, 0);
	buf_printf(&people, "learner,name,assessor,units,public_key\n"
		   "l1,Amy Bell,KM,t u,%s\n"
		   "l2,Ben Cole,SP,t,not-base64\n", b64(amy, sizeof(amy)));
	write_file("learners.csv", buf_cstr(&people));
	/* Good signatures by KM and the learner: both hold, verified. */
	buf_printf(&csv, SIGNOFFS_SIGNED
		   "l1,t,assessor,KM,2026-04-01,%s,%s\n", d,
		   sign(1, "l1", "t", ROLE_ASSESSOR, "KM", "2026-04-01", d));
	buf_printf(&csv, "l1,t,learner,l1,2026-04-02,%s,%s\n", d,
		   sign(2, "l1", "t", ROLE_LEARNER, "l1", "2026-04-02", d));
	write_file("signoffs.csv", buf_cstr(&csv));
	reload();
	check_messages("centre/learners.csv:3: error: `public_key` must be 32 "
		       "bytes in base64 (44 characters, as `base64 -w0` writes "
		       "them), not `not-base64`\n");
	CHECK_INT(portfolio("l1", "t")->status, XREF_SIGNED_OFF);
	s = signoff_check_find(portfolio("l1", "t"), ROLE_LEARNER);
	CHECK(s && s->holds && s->signature_verified);
	/* Signed by another key; over another date than the row's; by SP,
	 * who has no key; an employer's; a signature that is not one. */
	buf_truncate(&csv, 0);
	buf_printf(&csv, SIGNOFFS_SIGNED
		   "l1,t,assessor,KM,2026-04-01,%s,%s\n", d,
		   sign(3, "l1", "t", ROLE_ASSESSOR, "KM", "2026-04-01", d));
	buf_printf(&csv, "l1,t,learner,l1,2026-04-02,%s,%s\n", d,
		   sign(2, "l1", "t", ROLE_LEARNER, "l1", "2026-04-03", d));
	buf_printf(&csv, "l2,t,assessor,SP,2026-04-01,%s,%s\n", d2,
		   sign(1, "l2", "t", ROLE_ASSESSOR, "SP", "2026-04-01", d2));
	buf_printf(&csv, "l2,t,employer,Jo Hart,2026-04-01,%s,%s\n", d2,
		   sign(1, "l2", "t", ROLE_EMPLOYER, "Jo Hart", "2026-04-01", d2));
	buf_printf(&csv, "l2,t,learner,l2,2026-04-01,%s,abc=\n", d2);
	/* A long wrong value is quoted in part, cut between characters. */
	buf_printf(&csv, "l2,t,learner,l2,2026-04-02,%s,"
		   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9+\xC3\xA9\xC3\xA9\n",
		   d2);
	write_file("signoffs.csv", buf_cstr(&csv));
	reload();
	check_messages(
		"centre/learners.csv:3: error: `public_key` must be 32 bytes in "
		"base64 (44 characters, as `base64 -w0` writes them), not "
		"`not-base64`\n"
		"centre/signoffs.csv:2: error: l1 t: the assessor's signature does "
		"not verify against KM's public key (centre/assessors.csv:2): it "
		"was made with another key, or over another statement than this "
		"row's (`folio digest --statement` prints it)\n"
		"centre/signoffs.csv:3: error: l1 t: the learner's signature does "
		"not verify against l1's public key (centre/learners.csv:2): it "
		"was made with another key, or over another statement than this "
		"row's (`folio digest --statement` prints it)\n"
		"centre/signoffs.csv:4: error: l2 t: the assessor's declaration "
		"carries a signature, but SP has no `public_key` "
		"(centre/assessors.csv:3): list it, or leave `signature` empty\n"
		"centre/signoffs.csv:5: error: l2 t: the employer's declaration "
		"carries a signature, but no list gives employers' public keys, so "
		"it cannot be checked: leave `signature` empty\n"
		"centre/signoffs.csv:6: error: `signature` must be 64 bytes in "
		"base64 (88 characters, as `base64 -w0` writes them), not `abc=`\n"
		"centre/signoffs.csv:7: error: `signature` must be 64 bytes in "
		"base64 (88 characters, as `base64 -w0` writes them), not "
		"`\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9+...`\n");
	CHECK_INT(portfolio("l1", "t")->status, XREF_COMPLETE);
	s = signoff_check_find(portfolio("l1", "t"), ROLE_ASSESSOR);
	CHECK(s && !s->holds && !s->signature_verified);
	buf_free(&csv);
	buf_free(&people);
	write_file("assessors.csv", assessors);
	write_file("learners.csv", learners);
}

int main(void)
{
	RUN(the_digest_is_its_text_hashed);
	RUN(the_digest_goes_on_from_its_units_part);
	RUN(the_digest_ignores_order_endings_and_the_unrelated);
	RUN(the_digest_changes_with_any_signed_field);
	RUN(signed_by_assessor_and_learner_is_signed_off);
	RUN(a_later_edit_is_caught_at_its_line);
	RUN(incomplete_early_and_future_sign_offs_do_not_hold);
	RUN(an_unqualified_assessor_needs_a_countersignature);
	RUN(a_later_sign_off_supersedes_an_earlier_one);
	RUN(bad_rows_are_located_errors);
	RUN(folio_yml_names_the_roles);
	RUN(claims_are_the_signed_off_and_may_wait_for_the_iqa);
	RUN(signatures_are_checked_against_the_signers_keys);
	cleanup();
	centre_reset();
	return check_summary();
}
