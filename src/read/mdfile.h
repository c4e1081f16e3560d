/*
 * mdfile.h - what every Markdown specification file shares (units,
 * qualifications): it must be UTF-8 text, may end its lines in any way,
 * opens with YAML front matter, and has a CommonMark body whose line
 * numbers are the file's.
 */
#ifndef FOLIO_MDFILE_H
#define FOLIO_MDFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

typedef struct cmark_node cmark_node;

/* Whether text is UTF-8 without NUL bytes; else a located error says not. */
bool mdfile_is_text(const char *file, const char *text, size_t len,
		    struct diag_list *diags);

/*
 * A copy of text with old Mac line ends (a lone CR) made LF, or NULL when
 * it has none (free it).  CRLF stays: the parsers take it.  Lines and
 * columns do not move.
 */
char *mdfile_lone_crs_to_lf(const char *text, size_t len);

/*
 * Finds the front matter after any byte-order mark (ydoc_front_matter):
 * its text at text[*yaml .. + *yaml_len), *body just past its closing
 * line.  Reports and returns false when it is missing or never closed;
 * example is what the YAML would hold, for the message ("`id: ocr-c3`").
 */
bool mdfile_front_matter(const char *file, const char *text, size_t len,
			 const char *what, const char *example, size_t *yaml,
			 size_t *yaml_len, size_t *body,
			 struct diag_list *diags);

/*
 * The body, text[body..len), parsed by cmark with the front matter
 * blanked (newlines kept), so that its nodes' lines are the file's.
 * Free the document with cmark_node_free().
 */
cmark_node *mdfile_parse_body(const char *text, size_t len, size_t body);

#endif
