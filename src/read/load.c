/*
 * load.c - the loader context's files and lookups (see load.h).
 */
#include "read/load.h"
#include "base/ident.h"
#include "base/mem.h"
#include "read/config.h"
#include "read/qualification.h"
#include "read/unit.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The text given for path, or NULL. */
static const struct fs_text *text_of(const struct load *load, const char *path)
{
	for (size_t i = 0; i < load->ntexts; i++)
		if (strcmp(load->texts[i].path, path) == 0)
			return &load->texts[i];
	return NULL;
}

/* The part of a text's path after dir + "/", or NULL when not in dir. */
static const char *in_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, ".") == 0)
		return path;
	return strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1
							    : NULL;
}

int load_read_file(const struct load *load, const char *path, char **text,
		   size_t *len)
{
	const struct fs_text *t;

	if (!load->texts)
		return fs_read_file(path, text, len);
	t = text_of(load, path);
	if (!t)
		return ENOENT;
	*len = strlen(t->text);
	*text = mem_strndup(t->text, *len);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether name ends in suffix, in any case (Windows saves LOG.CSV). */
static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n > s && strcasecmp(name + n - s, suffix) == 0;
}

/* Nobody's work: an open workbook's lock file (~$book.xlsx), an
 * editor's backup (log.csv~); they come and go, and are passed over. */
static bool transient(const char *name)
{
	return strncmp(name, "~$", 2) == 0 || name[strlen(name) - 1] == '~';
}

/* A file a spreadsheet saved in its own format rather than as CSV. */
static bool spreadsheet(const char *name)
{
	static const char *const kinds[] = { ".xlsx", ".xls", ".xlsm",
					     ".ods", ".numbers", ".tsv",
					     ".txt" };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
		if (has_suffix(name, kinds[i]))
			return true;
	return false;
}

/*
 * An entry of dir that is not read is said, so that nothing put into a
 * centre's folder goes unread without a word: a folder inside it (a
 * year's logs moved into evidence/2025/), or a file of another kind (a
 * workbook saved as .xlsx).
 */
static void report_unread(const char *path, const char *dir,
			  const char *name, bool folder, const char *suffix,
			  struct diag_list *diags)
{
	const char *slash = strrchr(dir, '/');
	const char *in = slash && slash[1] ? slash + 1 : dir;

	if (folder)
		diag_warning(diags, path, 0, 0,
			     "not read: a folder inside %s, where folio reads "
			     "only the %s files directly in it; move its files "
			     "up to have them read", in, suffix);
	else
		diag_warning(diags, path, 0, 0,
			     "not read: folio reads only the %s files in %s%s",
			     suffix, in,
			     strcmp(suffix, ".csv") == 0 && spreadsheet(name) ?
			     "; save a spreadsheet as CSV UTF-8 (comma "
			     "delimited)" : "");
}

/* The names of the entries in texts' dir (as fs_list_names(): not
 * hidden, sorted, each folder once); ENOENT when there are none. */
static int list_texts(const struct load *load, const char *dir,
		      char ***names, size_t *count)
{
	size_t cap = 0, kept = 0;

	*names = NULL;
	*count = 0;
	for (size_t i = 0; i < load->ntexts; i++) {
		const char *name = in_dir(load->texts[i].path, dir);
		const char *slash = name ? strchr(name, '/') : NULL;

		if (!name || !*name)
			continue;
		*names = mem_array_grow(*names, &cap, *count + 1, sizeof(**names));
		(*names)[(*count)++] = slash ?
			mem_strndup(name, (size_t)(slash - name) + 1) :
			mem_strdup(name);
	}
	if (!*count)
		return ENOENT;
	qsort(*names, *count, sizeof(**names), compare_names);
	for (size_t i = 0; i < *count; i++) {
		char *name = (*names)[i];

		if (name[0] == '.' ||
		    (kept && strcmp((*names)[kept - 1], name) == 0))
			free(name);
		else
			(*names)[kept++] = name;
	}
	*count = kept;
	return 0;
}

