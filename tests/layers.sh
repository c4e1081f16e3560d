#!/bin/sh
# tests/layers.sh - the pipeline's shape, checked: sh tests/layers.sh [SRC]
#
# src/ is a folder per stage, in the order data flows (docs/design.md):
#
#   base  read  judge  present  render  write
#
# A file may include its own stage and earlier ones, never a later one,
# and names the stage in every include of ours ("read/unit.h").  A module
# is a .c and its .h (src/read/model.c and src/read/model.h: read/model);
# no two modules may include each other, however long the way round.
# Prints one line per problem, FILE:LINE: error: ..., then a summary; exits
# 1 when there is a problem.  tests/cli/layering runs it, and plants a
# violation of each kind to see it fail.
set -u
src=${1:-src}
stages="base read judge present render write"

rank() {
	n=0
	for s in $stages; do
		[ "$s" = "$1" ] && { echo $n; return; }
		n=$((n + 1))
	done
	echo -1
}

problems=$(mktemp) edges=$(mktemp)
trap 'rm -f "$problems" "$edges"' EXIT
files=0 includes=0
for f in $(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort); do
	files=$((files + 1))
	stage=${f%%/*}
	own=$(rank "$stage")
	if [ "$own" -lt 0 ] || [ "$stage" = "$f" ]; then
		echo "$src/$f:1: error: not in a stage folder ($stages)" >> "$problems"
		continue
	fi
	module=${f%.[ch]}
	# Our includes are the quoted ones: LINE NAME.
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$src/$f" |
		sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1 \2/' > "$edges.one"
	while read -r line name; do
		includes=$((includes + 1))
		to=${name%%/*}
		if [ "$to" = "$name" ] || [ "$(rank "$to")" -lt 0 ]; then
			echo "$src/$f:$line: error: #include \"$name\" names no stage: write \"STAGE/$name\" ($stages)" >> "$problems"
			continue
		fi
		if [ ! -f "$src/$name" ]; then
			echo "$src/$f:$line: error: #include \"$name\": no such file in $src" >> "$problems"
			continue
		fi
		if [ "$(rank "$to")" -gt "$own" ]; then
			echo "$src/$f:$line: error: #include \"$name\": $stage may not include $to, a later stage ($stages)" >> "$problems"
		fi
		[ "${name%.[ch]}" != "$module" ] && echo "$module ${name%.[ch]}" >> "$edges"
	done < "$edges.one"
done
rm -f "$edges.one"

# tsort names the modules of each loop, the first loop first.
if ! LC_ALL=C sort -u "$edges" | tsort > /dev/null 2> "$edges.loop"; then
	loop=$(awk '/input contains a loop/ { n++; next }
		    n == 1 { sub(/^tsort: /, ""); printf "%s%s", sep, $0; sep = ", " }' \
		"$edges.loop")
	loops=$(grep -c 'input contains a loop' "$edges.loop")
	more=; [ "$loops" -gt 1 ] && more=" (and $((loops - 1)) more loops)"
	echo "$src: error: modules in a loop of includes: $loop$more: a module may not include, however indirectly, one that includes it" >> "$problems"
fi
rm -f "$edges.loop"

cat "$problems"
n=$(wc -l < "$problems")
echo "$files files, $includes includes of ours; problems: $n"
[ "$n" -eq 0 ]
