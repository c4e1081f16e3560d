/*
 * config.c - reading folio.yml (see config.h).
 */
#include "read/config.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/encoding.h"
#include "base/hours.h"
#include "base/fsutil.h"
#include "base/utf8.h"
#include "read/risk.h"
#include "read/role.h"
#include "read/ydoc.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct reading {
	struct config *config;
	struct arena *arena;
	struct diag_list *diags;
	size_t encodings_cap;       /* room in config->encodings */
};

static void read_string(struct reading *r, struct ydoc *y, yaml_node_t *value,
			const char *key, const char **out)
{
	const char *text;

	if (ydoc_text(y, value, key, &text))
		*out = arena_strdup(r->arena, text);
}


/* date_format: how the pages write dates (base/date.h). */
static void read_date_style(struct reading *r, struct ydoc *y,
			    yaml_node_t *value)
{
	const char *text;

	if (!ydoc_text(y, value, "date_format", &text))
		return;
	for (size_t i = 0; i < 3; i++)
		if (strcasecmp(text, date_style_names[i]) == 0) {
			r->config->date_style = (enum date_style)i;
			return;
		}
	diag_error(r->diags, y->file, ydoc_line(y, value), ydoc_column(value),
		   "date_format `%s` is none folio knows: write dd/mm/yyyy "
		   "(03/12/2026), d mmm yyyy (3 Dec 2026) or yyyy-mm-dd "
		   "(2026-12-03, the default)", text);
}

/* A date setting, such as today or otj.weekly_from: whether *out is set. */
static bool read_setting_date(struct reading *r, struct ydoc *y,
			      yaml_node_t *value, const char *key,
			      int32_t *out)
{
	const char *text;
	struct buf why = BUF_INIT;

	if (!ydoc_text(y, value, key, &text))
		return false;
	if (date_parse(text, out) == 0)
		return true;
	buf_printf(&why, "`%s`: ", key);
	date_explain(text, &why);
	diag_add(r->diags, DIAG_ERROR, y->file, ydoc_line(y, value),
		 ydoc_column(value), "not a date", buf_cstr(&why));
	buf_free(&why);
	return false;
}

static void read_path(struct ydoc *y, const char *key, yaml_node_t *key_node,
		      yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "units") == 0)
		read_string(r, y, value, key, &r->config->units);
	else if (strcmp(key, "learners") == 0)
		read_string(r, y, value, key, &r->config->learners);
	else if (strcmp(key, "evidence") == 0)
		read_string(r, y, value, key, &r->config->evidence);
	else if (strcmp(key, "assessors") == 0)
		read_string(r, y, value, key, &r->config->assessors);
	else if (strcmp(key, "iqa") == 0)
		read_string(r, y, value, key, &r->config->iqa);
	else if (strcmp(key, "signoffs") == 0)
		read_string(r, y, value, key, &r->config->signoffs);
	else if (strcmp(key, "qualifications") == 0)
		read_string(r, y, value, key, &r->config->qualifications);
	else if (strcmp(key, "otj") == 0)
		read_string(r, y, value, key, &r->config->otj_dir);
	else if (strcmp(key, "reviews") == 0)
		read_string(r, y, value, key, &r->config->reviews);
	else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in `paths` (known: units, learners, "
			     "qualifications, evidence, assessors, iqa, signoffs, otj, "
			     "reviews)", key);
}

static const char *encoding_name(struct reading *r, struct ydoc *y,
				 yaml_node_t *value)
{
	const char *name;

	if (!ydoc_text(y, value, "encoding", &name))
		return NULL;
	if (!encoding_known(name)) {
		diag_error(r->diags, y->file, ydoc_line(y, value), ydoc_column(value),
			   "unknown encoding `%s` (such as utf-8 or windows-1252)", name);
		return NULL;
	}
	return arena_strdup(r->arena, name);
}

