/*
 * test_csvfile.c - loading CSV files (src/read/csvfile.c).
 *
 * Each test parses a small hand-made file and compares two renderings
 * with what is expected: the diagnostics as folio prints them, and the
 * loaded header and records, one per line as "LINE: field|field" (with
 * CR and LF inside fields shown as \r and \n).
 *
 * Lines that begin a record take a fast path unless they hold something
 * only libcsv can judge (src/read/csvfile.c).  The last tests parse edge cases
 * and thousands of random documents both ways and require the two to
 * agree on everything: return value, diagnostics, header, records, their
 * lines, even where each field lies in the text.
 */
#include "check.h"
#include "base/mem.h"
#include "read/csvfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static struct csvfile file;
static struct diag_list diags;
static int rc;
static struct buf shown_diags, shown_rows;

static void parse_n(const char *text, size_t len)
{
	rc = csvfile_parse(&file, "in.csv", text, len, &diags);
}

static void parse(const char *text)
{
	parse_n(text, strlen(text));
}

static void done(void)
{
	csvfile_free(&file);
	diag_list_free(&diags);
	buf_free(&shown_diags);
	buf_free(&shown_rows);
}

static const char *messages(void)
{
	buf_truncate(&shown_diags, 0);
	diag_list_format(&diags, false, &shown_diags);
	return buf_cstr(&shown_diags);
}

static void show_fields(struct buf *b, const char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, '|');
		for (const char *s = fields[i]; *s; s++) {
			if (*s == '\n')
				buf_puts(b, "\\n");
			else if (*s == '\r')
				buf_puts(b, "\\r");
			else
				buf_putc(b, *s);
		}
	}
	buf_putc(b, '\n');
}

static const char *rows(void)
{
	struct buf *b = &shown_rows;

	buf_truncate(b, 0);
	if (file.ncolumns) {
		buf_printf(b, "%d: ", file.header_line);
		show_fields(b, file.header, file.ncolumns);
	}
	for (size_t r = 0; r < file.nrecords; r++) {
		CHECK_INT(file.records[r].nfields, file.ncolumns);
		buf_printf(b, "%d: ", file.records[r].line);
		show_fields(b, file.records[r].fields,
			    file.records[r].nfields);
	}
	return buf_cstr(b);
}

/* ---- the CSV format ---- */

static void test_plain_file(void)
{
	parse("name,ref\nAnn,1\nBob,2\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "1: name|ref\n2: Ann|1\n3: Bob|2\n");
	CHECK_INT(file.ncolumns, 2);
	CHECK_INT(file.nrecords, 2);
	CHECK_STR(file.path, "in.csv");
	done();
}

static void test_last_line_without_newline(void)
{
	parse("a,b\n1,2");
	CHECK_STR(rows(), "1: a|b\n2: 1|2\n");
	done();
}

static void test_quoted_commas_and_newlines(void)
{
	parse("a,b\n\"x, y\",\"line 1\nline 2\"\nc,d\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "1: a|b\n2: x, y|line 1\\nline 2\n4: c|d\n");
	done();
}

static void test_doubled_quotes(void)
{
	parse("a,b\n\"say \"\"hi\"\"\",\"\"\n\"\"\"\",x\n");
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "1: a|b\n2: say \"hi\"|\n3: \"|x\n");
	done();
}

static void test_spaces_around_fields(void)
{
	/* Unquoted fields lose surrounding spaces; quoted ones keep them. */
	parse("a,b\n  x  ,\t\"  y  \" \n");
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "1: a|b\n2: x|  y  \n");
	done();
}

static void test_crlf(void)
{
	parse("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	/* Line breaks inside a quoted field are kept as written. */
	CHECK_STR(rows(), "1: a|b\n2: 1|2\n3: x\\r\\ny|3\n5: 4|5\n");
	done();
}

static void test_cr_line_ends(void)
{
	parse("a,b\r1,2\r\r3,4");
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "1: a|b\n2: 1|2\n4: 3|4\n");
	done();
}

