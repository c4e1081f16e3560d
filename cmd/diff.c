/*
 * diff.c - `folio diff OLD NEW`: what changed between two centres.
 */
#include "cmd.h"
#include "options.h"
#include "centre.h"
#include "judge/diff.h"
#include "judge/xref.h"
#include "present/diff_view.h"
#include "render/theme.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "write/outdir.h"

extern char **environ;

enum { OPT_FORMAT = 256, OPT_EXIT_CODE, OPT_TODAY, OPT_TEMPLATES };

static const struct cmd_option options[] = {
	{ 0, "format", "md|json", OPT_FORMAT,
	  "Markdown fit for a pull request's comment (the\n"
	  "default), or JSON" },
	{ 0, "exit-code", NULL, OPT_EXIT_CODE,
	  "exit 1 when anything changed, as git diff does" },
	{ 0, "today", "DATE", OPT_TODAY,
	  "judge both centres as at DATE (default: each\n"
	  "folio.yml's today, else SOURCE_DATE_EPOCH, else the\n"
	  "clock)" },
	{ 0, "templates", "DIR", OPT_TEMPLATES,
	  "the Markdown through DIR/md/diff-document.mustache\n"
	  "over the built-in one" },
	CMD_OPTIONS_END,
};

/*
 * Runs argv (no shell) with stdin from in_fd and stdout to out_fd (-1:
 * as folio's), and stderr nowhere when quiet; returns its pid, or -1.
 */
static pid_t spawn(char *const argv[], int in_fd, int out_fd, bool quiet)
{
	posix_spawn_file_actions_t actions;
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&actions);
	if (quiet)   /* its complaint is folio's to make, in folio's words */
		posix_spawn_file_actions_addopen(&actions, STDERR_FILENO,
						 "/dev/null", O_WRONLY, 0);
	if (in_fd >= 0)
		posix_spawn_file_actions_adddup2(&actions, in_fd, STDIN_FILENO);
	if (out_fd >= 0)
		posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
	err = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	return err ? -1 : pid;
}

