/*
 * centre_dir.h - a fresh temporary folder for a hand-made centre, shared
 * by the tests that load one as folio would (test_xref, test_iqa,
 * test_sample).
 *
 * centre_dir_make() removes the last folder and makes a new
 * /tmp/folio-NAME-XXXXXX holding empty units/ and evidence/ folders;
 * write_file() puts a file into it; centre_dir_remove() deletes it.
 */
#ifndef FOLIO_CENTRE_DIR_H
#define FOLIO_CENTRE_DIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char dir[64];

static void centre_dir_remove(void)
{
	char command[128];

	if (dir[0]) {
		snprintf(command, sizeof(command), "rm -rf '%s'", dir);
		if (system(command) != 0)
			perror(command);
	}
	dir[0] = '\0';
}

static void centre_dir_make(const char *name)
{
	char path[128];

	centre_dir_remove();
	snprintf(dir, sizeof(dir), "/tmp/folio-%s-XXXXXX", name);
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/units", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/evidence", dir);
	mkdir(path, 0700);
}

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		abort();
	}
	fputs(text, f);
	fclose(f);
}

#endif
