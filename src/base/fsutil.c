/*
 * fsutil.c - file reading, directory listing and file times (see
 * fsutil.h).
 */
#include "base/fsutil.h"
#include "base/mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * One allocation of the file's size and read() straight into it: a large
 * CSV file read in growing chunks was copied over and over.  A file that
 * grows while it is read still reads whole: the buffer then doubles.
 */
const char *fs_strerror(int err)
{
	switch (err) {
	case FS_ENOTREG:
		return "not a regular file (a folder, FIFO or device); "
		       "folio reads only regular files";
	case FS_EDANGLING:
		return "a symbolic link to a file that does not exist";
	case FS_EOUTSIDE:
		return "a symbolic link to a file outside the centre; folio does "
		       "not follow it (copy the file in, or name it in an option)";
	}
	return strerror(err);
}

/* Why open() failed: a link to nothing says so, rather than "no such file". */
static int open_error(const char *path, int err)
{
	struct stat st;

	if (err == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return FS_EDANGLING;
	return err;
}

/* O_NONBLOCK so that opening a FIFO returns at once; a regular file
 * reads the same with it. */
int fs_open_regular(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -open_error(path, errno);
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		return -FS_ENOTREG;
	}
	return fd;
}

int fs_read_file_into(const char *path, char **data, size_t *cap, size_t *len)
{
	struct stat st;
	int fd = fs_open_regular(path, &st);
	char probe[4096];
	size_t n = 0;
	int err = 0;

	if (fd < 0)
		return -fd;
	*data = mem_array_grow(*data, cap, (size_t)st.st_size + 1, 1);
	for (;;) {
		/* When the buffer is full, a small read says whether there is more. */
		bool full = n + 1 >= *cap;
		ssize_t got = full ? read(fd, probe, sizeof(probe))
				   : read(fd, *data + n, *cap - n - 1);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = errno;
			break;
		}
		if (got == 0)
			break;
		if (full) {
			*data = mem_array_grow(*data, cap, n + (size_t)got + 1, 1);
			memcpy(*data + n, probe, (size_t)got);
		}
		n += (size_t)got;
	}
	close(fd);
	if (err)
		return err;
	(*data)[n] = '\0';
	*len = n;
	return 0;
}

int fs_read_file(const char *path, char **data, size_t *len)
{
	char *text = NULL;
	size_t cap = 0;
	int err = fs_read_file_into(path, &text, &cap, len);

	if (err) {
		free(text);
		return err;
	}
	*data = text;
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list_names(const char *dir, char ***names, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	char **list = NULL;
	size_t n = 0, cap = 0;

	if (!d)
		return errno;
	while ((entry = readdir(d))) {
		if (entry->d_name[0] == '.')
			continue;
		list = mem_array_grow(list, &cap, n + 1, sizeof(*list));
		list[n++] = mem_strdup(entry->d_name);
	}
	closedir(d);
	if (n)
		qsort(list, n, sizeof(*list), compare_names);
	*names = list;
	*count = n;
	return 0;
}

void fs_free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

bool fs_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_within(const char *inner, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(inner, dir, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

static bool within_real(const char *inner, const char *dir)
{
	char *real = dir ? realpath(dir, NULL) : NULL;
	bool in = real && fs_within(inner, real);

	free(real);
	return in;
}

int fs_check_link(const char *path, const char *root, const char *other)
{
	struct stat st;
	char *target;
	bool inside;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 0;
	target = realpath(path, NULL);
	if (!target)
		return 0;       /* a link to nothing: reading it says so */
	inside = within_real(target, root) || within_real(target, other);
	free(target);
	return inside ? 0 : FS_EOUTSIDE;
}

char *fs_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *path;

	if (n == 0 || strcmp(dir, ".") == 0)
		return mem_strdup(name);
	path = mem_alloc(n + strlen(name) + 2);
	strcpy(path, dir);
	if (dir[n - 1] != '/')
		strcat(path, "/");
	strcat(path, name);
	return path;
}

char *fs_parent(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return mem_strdup(".");
	if (slash == path)
		return mem_strdup("/");
	return mem_strndup(path, (size_t)(slash - path));
}

int fs_write_fd(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? errno : EIO;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int fs_write_new(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	int err;

	if (fd < 0)
		return errno;
	err = fs_write_fd(fd, data, len);
	if (close(fd) != 0 && !err)
		err = errno;
	return err;
}

void fs_walk(const char *dir, fs_visit_fn visit, void *ctx)
{
	char **stack = NULL;
	size_t n = 0, cap = 0;

	stack = mem_array_grow(stack, &cap, 1, sizeof(*stack));
	stack[n++] = mem_strdup("");
	while (n > 0) {
		char *rel = stack[--n];
		char *folder = *rel ? fs_join(dir, rel) : mem_strdup(dir);
		DIR *d = opendir(folder);
		struct dirent *e;

		if (!d)
			visit(ctx, folder, rel, NULL);
		while (d && (e = readdir(d))) {
			char *child, *path;
			struct stat st;
			bool there;

			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			child = *rel ? fs_join(rel, e->d_name) : mem_strdup(e->d_name);
			path = fs_join(dir, child);
			there = lstat(path, &st) == 0;
			visit(ctx, path, child, there ? &st : NULL);
			if (there && S_ISDIR(st.st_mode)) {
				stack = mem_array_grow(stack, &cap, n + 1, sizeof(*stack));
				stack[n++] = child;
				child = NULL;
			}
			free(child);
			free(path);
		}
		if (d)
			closedir(d);
		free(folder);
		free(rel);
	}
	free(stack);
}

/* ---- the times files are stamped with ---------------------------------- */

bool fs_time_later(struct timespec a, struct timespec b)
{
	return a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec :
	       a.tv_nsec > b.tv_nsec;
}

bool fs_time_fine(struct timespec t)
{
	return t.tv_nsec % 1000000 != 0;
}

struct timespec fs_time_settled(struct timespec t)
{
	if (!fs_time_fine(t)) {
		t.tv_sec += 2;              /* FAT's two seconds */
		return t;
	}
	t.tv_nsec += 1000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_nsec -= 1000000000;
		t.tv_sec++;
	}
	return t;
}

/* Linux stamps files by the clock as of its last tick, which this reads
 * without asking the hardware. */
#ifdef CLOCK_REALTIME_COARSE
#define STAMP_CLOCK CLOCK_REALTIME_COARSE
#else
#define STAMP_CLOCK CLOCK_REALTIME
#endif

/* A millisecond at a time, and never past five seconds in all, even if
 * the clock is set back meanwhile. */
void fs_wait_past(struct timespec t)
{
	const struct timespec pause = { 0, 1000000 };
	struct timespec now;

	if (clock_gettime(STAMP_CLOCK, &now) != 0 || t.tv_sec > now.tv_sec + 3)
		return;
	for (int waits = 0; waits < 5000 && !fs_time_later(now, t); waits++) {
		nanosleep(&pause, NULL);
		if (clock_gettime(STAMP_CLOCK, &now) != 0)
			return;
	}
}

int fs_stamp(const char *path, struct fs_stamp *stamp)
{
	struct stat st;

	memset(stamp, 0, sizeof(*stamp));
	if (stat(path, &st) != 0)
		return errno;
	stamp->found = true;
	stamp->size = st.st_size;
	stamp->ino = st.st_ino;
	stamp->mtime = st.st_mtim;
	stamp->ctime = st.st_ctim;
	fs_wait_past(fs_time_settled(st.st_ctim));
	return 0;
}
