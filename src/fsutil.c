/*
 * fsutil.c - file reading and directory listing (see fsutil.h).
 */
#include "fsutil.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int fs_read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t cap = 0, n = 0;
	int err = 0;

	if (!f)
		return errno;
	for (;;) {
		size_t got;

		text = mem_array_grow(text, &cap, n + 65536 + 1, 1);
		got = fread(text + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	fclose(f);
	if (err) {
		free(text);
		return err;
	}
	text[n] = '\0';
	*data = text;
	*len = n;
	return 0;
}

static bool wanted(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return name[0] != '.' && n > s && strcmp(name + n - s, suffix) == 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list_files(const char *dir, const char *suffix, char ***names,
		  size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *entry;
	char **list = NULL;
	size_t n = 0, cap = 0;

	if (!d)
		return errno;
	while ((entry = readdir(d))) {
		char *path;
		struct stat st;
		bool regular;

		if (!wanted(entry->d_name, suffix))
			continue;
		path = fs_join(dir, entry->d_name);
		regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		if (!regular)
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
