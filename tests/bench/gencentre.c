/*
 * gencentre.c - a synthetic training centre for the benchmarks.
 *
 *   gencentre LEARNERS DIR [HUGO_DIR]
 *
 * Writes DIR/folio.yml, DIR/qualifications/bench.md, DIR/learners.csv,
 * DIR/evidence/ *.csv, DIR/otj/ *.csv and DIR/reviews.csv: LEARNERS
 * learners on the three seed units (units/ of the sources) and on one
 * qualification made of them, about 20 evidence rows per learner per unit
 * with summaries composed from an assessor's phrases, twelve assessors, a
 * file per assessor; each learner an apprentice too (a planned end, the
 * off-the-job hours planned, one in twenty on a break), with two
 * off-the-job rows a month and a progress review every twelve weeks or
 * so, some of them late.  With
 * HUGO_DIR, also a Hugo site whose content is one Markdown page per
 * portfolio with the same tables folio's portfolio page has (criteria and
 * evidence log), so Hugo can be timed rendering comparable pages.
 * Deterministic: the same arguments give the same bytes.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ASSESSORS 12
#define ROWS_PER_UNIT 20

struct unit {
	const char *id;
	const char *criteria[24];
	const char *requirements[12];
};

static const struct unit units[] = {
	{ "ocr-c3",
	  { "1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5",
	    "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "4.1", "4.2", "4.3", "4.4",
	    "4.5" },
	  { "4a", "4b", "4c", "4d", "4e", "5a", "5b", "5c", "5d" } },
	{ "ocr-354",
	  { "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "2.2", "2.3",
	    "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4" },
	  { "4a", "4b", "5a", "5b", "5c", "6a", "6b", "6c", "7a", "7b" } },
	{ "ocr-62",
	  { "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2",
	    "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9" },
	  { NULL } },
};
#define NUNITS 3

static const char *const methods[] = { "O", "O", "O", "Q", "Q", "PD", "WP", "WT", "Oth" };
static const char *const method_names[] = {
	"Observation", "Observation", "Observation", "Questioning", "Questioning",
	"Professional discussion", "Work product", "Witness testimony", "Other",
};

static const char *const situations[] = {
	"a customer whose delivery missed its two-hour slot",
	"a refund dispute at the till over a missing receipt",
	"a billing error on a monthly account, raised by phone",
	"a repeated complaint about queue times at the returns desk",
	"a faulty kettle returned outside the 28-day window",
	"an online order sent to the wrong branch",
	"a customer upset that a promotion had ended that morning",
	"a booking lost after the system update",
	"a customer who had been passed between three departments",
	"a damaged parcel and a customer who needed it the same day",
	"an elderly customer confused by the new self-service screens",
	"a double charge on a card payment",
};
static const char *const actions[] = {
	"listened without interrupting, summarised the problem back and checked the details",
	"explained the options clearly, including what the store could not do",
	"agreed a replacement with the supervisor and confirmed it in writing",
	"kept the customer informed by phone at each step, as promised",
	"logged the fault on the system and alerted the team leader to the pattern",
	"offered a goodwill voucher within their authority and explained why",
	"referred the case to the specialist team with full notes",
	"checked the customer was satisfied before closing the case",
};
static const char *const outcomes[] = {
	"The customer left satisfied.",
	"The customer accepted the explanation, though not delighted.",
	"Followed up two days later; resolved.",
	"Feedback given: slow down when confirming the next steps.",
	"Good use of questioning to find the real cause.",
	"Manager's witness statement filed in the portfolio.",
};

static uint64_t state = 0x9E3779B97F4A7C15ULL;

static uint32_t next_random(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (uint32_t)(state >> 11);
}

static size_t pick(size_t n)
{
	return next_random() % n;
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
}

static FILE *open_file(const char *dir, const char *name)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static size_t count(const char *const *list, size_t max)
{
	size_t n = 0;

	while (n < max && list[n])
		n++;
	return n;
}

/* Three or four distinct criteria of a unit, as "1.1 2.3 3.4". */
static void some_ids(const char *const *ids, size_t n, size_t want, char *out,
		     size_t size)
{
	size_t chosen[4], k = 0;

	out[0] = '\0';
	while (k < want && k < n) {
		size_t c = pick(n);
		int dup = 0;

		for (size_t j = 0; j < k; j++)
			dup |= chosen[j] == c;
		if (dup)
			continue;
		chosen[k++] = c;
		snprintf(out + strlen(out), size - strlen(out), "%s%s",
			 k > 1 ? " " : "", ids[c]);
	}
}

