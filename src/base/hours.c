/*
 * hours.c - reading and writing hours held as hundredths (see hours.h).
 */
#include "base/hours.h"

#include <stdio.h>

int hours_parse(const char *text, long *centi)
{
	const char *s = text;
	long whole = 0, frac = 0;
	int digits = 0, places = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		whole = whole * 10 + (*s - '0');
		if (whole > HOURS_MAX / 100)
			return -1;
	}
	if (*s == '.' || *s == ',') {
		for (s++; *s >= '0' && *s <= '9'; s++, places++) {
			if (places == 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (places == 0)
			return -1;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (digits == 0 && places == 0)
		return -1;
	if (*s)
		return -1;
	if (places == 1)
		frac *= 10;
	*centi = whole * 100 + frac;
	return 0;
}

char *hours_format(long centi, char out[HOURS_TEXT_SIZE])
{
	unsigned long v = centi < 0 ? 0UL - (unsigned long)centi
				    : (unsigned long)centi;
	const char *sign = centi < 0 ? "-" : "";
	unsigned long frac = v % 100;

	if (frac == 0)
		snprintf(out, HOURS_TEXT_SIZE, "%s%lu", sign, v / 100);
	else if (frac % 10 == 0)
		snprintf(out, HOURS_TEXT_SIZE, "%s%lu.%lu", sign, v / 100,
			 frac / 10);
	else
		snprintf(out, HOURS_TEXT_SIZE, "%s%lu.%02lu", sign, v / 100,
			 frac);
	return out;
}

long hours_round(long centi)
{
	if (centi >= 0)
		return (centi + 50) / 100 * 100;
	return -((-centi + 50) / 100 * 100);
}
