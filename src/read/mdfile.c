/*
 * mdfile.c - the parts of a Markdown specification file that do not
 * depend on what it specifies (see mdfile.h).
 */
#include "read/mdfile.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "read/ydoc.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

bool mdfile_is_text(const char *file, const char *text, size_t len,
		    struct diag_list *diags)
{
	size_t bad;
	int line, column;

	if (utf8_has_nul(text, len)) {
		diag_error(diags, file, 0, 0,
			   "not a text file (it contains NUL bytes)");
		return false;
	}
	bad = utf8_check(text, len);
	if (bad < len) {
		utf8_locate(text, bad, &line, &column);
		diag_error(diags, file, line, column,
			   "not UTF-8 text (byte 0x%02X): save the file as UTF-8",
			   (unsigned char)text[bad]);
		return false;
	}
	return true;
}

char *mdfile_lone_crs_to_lf(const char *text, size_t len)
{
	char *copy = NULL;

	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\r' || (i + 1 < len && text[i + 1] == '\n'))
			continue;
		if (!copy)
			copy = mem_strndup(text, len);
		copy[i] = '\n';
	}
	return copy;
}

bool mdfile_front_matter(const char *file, const char *text, size_t len,
			 const char *what, const char *example, size_t *yaml,
			 size_t *yaml_len, size_t *body,
			 struct diag_list *diags)
{
	int found = ydoc_front_matter(text, len, utf8_bom_length(text, len),
				      yaml, yaml_len, body);

	if (found == YDOC_NO_FRONT_MATTER)
		diag_error(diags, file, 1, 1,
			   "a %s file must start with front matter: a `---` line, "
			   "YAML such as %s and `title: ...`, and a closing `---` line",
			   what, example);
	else if (found == YDOC_FRONT_MATTER_OPEN)
		diag_error(diags, file, 1, 1,
			   "the front matter that opens here is never closed by a `---` line");
	return found == 0;
}

cmark_node *mdfile_parse_body(const char *text, size_t len, size_t body)
{
	char *copy = mem_strndup(text, len);
	cmark_node *doc;

	for (size_t i = 0; i < body; i++)
		if (copy[i] != '\n')
			copy[i] = ' ';
	doc = cmark_parse_document(copy, len, CMARK_OPT_DEFAULT);
	free(copy);
	return doc;
}