static void test_bom(void)
{
	parse("\xEF\xBB\xBFname,ref\nAnn,1\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "1: name|ref\n2: Ann|1\n");
	CHECK_INT(csvfile_column(&file, "name"), 0);
	done();
}

static void test_trailing_comma(void)
{
	/* Spreadsheets put a trailing comma on every line, or on some. */
	parse("a,b,\n1,2,\n3,4\n5,6,,\n7,8,9\n");
	CHECK_INT(rc, 0);
	CHECK_INT(file.ncolumns, 2);
	CHECK_STR(messages(),
		  "in.csv:5: error: row has 3 fields but the header has 2\n");
	CHECK_STR(rows(), "1: a|b\n2: 1|2\n3: 3|4\n4: 5|6\n");
	done();
}

static void test_blank_lines_skipped(void)
{
	parse("\n\na,b\n\n1,2\n   \n,\n\t,  ,\n\"\",\n3,4\n\n\n\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "3: a|b\n5: 1|2\n10: 3|4\n");
	done();
}

static void test_multiline_field_keeps_lines_right(void)
{
	parse("a,b\n\"one\ntwo\n\nfour\",x\nnext,y\n\"\n\",z\nlast,w\n");
	CHECK_STR(messages(), "");
	CHECK_STR(rows(),
		  "1: a|b\n2: one\\ntwo\\n\\nfour|x\n6: next|y\n"
		  "7: \\n|z\n9: last|w\n");
	done();
}

/* ---- the header ---- */

static void test_header_lookup(void)
{
	parse(" Learner ,\"Unit Ref \",date\n");
	CHECK_INT(rc, 0);
	CHECK_STR(rows(), "1: Learner|Unit Ref|date\n");
	CHECK_INT(csvfile_column(&file, "learner"), 0);
	CHECK_INT(csvfile_column(&file, "LEARNER"), 0);
	CHECK_INT(csvfile_column(&file, "  unit REF "), 1);
	CHECK_INT(csvfile_column(&file, "Date"), 2);
	CHECK_INT(csvfile_column(&file, "unit"), -1);
	CHECK_INT(csvfile_column(&file, "unit ref x"), -1);
	CHECK_INT(csvfile_column(&file, "dat"), -1);
	CHECK_INT(csvfile_column(&file, "dates"), -1);
	CHECK_INT(csvfile_column(&file, ""), -1);
	CHECK_INT(file.nrecords, 0);
	done();
}

/* What was read from the records stays valid: it points into the text. */
static void test_drop_records(void)
{
	const char *bob;

	parse("name,Ref\nAnn,1\nBob,\"2, two\"\n");
	bob = file.records[1].fields[1];
	csvfile_drop_records(&file);
	CHECK_INT(file.nrecords, 0);
	CHECK(file.records == NULL);
	CHECK_STR(rows(), "1: name|Ref\n");
	CHECK_INT(csvfile_column(&file, "ref"), 1);
	CHECK_STR(bob, "2, two");
	csvfile_drop_records(&file);   /* twice is harmless */
	CHECK_STR(rows(), "1: name|Ref\n");
	done();

	parse("");                      /* nothing usable: nothing to keep */
	CHECK_INT(rc, -1);
	csvfile_drop_records(&file);
	CHECK_INT(file.ncolumns, 0);
	done();
}

static void test_duplicate_header(void)
{
	parse("learner,unit,Learner,date,LEARNER\nx,y,z,w,v\n1,2\n");
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv:1: error: duplicate column name `Learner`: "
		  "columns 1 and 3\n"
		  "in.csv:1: error: duplicate column name `LEARNER`: "
		  "columns 1 and 5\n"
		  "in.csv:3: error: row has 2 fields but the header has 5\n");
	CHECK_STR(rows(), "");
	CHECK_INT(file.nrecords, 0);
	CHECK_INT(csvfile_column(&file, "learner"), -1);
	done();
}

static void test_blank_header(void)
{
	parse("a,,c, ,e\n1,2,3,4,5\n");
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv:1: error: column 2 of the header has no name\n"
		  "in.csv:1: error: column 4 of the header has no name\n");
	CHECK_STR(rows(), "");
	done();
}

static void test_header_of_quoted_spaces(void)
{
	parse("\" \",\"\t\"\n1,2\n");
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv:1: error: the header row has no column names\n");
	CHECK_STR(rows(), "");
	done();
}

/*
 * A file saved with semicolons or tabs between its fields is one column:
 * one error says so, rather than every column missing; its rows are not
 * checked against that one name (a comma in a summary is no error).
 */