static const char *const activities[] = {
	"Workshop: handling complaints", "E-learning: data protection",
	"Shadowing a senior adviser", "Mentoring session", "Training day",
	"Coaching on call handling",
};

/*
 * Learner i's off-the-job hours (two rows a month, December to June, one
 * learner in six behind) and reviews (every twelve weeks from the start,
 * the last one late for one learner in four).
 */
static void write_programme(FILE *otj, FILE *reviews, long i, int a,
			    bool on_break)
{
	int slow = i % 6 == 0;

	/* Up to the break in May, for those on one. */
	for (int month = 0; month < (on_break ? 5 : 7); month++)
		for (int k = 0; k < 2; k++) {
			int y = month == 0 ? 2025 : 2026, mo = month == 0 ? 12 : month;

			fprintf(otj, "L%06ld,%d-%02d-%02d,%s,%s,1.%d,%s\n", i, y, mo,
				4 + k * 14 + (int)(i % 5),
				slow ? "6" : k ? "13.5" : "12",
				activities[(month * 2 + k + i) % 6], 1 + k,
				(month + k + i) % 5 ? "employer" : "");
		}
	fprintf(reviews, "L%06ld,2026-02-23,A%02d,2026-05-18,Line manager,"
		"On track,yes,Keep the training day\n", i, a);
	if (i % 4)
		fprintf(reviews, "L%06ld,2026-05-18,A%02d,2026-08-10,Line manager,"
			"On track,yes,\n", i, a);
}

