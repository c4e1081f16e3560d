/*
 * url.c - the site's URL scheme (see url.h).
 */
#include "present/url.h"

#include <stdio.h>
#include <string.h>

const char *const url_folders[3] = { "learners", "units", "sheets" };

/* Appends s to out[0..*n), stopping short of URL_SIZE (ids never do). */
static void add(char *out, size_t *n, const char *s)
{
	size_t len = strlen(s);

	if (len > URL_SIZE - 1 - *n)
		len = URL_SIZE - 1 - *n;
	memcpy(out + *n, s, len);
	*n += len;
}

size_t url_path(char out[URL_SIZE], enum url_page page, const char *id,
		const char *unit)
{
	size_t n = 0;

	switch (page) {
	case URL_INDEX:
		add(out, &n, "index");
		break;
	case URL_CLAIMS:
		add(out, &n, "claims");
		break;
	case URL_UNITS:
		add(out, &n, "units");
		break;
	case URL_LEARNER:
	case URL_PORTFOLIO:
	case URL_QUALIFICATIONS:
		add(out, &n, "learners/");
		add(out, &n, id);
		add(out, &n, "/");
		add(out, &n, page == URL_LEARNER ? "index" :
			     page == URL_QUALIFICATIONS ? "qualifications" : unit);
		break;
	case URL_ASSESSOR:
	case URL_COHORT:
		add(out, &n, page == URL_ASSESSOR ? "assessors/" : "cohorts/");
		add(out, &n, id);
		break;
	case URL_CRITERION:
	case URL_REQUIREMENT:
		add(out, &n, "units/");
		add(out, &n, id);
		add(out, &n, page == URL_CRITERION ? "/" : "/requirement-");
		add(out, &n, unit);
		break;
	case URL_UNIT:
	case URL_SHEET:
		add(out, &n, page == URL_UNIT ? "units/" : "sheets/");
		add(out, &n, id);
		break;
	}
	out[n] = '\0';
	return n;
}

struct value url_value(struct arena *a, enum url_page page, const char *id,
		       const char *unit)
{
	char path[URL_SIZE];
	size_t n = url_path(path, page, id, unit);

	return value_copy(a, path, n);
}

size_t url_part_path(char out[URL_SIZE], enum url_page page, const char *id,
		     const char *unit, size_t part)
{
	size_t n = url_path(out, page, id, unit);

	if (part > 1)
		n += (size_t)snprintf(out + n, URL_SIZE - n, "/%zu", part);
	return n;
}

struct value url_part_value(struct arena *a, enum url_page page,
			    const char *id, const char *unit, size_t part)
{
	char path[URL_SIZE];
	size_t n = url_part_path(path, page, id, unit, part);

	return value_copy(a, path, n);
}

void url_escape(struct buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			buf_putc(out, (char)*p);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}