static void test_header_of_another_separator(void)
{
	parse("learner;unit;ref\nl1;t;A, B\nl2;t;C\n");
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv:1: error: the names in the header are separated by "
		  "semicolons, not commas (\"learner;unit;ref\"): save the file "
		  "as CSV UTF-8 (comma delimited); none of its rows is read\n");
	CHECK_STR(rows(), "");
	done();
	/* A message shows a tab as \\t; the quote is of the first 40 bytes. */
	parse("learner\tunit\tref\tdate\tmethod\tcriteria\trequirements\t"
	      "summary\tassessor\nl1\tt\tA\n");
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv:1: error: the names in the header are separated by "
		  "tabs, not commas (\"learner\\tunit\\tref\\tdate\\tmethod"
		  "\\tcriteria\\tre...\"): save the file as CSV UTF-8 (comma "
		  "delimited); none of its rows is read\n");
	done();
	/* One name with a semicolon in it is only a name. */
	parse("\"learner;\"\nl1\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	CHECK_STR(rows(), "1: learner;\n2: l1\n");
	done();
}

static void test_header_after_blank_lines(void)
{
	parse("\r\n  \r\nname\r\nAnn\r\n");
	CHECK_STR(messages(), "");
	CHECK_INT(file.header_line, 3);
	CHECK_STR(rows(), "3: name\n4: Ann\n");
	done();
}

static void test_bad_header_record(void)
{
	/* The first record is the header even when it is broken. */
	parse("a,\"b\"x\n1,2\n3,\"4\"\"\n");
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv:1:6: error: text after the closing quote of a "
		  "quoted field; a quote inside a quoted field must be "
		  "doubled (\"\")\n"
		  "in.csv:3: error: unterminated quoted field (the quote "
		  "opens on line 3)\n");
	CHECK_STR(rows(), "");
	done();
}

static void test_require(void)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct buf out = BUF_INIT;

	parse("\nname,ref,date\n");
	CHECK_INT(csvfile_require(&file, "REF", &d), 1);
	CHECK_INT(d.count, 0);
	CHECK_INT(csvfile_require(&file, "learner", &d), -1);
	diag_list_format(&d, false, &out);
	CHECK_STR(buf_cstr(&out),
		  "in.csv:2: error: missing column `learner`; the header "
		  "has: name, ref, date\n");
	buf_free(&out);
	diag_list_free(&d);
	done();
}

static void test_require_long_header(void)
{
	struct buf text = BUF_INIT;

	for (int i = 1; i <= 25; i++)
		buf_printf(&text, "%sc%d", i > 1 ? "," : "", i);
	parse(buf_cstr(&text));
	CHECK_INT(csvfile_require(&file, "learner", &diags), -1);
	CHECK_STR(messages(),
		  "in.csv:1: error: missing column `learner`; the header "
		  "has: c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, "
		  "c13, c14, c15, c16, c17, c18, c19, c20, ... and 5 more\n");
	buf_free(&text);
	done();
}

/* ---- bad rows ---- */

static void test_ragged_rows(void)
{
	parse("a,b,c\n1,2\n1,2,3,4\n1,2,3\nx\n1,2,3,,\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(),
		  "in.csv:2: error: row has 2 fields but the header has 3\n"
		  "in.csv:3: error: row has 4 fields but the header has 3\n"
		  "in.csv:5: error: row has 1 field but the header has 3\n");
	CHECK_STR(rows(), "1: a|b|c\n4: 1|2|3\n6: 1|2|3\n");
	done();
}

static void test_invalid_utf8(void)
{
	parse("name,town\nAnn,Lyon\nRen\xE9,Paris\nBob,Nice\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(),
		  "in.csv:3:4: error: invalid UTF-8 (byte 0xE9): save the "
		  "file as CSV UTF-8, or name its encoding (--encoding windows-1252, "
		  "or `encoding:` in folio.yml)\n");
	CHECK_STR(rows(), "1: name|town\n2: Ann|Lyon\n4: Bob|Nice\n");
	done();
}

static void test_invalid_utf8_inside_multiline_field(void)
{
	/* Located where the byte is; the record it is in is left out. */
	parse("a,b\n1,\"caf\xC3\xA9\nna\xEF\xBB\",x\"y\n2,3\n");
	CHECK_STR(messages(),
		  "in.csv:3:3: error: invalid UTF-8 (byte 0xEF): save the "
		  "file as CSV UTF-8, or name its encoding (--encoding windows-1252, "
		  "or `encoding:` in folio.yml)\n");
	CHECK_STR(rows(), "1: a|b\n4: 2|3\n");
	done();
}

