/*
 * test_config.c - reading folio.yml (src/read/config.c): what a file of many
 * keys costs.
 */
#include "check.h"
#include "base/arena.h"
#include "base/buf.h"
#include "read/config.h"
#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes text to a fresh temporary file; its path is in path. */
static void write_temp(char path[static 32], const char *text, size_t len)
{
	int fd;

	snprintf(path, 32, "/tmp/folio-config-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
}

/*
 * Each `encoding:` pattern once copied the whole list before it: 22,000
 * patterns took 4 GB.  5,000 took 200 MB; now the list doubles.
 */
static void test_many_encoding_patterns(void)
{
	struct buf text = BUF_INIT;
	struct config c;
	struct arena arena = ARENA_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	char path[32];

	buf_puts(&text, "encoding:\n");
	for (int i = 0; i < 5000; i++)
		buf_printf(&text, "  \"evidence/f%d-*.csv\": %s\n", i,
			   i == 4999 ? "windows-1252" : "utf-8");
	write_temp(path, text.data, text.len);
	CHECK_INT(config_load(&c, &arena, path, &diags), 0);
	CHECK_INT(diags.errors, 0);
	CHECK_INT(c.nencodings, 5000);
	CHECK_STR(config_encoding_for(&c, "evidence/f4999-a.csv"), "windows-1252");
	CHECK_STR(config_encoding_for(&c, "evidence/f12-a.csv"), "utf-8");
	CHECK(arena_size(&arena) < 4u << 20);
	unlink(path);
	buf_free(&text);
	diag_list_free(&diags);
	arena_free(&arena);
}

int main(void)
{
	RUN(test_many_encoding_patterns);
	return check_summary();
}
