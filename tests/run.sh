#!/bin/sh
# tests/run.sh - run every test and print "N passed, N failed" last.
#
# Unit tests: each build/asan/tests/test_* program (AddressSanitizer and
# UndefinedBehaviorSanitizer) ends with "#summary PASSED FAILED".
# Command-line tests: each folder tests/cli/NAME/ holds its inputs and
#   cmd       a shell script run in (a copy of) that folder, with the
#             sanitized build/asan/folio first on PATH as `folio`
#   stdout    expected standard output (optional, compared exactly)
#   stderr    expected standard error (optional, compared exactly)
#   status    expected exit status (default 0)
# Set UPDATE=1 to rewrite the stdout/stderr files that exist from what
# folio prints now (then review the diff before committing).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export NO_COLOR=1
unset SOURCE_DATE_EPOCH

for t in "$root"/build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" > "$work/out" 2>&1
	rc=$?
	summary=$(grep '^#summary ' "$work/out" | tail -n 1)
	if [ -z "$summary" ]; then
		echo "FAIL $(basename "$t"): crashed (exit $rc)"
		cat "$work/out"
		failed=$((failed + 1))
		continue
	fi
	grep -v '^#summary ' "$work/out"
	set -- $summary
	passed=$((passed + $2))
	failed=$((failed + $3))
	if [ "$rc" -ne 0 ] && [ "$3" -eq 0 ]; then
		echo "FAIL $(basename "$t"): exit $rc after all tests passed"
		failed=$((failed + 1))
	fi
done

# The browser test: the example site built by the real build/folio,
# checked in Debian's chromium (tests/browser/README.md).  Its run.sh
# installs what it needs on first use and ends with "#summary P F".
sh "$root/tests/browser/run.sh" "$root/build/folio" > "$work/out" 2>&1
rc=$?
summary=$(grep '^#summary ' "$work/out" | tail -n 1)
grep -v '^#summary ' "$work/out"
if [ -z "$summary" ]; then
	echo "FAIL browser: crashed (exit $rc)"
	failed=$((failed + 1))
else
	set -- $summary
	passed=$((passed + $2))
	failed=$((failed + $3))
	if [ "$rc" -ne 0 ] && [ "$3" -eq 0 ]; then
		echo "FAIL browser: exit $rc after all tests passed"
		failed=$((failed + 1))
	fi
fi

mkdir -p "$work/bin"
ln -s "$root/build/asan/folio" "$work/bin/folio"
for case in "$root"/tests/cli/*/; do
	[ -f "$case/cmd" ] || continue
	name=$(basename "$case")
	rm -rf "$work/case"
	cp -R "$case" "$work/case"
	(cd "$work/case" && PATH="$work/bin:$PATH" FOLIO_ROOT="$root" \
		sh ./cmd > "$work/stdout" 2> "$work/stderr" < /dev/null)
	rc=$?
	want=0
	[ -f "$case/status" ] && want=$(cat "$case/status")
	why=
	[ "$rc" = "$want" ] || why="exit $rc, expected $want"
	for stream in stdout stderr; do
		[ -f "$case/$stream" ] || continue
		if [ "${UPDATE:-}" = 1 ]; then
			cp "$work/$stream" "$case/$stream"
		elif ! cmp -s "$work/$stream" "$case/$stream"; then
			why="$why${why:+; }$stream differs:
$(diff -u "$case/$stream" "$work/$stream" | head -n 40)"
		fi
	done
	if grep -q 'Sanitizer\|runtime error' "$work/stderr"; then
		why="$why${why:+; }sanitizer report:
$(head -n 40 "$work/stderr")"
	fi
	if [ -n "$why" ]; then
		echo "FAIL cli/$name: $why"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
