/*
 * test_date.c - reading, explaining and writing dates (src/base/date.c).
 */
#include "check.h"
#include "base/date.h"

#include <stdlib.h>

/* The day number of text, or a sentinel far outside the range if refused. */
static long long parsed(const char *text)
{
	int32_t day;

	return date_parse(text, &day) == 0 ? day : -99999999;
}

static long long ymd(int y, int m, int d)
{
	int32_t day;

	return date_from_ymd(y, m, d, &day) == 0 ? day : -99999999;
}

/* date_explain()'s sentence for text, in a static buffer. */
static const char *why(const char *text)
{
	static char out[256];
	struct buf b = BUF_INIT;

	date_explain(text, &b);
	snprintf(out, sizeof out, "%s", buf_cstr(&b));
	buf_free(&b);
	return out;
}

static const char *iso(int32_t day)
{
	static char out[DATE_ISO_SIZE];

	return date_format(day, out);
}

static void test_iso_form(void)
{
	CHECK_INT(parsed("1970-01-01"), 0);
	CHECK_INT(parsed("1970-01-02"), 1);
	CHECK_INT(parsed("1969-12-31"), -1);
	CHECK_INT(parsed("2026-01-05"), ymd(2026, 1, 5));
	CHECK_INT(parsed("  2026-01-05\t"), ymd(2026, 1, 5));
	CHECK_INT(parsed("0001-01-01"), DATE_MIN);
	CHECK_INT(parsed("9999-12-31"), DATE_MAX);
}

static void test_uk_form(void)
{
	CHECK_INT(parsed("05/01/2026"), ymd(2026, 1, 5));
	CHECK_INT(parsed("5/1/2026"), ymd(2026, 1, 5));
	CHECK_INT(parsed("5/01/2026"), ymd(2026, 1, 5));
	CHECK_INT(parsed("05/1/2026"), ymd(2026, 1, 5));
	CHECK_INT(parsed("31/12/2025"), ymd(2025, 12, 31));
	CHECK_INT(parsed(" 29/02/2024 "), ymd(2024, 2, 29));
}

static void test_other_forms_refused(void)
{
	const char *bad[] = {
		"", "   ", "2026/1/5", "2026-1-5", "2026-01-5", "26-01-05",
		"2026-01-05T10:00", "2026-01-05 10:00", "05-01-2026",
		"5.1.2026", "005/01/2026", "5/001/2026", "5/1/02026",
		"5/1/26", "5//2026", "/1/2026", "5/1/", "5/1", "20260105",
		"2026-01-0a", "+2026-01-05", "2026 -01-05", "january 5 2026",
		"46027",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int32_t day = 12345;

		if (date_parse(bad[i], &day) != -1)
			printf("  accepted \"%s\"\n", bad[i]);
		CHECK_INT(date_parse(bad[i], &day), -1);
		CHECK_INT(day, 12345);
	}
}

static void test_impossible_dates_refused(void)
{
	CHECK_INT(parsed("2026-02-31"), -99999999);
	CHECK_INT(parsed("2026-13-01"), -99999999);
	CHECK_INT(parsed("2026-00-10"), -99999999);
	CHECK_INT(parsed("2026-01-00"), -99999999);
	CHECK_INT(parsed("2026-04-31"), -99999999);
	CHECK_INT(parsed("2026-01-32"), -99999999);
	CHECK_INT(parsed("0000-01-01"), -99999999);
	CHECK_INT(parsed("31/02/2026"), -99999999);
	CHECK_INT(parsed("1/13/2026"), -99999999);
	CHECK_INT(parsed("0/1/2026"), -99999999);
	CHECK_INT(parsed("1/1/0000"), -99999999);
}

static void test_leap_years(void)
{
	CHECK(parsed("2024-02-29") != -99999999);
	CHECK(parsed("2000-02-29") != -99999999);
	CHECK(parsed("1600-02-29") != -99999999);
	CHECK_INT(parsed("2025-02-29"), -99999999);
	CHECK_INT(parsed("1900-02-29"), -99999999);
	CHECK_INT(parsed("2100-02-29"), -99999999);
	CHECK_INT(parsed("2024-02-30"), -99999999);
	CHECK_INT(parsed("29/02/2000"), ymd(2000, 2, 29));
	CHECK_INT(parsed("29/02/1900"), -99999999);
}

