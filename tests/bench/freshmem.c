/*
 * freshmem.c - touches MB megabytes of fresh memory and frees it (a
 * helper of tests/bench/centre.sh, not part of folio).
 *
 * On this virtual machine memory a process frees goes back to the host
 * within about two seconds (the kernel's free page reporting, in blocks
 * of 2 MB and more), and the first touch of memory the host has taken
 * back costs far more than the kernel zeroing a page: a command that
 * starts a few seconds after the last one pays for every megabyte it
 * uses, and one that starts right after another that freed as much pays
 * almost nothing.  The bench uses this twice: timed after a pause, it is
 * the floor of a command with that peak (what its memory alone costs);
 * run untimed right before a command, it leaves that much memory backed
 * by the host again, so the command is timed as on a machine that does
 * not hand memory back.
 *
 * The memory is taken as folio takes its large blocks (src/base/mem.c):
 * asked for in huge pages where the kernel grants them.
 *
 * usage: freshmem MB
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	char *end, *p;
	unsigned long mb = argc == 2 ? strtoul(argv[1], &end, 10) : 0;
	size_t size;

	if (argc != 2 || *end || mb == 0) {
		fprintf(stderr, "usage: freshmem MB\n");
		return 2;
	}
	size = (size_t)mb << 20;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("freshmem: mmap");
		return 1;
	}
#ifdef MADV_HUGEPAGE
	madvise(p, size, MADV_HUGEPAGE);
#endif
	for (size_t at = 0; at < size; at += 4096)
		p[at] = 1;
	munmap(p, size);
	return 0;
}
