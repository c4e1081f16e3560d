/*
 * standard_md.c - a standard as a unit specification (see standard_md.h).
 *
 * Text from the standard goes into YAML double-quoted strings (escaped) and
 * into Markdown list items, where every character that could start markup
 * is backslash-escaped and line breaks become spaces: what the unit reader
 * takes back is the standard's text, whatever it holds.
 */
#include "present/standard_md.h"

#include <ctype.h>
#include <string.h>

/*
 * The code point of the UTF-8 sequence at s (valid: the reader checked
 * it), its length in *n.
 */
static unsigned long code_point(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if (s[0] < 0xe0) {
		*n = 2;
		return ((s[0] & 0x1ful) << 6) | (s[1] & 0x3f);
	}
	if (s[0] < 0xf0) {
		*n = 3;
		return ((s[0] & 0x0ful) << 12) | ((s[1] & 0x3ful) << 6) | (s[2] & 0x3f);
	}
	*n = 4;
	return ((s[0] & 0x07ul) << 18) | ((s[1] & 0x3ful) << 12) |
	       ((s[2] & 0x3ful) << 6) | (s[3] & 0x3f);
}

/*
 * Whether YAML must not hold c as it is: a control character, C1 ones
 * too, a line or paragraph separator (a line break to YAML), a byte-order
 * mark or a non-character.
 */
static bool yaml_unsafe(unsigned long c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 ||
	       c == 0x2029 || c == 0xfeff || c == 0xfffe || c == 0xffff;
}

/* A YAML double-quoted scalar: what YAML may not hold, escaped. */
static void yaml_text(struct buf *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n;

	buf_putc(out, '"');
	while (*s) {
		unsigned long c = code_point(s, &n);

		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", (char)c);
		else if (yaml_unsafe(c))
			buf_printf(out, "\\u%04lx", c);
		else
			buf_put(out, (const char *)s, n);
		s += n;
	}
	buf_putc(out, '"');
}

/* Text for a YAML comment: what YAML may not hold becomes `?`. */
static void comment_text(struct buf *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n;

	while (*s) {
		unsigned long c = code_point(s, &n);

		if (yaml_unsafe(c) && c != '\t')
			buf_putc(out, '?');
		else
			buf_put(out, (const char *)s, n);
		s += n;
	}
}

/* Markdown inline text: markup escaped, white space runs as one space. */
static void md_text(struct buf *out, const char *s)
{
	bool space = false;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isspace(c)) {
			space = true;
			continue;
		}
		if (space && out->len && out->data[out->len - 1] != ' ')
			buf_putc(out, ' ');
		space = false;
		if (strchr("\\`*_[]<>&!#|~", c))
			buf_putc(out, '\\');
		buf_putc(out, (char)c);
	}
}

static void text_key(struct buf *out, const char *key, const char *value)
{
	if (!value)
		return;
	buf_printf(out, "%s: ", key);
	yaml_text(out, value);
	buf_putc(out, '\n');
}

static void number_key(struct buf *out, const char *key, long value)
{
	if (value >= 0)
		buf_printf(out, "%s: %ld\n", key, value);
}

void standard_md_default_id(const struct standard *s, struct buf *out)
{
	for (const char *c = s->reference; c && *c; c++)
		buf_putc(out, (char)tolower((unsigned char)*c));
}

static void front_matter(const struct standard *s, const char *id,
			 const char *source, struct buf *out)
{
	buf_puts(out, "---\n# Made by `folio import standard` from ");
	comment_text(out, source);
	buf_puts(out, ".\n# otj_hours is left for the centre: the standard's "
		 "published minimum\n# off-the-job training hours.\n");
	buf_printf(out, "id: %s\n", id);
	text_key(out, "title", s->title);
	text_key(out, "number", s->reference);
	number_key(out, "level", s->level);
	text_key(out, "version", s->version);
	number_key(out, "lars", s->lars);
	text_key(out, "status", s->status);
	number_key(out, "typical_duration", s->typical_duration);
	text_key(out, "earliest_start", s->earliest_start);
	text_key(out, "latest_start", s->latest_start);
	text_key(out, "latest_end", s->latest_end);
	text_key(out, "assessment_plan", s->assessment_plan_url);
	text_key(out, "standard_page", s->standard_page_url);
	text_key(out, "eqa_provider", s->eqa_provider);
	buf_puts(out, "otj_hours:\nguids:\n");
	for (int k = 0; k < STANDARD_KINDS; k++)
		for (size_t i = 0; i < s->nksbs[k]; i++) {
			buf_printf(out, "  %s: ", s->ksbs[k][i].code);
			yaml_text(out, s->ksbs[k][i].guid);
			buf_putc(out, '\n');
		}
	for (size_t i = 0; i < s->nduties; i++) {
		buf_printf(out, "  %s: ", s->duties[i].code);
		yaml_text(out, s->duties[i].guid);
		buf_putc(out, '\n');
	}
	buf_puts(out, "---\n");
}

static void ksbs(const struct standard *s, struct buf *out)
{
	static const char *const headings[STANDARD_KINDS] = {
		"## K Knowledge `knowledge`", "## S Skills", "## B Behaviours",
	};

	for (int k = 0; k < STANDARD_KINDS; k++) {
		if (!s->nksbs[k])
			continue;
		buf_printf(out, "\n%s\n\n", headings[k]);
		for (size_t i = 0; i < s->nksbs[k]; i++) {
			buf_printf(out, "- %s ", s->ksbs[k][i].code);
			md_text(out, s->ksbs[k][i].detail);
			buf_putc(out, '\n');
		}
	}
}

static void duty(const struct standard_duty *d, struct buf *out)
{
	buf_printf(out, "- %s ", d->code);
	md_text(out, d->detail);
	if (out->data[out->len - 1] != '.')
		buf_putc(out, '.');
	if (d->core)
		buf_puts(out, " Core duty.");
	for (size_t i = 0; i < d->noptions; i++) {
		buf_puts(out, i ? ", " : " Option: ");
		md_text(out, d->options[i]);
		if (i + 1 == d->noptions)
			buf_putc(out, '.');
	}
	for (size_t i = 0; i < d->nksbs; i++)
		buf_printf(out, "%s%s", i ? ", " : " Maps to ", d->ksbs[i]->code);
	buf_puts(out, d->nksbs ? ".\n" : " Maps to no KSB.\n");
}

void standard_md(const struct standard *s, const char *id, const char *source,
		 struct buf *out)
{
	front_matter(s, id, source, out);
	buf_puts(out, "\nThe apprenticeship standard ");
	md_text(out, s->reference);
	if (s->version) {
		buf_puts(out, " version ");
		md_text(out, s->version);
	}
	buf_printf(out, " (level %ld). Its knowledge, skills and behaviours "
		   "are the criteria, numbered in the standard's order; its "
		   "duties are the evidence requirements, each with the KSBs "
		   "it maps to.\n", s->level);
	ksbs(s, out);
	if (!s->nduties)
		return;
	buf_puts(out, "\n## Evidence requirements\n\nEach duty of the standard, "
		 "with the knowledge, skills and behaviours it maps to.\n\n"
		 "### Duties\n\n");
	for (size_t i = 0; i < s->nduties; i++)
		duty(&s->duties[i], out);
}
