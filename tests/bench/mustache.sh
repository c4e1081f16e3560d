#!/bin/sh
# tests/bench/mustache.sh - build and run the Mustache rendering benchmark.
#
# Compiles tests/bench/mustache_bench.c with -O2 against the library
# objects of the normal build (`make print-objs`, made by `make` first if
# missing) and runs it.  Prints figures; the exit status only says whether
# it could build and run.  Usage: sh tests/bench/mustache.sh [RENDERS]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ -f build/folio ] || make --no-print-directory build/folio >/dev/null
mkdir -p build/bench
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Isrc \
	$(make -s --no-print-directory print-flags) tests/bench/mustache_bench.c \
	$(make -s --no-print-directory print-objs) -o build/bench/mustache_bench \
	$(make -s --no-print-directory print-libs)
build/bench/mustache_bench "$@"