static void test_invalid_utf8_after_bom(void)
{
	/* Columns are counted after the byte-order mark, as editors do. */
	parse("\xEF\xBB\xBFna\xFFme\nx\n");
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv:1:3: error: invalid UTF-8 (byte 0xFF): save the "
		  "file as CSV UTF-8, or name its encoding (--encoding windows-1252, "
		  "or `encoding:` in folio.yml)\n");
	done();
}

static void test_stray_quotes_and_recovery(void)
{
	parse("a,b\n1,x\"y\n2,3\n4,\"p\"q\n5,6\n7,\"r\" \"s\"\n8,9\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(),
		  "in.csv:2:4: error: quote inside an unquoted field; put "
		  "the whole field in quotes and double the quotes inside "
		  "it (\"\")\n"
		  "in.csv:4:6: error: text after the closing quote of a "
		  "quoted field; a quote inside a quoted field must be "
		  "doubled (\"\")\n"
		  "in.csv:6:7: error: text after the closing quote of a "
		  "quoted field; a quote inside a quoted field must be "
		  "doubled (\"\")\n");
	CHECK_STR(rows(), "1: a|b\n3: 2|3\n5: 5|6\n7: 8|9\n");
	done();
}

static void test_stray_quote_in_multiline_record(void)
{
	/* Reported at the record's first line, saying where the quote is. */
	parse("a,b\n\"x\ny\"z,1\n2,3\n");
	CHECK_STR(messages(),
		  "in.csv:2: error: text after the closing quote of a "
		  "quoted field; a quote inside a quoted field must be "
		  "doubled (\"\") (on line 3, column 3)\n");
	CHECK_STR(rows(), "1: a|b\n4: 2|3\n");
	done();
}

static void test_unterminated_quote(void)
{
	parse("a,b\n1,2\n3,\"open\nmore\n\nstill,more\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(),
		  "in.csv:3: error: unterminated quoted field (the quote "
		  "opens on line 3)\n");
	CHECK_STR(rows(), "1: a|b\n2: 1|2\n");
	done();
}

static void test_unterminated_quote_after_multiline_field(void)
{
	parse("a,b\n\"x\ny\",\"open\nz");
	CHECK_STR(messages(),
		  "in.csv:2: error: unterminated quoted field (the quote "
		  "opens on line 3)\n");
	CHECK_STR(rows(), "1: a|b\n");
	done();
}

static void test_many_problems_in_one_file(void)
{
	parse("id,name,date\n"
	      "1,Ann,2026-01-05\n"
	      "2,Bob\n"
	      "3,Z\xC3,x\n"
	      "4,Cy,\"x\"y\n"
	      "5,Di,2026-01-06\n"
	      "6,Ed,1,2\n"
	      "7,\"Fay\n"
	      "Grey\",2026-01-07\n");
	CHECK_INT(rc, 0);
	CHECK_STR(messages(),
		  "in.csv:3: error: row has 2 fields but the header has 3\n"
		  "in.csv:4:4: error: invalid UTF-8 (byte 0xC3): save the "
		  "file as CSV UTF-8, or name its encoding (--encoding windows-1252, "
		  "or `encoding:` in folio.yml)\n"
		  "in.csv:5:9: error: text after the closing quote of a "
		  "quoted field; a quote inside a quoted field must be "
		  "doubled (\"\")\n"
		  "in.csv:7: error: row has 4 fields but the header has 3\n");
	CHECK_STR(rows(),
		  "1: id|name|date\n2: 1|Ann|2026-01-05\n"
		  "6: 5|Di|2026-01-06\n8: 7|Fay\\nGrey|2026-01-07\n");
	done();
}

/* ---- files that are not CSV at all ---- */

static void test_empty_file(void)
{
	const char *empty[] = { "", "\xEF\xBB\xBF", "\n \r\n\t\n", ",,\n" };

	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		parse(empty[i]);
		CHECK_INT(rc, -1);
		CHECK_STR(messages(), "in.csv: error: empty file: a CSV file "
			  "needs a header row\n");
		CHECK_INT(file.ncolumns, 0);
		CHECK_INT(file.nrecords, 0);
		done();
	}
}