static void read_pattern(struct ydoc *y, const char *key, yaml_node_t *key_node,
			 yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;
	struct config *c = r->config;
	const char *name = encoding_name(r, y, value);

	(void)key_node;
	if (!name)
		return;
	/* Doubling: growing by one copied the whole list for every pattern,
	 * which grew with the square of the patterns. */
	c->encodings = arena_grow(r->arena, c->encodings, &r->encodings_cap,
				  c->nencodings + 1, sizeof(*c->encodings));
	c->encodings[c->nencodings].pattern = arena_strdup(r->arena, key);
	c->encodings[c->nencodings].name = name;
	c->nencodings++;
}

static void read_encoding(struct reading *r, struct ydoc *y, yaml_node_t *value)
{
	if (value->type == YAML_MAPPING_NODE)
		ydoc_each_pair(y, value, "`encoding`", read_pattern, r);
	else
		r->config->encoding = encoding_name(r, y, value);
}

/* "50%" or 50: a whole percentage, 0 to 100; else -1. */
static int parse_percent(const char *text)
{
	int n = 0;
	size_t digits = 0;

	while (text[digits] >= '0' && text[digits] <= '9' && digits < 4)
		n = n * 10 + (text[digits++] - '0');
	if (digits == 0 || n > 100)
		return -1;
	if (text[digits] == '%')
		digits++;
	return text[digits] ? -1 : n;
}

/* A percentage setting into *out; example is one, such as "50%". */
static void read_percent(struct reading *r, struct ydoc *y, yaml_node_t *value,
			 const char *key, const char *example, int *out)
{
	const char *text;
	int percent;

	if (!ydoc_text(y, value, key, &text))
		return;
	percent = parse_percent(text);
	if (percent < 0) {
		diag_error(r->diags, y->file, ydoc_line(y, value), ydoc_column(value),
			   "`%s`: a percentage from 0%% to 100%%, such as %s", key,
			   example);
		return;
	}
	*out = percent;
}

static void read_sampling_key(struct ydoc *y, const char *key,
			      yaml_node_t *key_node, yaml_node_t *value,
			      void *ctx)
{
	struct reading *r = ctx;
	long seed;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "high") == 0)
		read_percent(r, y, value, "sampling.high", "50%",
			     &r->config->sampling_rate[RISK_HIGH]);
	else if (strcmp(key, "medium") == 0)
		read_percent(r, y, value, "sampling.medium", "50%",
			     &r->config->sampling_rate[RISK_MEDIUM]);
	else if (strcmp(key, "low") == 0)
		read_percent(r, y, value, "sampling.low", "50%",
			     &r->config->sampling_rate[RISK_LOW]);
	else if (strcmp(key, "seed") == 0) {
		if (ydoc_int(y, value, "sampling.seed", 0, LONG_MAX, &seed))
			r->config->sampling_seed = (uint64_t)seed;
	} else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in `sampling` (known: high, medium, "
			     "low, seed)", key);
}

const char *config_encoding_for(const struct config *c, const char *path)
{
	for (size_t i = 0; i < c->nencodings; i++)
		if (fnmatch(c->encodings[i].pattern, path, 0) == 0)
			return c->encodings[i].name;
	return c->encoding;
}

/* `signoff: [assessor, learner]`: the roles every portfolio's sign-off
 * needs (countersigning comes from assessors.csv). */
static void read_signoff_roles(struct reading *r, struct ydoc *y,
			       yaml_node_t *value)
{
	unsigned roles = 0;

	if (value->type != YAML_SEQUENCE_NODE) {
		diag_error(r->diags, y->file, ydoc_line(y, value),
			   ydoc_column(value), "`signoff` must be a list of "
			   "roles, such as [assessor, learner]");
		return;
	}
	for (yaml_node_item_t *i = value->data.sequence.items.start;
	     i < value->data.sequence.items.top; i++) {
		yaml_node_t *item = ydoc_node(y, *i);
		const char *name;
		enum role role;

		if (!ydoc_text(y, item, "signoff", &name))
			return;
		role = role_parse(name);
		if (role == ROLE_COUNT || role == ROLE_COUNTERSIGN) {
			diag_error(r->diags, y->file, ydoc_line(y, item),
				   ydoc_column(item), "`signoff`: `%s` is not a "
				   "role a sign-off can need (assessor, learner, "
				   "iqa, employer; countersigning is set per "
				   "assessor in assessors.csv)", name);
			return;
		}
		roles |= 1u << role;
	}
	if (!(roles & (1u << ROLE_ASSESSOR))) {
		diag_error(r->diags, y->file, ydoc_line(y, value),
			   ydoc_column(value), "`signoff` must name assessor: a "
			   "portfolio is signed off by its assessor first");
		return;
	}
	r->config->signoff_roles = roles;
}

