/*
 * standard_compare.c - an imported unit against a new version of its
 * standard (see standard_compare.h).
 */
#include "judge/standard_compare.h"
#include "base/buf.h"
#include "base/mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

/* A KSB or duty of the standard now: its id, GUID and text. */
struct item {
	const char *code;
	const char *guid;
	const char *detail;
	bool duty;
	bool matched;
};

/* Whether a and b are the same text but for runs of white space. */
static bool same_text(const char *a, const char *b)
{
	for (;;) {
		while (isspace((unsigned char)*a) && isspace((unsigned char)a[1]))
			a++;
		while (isspace((unsigned char)*b) && isspace((unsigned char)b[1]))
			b++;
		if (isspace((unsigned char)*a) && isspace((unsigned char)*b)) {
			a++;
			b++;
			continue;
		}
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

/* A duty's requirement text starts with its detail (standard_md.c). */
static bool same_duty(const char *requirement, const char *detail)
{
	size_t n = strlen(detail);

	return strncmp(requirement, detail, n) == 0 &&
	       (requirement[n] == '.' || requirement[n] == ' ');
}

static size_t list_items(const struct standard *s, struct item *items)
{
	size_t n = 0;

	for (int k = 0; k < STANDARD_KINDS; k++)
		for (size_t i = 0; i < s->nksbs[k]; i++)
			items[n++] = (struct item){ s->ksbs[k][i].code,
				s->ksbs[k][i].guid, s->ksbs[k][i].detail, false, false };
	for (size_t i = 0; i < s->nduties; i++)
		items[n++] = (struct item){ s->duties[i].code, s->duties[i].guid,
			s->duties[i].detail, true, false };
	return n;
}

/* The earlier unit's text and line for id, a criterion or requirement. */
static const char *earlier(const struct unit *u, const char *id, int *line)
{
	const struct unit_criterion *c = unit_find_criterion(u, id);
	const struct unit_requirement *r = c ? NULL : unit_find_requirement(u, id);

	*line = c ? c->line : r ? r->line : 0;
	return c ? c->text : r ? r->text : NULL;
}

static size_t compare_one(const struct unit *u, const char *id,
			  const char *guid, struct item *items, size_t n,
			  const char *version, struct diag_list *diags)
{
	int line;
	const char *text = earlier(u, id, &line);
	struct item *now = NULL;
	size_t changes = 0;

	for (size_t i = 0; i < n && !now; i++)
		if (strcasecmp(items[i].guid, guid) == 0)
			now = &items[i];
	if (!text)
		return 0;   /* the unit's reader warned of the stray id */
	if (!now) {
		diag_warning(diags, u->file, line, 0, "%s is not in %s: evidence "
			     "that cites %s has nothing to map to once the unit "
			     "is replaced", id, version, id);
		return 1;
	}
	now->matched = true;
	if (strcmp(now->code, id) != 0) {
		diag_warning(diags, u->file, line, 0, "%s is %s in %s: evidence "
			     "that cites %s must cite %s once the unit is replaced",
			     id, now->code, version, id, now->code);
		changes++;
	}
	if (now->duty ? !same_duty(text, now->detail) :
			!same_text(text, now->detail)) {
		diag_warning(diags, u->file, line, 0, "%s's text changed in %s: "
			     "now \"%s\"", id, version, now->detail);
		changes++;
	}
	return changes;
}

size_t standard_compare(const struct unit *previous,
			const struct standard *now, const char *file,
			struct diag_list *diags)
{
	const struct unit_standard *was = previous->standard;
	size_t n = now->nduties, changes = 0;
	struct item *items;
	struct buf version = BUF_INIT;

	if (!was || !was->nguids) {
		diag_error(diags, previous->file, previous->line, 0,
			   "the unit keeps no `guids`, so what changed cannot be "
			   "told: it was not made by `folio import standard`");
		return 0;
	}
	for (int k = 0; k < STANDARD_KINDS; k++)
		n += now->nksbs[k];
	items = mem_calloc(n + 1, sizeof(*items));
	n = list_items(now, items);
	buf_printf(&version, "%s version %s", now->reference,
		   now->version ? now->version : "(none given)");
	for (size_t i = 0; i < was->nguids; i++)
		changes += compare_one(previous, was->guid_ids[i], was->guids[i],
				       items, n, buf_cstr(&version), diags);
	for (size_t i = 0; i < n; i++)
		if (!items[i].matched) {
			diag_warning(diags, file, 0, 0, "%s is new in %s: \"%s\"",
				     items[i].code, buf_cstr(&version),
				     items[i].detail);
			changes++;
		}
	free(items);
	buf_free(&version);
	return changes;
}
