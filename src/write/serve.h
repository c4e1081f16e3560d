/*
 * serve.h - a built site served over HTTP on 127.0.0.1 while it is being
 * worked on (`folio serve`), each open page reloaded after a rebuild.
 *
 * libmicrohttpd does the HTTP, on a thread per connection.  Only the
 * files inside the site's folder are served: no `..`, no hidden name
 * (.folio-site), no symbolic link that leads out of the folder; a folder
 * is its index.html.  GET and HEAD only (405 for the rest), and a small
 * body with every 400, 404 and 405.
 *
 * What the site's files hold is exactly what the build wrote.  Only in
 * the responses, and only in HTML ones, a script is put before </body>
 * that long-polls SERVE_BUILD_PATH and reloads the page when the build
 * there differs from the one the page was served in; and, while the last
 * build could not be published, a banner that lists its errors over the
 * last good site, which stays in service.
 */
#ifndef FOLIO_SERVE_H
#define FOLIO_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/*
 * Paths under SERVE_RESERVED are the server's, never the site's (no page
 * of the site is named so).  SERVE_BUILD_PATH is the build's state, as
 * JSON: {"build": "ID", "ok": true or false}; with ?since=ID it answers
 * only once the build is no longer ID, or after SERVE_POLL_SECONDS, so
 * that a page learns of a rebuild at once without asking over and over.
 */
#define SERVE_RESERVED "/__folio/"
#define SERVE_BUILD_PATH SERVE_RESERVED "build"
#define SERVE_POLL_SECONDS 25

struct serve;

/*
 * A socket listening on 127.0.0.1 (never another address: the site
 * holds learners' personal data), port 0 for any free one: the socket,
 * with *bound its port; or minus an errno value (-EADDRINUSE).
 */
int serve_listen(unsigned port, unsigned *bound);

/*
 * Serves the folder root (as a path; it may not exist yet, and is looked
 * up on each request, so that a build may swap a new folder in) on the
 * listening socket fd, which it takes over (closed by serve_stop(), or
 * here when the server cannot start: NULL).
 */
struct serve *serve_start(int fd, const char *root);

/*
 * After a build: published says the folder changed; errors (NULL or
 * empty when the build was published) are why it was not, shown in a
 * banner on every HTML page until the next call.  Open pages reload when
 * the folder changed or the banner did.
 */
void serve_update(struct serve *s, bool published,
		  const struct diag_list *errors);

/* Stops serving, waits for the connections' threads, frees everything. */
void serve_stop(struct serve *s);

/*
 * The errors of now that served (the diagnostics of the site in service)
 * does not have, appended to fresh; returns how many.  Errors are told
 * apart by file and message, the numbers in the message aside (a line,
 * a date, a digest), and counted: one more of a kind in a file is new.
 * A centre that has errors all along is still served as it changes; a
 * change that brings an error is held back until it is put right.
 */
size_t serve_new_errors(const struct diag_list *served,
			const struct diag_list *now, struct diag_list *fresh);

#endif
