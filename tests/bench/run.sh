#!/bin/sh
# tests/bench/run.sh - run each benchmark in tests/bench/ and print figures.
#
# Every tests/bench/*.sh but this one is a benchmark that builds what it
# needs and prints its own figures (mustache.sh: Mustache rendering).
# Benchmarks never fail on time: this fails only if one cannot run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
status=0
for bench in "$here"/*.sh; do
	[ "$(basename "$bench")" = run.sh ] && continue
	sh "$bench" || status=1
done
exit $status