int load_list(const struct load *load, const char *dir, const char *suffix,
	      char ***names, size_t *count, struct diag_list *diags)
{
	char **all;
	size_t n, kept = 0;
	int err = load->texts ? list_texts(load, dir, &all, &n) :
		  fs_list_names(dir, &all, &n);

	*names = NULL;
	*count = 0;
	if (err)
		return err;
	for (size_t i = 0; i < n; i++) {
		char *name = all[i];
		size_t len = strlen(name);
		/* A text's folder is listed as "NAME/". */
		bool folder = load->texts ? name[len - 1] == '/' : false;
		char *path;

		if (folder)
			name[len - 1] = '\0';
		if (!folder && has_suffix(name, suffix)) {
			all[kept++] = name;
			continue;
		}
		if (diags) {
			path = fs_join(dir, name);
			if (!load->texts)
				folder = fs_is_dir(path);
			if (folder || !transient(name))
				report_unread(path, dir, name, folder, suffix,
					      diags);
			free(path);
		}
		free(name);
	}
	*names = all;
	*count = kept;
	return 0;
}

bool load_exists(const struct load *load, const char *path)
{
	struct stat st;

	if (!load->texts)
		return lstat(path, &st) == 0;
	for (size_t i = 0; i < load->ntexts; i++)
		if (strcmp(load->texts[i].path, path) == 0 ||
		    in_dir(load->texts[i].path, path))
			return true;
	return false;
}

int load_check_link(const struct load *load, const char *path,
		    const char *other)
{
	return load->texts ? 0 : fs_check_link(path, load->centre, other);
}

int load_text(struct load *load, const char *path, const char *other,
	      char **text, size_t *len)
{
	int err = load_check_link(load, path, other);

	load_note_input(load, path);
	return err ? err : load_read_file(load, path, text, len);
}

void load_note_input(struct load *load, const char *path)
{
	load->inputs = mem_array_grow(load->inputs, &load->inputs_cap,
				      load->ninputs + 1, sizeof(*load->inputs));
	load->input_stamps = mem_array_grow(load->input_stamps,
					    &load->stamps_cap, load->ninputs + 1,
					    sizeof(*load->input_stamps));
	if (load->texts)
		memset(&load->input_stamps[load->ninputs], 0,
		       sizeof(*load->input_stamps));
	else
		fs_stamp(path, &load->input_stamps[load->ninputs]);
	load->inputs[load->ninputs++] = arena_strdup(&load->arena, path);
}

struct csvfile *load_new_csvfile(struct load *load)
{
	struct csvfile *f = mem_calloc(1, sizeof(*f));

	load->files = mem_array_grow(load->files, &load->files_cap,
				     load->nfiles + 1, sizeof(*load->files));
	load->files[load->nfiles++] = f;
	return f;
}

int load_csv(const struct load *load, struct csvfile *f, const char *path,
	     const char *encoding, struct csvfile_scratch *scratch,
	     struct diag_list *diags)
{
	struct csvfile_scratch own = CSVFILE_SCRATCH_INIT;
	const struct fs_text *t;
	int status;

	if (!scratch)
		scratch = &own;
	if (!load->texts) {
		status = csvfile_load_reusing(f, path, encoding, scratch, diags);
	} else if ((t = text_of(load, path))) {
		status = csvfile_parse_as(f, path, t->text, strlen(t->text),
					  encoding, scratch, diags);
	} else {
		memset(f, 0, sizeof(*f));
		f->path = mem_strdup(path);
		status = ENOENT;
	}
	csvfile_scratch_free(&own);
	return status;
}

const struct csvfile *load_read_csv(struct load *load, const char *path,
				    const struct csvrow_column *columns,
				    size_t n, int *index, int *err,
				    struct diag_list *diags)
{
	struct csvfile *f = load_new_csvfile(load);
	int status;

	load_note_input(load, path);
	status = load_csv(load, f, path, load_encoding_for(load, path), NULL,
			  diags);
	*err = status > 0 ? status : 0;
	if (status != 0 || !csvrow_map(f, columns, n, index, diags))
		return NULL;
	return f;
}

void load_drop_records(struct load *load)
{
	for (size_t i = 0; i < load->nfiles; i++)
		csvfile_drop_records(load->files[i]);
}

const char *load_encoding_for(const struct load *load, const char *path)
{
	const char *from_centre = in_dir(path, load->centre);

	if (load->encoding)
		return load->encoding;
	/* Patterns are written from the centre folder. */
	return config_encoding_for(load->config, from_centre ? from_centre : path);
}

const struct unit *load_find_unit(const struct load *load, const char *id)
{
	return unit_find(load->units, load->nunits, id);
}

const struct qualification *load_find_qualification(const struct load *load,
						    const char *id)
{
	return qualification_find(load->qualifications,
				  load->nqualifications, id);
}

struct learner *load_find_learner(const struct load *load, const char *id)
{
	return strmap_get(&load->learner_index, id);
}

