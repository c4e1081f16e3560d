/*
 * starter.h - a new centre to start from: `folio init DIR`.
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

/* The files and folders, in the order written, relative to dir. */
struct starter_file {
	const char *path;      /* "units/example.md"; a folder ends in '/' */
	const char *text;      /* NULL for a folder */
};
extern const struct starter_file starter_files[];
extern const size_t starter_files_count;

/*
 * Writes the starter centre into dir, made if it does not exist (its
 * parent must).  Each new file is created, never opened over an old one.
 */
enum starter_status starter_write(const char *dir, struct diag_list *diags);

#endif
