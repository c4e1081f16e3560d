/*
 * date.c - reading, checking and writing calendar dates (see date.h).
 *
 * The conversions between day numbers and calendar dates are Howard
 * Hinnant's days_from_civil / civil_from_days: exact over the whole
 * proleptic Gregorian calendar with no tables and no loops.
 */
#include "base/date.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How much of a bad value a message quotes before "...". */
#define QUOTE_MAX 40

/* Why a text is not a date; DATE_OK when it is one. */
enum date_problem {
	DATE_OK,
	DATE_EMPTY,
	DATE_FORM,         /* neither YYYY-MM-DD nor DD/MM/YYYY */
	DATE_SHORT_YEAR,   /* DD/MM/YY */
	DATE_NO_YEAR,      /* year 0 */
	DATE_NO_MONTH,     /* month 0 or above 12 */
	DATE_NO_DAY,       /* day 0 */
	DATE_PAST_END,     /* day past the end of the month */
};

struct ymd {
	int year, month, mday;
	bool day_first;    /* written DD/MM/YYYY */
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

static int32_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)era * 146097 + doe - 719468;
}

void date_to_ymd(int32_t day, int *year, int *month, int *mday)
{
	int32_t z = day + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = (int)(z - era * 146097);
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*mday = doy - (153 * mp + 2) / 5 + 1;
	*month = m;
	*year = (int)(yoe + era * 400) + (m <= 2);
}

static enum date_problem check_ymd(const struct ymd *d)
{
	if (d->year < 1 || d->year > 9999)
		return DATE_NO_YEAR;
	if (d->month < 1 || d->month > 12)
		return DATE_NO_MONTH;
	if (d->mday < 1)
		return DATE_NO_DAY;
	if (d->mday > days_in_month(d->year, d->month))
		return DATE_PAST_END;
	return DATE_OK;
}

int date_from_ymd(int year, int month, int mday, int32_t *day)
{
	struct ymd d = { year, month, mday, false };

	if (check_ymd(&d) != DATE_OK)
		return -1;
	*day = days_from_civil(year, month, mday);
	return 0;
}

/* Reads exactly n digits at s. */
static bool digits(const char *s, size_t n, int *value)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return true;
}

/* Length of the run of digits at s[0..len). */
static size_t digit_run(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

static bool read_iso(const char *s, size_t len, struct ymd *d)
{
	return len == 10 && s[4] == '-' && s[7] == '-' &&
		digits(s, 4, &d->year) && digits(s + 5, 2, &d->month) &&
		digits(s + 8, 2, &d->mday);
}

/* D/M/YYYY with one or two digits for day and month. */
static enum date_problem read_uk(const char *s, size_t len, struct ymd *d)
{
	size_t nd = digit_run(s, len), nm, ny, at;

	if (nd < 1 || nd > 2 || nd == len || s[nd] != '/')
		return DATE_FORM;
	at = nd + 1;
	nm = digit_run(s + at, len - at);
	if (nm < 1 || nm > 2 || at + nm == len || s[at + nm] != '/')
		return DATE_FORM;
	at += nm + 1;
	ny = digit_run(s + at, len - at);
	if (at + ny != len)
		return DATE_FORM;
	if (ny == 2)
		return DATE_SHORT_YEAR;
	if (ny != 4)
		return DATE_FORM;
	digits(s, nd, &d->mday);
	digits(s + nd + 1, nm, &d->month);
	digits(s + at, 4, &d->year);
	d->day_first = true;
	return DATE_OK;
}

static void trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static enum date_problem read_date(const char *s, size_t len, struct ymd *d)
{
	enum date_problem p;

	memset(d, 0, sizeof(*d));
	trim(&s, &len);
	if (len == 0)
		return DATE_EMPTY;
	if (read_iso(s, len, d))
		return check_ymd(d);
	p = read_uk(s, len, d);
	return p == DATE_OK ? check_ymd(d) : p;
}

int date_parse(const char *text, int32_t *day)
{
	struct ymd d;

	if (read_date(text, strlen(text), &d) != DATE_OK)
		return -1;
	*day = days_from_civil(d.year, d.month, d.mday);
	return 0;
}

/*
 * Quotes the value as `text`: the first line only, and at most QUOTE_MAX
 * bytes, cut at a character boundary, so a stray paragraph in a date
 * column still makes a one-line message.
 */
static void quote(struct buf *out, const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && n < QUOTE_MAX && (unsigned char)s[n] >= 0x20 &&
	       s[n] != 0x7F)
		n++;
	n = utf8_prefix(s, len, n);
	buf_putc(out, '`');
	buf_put(out, s, n);
	buf_puts(out, n < len ? "...`" : "`");
}