int main(int argc, char **argv)
{
	long n = argc >= 3 ? strtol(argv[1], NULL, 10) : 0;
	const char *dir = argc >= 3 ? argv[2] : NULL;
	const char *hugo = argc >= 4 ? argv[3] : NULL;
	FILE *learners, *files[ASSESSORS], *otj[ASSESSORS], *reviews;
	FILE *page = NULL;
	char path[4096];

	if (n <= 0 || !dir) {
		fprintf(stderr, "usage: gencentre LEARNERS DIR [HUGO_DIR]\n");
		return 2;
	}
	make_dir(dir);
	snprintf(path, sizeof(path), "%s/evidence", dir);
	make_dir(path);
	learners = open_file(dir, "folio.yml");
	/* The seed units are no standards (no otj_hours): the weekly rule
	 * for every start, as folio.yml can say. */
	fprintf(learners, "name: Benchmark Training\nnumber: \"99001\"\n"
		"today: 2026-06-30\npaths:\n  units: ../../../units\n"
		"otj:\n  standard_from: 2030-01-01\n");
	fclose(learners);
	snprintf(path, sizeof(path), "%s/qualifications", dir);
	make_dir(path);
	learners = open_file(path, "bench.md");
	fprintf(learners, "---\nid: bench\ntitle: Benchmark Certificate\n"
		"number: 600/0000/0\ncredits: 16\ngroups:\n"
		"  - {id: A, units: [ocr-354]}\n"
		"  - {id: B, units: [ocr-62, ocr-c3], min_units: 1}\n---\n"
		"A made-up qualification of the three seed units.\n");
	fclose(learners);
	snprintf(path, sizeof(path), "%s/evidence", dir);
	learners = open_file(dir, "learners.csv");
	fprintf(learners, "learner,name,registration,cohort,assessor,start,units,"
		"qualification,planned_end,otj_planned,hours_per_week,status,"
		"breaks\n");
	snprintf(path, sizeof(path), "%s/otj", dir);
	make_dir(path);
	for (int a = 0; a < ASSESSORS; a++) {
		char name[32];

		snprintf(name, sizeof(name), "assessor-%02d.csv", a);
		otj[a] = open_file(path, name);
		fprintf(otj[a], "learner,date,hours,activity,ksbs,verified_by\n");
	}
	reviews = open_file(dir, "reviews.csv");
	fprintf(reviews, "learner,date,by,next_review,employer,progress,"
		"otj_discussed,actions\n");
	snprintf(path, sizeof(path), "%s/evidence", dir);
	for (int a = 0; a < ASSESSORS; a++) {
		char name[32];

		snprintf(name, sizeof(name), "assessor-%02d.csv", a);
		files[a] = open_file(path, name);
		fprintf(files[a], "learner,unit,ref,date,method,criteria,requirements,"
			"summary,assessor,location\n");
	}
	if (hugo) {
		make_dir(hugo);
		snprintf(path, sizeof(path), "%s/content", hugo);
		make_dir(path);
		snprintf(path, sizeof(path), "%s/content/portfolios", hugo);
		make_dir(path);
	}
	for (long i = 0; i < n; i++) {
		int a = (int)(i % ASSESSORS);

		bool on_break = i % 20 == 7;

		fprintf(learners, "L%06ld,Learner %ld,OCR%08ld,C%ld,A%02d,2025-12-01,"
			"ocr-c3;ocr-354;ocr-62,bench,2027-05-28,%d,37.5,%s,%s\n", i, i,
			40000000 + i, i % 20, a, 440 + (int)(i % 5) * 10,
			on_break ? "break" : "", on_break ? "2026-05-04.." : "");
		write_programme(otj[a], reviews, i, a, on_break);
		for (int u = 0; u < NUNITS; u++) {
			const struct unit *un = &units[u];
			size_t nc = count(un->criteria, 24), nr = count(un->requirements, 12);

			if (hugo) {
				snprintf(path, sizeof(path), "%s/content/portfolios/L%06ld-%s.md",
					 hugo, i, un->id);
				page = fopen(path, "w");
				fprintf(page, "---\ntitle: \"Learner %ld: %s\"\n---\n\n"
					"| No | Method | Summary of evidence | Ref | Date | Assessor |\n"
					"|---|---|---|---|---|---|\n", i, un->id);
			}
			for (int r = 0; r < ROWS_PER_UNIT; r++) {
				size_t m = pick(sizeof(methods) / sizeof(methods[0]));
				char crit[64], req[16];
				int month = 1 + r * 5 / ROWS_PER_UNIT, day = 1 + (int)pick(28);

				some_ids(un->criteria, nc, 3, crit, sizeof(crit));
				some_ids(un->requirements, nr, r % 3 == 0 ? 1 : 0, req, sizeof(req));
				fprintf(files[a], "L%06ld,%s,%s/%02d,2026-%02d-%02d,%s,%s,%s,"
					"\"Dealt with %s: %s. %s\",A%02d,Branch %ld\n",
					i, un->id, methods[m], r + 1, month, day, methods[m],
					crit, req, situations[pick(12)], actions[pick(8)],
					outcomes[pick(6)], a, i % 40);
				if (page)
					fprintf(page, "| %d | %s | Dealt with %s. | %s/%02d | 2026-%02d-%02d | A%02d |\n",
						r + 1, method_names[m], situations[pick(12)],
						methods[m], r + 1, month, day, a);
			}
			if (page) {
				fprintf(page, "\n| Criterion | Met | Evidence |\n|---|---|---|\n");
				for (size_t c = 0; c < nc; c++)
					fprintf(page, "| %s | %s | O/%02zu |\n", un->criteria[c],
						pick(4) ? "Met" : "Missing", c + 1);
				fclose(page);
				page = NULL;
			}
		}
	}
	fclose(learners);
	fclose(reviews);
	for (int a = 0; a < ASSESSORS; a++) {
		fclose(files[a]);
		fclose(otj[a]);
	}
	if (hugo) {
		FILE *f = open_file(hugo, "hugo.toml");

		fprintf(f, "baseURL = 'http://example.org/'\ntitle = 'Benchmark'\n"
			"disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n");
		fclose(f);
		snprintf(path, sizeof(path), "%s/layouts", hugo);
		make_dir(path);
		snprintf(path, sizeof(path), "%s/layouts/_default", hugo);
		make_dir(path);
		f = open_file(path, "single.html");
		fprintf(f, "<!doctype html><html><head><title>{{ .Title }}</title></head>"
			"<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n");
		fclose(f);
		f = open_file(path, "list.html");
		fprintf(f, "<!doctype html><html><body>{{ .Title }}</body></html>\n");
		fclose(f);
	}
	return 0;
}