static void test_binary_file(void)
{
	parse_n("a,b\n1,\0\n\xFF\"", 10);
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv: error: not a text file (it contains NUL bytes)\n");
	CHECK_INT(file.ncolumns, 0);
	done();
	parse_n("\xFF\xFE" "a\0,\0b\0", 8);
	CHECK_INT(rc, -1);
	CHECK_STR(messages(),
		  "in.csv: error: not a text file (it contains NUL bytes); "
		  "it looks like UTF-16: save the file as UTF-8 (CSV UTF-8 "
		  "in Excel)\n");
	done();
}

/*
 * One stray NUL in one field of a text file is an error at its row and
 * column, and only that row is left out: the whole file once was.
 */
static void test_stray_nul_leaves_out_its_row(void)
{
	static const char text[] =
		"learner,summary\n"
		"amy,Observed at the till\n"
		"ben,Witness st\0atement\n"
		"cal,Question and answer\n"
		"dan,Product evidence of a long enough file to be text\n";

	parse_n(text, sizeof(text) - 1);
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "in.csv:3:15: error: a NUL byte (a stray from a "
		  "copy, or a damaged file): delete it; the row is left out\n");
	CHECK_INT(file.nrecords, 3);
	CHECK_STR(file.records[1].fields[0], "cal");
	CHECK_INT(file.records[1].line, 4);
	done();
}

static void test_load(void)
{
	char path[] = "/tmp/test_csvfile_XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK_INT(write(fd, "a\n1\n", 4), 4);
	close(fd);
	CHECK_INT(csvfile_load(&file, path, &diags), 0);
	CHECK_STR(file.path, path);
	CHECK_STR(rows(), "1: a\n2: 1\n");
	done();
	unlink(path);
	CHECK_INT(csvfile_load(&file, path, &diags), ENOENT);
	CHECK_INT(diags.count, 0);
	done();
}

/* One scratch serves file after file, whatever each holds, until freed. */
static void test_load_reusing(void)
{
	struct csvfile_scratch scratch = CSVFILE_SCRATCH_INIT;
	char path[] = "/tmp/test_csvfile_XXXXXX";
	struct buf big = BUF_INIT;
	struct csvfile_record *records;
	char *first;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	buf_puts(&big, "a,b\n");
	for (int i = 0; i < 5000; i++)
		buf_printf(&big, "%d,\"row %d, quoted\"\n", i, i);
	CHECK_INT(write(fd, big.data, big.len), (long)big.len);
	close(fd);
	CHECK_INT(csvfile_load_reusing(&file, path, NULL, &scratch, &diags), 0);
	CHECK_INT(file.nrecords, 5000);
	CHECK_STR(file.records[4999].fields[1], "row 4999, quoted");
	first = scratch.data;
	CHECK(scratch.data_cap > big.len && scratch.offs_cap >= 10000);
	/* The records' tables are the file's until it gives them back. */
	records = file.records;
	CHECK(scratch.records == NULL && scratch.fieldv == NULL);
	csvfile_drop_records_into(&file, &scratch);
	CHECK(scratch.records == records && scratch.records_cap > 5000);
	CHECK(scratch.fieldv != NULL && scratch.fieldv_cap > 10000);
	CHECK_INT(file.nrecords, 0);
	CHECK(file.records == NULL);
	CHECK_STR(rows(), "1: a|b\n");
	CHECK_INT(csvfile_column(&file, "b"), 1);
	csvfile_drop_records_into(&file, &scratch);   /* twice is harmless */
	CHECK(scratch.records == records);
	done();

	/* A smaller file: the same buffers, and nothing of the last one. */
	fd = open(path, O_WRONLY | O_TRUNC);
	CHECK_INT(write(fd, "x\n\"caf\xE9\"\n", 9), 9);
	close(fd);
	CHECK_INT(csvfile_load_reusing(&file, path, "windows-1252", &scratch,
				       &diags), 0);
	CHECK_STR(rows(), "1: x\n2: caf\xC3\xA9\n");
	CHECK(scratch.data == first);
	CHECK(file.records == records && scratch.records == NULL);
	/* Given back, the larger table stays; a smaller one is freed. */
	csvfile_drop_records_into(&file, &scratch);
	CHECK(scratch.records == records && scratch.records_cap > 5000);
	done();
	/* Read as UTF-8, the same bytes are an error at their place. */
	CHECK_INT(csvfile_load_reusing(&file, path, NULL, &scratch, &diags), 0);
	CHECK_INT(file.nrecords, 0);
	CHECK_INT(diags.errors, 1);
	CHECK(strstr(messages(), ":2:5: error: invalid UTF-8 (byte 0xE9)") != NULL);
	done();

	unlink(path);
	CHECK_INT(csvfile_load_reusing(&file, path, NULL, &scratch, &diags),
		  ENOENT);
	CHECK_INT(diags.count, 0);
	done();
	csvfile_scratch_free(&scratch);
	CHECK(scratch.data == NULL && scratch.offs == NULL &&
	      scratch.records == NULL && scratch.fieldv == NULL);
	buf_free(&big);
}

