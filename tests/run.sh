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
# Memcheck, last: each unit-test program again, built without sanitizers
# (build/valgrind/tests/), and each command-line test again, with `folio`
# running the plain build/folio, all under valgrind's memcheck; any
# valgrind report fails the test (valgrind/test_X, valgrind/cli/NAME).
# VALGRIND_JOBS (default 2) of them run at once.
# Set ONLY to a shell pattern to run only the tests whose names match it
# (test_unit, cli/site-pages, browser, valgrind/test_unit,
# valgrind/cli/site-pages): ONLY='cli/site-*' while working on the site.
# The summary line then counts only those.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)

# Memcheck's options: every error and every definite, indirect or possible
# leak is reported, and makes the program exit 97.
vg_opts="--leak-check=full --show-leak-kinds=definite,indirect,possible"
vg_opts="$vg_opts --errors-for-leak-kinds=definite,indirect,possible"
vg_opts="$vg_opts --error-exitcode=97 --track-fds=no -q"

# One job of the memcheck pass (see the end of this file), run by xargs:
#   tests/run.sh --valgrind-job unit test_X   or   ... cli NAME
# It leaves $FOLIO_VG_WORK/KIND-NAME/why (empty when the test passed) and
# then .../done.  Valgrind writes its reports to files in .../logs, so
# that a case redirecting folio's standard error cannot hide them.
if [ "${1:-}" = --valgrind-job ]; then
	kind=$2 name=$3
	dir=$FOLIO_VG_WORK/$kind-$name
	rm -rf "$dir" && mkdir -p "$dir/logs" || exit 1
	why=
	if [ "$kind" = unit ]; then
		prog=$root/build/valgrind/tests/$name
		if [ ! -x "$prog" ]; then
			why="not built (make build/valgrind/tests/$name)"
		else
			(cd "$root" && valgrind $vg_opts \
				--log-file="$dir/logs/vg.%p" "$prog" \
				> "$dir/out" 2>&1 < /dev/null)
			rc=$?
			summary=$(grep '^#summary ' "$dir/out" | tail -n 1)
			if [ -z "$summary" ]; then
				why="crashed (exit $rc):
$(head -n 40 "$dir/out")"
			else
				set -- $summary
				if [ "$3" -ne 0 ]; then
					why="$3 failed without sanitizers:
$(grep -v '^#summary ' "$dir/out" | head -n 40)"
				elif [ "$rc" -ne 0 ]; then
					why="exit $rc after all tests passed"
				fi
			fi
		fi
	else
		case=$root/tests/cli/$name
		cp -R "$case" "$dir/case"
		(cd "$dir/case" && PATH="$FOLIO_VG_WORK/bin:$PATH" \
			FOLIO_ROOT="$root" FOLIO_VG_LOGS="$dir/logs" \
			sh ./cmd > "$dir/stdout" 2> "$dir/stderr" < /dev/null)
		rc=$?
		want=0
		[ -f "$case/status" ] && want=$(cat "$case/status")
		[ "$rc" = "$want" ] || why="exit $rc, expected $want"
		for stream in stdout stderr; do
			[ -f "$case/$stream" ] || continue
			cmp -s "$dir/$stream" "$case/$stream" ||
				why="$why${why:+; }$stream differs:
$(diff -u "$case/$stream" "$dir/$stream" | head -n 40)"
		done
	fi
	report=$(cat "$dir"/logs/* 2> /dev/null | head -n 80)
	[ -z "$report" ] || why="$why${why:+; }valgrind report:
$report"
	printf '%s' "$why" > "$dir/why"
	touch "$dir/done"
	exit 0
fi

# Whether the test named $1 is one ONLY asks for (all, without ONLY).
wanted() {
	case $1 in
	${ONLY:-*}) return 0 ;;
	*) return 1 ;;
	esac
}

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
	wanted "$(basename "$t")" || continue
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
if wanted browser; then
	sh "$root/tests/browser/run.sh" "$root/build/folio" > "$work/out" 2>&1
	rc=$?
	summary=$(grep '^#summary ' "$work/out" | tail -n 1)
	grep -v '^#summary ' "$work/out"
else
	summary='#summary 0 0' rc=0
fi
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
	wanted "cli/$name" || continue
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

# The memcheck pass (see the top of this file; one job is run by the
# --valgrind-job block there).  No case is left out: site-write-failure's
# `ulimit -f` and render-nesting-limit's deep templates run under valgrind
# as they are, and pass.  Results print in order once every job is done.
if ! command -v valgrind > /dev/null 2>&1; then
	echo "valgrind: not installed; installing it with apt-get"
	sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
	{ $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq valgrind; } > "$work/out" 2>&1 ||
		cat "$work/out"
fi
if ! command -v valgrind > /dev/null 2>&1; then
	echo "FAIL valgrind: not found, even after apt-get install valgrind"
	failed=$((failed + 1))
else
	export FOLIO_VG_WORK="$work/vg" FOLIO_VG_FOLIO="$root/build/folio"
	mkdir -p "$FOLIO_VG_WORK/bin"
	cat > "$FOLIO_VG_WORK/bin/folio" <<EOF
#!/bin/sh
# The plain build/folio under memcheck; reports go to \$FOLIO_VG_LOGS.
exec valgrind $vg_opts --log-file="\$FOLIO_VG_LOGS/vg.%p" "\$FOLIO_VG_FOLIO" "\$@"
EOF
	chmod +x "$FOLIO_VG_WORK/bin/folio"
	for src in "$root"/tests/unit/test_*.c; do
		[ -f "$src" ] && wanted "valgrind/$(basename "$src" .c)" &&
			echo "unit $(basename "$src" .c)"
	done > "$work/vg-jobs"
	for case in "$root"/tests/cli/*/; do
		[ -f "$case/cmd" ] && wanted "valgrind/cli/$(basename "$case")" &&
			echo "cli $(basename "$case")"
	done >> "$work/vg-jobs"
	xargs -r -n 2 -P "${VALGRIND_JOBS:-2}" sh "$root/tests/run.sh" \
		--valgrind-job < "$work/vg-jobs"
	while read -r kind name; do
		label=valgrind/$name
		[ "$kind" = cli ] && label=valgrind/cli/$name
		dir=$FOLIO_VG_WORK/$kind-$name
		if [ ! -f "$dir/done" ]; then
			echo "FAIL $label: did not finish"
			failed=$((failed + 1))
		elif [ -s "$dir/why" ]; then
			echo "FAIL $label: $(cat "$dir/why")"
			failed=$((failed + 1))
		else
			passed=$((passed + 1))
		fi
	done < "$work/vg-jobs"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
