/*
 * serve.c - a built site served over HTTP on 127.0.0.1, pages reloaded
 * after each rebuild (see serve.h).
 */
#include "write/serve.h"
#include "base/buf.h"
#include "base/fsutil.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "present/url.h"
#include "render/mustache.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct serve {
	struct MHD_Daemon *daemon;
	char *root;
	pthread_mutex_t lock;       /* over what follows */
	pthread_cond_t changed;     /* the build moved on, or stopping */
	unsigned long epoch;        /* a restarted server is another build */
	unsigned long builds;
	char *banner;               /* HTML, or NULL while the last build was published */
	bool stopping;
};

/* "EPOCH.BUILDS" in hex and decimal: at most 16 + 1 + 20 characters. */
#define BUILD_ID_SIZE 40

static void build_id(const struct serve *s, char id[BUILD_ID_SIZE])
{
	snprintf(id, BUILD_ID_SIZE, "%lx.%lu", s->epoch, s->builds);
}

/* ---- listening ---------------------------------------------------------- */

int serve_listen(unsigned port, unsigned *bound)
{
	struct sockaddr_in addr = { 0 };
	socklen_t len = sizeof(addr);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1, err;

	if (fd < 0)
		return -errno;
	/* A server stopped a moment ago leaves its port in TIME_WAIT; this
	 * lets it start again, and never lets two listen on one port. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
	    listen(fd, 64) != 0 ||
	    getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
		err = errno;
		close(fd);
		return -err;
	}
	*bound = ntohs(addr.sin_port);
	return fd;
}

/* ---- responses ---------------------------------------------------------- */

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".md", "text/markdown; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".jpeg", "image/jpeg" },
	{ ".gif", "image/gif" },
	{ ".webp", "image/webp" },
	{ ".ico", "image/vnd.microsoft.icon" },
	{ ".woff", "font/woff" },
	{ ".woff2", "font/woff2" },
	{ ".pdf", "application/pdf" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".csv", "text/csv; charset=utf-8" },
};

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && !strchr(dot, '/') &&
	     i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static bool is_html(const char *path)
{
	return strcmp(content_type(path), types[0].type) == 0;
}

/* Queues r (NULL: out of memory, and the connection is dropped). */
static enum MHD_Result queue(struct MHD_Connection *c, unsigned code,
			     struct MHD_Response *r, const char *type)
{
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* Every request sees the build as it is now, never a cached page. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ok = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ok;
}

static struct MHD_Response *from_buf(struct buf *b)
{
	size_t len = b->len;

	return MHD_create_response_from_buffer(len, buf_detach(b),
					       MHD_RESPMEM_MUST_FREE);
}

/* The script, and the banner if there is one, as s stands now. */
static void put_live(struct serve *s, struct buf *out)
{
	char id[BUILD_ID_SIZE];

	pthread_mutex_lock(&s->lock);
	build_id(s, id);
	if (s->banner)
		buf_puts(out, s->banner);
	pthread_mutex_unlock(&s->lock);
	buf_printf(out,
		"<script>/* folio serve: reload when the site is built again */\n"
		"(function () {\n"
		"  var build = \"%s\";\n"
		"  function poll() {\n"
		"    fetch(\"" SERVE_BUILD_PATH "?since=\" + build, "
		"{ cache: \"no-store\" })\n"
		"      .then(function (r) { return r.json(); })\n"
		"      .then(function (j) {\n"
		"        if (j.build !== build) location.reload(); else poll();\n"
		"      })\n"
		"      .catch(function () { setTimeout(poll, 1000); });\n"
		"  }\n"
		"  poll();\n"
		"})();\n"
		"</script>\n", id);
}

/* The last "</body" in html[0..len), in any case, or len. */
static size_t body_end(const char *html, size_t len)
{
	for (size_t i = len; i >= 6; i--)
		if (strncasecmp(html + i - 6, "</body", 6) == 0)
			return i - 6;
	return len;
}

/* An HTML page with the live parts put before its </body>. */
static enum MHD_Result reply_html(struct serve *s, struct MHD_Connection *c,
				  unsigned code, const char *html, size_t len)
{
	struct buf out = BUF_INIT;
	size_t end = body_end(html, len);

	buf_grow(&out, len + 1024);
	buf_put(&out, html, end);
	put_live(s, &out);
	buf_put(&out, html + end, len - end);
	return queue(c, code, from_buf(&out), "text/html; charset=utf-8");
}