/* ---- size ---- */

static void test_ten_thousand_columns(void)
{
	struct buf text = BUF_INIT;

	for (int row = 0; row < 3; row++) {
		for (int i = 0; i < 10000; i++)
			buf_printf(&text, "%s%s%d", i ? "," : "",
				   row ? "v" : "Col", i);
		buf_putc(&text, '\n');
	}
	parse(buf_cstr(&text));
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	CHECK_INT(file.ncolumns, 10000);
	CHECK_INT(file.nrecords, 2);
	CHECK_INT(csvfile_column(&file, "col9999"), 9999);
	CHECK_INT(csvfile_column(&file, "COL0"), 0);
	CHECK_INT(csvfile_column(&file, "col10000"), -1);
	CHECK_STR(file.records[1].fields[9999], "v9999");
	CHECK_INT(file.records[1].line, 3);
	buf_free(&text);
	done();
}

static void test_five_megabyte_field(void)
{
	size_t big = 5u << 20;
	struct buf text = BUF_INIT;
	char *field = mem_alloc(big + 1);

	/* A quoted field of lines, then the same length unquoted. */
	for (size_t i = 0; i < big; i++)
		field[i] = i % 1000 == 999 ? '\n' : (char)('a' + i % 26);
	field[big] = '\0';
	buf_puts(&text, "a,b\n\"");
	buf_put(&text, field, big);
	buf_puts(&text, "\",x\n");
	for (size_t i = 999; i < big; i += 1000)
		field[i] = 'z';
	buf_puts(&text, "y,");
	buf_put(&text, field, big);
	buf_puts(&text, "\nlast,row\n");
	parse(buf_cstr(&text));
	CHECK_INT(rc, 0);
	CHECK_STR(messages(), "");
	CHECK_INT(file.nrecords, 3);
	if (file.nrecords == 3) {
		CHECK_INT(strlen(file.records[0].fields[0]), big);
		CHECK_INT(file.records[0].fields[0][999], '\n');
		CHECK_INT(strlen(file.records[1].fields[1]), big);
		CHECK_INT(file.records[1].line, 3 + big / 1000);
		CHECK_INT(file.records[2].line, 4 + big / 1000);
		CHECK_STR(file.records[2].fields[1], "row");
	}
	free(field);
	buf_free(&text);
	done();
}

static void test_long_lines(void)
{
	struct buf text = BUF_INIT;

	buf_puts(&text, "a,b\n");
	for (int row = 0; row < 3; row++) {
		for (int i = 0; i < 200000; i++)
			buf_putc(&text, (char)('0' + (i + row) % 10));
		buf_puts(&text, ",\"x\"\"\"\n");
	}
	parse(buf_cstr(&text));
	CHECK_STR(messages(), "");
	CHECK_INT(file.nrecords, 3);
	if (file.nrecords == 3) {
		CHECK_INT(strlen(file.records[2].fields[0]), 200000);
		CHECK_STR(file.records[2].fields[1], "x\"");
		CHECK_INT(file.records[2].line, 4);
	}
	buf_free(&text);
	done();
}

static void test_million_rows(void)
{
	size_t n = 1000000;
	struct buf text = BUF_INIT;

	buf_grow(&text, 4 * n + 8);
	buf_puts(&text, "n,v\n");
	for (size_t i = 0; i < n; i++)
		buf_put(&text, i % 2 ? "1,\n" : "2,x\n", i % 2 ? 3 : 4);
	parse(buf_cstr(&text));
	CHECK_INT(rc, 0);
	CHECK_INT(diags.count, 0);
	CHECK_INT(file.nrecords, n);
	if (file.nrecords == n) {
		CHECK_INT(file.records[n - 1].line, n + 1);
		CHECK_STR(file.records[n - 1].fields[0], "1");
		CHECK_STR(file.records[n - 2].fields[1], "x");
	}
	buf_free(&text);
	done();
}

