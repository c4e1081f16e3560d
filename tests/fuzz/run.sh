#!/bin/sh
# tests/fuzz/run.sh - run the libFuzzer targets (`make fuzz` calls this).
#
#   sh tests/fuzz/run.sh SECONDS TARGET...
#
# TARGET: unit, qualification, standard, config, csv, csv_diff (the CSV fast path
# against libcsv alone: it starts from csv's seeds and dictionary), mustache,
# centre (a whole centre loaded, judged and exported) or
# record.
#
# Each target build/fuzz/fuzz_TARGET runs for SECONDS (-max_total_time) on
# build/fuzz/corpus-TARGET, a copy of tests/fuzz/corpus/TARGET that keeps
# what earlier runs found (remove it to start from the seeds alone); the
# repository's corpus is never written.  Prints each target's figures and
# exits 1 if any target crashed, leaked, timed out or ran out of memory;
# the input that did it is left in build/fuzz/artifacts/ and the log in
# build/fuzz/TARGET.log.  FUZZ_ARGS adds libFuzzer options to every run.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=$1
shift
failed=0

# -max_len per target: mustache inputs stay small so that static partials
# cannot multiply work much (fuzz_mustache.c bounds the rest).
max_len() {
	case $1 in
	mustache) echo 2048 ;;
	csv|csv_diff) echo 8192 ;;
	*) echo 16384 ;;
	esac
}

# The seeds and dictionary a target starts from: its own, or another's
# when it reads the same kind of file.
inputs() {
	case $1 in
	csv_diff) echo csv ;;
	*) echo "$1" ;;
	esac
}

# One figure from libFuzzer's final statistics.
stat() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

mkdir -p "$root/build/fuzz/artifacts"
for target in "$@"; do
	bin="$root/build/fuzz/fuzz_$target"
	corpus="$root/build/fuzz/corpus-$target"
	log="$root/build/fuzz/$target.log"
	dict="$root/tests/fuzz/$(inputs "$target").dict"
	mkdir -p "$corpus"
	cp "$root/tests/fuzz/corpus/$(inputs "$target")/"* "$corpus/"
	set -- -max_total_time="$seconds" -max_len="$(max_len "$target")" \
		-timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$root/build/fuzz/artifacts/$target-"
	[ -f "$dict" ] && set -- "$@" -dict="$dict"
	echo "fuzz $target: ${seconds}s on build/fuzz/corpus-$target"
	# shellcheck disable=SC2086
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$bin" "$@" ${FUZZ_ARGS:-} "$corpus" > "$log" 2>&1
	rc=$?
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	printf '  %-9s execs %s (%s/s), coverage %s edges, %s features, corpus %s, peak RSS %s MB\n' \
		"$target" "$(stat number_of_executed_units "$log")" \
		"$(stat average_exec_per_sec "$log")" "${cov:-?}" "${ft:-?}" \
		"${corp:-?}" "$(stat peak_rss_mb "$log")"
	if [ "$rc" -ne 0 ]; then
		echo "FAIL fuzz $target: exit $rc; see build/fuzz/$target.log"
		grep -E 'ERROR:|SUMMARY:|fuzz check failed|runtime error|Test unit written' \
			"$log" | head -n 10 | sed 's/^/  /'
		failed=1
	fi
done
exit $failed