/* 400 and 404: small pages, which reload too once the site has them. */
static enum MHD_Result reply_error(struct serve *s, struct MHD_Connection *c,
				   unsigned code, const char *url)
{
	struct buf page = BUF_INIT;
	const char *what = code == MHD_HTTP_NOT_FOUND ? "Not found" : "Bad request";
	enum MHD_Result ok;

	buf_printf(&page, "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n"
		   "<meta charset=\"utf-8\">\n<title>%u %s</title>\n</head>\n"
		   "<body>\n<h1>%u %s</h1>\n<p>", code, what, code, what);
	mustache_escape_html(&page, url, strlen(url));
	buf_puts(&page, code == MHD_HTTP_NOT_FOUND ?
		 " is not a file of the site.</p>\n</body>\n</html>\n" :
		 " is not a path in the site.</p>\n</body>\n</html>\n");
	ok = reply_html(s, c, code, page.data, page.len);
	buf_free(&page);
	return ok;
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned code,
				  const char *text)
{
	struct buf out = BUF_INIT;

	buf_puts(&out, text);
	return queue(c, code, from_buf(&out), "text/plain; charset=utf-8");
}

/* Waits, s locked, until the build is no longer since, or a while. */
static void wait_for_build(struct serve *s, const char *since)
{
	struct timespec until;
	char id[BUILD_ID_SIZE];

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += SERVE_POLL_SECONDS;
	for (;;) {
		build_id(s, id);
		if (s->stopping || strcmp(id, since) != 0)
			return;
		if (pthread_cond_timedwait(&s->changed, &s->lock, &until) ==
		    ETIMEDOUT)
			return;
	}
}

/* SERVE_BUILD_PATH: blocking this connection's own thread. */
static enum MHD_Result reply_build(struct serve *s, struct MHD_Connection *c)
{
	const char *since = MHD_lookup_connection_value(c,
		MHD_GET_ARGUMENT_KIND, "since");
	struct buf out = BUF_INIT;
	char id[BUILD_ID_SIZE];

	pthread_mutex_lock(&s->lock);
	if (since)
		wait_for_build(s, since);
	build_id(s, id);
	buf_printf(&out, "{\"build\": \"%s\", \"ok\": %s}\n", id,
		   s->banner ? "false" : "true");
	pthread_mutex_unlock(&s->lock);
	return queue(c, MHD_HTTP_OK, from_buf(&out), "application/json");
}

/* ---- finding a file ----------------------------------------------------- */

/*
 * url's parts joined by '/' into rel ("" for the root): 200, or 400 for
 * a part "." or ".." (a way out of the folder, however it was spelled:
 * the server has decoded %2e already), 404 for a hidden one.
 */
static unsigned request_path(const char *url, struct buf *rel)
{
	if (url[0] != '/')
		return MHD_HTTP_BAD_REQUEST;
	for (const char *p = url; *p; ) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0)
			break;
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return MHD_HTTP_BAD_REQUEST;
		if (p[0] == '.')
			return MHD_HTTP_NOT_FOUND;
		if (rel->len)
			buf_putc(rel, '/');
		buf_put(rel, p, n);
		p += n;
	}
	return MHD_HTTP_OK;
}

/*
 * path made canonical into *real, when it is inside top (canonical) and
 * there: 200 with *st its status, else 404.  A link leading out of the
 * site resolves outside top, so it is not found.
 */
static unsigned inside(const char *path, const char *top, char **real,
		       struct stat *st)
{
	free(*real);
	*real = realpath(path, NULL);
	if (!*real || !fs_within(*real, top) || stat(*real, st) != 0)
		return MHD_HTTP_NOT_FOUND;
	return MHD_HTTP_OK;
}

/*
 * The file url names in the folder: 200 with *real its canonical path;
 * 301 for a folder named without its final '/' (so that the relative
 * links of its index.html resolve); 400 or 404.
 */
