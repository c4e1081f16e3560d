/*
 * starter.c - the new centre `folio init` writes (see starter.h).
 *
 * The texts are the files as a centre would write them by hand: each
 * says what it is for and where the manual explains it, and the example
 * rows are made up (the unit is no awarding body's).
 */
#include "write/starter.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "render/theme.h"

#include <dirent.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char folio_yml[] =
	"# folio.yml: this centre's settings. Every key is optional;\n"
	"# docs/centre.md in folio's sources explains each.\n"
	"name: My Training Centre           # the centre, as its pages name it\n"
	"number: \"00000\"                    # its awarding-body centre number\n"
	"# date_format: dd/mm/yyyy           # or d mmm yyyy; ISO (yyyy-mm-dd) by default\n"
	"# today: 2026-01-31                 # judge \"in the future\" against this date\n"
	"paths:                             # where the inputs are (these are the defaults)\n"
	"  units: units                     # unit specifications, Markdown\n"
	"  qualifications: qualifications   # rules of combination, Markdown\n"
	"  learners: learners.csv\n"
	"  evidence: evidence               # evidence logs: every .csv in it\n"
	"  assessors: assessors.csv\n"
	"  iqa: iqa.csv                     # the internal quality assurer's samples\n"
	"  signoffs: signoffs.csv           # declarations: `folio digest` explains\n"
	"  otj: otj                         # apprentices' off-the-job hours\n"
	"  reviews: reviews.csv             # apprentices' progress reviews\n"
	"sampling:                          # the share of each assessor's portfolios\n"
	"  high: 100%                       # the IQA samples, by the assessor's risk\n"
	"  medium: 50%\n"
	"  low: 25%\n"
	"signoff: [assessor, learner]       # the declarations a portfolio needs\n";

static const char unit_md[] =
	"---\n"
	"# An example unit, no awarding body's: replace it with your units\n"
	"# (docs/units.md in folio's sources explains the format).\n"
	"id: example-greet\n"
	"title: Greet and help customers (example)\n"
	"level: 2\n"
	"credit: 2\n"
	"glh: 10\n"
	"methods: [O, Q, WT, WP]\n"
	"simulation: false            # simulated performance evidence does not count\n"
	"occasions: 2                 # performance evidence on at least two dates\n"
	"---\n"
	"\n"
	"# Greet and help customers (example)\n"
	"\n"
	"## Unit purpose and aim\n"
	"\n"
	"What the learner must show, in the specification's words.\n"
	"\n"
	"## 1 Greet customers\n"
	"\n"
	"- 1.1 Greet customers promptly and politely `observe`\n"
	"- 1.2 Find out what each customer needs `observe`\n"
	"\n"
	"## 2 Know the organisation's service standards `knowledge`\n"
	"\n"
	"- 2.1 Describe the organisation's service standards\n"
	"\n"
	"## Evidence requirements\n"
	"\n"
	"### Customers\n"
	"\n"
	"Your evidence must include each of the following:\n"
	"\n"
	"- 3a a customer in person\n"
	"- 3b a customer on the telephone\n";

static const char qualification_md[] =
	"---\n"
	"# An example qualification: its number is made up.  Replace it with\n"
	"# your qualifications' rules of combination (docs/centre.md).\n"
	"id: example-cert\n"
	"title: Certificate in Customer Service (example)\n"
	"number: 000/0000/0\n"
	"level: 2\n"
	"credits: 2\n"
	"groups:\n"
	"  - id: A\n"
	"    title: Mandatory\n"
	"    units: [example-greet]\n"
	"---\n"
	"\n"
	"The awarding body's rules of combination, in its own words.\n";

static const char learners_csv[] =
	"learner,name,registration,cohort,assessor,start,units,qualification\n"
	"doe-j,Jo Doe,REG0001,2025-A,AB,2025-09-01,example-greet,example-cert\n";

static const char evidence_csv[] =
	"learner,unit,ref,date,method,criteria,requirements,summary,assessor\n"
	"doe-j,example-greet,O/01,2025-09-15,O,1.1 1.2,3a,"
	"Observed greeting two customers at the counter and asking what they needed,AB\n";