static void read_claims_key(struct ydoc *y, const char *key,
			    yaml_node_t *key_node, yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "summative_sample") == 0)
		ydoc_bool(y, value, "claims.summative_sample",
			  &r->config->claims_summative_sample);
	else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in `claims` (known: "
			     "summative_sample)", key);
}


/* A quantity such as 5.6 or 30, with at most two decimals, in hundredths. */
static void read_setting_hours(struct reading *r, struct ydoc *y,
			       yaml_node_t *value, const char *key, long *out)
{
	const char *text;

	if (!ydoc_text(y, value, key, &text))
		return;
	if (hours_parse(text, out) != 0)
		diag_error(r->diags, y->file, ydoc_line(y, value),
			   ydoc_column(value), "`%s`: a number such as 6 or "
			   "5.6 (at most two decimals), not `%s`", key, text);
}

static void read_otj_key(struct ydoc *y, const char *key,
			 yaml_node_t *key_node, yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;
	struct config_otj *o = &r->config->otj;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "standard_from") == 0)
		read_setting_date(r, y, value, "otj.standard_from",
				  &o->standard_from);
	else if (strcmp(key, "weekly_from") == 0)
		read_setting_date(r, y, value, "otj.weekly_from",
				  &o->weekly_from);
	else if (strcmp(key, "weekly_hours") == 0)
		read_setting_hours(r, y, value, "otj.weekly_hours",
				   &o->weekly_hours);
	else if (strcmp(key, "full_time_hours") == 0)
		read_setting_hours(r, y, value, "otj.full_time_hours",
				   &o->full_time_hours);
	else if (strcmp(key, "leave_weeks") == 0)
		read_setting_hours(r, y, value, "otj.leave_weeks",
				   &o->leave_weeks);
	else if (strcmp(key, "percent") == 0)
		read_percent(r, y, value, "otj.percent", "20%", &o->percent);
	else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in `otj` (known: standard_from, "
			     "weekly_from, weekly_hours, full_time_hours, percent, "
			     "leave_weeks)", key);
}

static void read_reviews_key(struct ydoc *y, const char *key,
			     yaml_node_t *key_node, yaml_node_t *value,
			     void *ctx)
{
	struct reading *r = ctx;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "every_weeks") == 0)
		ydoc_int(y, value, "reviews.every_weeks", 1, 520,
			 &r->config->review_weeks);
	else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in `reviews` (known: every_weeks)",
			     key);
}