static unsigned find(const char *root, const char *url, char **real)
{
	struct buf rel = BUF_INIT;
	struct stat st;
	char *top = realpath(root, NULL), *path;
	unsigned code = request_path(url, &rel);

	*real = NULL;
	if (code == MHD_HTTP_OK && !top)
		code = MHD_HTTP_NOT_FOUND;       /* no site built yet */
	if (code == MHD_HTTP_OK) {
		path = fs_join(top, buf_cstr(&rel));
		code = inside(path, top, real, &st);
		free(path);
	}
	if (code == MHD_HTTP_OK && S_ISDIR(st.st_mode)) {
		if (url[strlen(url) - 1] != '/') {
			code = MHD_HTTP_MOVED_PERMANENTLY;
		} else {
			path = fs_join(*real, "index.html");
			code = inside(path, top, real, &st);
			free(path);
		}
	}
	if (code == MHD_HTTP_OK && !S_ISREG(st.st_mode))
		code = MHD_HTTP_NOT_FOUND;
	free(top);
	buf_free(&rel);
	return code;
}

/* url + "/", escaped again (url_escape): the server decoded it. */
static enum MHD_Result redirect(struct MHD_Connection *c, const char *url)
{
	struct buf to = BUF_INIT;
	struct MHD_Response *r;

	url_escape(&to, url);
	buf_putc(&to, '/');
	r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (r)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, buf_cstr(&to));
	buf_free(&to);
	return queue(c, MHD_HTTP_MOVED_PERMANENTLY, r, "text/plain; charset=utf-8");
}

static enum MHD_Result reply_file(struct serve *s, struct MHD_Connection *c,
				  const char *url)
{
	char *real, *data;
	unsigned code = find(s->root, url, &real);
	enum MHD_Result ok;
	struct stat st;
	size_t len;
	int fd;

	if (code == MHD_HTTP_MOVED_PERMANENTLY) {
		ok = redirect(c, url);
	} else if (code != MHD_HTTP_OK) {
		ok = reply_error(s, c, code, url);
	} else if (is_html(real)) {
		if (fs_read_file(real, &data, &len) != 0) {
			ok = reply_error(s, c, MHD_HTTP_NOT_FOUND, url);
		} else {
			ok = reply_html(s, c, MHD_HTTP_OK, data, len);
			free(data);
		}
	} else if ((fd = fs_open_regular(real, &st)) < 0) {
		ok = reply_error(s, c, MHD_HTTP_NOT_FOUND, url);
	} else {   /* the response owns fd from here, and closes it */
		ok = queue(c, MHD_HTTP_OK, MHD_create_response_from_fd(
			   (uint64_t)st.st_size, fd), content_type(real));
	}
	free(real);
	return ok;
}

/* ---- the server --------------------------------------------------------- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **state)
{
	static char started;
	struct serve *s = cls;

	(void)version;
	(void)upload;
	if (!*state) {          /* the headers: a body may follow */
		*state = &started;
		return MHD_YES;
	}
	if (*upload_size) {     /* a body, which no request here needs */
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
		struct MHD_Response *r;
		struct buf text = BUF_INIT;

		buf_puts(&text, "405 method not allowed: only GET and HEAD\n");
		r = from_buf(&text);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		return queue(c, MHD_HTTP_METHOD_NOT_ALLOWED, r,
			     "text/plain; charset=utf-8");
	}
	if (strcmp(url, SERVE_BUILD_PATH) == 0)
		return reply_build(s, c);
	if (strncmp(url, SERVE_RESERVED, strlen(SERVE_RESERVED)) == 0)
		return reply_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
	return reply_file(s, c, url);
}

struct serve *serve_start(int fd, const char *root)
{
	struct serve *s = mem_calloc(1, sizeof(*s));
	pthread_condattr_t attr;

	s->root = mem_strdup(root);
	s->epoch = (unsigned long)time(NULL) ^ (unsigned long)getpid() << 16;
	pthread_mutex_init(&s->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&s->changed, &attr);
	pthread_condattr_destroy(&attr);
	/* A thread per connection: a long poll may wait on its own. */
	s->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
				     MHD_USE_INTERNAL_POLLING_THREAD |
				     MHD_USE_AUTO, 0, NULL, NULL, handle, s,
				     MHD_OPTION_LISTEN_SOCKET, fd,
				     MHD_OPTION_CONNECTION_LIMIT, 64u,
				     MHD_OPTION_CONNECTION_TIMEOUT,
				     (unsigned)SERVE_POLL_SECONDS * 2,
				     MHD_OPTION_END);
	if (!s->daemon) {
		close(fd);
		serve_stop(s);
		return NULL;
	}
	return s;
}