static void test_day_numbers(void)
{
	CHECK_INT(parsed("2000-03-01") - parsed("2000-02-28"), 2);
	CHECK_INT(parsed("1900-03-01") - parsed("1900-02-28"), 1);
	CHECK_INT(parsed("2001-01-01") - parsed("2000-01-01"), 366);
	CHECK_INT(parsed("2000-01-01"), 10957);
	CHECK_INT(parsed("2026-01-01"), 20454);
	CHECK(parsed("2026-01-05") < parsed("2026-01-06"));
	CHECK(parsed("31/12/2025") < parsed("2026-01-01"));
}

static void test_ymd(void)
{
	int y, m, d;
	int32_t day = 77;

	date_to_ymd(-1, &y, &m, &d);
	CHECK_INT(y, 1969);
	CHECK_INT(m, 12);
	CHECK_INT(d, 31);
	date_to_ymd(11016, &y, &m, &d);  /* 2000-02-29 */
	CHECK_INT(y, 2000);
	CHECK_INT(m, 2);
	CHECK_INT(d, 29);
	CHECK_INT(date_from_ymd(2025, 2, 29, &day), -1);
	CHECK_INT(day, 77);
	CHECK_INT(date_from_ymd(2000, 2, 29, &day), 0);
	CHECK_INT(day, 11016);
}

static void test_iso_round_trip(void)
{
	CHECK_STR(iso(0), "1970-01-01");
	CHECK_STR(iso(-1), "1969-12-31");
	CHECK_STR(iso(11016), "2000-02-29");
	CHECK_STR(iso(DATE_MIN), "0001-01-01");
	CHECK_STR(iso(DATE_MAX), "9999-12-31");
	CHECK_STR(iso((int32_t)parsed("5/1/2026")), "2026-01-05");
	/* Every day from 1600 to 2400 comes back as itself. */
	for (int32_t day = (int32_t)ymd(1600, 1, 1);
	     day <= ymd(2400, 12, 31); day++) {
		if (parsed(iso(day)) != day) {
			CHECK_INT(parsed(iso(day)), day);
			break;
		}
	}
}

static void test_from_epoch_seconds(void)
{
	CHECK_INT(date_from_epoch_seconds(0), 0);
	CHECK_INT(date_from_epoch_seconds(86399), 0);
	CHECK_INT(date_from_epoch_seconds(86400), 1);
	CHECK_INT(date_from_epoch_seconds(-1), -1);
	CHECK_INT(date_from_epoch_seconds(-86400), -1);
	CHECK_INT(date_from_epoch_seconds(-86401), -2);
	CHECK_STR(iso(date_from_epoch_seconds(1767571200)), "2026-01-05");
	CHECK_STR(iso(date_from_epoch_seconds(1767657599)), "2026-01-05");
	CHECK_INT(date_from_epoch_seconds(1LL << 62), DATE_MAX);
	CHECK_INT(date_from_epoch_seconds(-(1LL << 62)), DATE_MIN);
}

static void test_today(void)
{
	int32_t day = 0, clock;

	CHECK_INT(date_today_from("1767571200", &day), 0);
	CHECK_STR(iso(day), "2026-01-05");
	CHECK_INT(date_today_from("0", &day), 0);
	CHECK_INT(day, 0);
	/* Unset or empty: the clock, which is some time after 2025. */
	CHECK_INT(date_today_from(NULL, &clock), 0);
	CHECK(clock > parsed("2025-01-01"));
	CHECK_INT(date_today_from("", &day), 0);
	CHECK(day >= clock);
	/* Not a number of seconds: refused, and the clock used. */
	CHECK_INT(date_today_from("yesterday", &day), -1);
	CHECK(day >= clock);
	CHECK_INT(date_today_from("-5", &day), -1);
	CHECK_INT(date_today_from(" 5", &day), -1);
	CHECK_INT(date_today_from("5s", &day), -1);
	CHECK_INT(date_today_from("99999999999999999999", &day), -1);
	/* tests/run.sh unsets SOURCE_DATE_EPOCH: date_today() is the clock. */
	if (!getenv("SOURCE_DATE_EPOCH")) {
		CHECK_INT(date_today(&day), 0);
		CHECK(day >= clock && day <= clock + 1);
	}
}