static bool succeeded(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* What `git ARGS...` prints, in out (trailing newline removed): true if
 * it ran and succeeded. */
static bool git_output(char *const argv[], struct buf *out)
{
	int fds[2];
	pid_t pid;
	char chunk[4096];
	ssize_t n;

	if (pipe(fds) != 0)
		return false;
	pid = spawn(argv, -1, fds[1], true);
	close(fds[1]);
	while (pid > 0 && (n = read(fds[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		buf_put(out, chunk, (size_t)n);
	}
	close(fds[0]);
	if (pid <= 0 || !succeeded(pid))
		return false;
	while (out->len && out->data[out->len - 1] == '\n')
		buf_truncate(out, out->len - 1);
	return true;
}

/*
 * OLD or NEW as a folder to load: the folder itself, or, when there is no
 * such folder and the current one is in a git repository, the revision
 * of that name, written by `git archive` into a temporary folder (*tmp,
 * for the caller to remove) without touching the work tree: run in a
 * subfolder, git archives that folder's tree, which is the centre.  git itself, not libgit2:
 * the one a CI runner has anyway, and `git archive` is its own way to
 * read a tree out.  Returns false after saying why not.
 */
static bool centre_of(const char *arg, char **centre, char **tmp)
{
	struct buf commit = BUF_INIT, spec = BUF_INIT;
	const char *base = getenv("TMPDIR");
	char *verify[] = { "git", "rev-parse", "--verify", "--quiet", NULL, NULL };
	char *archive[] = { "git", "archive", "--format=tar", NULL, NULL };
	char *untar[] = { "tar", "-x", "-f", "-", "-C", NULL, NULL };
	int fds[2] = { -1, -1 };
	pid_t git = -1, tar = -1;
	bool ok = false;

	*centre = *tmp = NULL;
	if (fs_is_dir(arg)) {
		*centre = mem_strdup(arg);
		return true;
	}
	buf_printf(&spec, "%s^{commit}", arg);
	verify[4] = (char *)buf_cstr(&spec);
	/* "-x" would be an option to git: neither a folder nor a revision. */
	if (arg[0] == '-' || !git_output(verify, &commit)) {
		fprintf(stderr, "folio diff: no folder '%s', nor a git revision of "
			"that name in a repository here\n", arg);
		goto done;
	}
	*tmp = fs_join(base && *base ? base : "/tmp", "folio-diff-XXXXXX");
	if (!mkdtemp(*tmp) || pipe(fds) != 0) {
		fprintf(stderr, "folio diff: cannot make a temporary folder: %s\n",
			strerror(errno));
		goto done;
	}
	archive[3] = (char *)buf_cstr(&commit);
	untar[5] = *tmp;
	git = spawn(archive, -1, fds[1], false);
	close(fds[1]);
	tar = spawn(untar, fds[0], -1, false);
	close(fds[0]);
	ok = git > 0 && tar > 0;
	ok = (git > 0 && succeeded(git)) && ok;
	ok = (tar > 0 && succeeded(tar)) && ok;
	if (!ok)
		fprintf(stderr, "folio diff: cannot read revision '%s' out of git "
			"(git archive | tar -x failed)\n", arg);
	else
		*centre = mem_strdup(*tmp);
done:
	buf_free(&commit);
	buf_free(&spec);
	return ok;
}

/* Diagnostics in files under tmp, named REV:path instead. */
static void name_by_revision(struct diag_list *diags, const char *tmp,
			     const char *rev)
{
	size_t n = strlen(tmp);

	for (size_t i = 0; i < diags->count; i++) {
		char *file = diags->items[i].file;
		struct buf named = BUF_INIT;

		if (strncmp(file, tmp, n) != 0 || (file[n] != '/' && file[n]))
			continue;
		buf_printf(&named, "%s:%s", rev, file[n] ? file + n + 1 : "");
		free(file);
		diags->items[i].file = buf_detach(&named);
	}
}

/* A centre folder, loaded and judged; EXIT_OK or EXIT_USAGE. */
static int load(const char *dir, const char *today, struct model *m,
		struct xref *x, struct diag_list *diags)
{
	struct model_paths paths = { .centre = dir, .today = today };

	if (model_load(m, &paths, diags) != MODEL_OK)
		return EXIT_USAGE;
	centre_judge(x, m, diags);
	return EXIT_OK;
}

static int run_diff(int argc, char **argv)
{
	static const char *const formats[] = { "md", "json" };
	struct diag_list diags = DIAG_LIST_INIT;
	struct model old_m = { 0 }, new_m = { 0 };
	struct xref old_x = { 0 }, new_x = { 0 };
	struct diff d = { 0 };
	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT;
	const char *today = NULL, *templates = NULL;
	char *dirs[2] = { NULL, NULL }, *tmps[2] = { NULL, NULL };
	bool exit_code = false;
	int opt, format = 0, status = EXIT_OK;

	while ((opt = cmd_getopt(argc, argv, options, false)) != -1) {
		if (opt == OPT_FORMAT) {
			if ((format = command_choose(&command_diff, "format",
						     optarg, formats, 2)) < 0)
				return EXIT_USAGE;
		} else if (opt == OPT_EXIT_CODE) {
			exit_code = true;
		} else if (opt == OPT_TODAY) {
			today = optarg;
		} else if (opt == OPT_TEMPLATES) {
			templates = optarg;
		} else {
			return command_bad_option(&command_diff, argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return command_usage_error(&command_diff,
			"give two centre folders: folio diff OLD NEW");
	if (today && !centre_today_valid(&command_diff, today))
		return EXIT_USAGE;
	for (int i = 0; i < 2; i++)
		if (!centre_of(argv[optind + i], &dirs[i], &tmps[i]))
			status = EXIT_USAGE;
	if (status == EXIT_OK)
		status = load(dirs[0], today, &old_m, &old_x, &diags);
	if (status == EXIT_OK)
		status = load(dirs[1], today, &new_m, &new_x, &diags);
	/* The problems of either centre, by its folder (they say which), or
	 * by its revision's name, as git names a file in one (HEAD~1:x.csv),
	 * not the temporary folder's. */
	for (int i = 0; i < 2; i++)
		if (tmps[i])
			name_by_revision(&diags, tmps[i], argv[optind + i]);
	command_print_diagnostics(&diags);
	if (status == EXIT_OK) {
		struct value v;

		diff_centres(&d, &old_m, &old_x, &new_m, &new_x);
		v = diff_view(&a, &d, argv[optind], argv[optind + 1]);
		if (format == 1) {
			value_dump_pretty(&v, 0, &out);
			buf_putc(&out, '\n');
		} else {
			struct value_obj doc = value_obj_new(&a, 1);
			struct value root;

			value_put(&doc, "diff", v);
			root = value_obj_done(&doc);
			if (theme_render_markdown(templates, "diff-document", &root,
						  DATE_STYLE_ISO, &out, &diags) != 0) {
				command_print_diagnostics(&diags);
				status = EXIT_ERRORS;
			}
		}
		if (status == EXIT_OK && command_write(&command_diff, &out,
						       "the changes") != 0)
			status = EXIT_USAGE;
		if (status == EXIT_OK && exit_code && d.count)
			status = EXIT_ERRORS;
	}
	buf_free(&out);
	arena_free(&a);
	diff_free(&d);
	xref_free(&old_x);
	xref_free(&new_x);
	model_free(&old_m);
	model_free(&new_m);
	diag_list_free(&diags);
	for (int i = 0; i < 2; i++) {
		if (tmps[i])
			outdir_remove_tree(tmps[i]);
		free(tmps[i]);
		free(dirs[i]);
	}
	return status;
}

const struct command command_diff = {
	"diff", run_diff, "what changed between two centres, portfolio by portfolio",
	"usage: folio diff OLD NEW [--format md|json] [--exit-code] [--today DATE]\n"
	"                  [--templates DIR]\n"
	"\n"
	"Loads and judges the centre folders OLD and NEW and prints, for each\n"
	"learner and unit whose portfolio changed, its status and percent before\n"
	"and after, the criteria newly met or no longer met, the gaps opened and\n"
	"closed, the evidence rows added, changed and removed (by ref), and the\n"
	"IQA samples and sign-offs added; portfolios that did not change are not\n"
	"listed.  The Markdown is fit for a pull request's comment or\n"
	"$GITHUB_STEP_SUMMARY.  OLD or NEW that is no folder is a git revision\n"
	"(folio diff main HEAD, in the centre's folder), read with git archive\n"
	"into a temporary folder, the work tree untouched.\n",
	options, 0,
	"Exit status: 0 (with --exit-code: nothing changed), 1 something\n"
	"changed (with --exit-code), 2 a centre could not be read or a usage\n"
	"error.\n",
};