static const char assessors_csv[] =
	"initials,name,role,risk,qualified,countersign_by,public_key,notes\n"
	"AB,Alex Brown,assessor,low,2019-06-01,,,\n"
	"CD,Chris Day,iqa,,2015-03-01,,,\n";

static const char iqa_csv[] =
	"learner,unit,date,iqa,kind,decision,feedback,action,due\n"
	"doe-j,example-greet,2025-10-01,CD,interim,agreed,"
	"\"A clear observation, mapped to 1.1, 1.2 and 3a.\",,\n";

static const char signoffs_csv[] =
	"learner,unit,role,who,date,digest,signature,note\n";

static const char reviews_csv[] =
	"learner,date,by,next_review,employer,progress,otj_discussed,actions\n";

static const char otj_csv[] =
	"learner,date,hours,activity,ksbs,ref,verified_by\n";

#define TEXT(path, text) { path, text, sizeof(text) - 1 }

const struct starter_file starter_files[] = {
	TEXT("folio.yml", folio_yml),
	TEXT("units/example-greet.md", unit_md),
	TEXT("qualifications/example-cert.md", qualification_md),
	TEXT("learners.csv", learners_csv),
	TEXT("evidence/example.csv", evidence_csv),
	TEXT("assessors.csv", assessors_csv),
	TEXT("iqa.csv", iqa_csv),
	TEXT("signoffs.csv", signoffs_csv),
	TEXT("reviews.csv", reviews_csv),
	TEXT("otj/hours.csv", otj_csv),
};
const size_t starter_files_count = sizeof(starter_files) / sizeof(*starter_files);

/* Whether dir holds nothing but . and .. (1), something (0), or cannot
 * be read (-1, errno set). */
static int is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return -1;
	while (empty && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* The folders path names below dir, each made unless it is there. */
static int make_parents(const char *dir, const char *path)
{
	char *full = fs_join(dir, path);
	size_t skip = strlen(full) - strlen(path);
	int rc = 0;

	for (char *slash = strchr(full + skip, '/'); slash && rc == 0;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(full, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*slash = '/';
	}
	free(full);
	return rc;
}

enum starter_status starter_fill(const char *dir,
				 const struct starter_file *files, size_t n,
				 struct diag_list *diags)
{
	int empty;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		diag_error(diags, dir, 0, 0, "cannot make the folder: %s",
			   fs_strerror(errno));
		return STARTER_IO_ERROR;
	}
	empty = is_empty(dir);
	if (empty < 0) {
		diag_error(diags, dir, 0, 0, "cannot read the folder: %s",
			   fs_strerror(errno));
		return STARTER_IO_ERROR;
	}
	if (!empty)
		return STARTER_NOT_EMPTY;
	for (size_t i = 0; i < n; i++) {
		const struct starter_file *f = &files[i];
		char *path = fs_join(dir, f->path);
		int rc = make_parents(dir, f->path);

		if (rc != 0)
			rc = errno;
		else
			rc = fs_write_new(path, f->text, f->len);
		if (rc != 0) {
			diag_error(diags, path, 0, 0, "cannot write it: %s",
				   fs_strerror(rc));
			free(path);
			return STARTER_IO_ERROR;
		}
		free(path);
	}
	return STARTER_OK;
}

enum starter_status starter_write(const char *dir, struct diag_list *diags)
{
	return starter_fill(dir, starter_files, starter_files_count, diags);
}

enum starter_status starter_write_theme(const char *dir,
					struct diag_list *diags)
{
	struct starter_file *files = mem_calloc(theme_files_count + 1,
						sizeof(*files));
	enum starter_status status;

	for (size_t i = 0; i < theme_files_count; i++)
		files[i] = (struct starter_file){
			theme_files[i].path, (const char *)theme_files[i].data,
			theme_files[i].len,
		};
	status = starter_fill(dir, files, theme_files_count, diags);
	free(files);
	return status;
}
