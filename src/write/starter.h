/*
 * starter.h - new folders to start from: a centre (`folio init DIR`)
 * and the built-in theme (`folio theme export DIR`).
 *
 * The smallest centre that shows every input at work and checks clean:
 * folio.yml with its keys explained, one small example unit and
 * qualification, a learner with one evidence row, an assessor, an IQA
 * sample, and the optional files (sign-offs, progress reviews,
 * off-the-job hours) with their header rows, each ready to be copied
 * over.  Nothing is written into a folder that holds anything.
 */
#ifndef FOLIO_STARTER_H
#define FOLIO_STARTER_H

#include "base/diag.h"

enum starter_status {
	STARTER_OK,
	STARTER_NOT_EMPTY,   /* dir holds something: nothing was written */
	STARTER_IO_ERROR,    /* a diagnostic says where */
};

/* A file to write, relative to the folder; its folders are made. */
struct starter_file {
	const char *path;      /* "units/example.md" */
	const char *text;
	size_t len;
};
extern const struct starter_file starter_files[];
extern const size_t starter_files_count;

/*
 * Writes files[0..n) into dir, made if it does not exist (its parent
 * must), with the folders their paths name; refuses a dir that holds
 * anything.  Each file is created, never opened over an old one.
 */
enum starter_status starter_fill(const char *dir,
				 const struct starter_file *files, size_t n,
				 struct diag_list *diags);

/* The starter centre into dir: starter_fill() with starter_files. */
enum starter_status starter_write(const char *dir, struct diag_list *diags);

/* The built-in theme (render/theme.h: html/, md/ and html/style.css) into
 * dir, for `folio theme export`: a --templates folder that changes
 * nothing until it is edited. */
enum starter_status starter_write_theme(const char *dir,
					struct diag_list *diags);

#endif
