/*
 * serve.c - `folio serve`: the site built as `folio build` builds it,
 * served on 127.0.0.1, and built again whenever an input or a template
 * changes, the open pages reloading themselves (write/serve.h,
 * write/watch.h).
 */
#include "build.h"
#include "write/serve.h"
#include "write/watch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

/* A burst of events (an editor's save, a checkout) is one rebuild: it
 * waits for this much quiet, but never more than SETTLE_MAX_MS in all. */
#define SETTLE_MS 150
#define SETTLE_MAX_MS 1000

enum { OPT_PORT = BUILD_OPT_FIRST_FREE };

static const struct cmd_option options[] = {
	CENTRE_OPTIONS,
	BUILD_OPTION_OUT,
	BUILD_OPTION_FORMAT,
	BUILD_OPTION_TEMPLATES,
	BUILD_OPTION_JOBS,
	{ 'p', "port", "N", OPT_PORT,
	  "serve on http://127.0.0.1:N/ (default: 8000; 0: a\n"
	  "free port, which the ready line names)" },
	CMD_OPTIONS_END,
};

struct live {
	struct build_run run;
	struct watch *watch;
	struct serve *server;
	int signals;                /* signalfd of SIGINT and SIGTERM */
	bool serving;               /* a build of ours was published */
	bool unwatched;             /* said so: a folder could not be watched */
	struct diag_list served;    /* the errors of the site in service */
	struct diag_list fresh;     /* why the last build was not published */
};

static bool parse_port(const char *text, unsigned *port)
{
	unsigned long n = 0;

	if (!*text || strlen(text) > 5)
		return false;
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	*port = (unsigned)n;
	return n <= 65535;
}

static int parse(int argc, char **argv, struct centre_args *args,
		 struct site_options *o, unsigned *port)
{
	int opt, taken;

