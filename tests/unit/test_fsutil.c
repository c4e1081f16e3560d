/*
 * test_fsutil.c - the times files are stamped with (fsutil.h): a stamp
 * taken before a file is read is never the stamp of a change made after
 * it, however soon; a loaded model holds its files' stamps as they were
 * before it read them; a wait on a time ahead of the clock is short;
 * coarse times are told from fine ones.
 */
#include "check.h"

#include "base/fsutil.h"
#include "read/model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool same_stamp(const struct fs_stamp *a, const struct fs_stamp *b)
{
	return a->found == b->found && a->size == b->size && a->ino == b->ino &&
	       !fs_time_later(a->mtime, b->mtime) &&
	       !fs_time_later(b->mtime, a->mtime) &&
	       !fs_time_later(a->ctime, b->ctime) &&
	       !fs_time_later(b->ctime, a->ctime);
}

/*
 * A file written and at once stamped, then rewritten in place with text
 * of the same size the moment the stamp is taken: the new stamp differs
 * (without fs_stamp's wait, on a kernel that stamps files by its clock
 * tick, both would carry the tick's time and the same size and inode).
 */
static void a_change_after_the_stamp_is_seen(void)
{
	char root[] = "/tmp/folio-stamp-XXXXXX", path[256];
	struct fs_stamp before, after;

	CHECK(mkdtemp(root) != NULL);
	snprintf(path, sizeof(path), "%s/log.csv", root);
	for (int round = 0; round < 20; round++) {
		check_write_file(path, round % 2 ? "learner,unit\nl1,u\n" :
				 "learner,unit\nl2,u\n");
		CHECK_INT(fs_stamp(path, &before), 0);
		CHECK(before.found);
		CHECK_INT((long)before.size, 18);
		check_write_file(path, round % 2 ? "learner,unit\nl3,u\n" :
				 "learner,unit\nl4,u\n");
		CHECK_INT(fs_stamp(path, &after), 0);
		CHECK_INT((long)after.size, 18);
		CHECK(after.ino == before.ino);
		CHECK(fs_time_later(after.ctime, before.ctime));
		CHECK(!same_stamp(&before, &after));
	}
	/* Nothing changed: the same stamp. */
	CHECK_INT(fs_stamp(path, &before), 0);
	CHECK_INT(fs_stamp(path, &after), 0);
	CHECK(same_stamp(&before, &after));
	CHECK(unlink(path) == 0);
	CHECK(fs_stamp(path, &after) != 0);
	CHECK(!after.found);
	CHECK(rmdir(root) == 0);
}

/*
 * A centre on disk, loaded: each file it read has the stamp it has now;
 * a row appended after the load leaves the model's stamp of that log as
 * it was, so that a build of this model never vouches for the row.
 */