static void test_reasons(void)
{
	CHECK_STR(why("31/02/2026"),
		  "`31/02/2026` is not a date: February 2026 has 28 days");
	CHECK_STR(why("2024-02-30"),
		  "`2024-02-30` is not a date: February 2024 has 29 days");
	CHECK_STR(why("2026-04-31"),
		  "`2026-04-31` is not a date: April has 30 days");
	CHECK_STR(why("2026/1/5"),
		  "`2026/1/5` is not a date; write YYYY-MM-DD or DD/MM/YYYY");
	CHECK_STR(why("  2026/1/5 "),
		  "`2026/1/5` is not a date; write YYYY-MM-DD or DD/MM/YYYY");
	CHECK_STR(why("2026-13-01"),
		  "`2026-13-01` is not a date: there is no month 13");
	CHECK_STR(why("12/31/2026"),
		  "`12/31/2026` is not a date: there is no month 31 "
		  "(DD/MM/YYYY puts the day first)");
	CHECK_STR(why("1/0/2026"),
		  "`1/0/2026` is not a date: there is no month 0");
	CHECK_STR(why("2026-01-00"),
		  "`2026-01-00` is not a date: there is no day 0");
	CHECK_STR(why("0000-01-01"),
		  "`0000-01-01` is not a date: there is no year 0");
	CHECK_STR(why("5/1/26"),
		  "`5/1/26` is not a date; write the year in full "
		  "(DD/MM/YYYY)");
	CHECK_STR(why(" "), "empty date; write YYYY-MM-DD or DD/MM/YYYY");
	CHECK_STR(why("2026-01-05"), "");
	CHECK_STR(why("5/1/2026"), "");
}

static void test_reason_quotes_little(void)
{
	/* One line, at most 40 bytes, not cutting a character in two. */
	CHECK_STR(why("next week\nor the week after"),
		  "`next week...` is not a date; write YYYY-MM-DD or "
		  "DD/MM/YYYY");
	CHECK_STR(why("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
		  "`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...` is not a "
		  "date; write YYYY-MM-DD or DD/MM/YYYY");
	CHECK_STR(why("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9t\xC3\xA9"),
		  "`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...` is not a "
		  "date; write YYYY-MM-DD or DD/MM/YYYY");
}

/* The centre's ways of writing a date (folio.yml date_format), at the
 * edges of the calendar and of a month's digits. */
static void test_styles(void)
{
	char out[DATE_TEXT_SIZE];
	int32_t d;

	CHECK(date_from_ymd(2026, 12, 3, &d) == 0);
	CHECK_STR(date_format_in(d, DATE_STYLE_ISO, out), "2026-12-03");
	CHECK_STR(date_format_in(d, DATE_STYLE_DMY, out), "03/12/2026");
	CHECK_STR(date_format_in(d, DATE_STYLE_D_MMM_YYYY, out), "3 Dec 2026");
	CHECK(date_from_ymd(2026, 1, 31, &d) == 0);
	CHECK_STR(date_format_in(d, DATE_STYLE_D_MMM_YYYY, out), "31 Jan 2026");
	CHECK_STR(date_format_in(DATE_MAX, DATE_STYLE_D_MMM_YYYY, out), "31 Dec 9999");
	CHECK_STR(date_format_in(DATE_MIN, DATE_STYLE_DMY, out), "01/01/0001");
	CHECK_STR(date_style_names[DATE_STYLE_DMY], "dd/mm/yyyy");
}

int main(void)
{
	RUN(test_styles);
	RUN(test_iso_form);
	RUN(test_uk_form);
	RUN(test_other_forms_refused);
	RUN(test_impossible_dates_refused);
	RUN(test_leap_years);
	RUN(test_day_numbers);
	RUN(test_ymd);
	RUN(test_iso_round_trip);
	RUN(test_from_epoch_seconds);
	RUN(test_today);
	RUN(test_reasons);
	RUN(test_reason_quotes_little);
	return check_summary();
}