static void test_many_cr_rows(void)
{
	/* No LF anywhere: each line's end must not be sought to the end. */
	size_t n = 200000;
	struct buf text = BUF_INIT;

	buf_puts(&text, "n\r");
	for (size_t i = 0; i < n; i++)
		buf_puts(&text, "7\r");
	parse(buf_cstr(&text));
	CHECK_INT(rc, 0);
	CHECK_INT(file.nrecords, n);
	if (file.nrecords == n)
		CHECK_INT(file.records[n - 1].line, n + 1);
	buf_free(&text);
	done();
}

/* ---- the fast path agrees with libcsv ---- */

/* A field unambiguously: escaped, with where it lies in the file's text. */
static void show_exact(struct buf *b, const struct csvfile *f,
		       const char *field)
{
	buf_printf(b, "[@%td ", field - f->text_);
	for (const char *s = field; *s; s++) {
		if (*s == '\\' || *s == ']' || (unsigned char)*s < 0x20)
			buf_printf(b, "\\x%02X", (unsigned char)*s);
		else
			buf_putc(b, *s);
	}
	buf_putc(b, ']');
}

static void show_record(struct buf *b, const struct csvfile *f, int line,
			const char **fields, size_t n)
{
	buf_printf(b, "%d:", line);
	for (size_t i = 0; i < n; i++)
		show_exact(b, f, fields[i]);
	buf_putc(b, '\n');
}

/* Everything a parse gives, as text, one way or the other. */
static void parse_shown(const char *text, size_t len, bool fast,
			struct buf *out)
{
	struct csvfile f;
	struct diag_list d = DIAG_LIST_INIT;
	int r = csvfile_parse_with(&f, "in.csv", text, len, &d, fast);

	buf_printf(out, "rc %d, %zu columns, %zu records\n", r, f.ncolumns,
		   f.nrecords);
	diag_list_format(&d, false, out);
	if (f.ncolumns)
		show_record(out, &f, f.header_line, f.header, f.ncolumns);
	for (size_t i = 0; i < f.nrecords; i++) {
		CHECK_INT(f.records[i].nfields, f.ncolumns);
		show_record(out, &f, f.records[i].line, f.records[i].fields,
			    f.records[i].nfields);
	}
	csvfile_free(&f);
	diag_list_free(&d);
}

static void show_input(const char *text, size_t len)
{
	printf("    input: \"");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f)
			printf("\\x%02X", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

/* True if the fast path and libcsv alone give the same. */
static bool agree_n(const char *text, size_t len)
{
	struct buf fast = BUF_INIT, slow = BUF_INIT;
	bool same;

	parse_shown(text, len, true, &fast);
	parse_shown(text, len, false, &slow);
	same = strcmp(buf_cstr(&fast), buf_cstr(&slow)) == 0;
	if (!same) {
		show_input(text, len);
		CHECK_STR(buf_cstr(&fast), buf_cstr(&slow));
	}
	buf_free(&fast);
	buf_free(&slow);
	return same;
}

static void agree(const char *text)
{
	(void)agree_n(text, strlen(text));
}

static void test_fast_path_agrees_on_edge_cases(void)
{
	static const char *const rows_[] = {
		"x,y", ",", ",,", "x,", ",y", "\"\",\"\"", "\"\",y",
		"x,\"\"", "\"a\"\"b\",y", "\"\"\"\",\"\"\"\"\"\"",
		"\"a,b\",\"c,,d\"", "\"a\" ,y", " \"a\",y", "x, \"b\"",
		"x,\"b\" ", "\t\"a\"\t,y", "a b,c  d", " a,b", "a ,b",
		"a\t,\tb", "\ta\t,b", "x,y,", "x,y,,", "x,\"\",", "\"x\",",
		"a\"b,c", "x,y\"", "\"a\"b,c", "x,\"y\"z", "\"a\"\"", "\"a",
		"x,\"y", "\"", "\"\"\"", "a\xC3\xA9,\"\xC3\xA9\"",
		"a\xFF,b", "\"\xFF\",b", "\xC3,b", "  ", "\t", " , ", "\v,\f",
		"x,y,z", "\"x\",\"y\",\"z\"", "\"\"x,y", "x\"\",y",
	};
	static const char *const ends[] = { "\n", "\r\n", "\r", "" };
	struct buf text = BUF_INIT;

	for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
		for (size_t i = 0; i < sizeof rows_ / sizeof rows_[0]; i++) {
			/* As the header, as a row, and as the last line. */
			buf_truncate(&text, 0);
			buf_printf(&text, "%s%sx,y%s%s%sx,y%s%s", rows_[i],
				   ends[e], ends[e], rows_[i], ends[e],
				   ends[e], rows_[i]);
			agree(buf_cstr(&text));
			buf_truncate(&text, 0);
			buf_printf(&text, "\xEF\xBB\xBF" "a,b%s%s", ends[e],
				   rows_[i]);
			agree(buf_cstr(&text));
		}
	}
	buf_free(&text);
	agree("a,b\n\"x\ny\",\"z\r\nw\"\n1,2\n\"p\",\"q\nr\"s,t\n3,4\n");
	agree("a,b\n\"open\n1,2\n");
	agree("a,b\n1,\"open\n\n  \n\"\n2,3\n");
	agree("\n\n  \n\t\n\r\n\r\ra,b\n\n   \n1,2\n\t \n");
	agree("a,a,\"A\"\n1,2,3\n");
	agree("a, ,c\n1,2,3\n");
	agree(",a\n1,2\n");
	agree("\" \",\"\"\n1,2\n");
	agree("a,b\n\xFF,1\n\"\xFF\",\"x\"y\n2,\"\xFF\n3\n");
}