const char *load_row_required(struct load_row *row, int column)
{
	const char *text = csvrow_field(row->r, row->index[column]);

	if (!text) {
		diag_error(row->diags, row->f->path, row->r->line, 0,
			   "empty `%s`", row->columns[column].name);
		row->bad = true;
	}
	return text;
}

struct learner *load_row_learner(struct load_row *row, int column)
{
	const char *id = load_row_required(row, column);
	struct learner *l = id ? load_find_learner(row->load, id) : NULL;

	if (id && !l) {
		struct buf why = BUF_INIT;

		diag_error(row->diags, row->f->path, row->r->line, 0,
			   "unknown learner `%s`%s", id,
			   load_unknown_learner_why(row->load, id, &why));
		buf_free(&why);
		row->bad = true;
	}
	return l;
}

/*
 * id as an id is compared when it is not found: without the spaces or
 * tabs around it (a quoted "doe-j ") and in lower case (a spreadsheet
 * capitalises the first letter of a cell: `Doe-j`), into *out.
 */
static void loose_form(const char *id, struct buf *out)
{
	size_t start = 0, end = strlen(id);

	while (start < end && (id[start] == ' ' || id[start] == '\t'))
		start++;
	while (end > start && (id[end - 1] == ' ' || id[end - 1] == '\t'))
		end--;
	buf_put(out, id + start, end - start);
	ident_fold_in_place(out->data, out->len);
}

/* "`MEANT`: write it so, ...)", closing what the caller opened. */
static void put_meant(struct buf *why, const char *id, const char *meant)
{
	bool spaces = strlen(meant) != strlen(id);

	buf_printf(why, "`%s`: write it so, %s)", meant,
		   spaces ? "without the spaces around it" :
		   "as ids are case-sensitive");
}

/* The id that id was meant to be, in map (lower-case id -> id), or NULL. */
static const char *meant_id(const struct strmap *map, const char *id)
{
	struct buf loose = BUF_INIT;
	const char *meant;

	loose_form(id, &loose);
	meant = strmap_get(map, buf_cstr(&loose));
	buf_free(&loose);
	return meant;
}

const char *load_unknown_unit_why(const struct load *load, const char *id,
				  struct buf *why)
{
	const char *meant = meant_id(&load->unit_folded, id);

	if (meant) {
		buf_puts(why, " (there is a unit ");
		put_meant(why, id, meant);
	}
	return buf_cstr(why);
}

const char *load_unknown_learner_why(const struct load *load, const char *id,
				     struct buf *why)
{
	const struct load_place *at = strmap_get(&load->learner_refused, id);
	const char *near = at ? NULL : meant_id(&load->learner_folded, id);

	if (at) {
		buf_printf(why, " (%s:%d has it, but that row was refused: "
			   "see the error there)", at->file, at->line);
	} else if (near) {
		buf_printf(why, " (%s has ", load->learners_file);
		put_meant(why, id, near);
	} else if (!load->learners_file) {
		buf_puts(why, " (there is no learners file)");
	} else if (load->learners_unread) {
		buf_printf(why, " (%s could not be read: see the error there)",
			   load->learners_file);
	} else if (!load->nlearners) {
		buf_printf(why, " (%s lists no learners)", load->learners_file);
	}
	return buf_cstr(why);
}

void load_row_portfolio(struct load_row *row, int learner_column,
			int unit_column, const struct learner **learner,
			const struct unit **unit)
{
	const char *u;

	*learner = load_row_learner(row, learner_column);
	u = load_row_required(row, unit_column);
	*unit = u ? load_find_unit(row->load, u) : NULL;
	if (u && !*unit) {
		struct buf why = BUF_INIT;

		diag_error(row->diags, row->f->path, row->r->line, 0,
			   "unknown unit `%s`%s", u,
			   load_unknown_unit_why(row->load, u, &why));
		buf_free(&why);
		row->bad = true;
	}
}

void load_index_runs(const void *records, size_t n,
		     size_t size, size_t learner_at, size_t first_at,
		     size_t count_at)
{
	const char *base = records;

	for (size_t i = 0; i < n;) {
		const struct learner *of =
			*(const struct learner *const *)(base + i * size + learner_at);
		/* The loaders' own learner, which they may write: const only
		 * in the record. */
		char *l = (char *)(uintptr_t)of;
		size_t k = i;

		while (k < n && *(const struct learner *const *)
			       (base + k * size + learner_at) == of)
			k++;
		*(size_t *)(l + first_at) = i;
		*(size_t *)(l + count_at) = k - i;
		i = k;
	}
}