	while ((opt = cmd_getopt(argc, argv, options, true)) != -1) {
		if ((taken = build_option(&command_serve, opt, optarg, o)) != 0) {
			if (taken < 0)
				return EXIT_USAGE;
		} else if (opt == OPT_PORT) {
			if (!parse_port(optarg, port))
				return command_usage_error(&command_serve,
					"--port takes a number from 0 to 65535, not "
					"'%s'", optarg);
		} else if (!centre_option(args, opt, optarg)) {
			return command_bad_option(&command_serve, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return command_usage_error(&command_serve,
			"unexpected argument '%s'", argv[optind]);
	return EXIT_OK;
}

/*
 * SIGINT and SIGTERM, blocked in every thread (before any starts) and
 * read from a descriptor that poll() watches with the inotify one.  A
 * shell starts a background job with SIGINT ignored, and an ignored
 * signal is never pending: back to the default first.  -1 on failure.
 */
static int stop_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/* build_run's hook: watch what this build reads; publish it unless it
 * brings errors the site in service does not have. */
static bool may_publish(void *ctx, const struct model *m,
			const char *templates, const struct diag_list *diags)
{
	struct live *l = ctx;
	int err = watch_model(l->watch, m, templates, l->run.options->out);

	if (err && !l->unwatched)
		fprintf(stderr, "folio serve: cannot watch every folder (%s): "
			"changes there are not seen\n", strerror(err));
	l->unwatched = err != 0;
	return !l->serving || serve_new_errors(&l->served, diags, &l->fresh) == 0;
}

static void keep_errors(struct diag_list *to, const struct diag_list *from)
{
	diag_list_free(to);
	*to = (struct diag_list)DIAG_LIST_INIT;
	for (size_t i = 0; i < from->count; i++)
		if (from->items[i].severity == DIAG_ERROR)
			diag_list_add_copy(to, &from->items[i]);
}

/*
 * Builds, prints what the build says and a line when it is not
 * published, and tells the server.  Returns whether it was published.
 */
static bool rebuild(struct live *l)
{
	struct build_run *r = &l->run;
	bool published, stops;

	build_run_free(r);
	diag_list_free(&l->fresh);
	l->fresh = (struct diag_list)DIAG_LIST_INIT;
	build_run(r);
	published = r->centre_read && !r->held && r->built == SITE_OK;
	/* The first build, when the centre is unreadable or --out refused:
	 * it has said why, and nothing will be served. */
	stops = !l->server && (!r->centre_read || r->built == SITE_IO_ERROR);
	if (published) {
		keep_errors(&l->served, &r->diags);
		l->serving = true;
	} else if (!stops) {
		if (!r->held)   /* the centre unread, or the build failed */
			serve_new_errors(&l->served, &r->diags, &l->fresh);
		fprintf(stderr, "folio serve: not published (%zu new error%s); "
			"the site in service stays as it was\n", l->fresh.count,
			l->fresh.count == 1 ? "" : "s");
	}
	if (l->server)
		serve_update(l->server, published && !r->result.up_to_date,
			     published ? NULL : &l->fresh);
	return published;
}

static long ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	       (now.tv_nsec - start->tv_nsec) / 1000000;
}

/*
 * Sleeps in poll() until something the site is built from changes and
 * then settles: true; or until a signal says stop: false.
 */
static bool wait_for_change(struct live *l)
{
	struct pollfd fds[2] = {
		{ l->signals, POLLIN, 0 }, { watch_fd(l->watch), POLLIN, 0 },
	};
	struct timespec first = { 0, 0 };
	bool changed = false;
	int timeout = -1;

	for (;;) {
		int n = poll(fds, 2, timeout);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fds[0].revents)
			return false;
		if (n == 0)
			return true;        /* quiet since the change */
		if (watch_changed(l->watch) && !changed) {
			changed = true;
			clock_gettime(CLOCK_MONOTONIC, &first);
		}
		if (changed) {
			long left = SETTLE_MAX_MS - ms_since(&first);

			if (left <= 0)
				return true;
			timeout = left < SETTLE_MS ? (int)left : SETTLE_MS;
		}
	}
}

static void live_free(struct live *l)
{
	serve_stop(l->server);
	watch_free(l->watch);
	build_run_free(&l->run);
	diag_list_free(&l->served);
	diag_list_free(&l->fresh);
	if (l->signals >= 0)
		close(l->signals);
}

/*
 * Builds first: nothing is served from a centre that cannot be read or
 * an --out that is refused.  Takes over the listening socket.
 */
static int start(struct live *l, int listening, unsigned port)
{
	bool published;

	if (!(l->watch = watch_new())) {
		fprintf(stderr, "folio serve: cannot watch the files: %s\n",
			strerror(errno));
		close(listening);
		return EXIT_USAGE;
	}
	published = rebuild(l);
	if (!l->run.centre_read || l->run.built == SITE_IO_ERROR) {
		close(listening);
		return EXIT_USAGE;
	}
	/* Entered: every later build runs in the centre folder. */
	l->run.args->dir = NULL;
	l->server = serve_start(listening, l->run.options->out);
	if (!l->server) {
		fprintf(stderr, "folio serve: cannot start the server\n");
		return EXIT_USAGE;
	}
	serve_update(l->server, true, published ? NULL : &l->fresh);
	printf("folio serve: http://127.0.0.1:%u/ (Ctrl-C to stop)\n", port);
	fflush(stdout);
	return EXIT_OK;
}

static int run_serve(int argc, char **argv)
{
	struct centre_args args = { 0 };
	struct site_options o = { .out = "_site", .html = true };
	struct live l = {
		.run = { .cmd = &command_serve, .args = &args, .options = &o,
			 .loaded = may_publish, .quiet = true },
		.signals = -1,
	};
	unsigned port = 8000, bound = 0;
	int status = parse(argc, argv, &args, &o, &port), listening;

	if (status != EXIT_OK)
		return status;
	l.run.ctx = &l;
	l.run.report = stderr;      /* standard output has the ready line alone */
	if ((l.signals = stop_signals()) < 0) {
		fprintf(stderr, "folio serve: cannot wait for signals: %s\n",
			strerror(errno));
		return EXIT_USAGE;
	}
	listening = serve_listen(port, &bound);
	if (listening < 0) {
		fprintf(stderr, "folio serve: cannot listen on 127.0.0.1:%u: %s\n",
			port, strerror(-listening));
		live_free(&l);
		return EXIT_USAGE;
	}
	status = start(&l, listening, bound);
	if (status != EXIT_OK) {
		live_free(&l);
		return status;
	}
	while (wait_for_change(&l))
		rebuild(&l);
	live_free(&l);
	fprintf(stderr, "folio serve: stopped\n");
	return EXIT_OK;
}

const struct command command_serve = {
	"serve", run_serve, "build the site, serve it, rebuild on every change",
	"usage: folio serve " CENTRE_USAGE "\n"
	"                   [--out DIR] [--format html,md] [--templates DIR]\n"
	"                   [--jobs N] [--port N]\n"
	"\n"
	"Builds the site as 'folio build' does, into the same --out, and serves\n"
	"it on http://127.0.0.1:PORT/ (this machine only), then builds it again\n"
	"whenever an input or a template changes, and each open page reloads\n"
	"itself.  A build that brings new errors, or fails, is not published:\n"
	"the last good site stays on disk and in service, with the errors in a\n"
	"banner on every page until they are put right.  Links are relative\n"
	"(no --base-url).  Ctrl-C (or SIGTERM) stops it.\n",
	options, 0,
	"Exit status: 0 stopped; 2 usage error, the port is in use, the centre\n"
	"could not be read or --out was refused at the start.\n",
};
