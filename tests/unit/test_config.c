/*
 * test_config.c - reading folio.yml (src/read/config.c): what a file of many
 * keys costs.
 */
#include "check.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "read/config.h"


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

	buf_puts(&text, "encoding:\n");
	for (int i = 0; i < 5000; i++)
		buf_printf(&text, "  \"evidence/f%d-*.csv\": %s\n", i,
			   i == 4999 ? "windows-1252" : "utf-8");
	config_parse(&c, &arena, "folio.yml", text.data, text.len, &diags);
	CHECK_INT(diags.errors, 0);
	CHECK_INT(c.nencodings, 5000);
	CHECK_STR(config_encoding_for(&c, "evidence/f4999-a.csv"), "windows-1252");
	CHECK_STR(config_encoding_for(&c, "evidence/f12-a.csv"), "utf-8");
	CHECK(arena_size(&arena) < 4u << 20);
	buf_free(&text);
	diag_list_free(&diags);
	arena_free(&arena);
}

int main(void)
{
	RUN(test_many_encoding_patterns);
	return check_summary();
}