static void explain_range(struct buf *why, enum date_problem p,
			  const struct ymd *d)
{
	switch (p) {
	case DATE_NO_YEAR:
		buf_printf(why, ": there is no year %d", d->year);
		break;
	case DATE_NO_MONTH:
		buf_printf(why, ": there is no month %d", d->month);
		/* 12/31/2026: an American date, month first. */
		if (d->day_first && d->month > 12 && d->mday <= 12)
			buf_puts(why, " (DD/MM/YYYY puts the day first)");
		break;
	case DATE_NO_DAY:
		buf_puts(why, ": there is no day 0");
		break;
	default:
		if (d->month == 2)
			buf_printf(why, ": February %d has %d days", d->year,
				   days_in_month(d->year, 2));
		else
			buf_printf(why, ": %s has %d days",
				   month_names[d->month - 1],
				   days_in_month(d->year, d->month));
		break;
	}
}

void date_explain(const char *text, struct buf *why)
{
	const char *s = text;
	size_t len = strlen(text);
	struct ymd d;
	enum date_problem p = read_date(text, len, &d);

	if (p == DATE_OK)
		return;
	if (p == DATE_EMPTY) {
		buf_puts(why, "empty date; write YYYY-MM-DD or DD/MM/YYYY");
		return;
	}
	trim(&s, &len);
	quote(why, s, len);
	buf_puts(why, " is not a date");
	if (p == DATE_FORM)
		buf_puts(why, "; write YYYY-MM-DD or DD/MM/YYYY");
	else if (p == DATE_SHORT_YEAR)
		buf_puts(why, "; write the year in full (DD/MM/YYYY)");
	else
		explain_range(why, p, &d);
}

char *date_format(int32_t day, char *out)
{
	int y, m, d;

	if (day < DATE_MIN)
		day = DATE_MIN;
	if (day > DATE_MAX)
		day = DATE_MAX;
	date_to_ymd(day, &y, &m, &d);
	/* The clamp keeps the year to four digits: no truncation. */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return out;
}

const char *const date_style_names[3] = {
	"yyyy-mm-dd", "dd/mm/yyyy", "d mmm yyyy",
};

char *date_format_in(int32_t day, enum date_style style, char *out)
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	char iso[DATE_ISO_SIZE];

	date_format(day, iso);
	switch (style) {
	case DATE_STYLE_DMY:     /* dd/mm/yyyy */
		memcpy(out, iso + 8, 2);
		out[2] = '/';
		memcpy(out + 3, iso + 5, 2);
		out[5] = '/';
		memcpy(out + 6, iso, 4);
		out[10] = '\0';
		break;
	case DATE_STYLE_D_MMM_YYYY: {
		size_t n = 0;
		int month = (iso[5] - '0') * 10 + (iso[6] - '0');

		if (iso[8] != '0')
			out[n++] = iso[8];
		out[n++] = iso[9];
		out[n++] = ' ';
		memcpy(out + n, months[month - 1], 3);
		n += 3;
		out[n++] = ' ';
		memcpy(out + n, iso, 4);
		out[n + 4] = '\0';
		break;
	}
	default:
		memcpy(out, iso, DATE_ISO_SIZE);
		break;
	}
	return out;
}

int32_t date_from_epoch_seconds(long long seconds)
{
	/* Floor division: the second before 1970 is on 1969-12-31. */
	long long days = seconds / 86400 - (seconds % 86400 < 0);

	if (days < DATE_MIN)
		return DATE_MIN;
	if (days > DATE_MAX)
		return DATE_MAX;
	return (int32_t)days;
}

static int32_t clock_today(void)
{
	return date_from_epoch_seconds((long long)time(NULL));
}

/*
 * SOURCE_DATE_EPOCH is "a decimal integer" (reproducible-builds.org):
 * digits only, no sign, no spaces.  Anything else is refused rather than
 * half-read.
 */
int date_today_from(const char *source_date_epoch, int32_t *day)
{
	const char *s = source_date_epoch;
	long long secs;
	char *end;

	if (!s || !*s) {
		*day = clock_today();
		return 0;
	}
	errno = 0;
	secs = strtoll(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end || errno ||
	    secs / 86400 > DATE_MAX) {
		*day = clock_today();
		return -1;
	}
	*day = date_from_epoch_seconds(secs);
	return 0;
}

int date_today(int32_t *day)
{
	return date_today_from(getenv("SOURCE_DATE_EPOCH"), day);
}