/* The banner's HTML: each error as the terminal shows it, escaped. */
static char *banner(const struct diag_list *errors)
{
	struct buf html = BUF_INIT, line = BUF_INIT;

	buf_puts(&html,
		"<div id=\"folio-serve\" role=\"alert\" style=\"position:fixed;"
		"top:0;left:0;right:0;z-index:2147483647;max-height:50vh;"
		"overflow:auto;margin:0;padding:.75rem 1rem;background:#8b0000;"
		"color:#fff;font:14px/1.4 system-ui,sans-serif;"
		"box-shadow:0 2px 6px rgba(0,0,0,.4)\">\n"
		"<p style=\"margin:0 0 .5rem;font-weight:bold\">folio serve: the "
		"last build was not published; this is the last good site.</p>\n"
		"<pre style=\"margin:0;white-space:pre-wrap;"
		"font:13px/1.4 ui-monospace,monospace\">");
	for (size_t i = 0; i < errors->count; i++) {
		struct diag d = errors->items[i];

		/* As on the site's own pages: a file from outside the centre
		 * keeps its text on the terminal. */
		if (d.outside)
			d.message = "the message is in folio's own output: this "
				    "file is outside the centre folder";
		buf_truncate(&line, 0);
		diag_format(&d, false, &line);
		mustache_escape_html(&html, line.data, line.len);
	}
	if (!errors->count)
		buf_puts(&html, "(see folio serve's output)\n");
	buf_puts(&html, "</pre>\n</div>\n"
		 "<style>@media print { #folio-serve { display: none; } }</style>\n");
	buf_free(&line);
	return buf_detach(&html);
}

void serve_update(struct serve *s, bool published,
		  const struct diag_list *errors)
{
	char *html = errors ? banner(errors) : NULL;
	bool same;

	pthread_mutex_lock(&s->lock);
	same = (!html && !s->banner) ||
	       (html && s->banner && strcmp(html, s->banner) == 0);
	if (published || !same) {
		s->builds++;
		pthread_cond_broadcast(&s->changed);
	}
	free(s->banner);
	s->banner = html;
	pthread_mutex_unlock(&s->lock);
}

void serve_stop(struct serve *s)
{
	if (!s)
		return;
	/* Wake the long polls first: the daemon waits for their threads. */
	pthread_mutex_lock(&s->lock);
	s->stopping = true;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	pthread_cond_destroy(&s->changed);
	pthread_mutex_destroy(&s->lock);
	free(s->banner);
	free(s->root);
	free(s);
}

/* ---- which errors are new ----------------------------------------------- */

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* "FILE\nmessage", each run of letters and digits holding a digit as '#'. */
static char *error_key(const struct diag *d)
{
	struct buf key = BUF_INIT;
	const char *m = d->message;

	buf_puts(&key, d->file);
	buf_putc(&key, '\n');
	while (*m) {
		size_t n = 0;
		bool digit = false;

		if (!is_alnum(*m)) {
			buf_putc(&key, *m++);
			continue;
		}
		for (; is_alnum(m[n]); n++)
			digit = digit || (m[n] >= '0' && m[n] <= '9');
		if (digit)
			buf_putc(&key, '#');
		else
			buf_put(&key, m, n);
		m += n;
	}
	return buf_detach(&key);
}

size_t serve_new_errors(const struct diag_list *served,
			const struct diag_list *now, struct diag_list *fresh)
{
	struct strmap kinds = STRMAP_INIT;
	char **keys = mem_calloc(served->count + 1, sizeof(*keys));
	size_t *left = mem_calloc(served->count + 1, sizeof(*left));
	size_t nkeys = 0, found = 0;

	for (size_t i = 0; i < served->count; i++) {
		char *key;
		size_t *n;

		if (served->items[i].severity != DIAG_ERROR)
			continue;
		key = error_key(&served->items[i]);
		n = strmap_put(&kinds, key, &left[nkeys]);
		if (n == &left[nkeys])
			keys[nkeys++] = key;
		else
			free(key);
		(*n)++;
	}
	for (size_t i = 0; i < now->count; i++) {
		char *key;
		size_t *n;

		if (now->items[i].severity != DIAG_ERROR)
			continue;
		key = error_key(&now->items[i]);
		n = strmap_get(&kinds, key);
		if (n && *n) {
			(*n)--;
		} else {
			diag_list_add_copy(fresh, &now->items[i]);
			found++;
		}
		free(key);
	}
	strmap_free(&kinds);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(left);
	return found;
}