/* A deterministic generator (xorshift64*): the same documents each run. */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545F4914F6CDD1DULL;
}

/* A small random document, mostly of the bytes CSV gives meaning to. */
static void random_document(uint64_t *state, struct buf *out)
{
	static const char *const pieces[] = {
		"a", "b", "ab", ",", ",", "\"", "\"", " ", "\t", "\r", "\n",
		"\n", "\r\n", "\xC3\xA9", "\xFF",
	};
	size_t n = next_random(state) % 24;

	buf_truncate(out, 0);
	for (size_t i = 0; i < n; i++)
		buf_puts(out, pieces[next_random(state) %
				     (sizeof pieces / sizeof pieces[0])]);
}

static void test_fast_path_agrees_on_random_documents(void)
{
	uint64_t state = 0x5DEECE66DULL;
	struct buf text = BUF_INIT;
	int failures = 0;

	for (int i = 0; i < 20000 && failures < 5; i++) {
		random_document(&state, &text);
		if (!agree_n(buf_cstr(&text), text.len))
			failures++;
	}
	buf_free(&text);
}

int main(void)
{
	RUN(test_plain_file);
	RUN(test_last_line_without_newline);
	RUN(test_quoted_commas_and_newlines);
	RUN(test_doubled_quotes);
	RUN(test_spaces_around_fields);
	RUN(test_crlf);
	RUN(test_cr_line_ends);
	RUN(test_bom);
	RUN(test_trailing_comma);
	RUN(test_blank_lines_skipped);
	RUN(test_multiline_field_keeps_lines_right);
	RUN(test_header_lookup);
	RUN(test_drop_records);
	RUN(test_duplicate_header);
	RUN(test_blank_header);
	RUN(test_header_of_quoted_spaces);
	RUN(test_header_after_blank_lines);
	RUN(test_header_of_another_separator);
	RUN(test_bad_header_record);
	RUN(test_require);
	RUN(test_require_long_header);
	RUN(test_ragged_rows);
	RUN(test_invalid_utf8);
	RUN(test_invalid_utf8_inside_multiline_field);
	RUN(test_invalid_utf8_after_bom);
	RUN(test_stray_quotes_and_recovery);
	RUN(test_stray_quote_in_multiline_record);
	RUN(test_unterminated_quote);
	RUN(test_unterminated_quote_after_multiline_field);
	RUN(test_many_problems_in_one_file);
	RUN(test_empty_file);
	RUN(test_binary_file);
	RUN(test_stray_nul_leaves_out_its_row);
	RUN(test_load);
	RUN(test_load_reusing);
	RUN(test_ten_thousand_columns);
	RUN(test_five_megabyte_field);
	RUN(test_long_lines);
	RUN(test_million_rows);
	RUN(test_many_cr_rows);
	RUN(test_fast_path_agrees_on_edge_cases);
	RUN(test_fast_path_agrees_on_random_documents);
	return check_summary();
}