static void read_caseload_key(struct ydoc *y, const char *key,
			      yaml_node_t *key_node, yaml_node_t *value,
			      void *ctx)
{
	struct reading *r = ctx;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "quiet_weeks") == 0) {
		ydoc_int(y, value, "caseload.quiet_weeks", 1, 520,
			 &r->config->quiet_weeks);
	} else if (strcmp(key, "behind") == 0) {
		read_percent(r, y, value, "caseload.behind", "90%",
			     &r->config->behind_percent);
	} else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` in `caseload` (known: behind, "
			     "quiet_weeks)", key);
}

static void read_key(struct ydoc *y, const char *key, yaml_node_t *key_node,
		     yaml_node_t *value, void *ctx)
{
	struct reading *r = ctx;

	if (ydoc_is_null(value))
		return;
	if (strcmp(key, "name") == 0)
		read_string(r, y, value, key, &r->config->name);
	else if (strcmp(key, "number") == 0)
		read_string(r, y, value, key, &r->config->number);
	else if (strcmp(key, "date_format") == 0)
		read_date_style(r, y, value);
	else if (strcmp(key, "today") == 0)
		r->config->has_today = read_setting_date(r, y, value, "today",
							 &r->config->today);
	else if (strcmp(key, "paths") == 0)
		ydoc_each_pair(y, value, "`paths`", read_path, r);
	else if (strcmp(key, "encoding") == 0)
		read_encoding(r, y, value);
	else if (strcmp(key, "sampling") == 0)
		ydoc_each_pair(y, value, "`sampling`", read_sampling_key, r);
	else if (strcmp(key, "signoff") == 0)
		read_signoff_roles(r, y, value);
	else if (strcmp(key, "claims") == 0)
		ydoc_each_pair(y, value, "`claims`", read_claims_key, r);
	else if (strcmp(key, "otj") == 0)
		ydoc_each_pair(y, value, "`otj`", read_otj_key, r);
	else if (strcmp(key, "reviews") == 0)
		ydoc_each_pair(y, value, "`reviews`", read_reviews_key, r);
	else if (strcmp(key, "caseload") == 0)
		ydoc_each_pair(y, value, "`caseload`", read_caseload_key, r);
	else
		diag_warning(r->diags, y->file, ydoc_line(y, key_node),
			     ydoc_column(key_node),
			     "unknown key `%s` (known: name, number, date_format, today, paths, "
			     "encoding, sampling, signoff, claims, otj, reviews, "
			     "caseload)", key);
}

/* The rates and seed a centre gets unless folio.yml says otherwise. */
static void default_sampling(struct config *c)
{
	c->sampling_rate[RISK_HIGH] = 100;
	c->sampling_rate[RISK_MEDIUM] = 50;
	c->sampling_rate[RISK_LOW] = 25;
	c->sampling_seed = 1;
}

/* The funding rules as they stand (docs/apprenticeships.md gives the
 * sources), the review interval and the caseload's thresholds. */
static void default_apprenticeships(struct config *c)
{
	date_from_ymd(2025, 8, 1, &c->otj.standard_from);
	date_from_ymd(2022, 8, 1, &c->otj.weekly_from);
	c->otj.weekly_hours = 600;
	c->otj.full_time_hours = 3000;
	c->otj.percent = 20;
	c->otj.leave_weeks = 560;
	c->review_weeks = 12;
	c->behind_percent = 90;
	c->quiet_weeks = 8;
}

/* Reads the file's keys into r's config. */
static void read_text(struct reading *r, const char *path, const char *text,
		      size_t len)
{
	struct ydoc y;
	size_t bad;
	int line, column;

	r->config->file = arena_strdup(r->arena, path);
	bad = utf8_check(text, len);
	if (bad < len) {
		utf8_locate(text, bad, &line, &column);
		diag_error(r->diags, path, line, column,
			   "not UTF-8 text (byte 0x%02X): save the file as UTF-8",
			   (unsigned char)text[bad]);
	} else if (ydoc_load(&y, r->config->file, text, len, 1, r->diags) == 0) {
		yaml_node_t *root = ydoc_root(&y);

		if (root && !ydoc_is_null(root))
			ydoc_each_pair(&y, root, "folio.yml", read_key, r);
		ydoc_free(&y);
	} else {
		ydoc_free(&y);
	}
}

void config_parse(struct config *c, struct arena *arena, const char *path,
		  const char *text, size_t len, struct diag_list *diags)
{
	struct reading r = { c, arena, diags, 0 };

	memset(c, 0, sizeof(*c));
	default_sampling(c);
	c->signoff_roles = ROLE_SIGNOFF_DEFAULT;
	default_apprenticeships(c);
	if (text)
		read_text(&r, path, text, len);
	/* An assessor with no known risk is sampled as a high-risk one. */
	c->sampling_rate[RISK_UNKNOWN] =
		c->sampling_rate[RISK_HIGH];
}