static void a_model_holds_its_files_as_read(void)
{
	char root[] = "/tmp/folio-model-XXXXXX", here[4096];
	struct model_paths paths = { .today = "2026-06-30" };
	struct diag_list diags = DIAG_LIST_INIT;
	struct model m;
	const struct fs_stamp *log;
	struct fs_stamp now;

	CHECK(getcwd(here, sizeof(here)) != NULL);
	CHECK(mkdtemp(root) != NULL);
	CHECK(chdir(root) == 0);
	CHECK(mkdir("units", 0755) == 0 && mkdir("evidence", 0755) == 0);
	check_write_file("units/t.md",
			 "---\nid: t\ntitle: T\n---\n## 1 Do\n- 1.1 Do\n");
	check_write_file("learners.csv", "learner,units\nl1,t\n");
	check_write_file("evidence/a.csv", "learner,unit,ref,date,method,criteria,"
	    "requirements,summary,assessor\nl1,t,R/1,2026-03-01,O,1.1,,x,KM\n");
	CHECK_INT(model_load(&m, &paths, &diags), MODEL_OK);
	CHECK_INT((long)m.nevidence, 1);
	CHECK(m.ninputs >= 3);
	for (size_t i = 0; i < m.ninputs; i++) {
		CHECK_INT(fs_stamp(m.inputs[i], &now), now.found ? 0 : ENOENT);
		CHECK(same_stamp(&m.input_stamps[i], &now));
	}
	CHECK(model_input_stamp(&m, "units/t.md") != NULL &&
	      model_input_stamp(&m, "units/t.md")->found);
	CHECK(model_input_stamp(&m, "units/none.md") == NULL);
	log = model_input_stamp(&m, "evidence/a.csv");
	CHECK(log != NULL && log->found);
	check_write_file("evidence/a.csv", "learner,unit,ref,date,method,criteria,"
	    "requirements,summary,assessor\nl1,t,R/1,2026-03-01,O,1.1,,x,KM\n"
	    "l1,t,R/2,2026-03-02,O,1.1,,y,KM\n");
	CHECK_INT(fs_stamp("evidence/a.csv", &now), 0);
	CHECK(log && !same_stamp(log, &now));
	model_free(&m);
	diag_list_free(&diags);
	unlink("evidence/a.csv");
	unlink("learners.csv");
	unlink("units/t.md");
	rmdir("evidence");
	rmdir("units");
	CHECK(chdir(here) == 0);
	CHECK(rmdir(root) == 0);
}

static void a_wait_ahead_of_the_clock_is_short(void)
{
	struct timespec start, end, ahead, now;

	CHECK(clock_gettime(CLOCK_MONOTONIC, &start) == 0);
	CHECK(clock_gettime(CLOCK_REALTIME, &ahead) == 0);
	ahead.tv_sec += 3600;
	fs_wait_past(ahead);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &end) == 0);
	CHECK(end.tv_sec - start.tv_sec < 2);

	/* A moment just now: the wait ends after it. */
	CHECK(clock_gettime(CLOCK_REALTIME, &now) == 0);
	fs_wait_past(now);
	CHECK(clock_gettime(CLOCK_REALTIME, &end) == 0);
	CHECK(fs_time_later(end, now));
}

static void coarse_times_are_told_from_fine_ones(void)
{
	struct timespec t;

	CHECK(!fs_time_fine((struct timespec){ 1700000000, 0 }));
	CHECK(!fs_time_fine((struct timespec){ 1700000000, 120000000 }));
	CHECK(!fs_time_fine((struct timespec){ 1700000000, 3000000 }));
	CHECK(fs_time_fine((struct timespec){ 1700000000, 120000001 }));
	CHECK(fs_time_fine((struct timespec){ 1700000000, 999 }));
	/* Microseconds (a time Linux gives once in a thousand): fine. */
	CHECK(fs_time_fine((struct timespec){ 1700000000, 1000 }));
	CHECK(fs_time_fine((struct timespec){ 1700000000, 120001000 }));
	/* A change is sure to be stamped later a microsecond on, or two
	 * seconds on where times are coarse. */
	t = fs_time_settled((struct timespec){ 1700000000, 999999500 });
	CHECK_INT(t.tv_sec, 1700000001);
	CHECK_INT(t.tv_nsec, 500);
	t = fs_time_settled((struct timespec){ 1700000000, 120001000 });
	CHECK_INT(t.tv_sec, 1700000000);
	CHECK_INT(t.tv_nsec, 120002000);
	t = fs_time_settled((struct timespec){ 1700000000, 0 });
	CHECK_INT(t.tv_sec, 1700000002);
	CHECK_INT(t.tv_nsec, 0);
	CHECK(fs_time_later((struct timespec){ 2, 0 }, (struct timespec){ 1, 999999999 }));
	CHECK(!fs_time_later((struct timespec){ 1, 5 }, (struct timespec){ 1, 5 }));
}

int main(void)
{
	RUN(a_change_after_the_stamp_is_seen);
	RUN(a_model_holds_its_files_as_read);
	RUN(a_wait_ahead_of_the_clock_is_short);
	RUN(coarse_times_are_told_from_fine_ones);
	return check_summary();
}
