#!/bin/sh
# tests/bench/centre.sh - folio on synthetic centres, and Hugo beside it.
#
# Generates centres of 1,000, 3,000, 10,000 and 50,000 learners (three
# units, about 20 evidence rows per learner per unit, twelve assessors'
# files) into build/bench/ with tests/bench/gencentre.c, once, then times
# folio check, folio build, and a second build with nothing changed, and
# folio export and folio pack.  Beside each build (and the pack) it times
# the same folders and files written with nothing rendered
# (tests/bench/writesite.c), what the files alone cost this machine at
# that size.  For the sizes up to 3,000 it
# also renders the same portfolio pages, written as Markdown tables, with
# Hugo (Debian's hugo, installed if missing), and prints folio's speed as
# a ratio to Hugo's.  A benchmark: it prints figures and never fails on
# time.
#
# Each timed command but the second build and the copy runs three times:
# the table shows the run of median wall time, and a line under it the
# fastest and the slowest, because on a virtual machine one run of the
# same command can take twice as long as the next.
#
# FOLIO_BENCH_SIZES="1000 3000" narrows the sizes; FOLIO_BENCH_JOBS sets
# --jobs (default: folio's, the number of cores).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
sizes=${FOLIO_BENCH_SIZES:-"1000 3000 10000 50000"}
jobs=${FOLIO_BENCH_JOBS:+--jobs $FOLIO_BENCH_JOBS}
bench=build/bench
mkdir -p $bench
make --no-print-directory build/folio > /dev/null
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L tests/bench/gencentre.c -o $bench/gencentre
${CC:-cc} -std=c11 -O2 tests/bench/evict.c -o $bench/evict
${CC:-cc} -std=c11 -O2 -pthread tests/bench/writesite.c -o $bench/writesite -lnettle
${CC:-cc} -std=c11 -O2 tests/bench/freshmem.c -o $bench/freshmem

need() {
	command -v "$1" > /dev/null 2>&1 && return 0
	sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
	echo "bench: installing $2" >&2
	$sudo apt-get update -qq > /dev/null && \
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" > /dev/null
}
need /usr/bin/time time

# Every timed command starts with nothing left to write back: the last
# build's gigabyte would otherwise be flushed in the middle of the next
# one's timing.  Before each run of a build on disk, the outputs of the
# runs before it, written back by the sync that ends each timed command
# (run, below), are dropped from the page cache (tests/bench/evict.c):
# three 50,000-learner sites would otherwise fill most of the memory, and
# the last run would pay for the kernel reclaiming it.  Emptying the
# page cache as well was tried and left out: it needs root, empties the
# caches of everything else on the machine, and did not make the figures
# steadier (on this virtual machine freed memory goes back to the host,
# so it is fresh again either way).

# The kernel writes a build's files back to the disk in the background
# once they pass a tenth of the memory (dirty_background_ratio), and
# holds the writer up past a fifth: a 10,000-learner site (1 GB) stays
# under that and is written back after its timing, in the next command's
# sync, while a 50,000-learner one (5 GB) pays for most of its writing
# back while it is timed, on the same two cores.  So a build on disk is
# also timed to the end of a sync after it ("to disk", the time until
# the site is on the disk), which counts the writing back at every size
# alike.

# now: seconds since the epoch, to the nanosecond.
now() {
	date +%s.%N
}

# written_mb: the MB a build or pack said it wrote ("..., 99.2 MB").
written_mb() {
	sed -n 's/.* \([0-9.]*\) MB$/\1/p' $bench/out.txt
}

# room_mb DIR: the MB free on DIR's file system.
room_mb() {
	df -Pm "$1" | awk 'NR == 2 { print $4 }'
}

# fits ROOM TIMES EXTRA: whether ROOM MB hold TIMES the site ($mb MB) and
# EXTRA MB more.
fits() {
	[ "$1" -gt "$(echo "$mb" | awk -v times="$2" -v extra="$3" '{ printf "%d", $1 * times + extra }')" ]
}

# run COMMAND...: sets wall, user, sys, cpu, rss_mb from GNU time, and
# ondisk to wall plus the time of a sync after it.
run() {
	sync
	/usr/bin/time -f '%e %U %S %M' -o $bench/time.txt "$@" > $bench/out.txt 2> $bench/err.txt || {
		echo "bench: '$*' failed:" >&2
		tail -n 5 $bench/err.txt >&2
		return 1
	}
	synced=$(now)
	sync
	read -r wall user sys rss < $bench/time.txt
	ondisk=$(echo "$wall $synced $(now)" | awk '{ printf "%.2f", $1 + $3 - $2 }')
	cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
	rss_mb=$(echo "$rss" | awk '{ printf "%.0f", $1 / 1024 }')
}

# three BEFORE COMMAND: runs the shell command BEFORE (untimed), then
# COMMAND, three times; RUN in either stands for the run's number (1 to
# 3).  Sets wall, user, sys, cpu, rss_mb as run does, from the run of
# median wall time (whose output stays in $bench/out.txt), range to
# "FASTEST-SLOWEST", and ondisk to the median of the three runs' own.
three() {
	: > $bench/runs.txt
	for k in 1 2 3; do
		eval "$(echo "$1" | sed "s/RUN/$k/g")"
		eval "run $(echo "$2" | sed "s/RUN/$k/g")" || return 1
		cp $bench/out.txt $bench/out-$k.txt
		echo "$wall $user $sys $rss_mb $k $ondisk" >> $bench/runs.txt
	done
	ondisk=$(sort -n -k 6 $bench/runs.txt | awk 'NR == 2 { print $6 }')
	set -- $(sort -n $bench/runs.txt | sed -n 2p)
	wall=$1 user=$2 sys=$3 rss_mb=$4
	cp $bench/out-$5.txt $bench/out.txt
	cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
	range=$(sort -n $bench/runs.txt | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }')
}

# Every build writes into a folder of its own under $out, deleted at the
# end of the run.  ext4 without a journal (this machine's disk) steps over
# each inode deleted in the last minute, one lookup at a time, when it
# makes a file, and over those deleted in the last six minutes while the
# inode's table block is dirty, which making files keeps it: soon after a
# large deletion, creating 12,000 files costs up to 2 s more, for folio and
# Hugo alike.  So a run that follows the last one's deletion within that
# window waits it out first, and times what a machine that deleted nothing
# lately (a CI runner) would see.
out=$bench/out
if [ -d $out ]; then   # left by a run that was stopped
	rm -rf $out
	date +%s > $bench/deleted-at
fi
mkdir -p $out
if [ -f $bench/deleted-at ]; then
	wait=$(( $(cat $bench/deleted-at) + 370 - $(date +%s) ))
	if [ $wait -gt 0 ]; then
		echo "bench: waiting ${wait}s for ext4 to forget the last run's deleted files" >&2
		sleep $wait
	fi
fi

# Each build is also timed into a RAM file system when there is one: that
# column is folio's own work, without the disk.
tmpfs=
if [ -d /dev/shm ] && [ -w /dev/shm ] && df -t tmpfs /dev/shm > /dev/null 2>&1; then
	tmpfs=/dev/shm/folio-bench-$$
fi

echo
echo "folio $(build/folio --version | cut -d' ' -f2) on $(nproc) cores: check, build (HTML) and a second build with nothing changed"
echo "(to disk: the build and a sync after it, until the site is on the disk; write only: the same"
echo " folders and files of the same sizes made again as folio makes them, with nothing rendered, the"
echo " cost of the files alone; tmpfs: the same build into ${tmpfs:-no RAM file system here}; cp -r: copying"
echo " that finished site beside itself; check, build, write only and tmpfs: the median of three runs,"
echo " the fastest and slowest listed under the table)"
echo
rm -f $bench/folio-times.txt $bench/ranges.txt   # a stopped run's
printf '%9s %9s %8s | %8s %8s %10s %8s %8s %7s %8s %8s %9s | %9s %9s | %8s %8s\n' \
	learners rows check build "to disk" "write only" user sys pages pages/s MB "peak RSS" rebuild "rebuilt" tmpfs "cp -r"
for n in $sizes; do
	centre=$bench/centre-$n
	# Centres made before they had a qualification and apprentices'
	# hours and reviews are made again, and so is one up to 3,000
	# learners made without its Hugo site (by hand, say), which the
	# comparison with Hugo needs.
	if [ ! -f $centre/reviews.csv ] ||
	   { [ "$n" -le 3000 ] && [ ! -d $bench/hugo-$n ]; }; then
		rm -rf $centre $bench/hugo-$n
		hugo_dir=
		[ "$n" -le 3000 ] && hugo_dir=$bench/hugo-$n
		$bench/gencentre "$n" $centre $hugo_dir
	fi
	rows=$(cat $centre/evidence/*.csv | wc -l)
	rows=$((rows - 12))
	three : "build/folio check -C '$centre'"
	check=$wall check_range=$range
	# A fresh folder each run: deleting the last one would slow the next
	# (see above).
	three "$bench/evict '$root/$out'" \
		"build/folio build -C '$centre' --out '$root/$out/site-$n-RUN' $jobs"
	first=$wall first_user=$user first_sys=$sys first_rss=$rss_mb first_range=$range
	first_ondisk=$ondisk
	pages=$(sed -n 's/.*: \([0-9]*\) pages.*/\1/p' $bench/out.txt)
	mb=$(written_mb)
	run build/folio build -C $centre --out "$root/$out/site-$n-3" $jobs
	second=$wall
	written=$(grep -q "up to date" $bench/out.txt && echo 0 || sed -n "s/.*, \([0-9]*\) files\{0,1\} written.*/\1/p" $bench/out.txt)
	# The same files with nothing rendered (tests/bench/writesite.c): what
	# making them costs this machine at this size, whoever makes them.
	# Three more copies of the site stay on the disk until the end (15 GB
	# at 50,000 learners), with room kept for the packs: where the disk has
	# not got it, the column shows "-".
	files=- files_range=-
	if fits "$(room_mb "$root/$out")" 3.3 2048; then
		$bench/writesite --list "$root/$out/site-$n-1" > $bench/manifest.txt
		three "$bench/evict '$root/$out'" \
			"$bench/writesite $bench/manifest.txt '$root/$out/files-$n-RUN'"
		files=${wall}s files_range=${range}s
		rm -f $bench/manifest.txt
	fi
	rate=$(echo "$pages $first" | awk '{ printf "%.0f", ($2 > 0 ? $1 / $2 : 0) }')
	ram=- copy=- ram_range=-
	# The RAM file system must hold the site, and twice it for the copy
	# (10 GB at 50,000 learners): what does not fit is shown as "-".
	room=0
	[ -z "$tmpfs" ] || room=$(room_mb /dev/shm)
	if fits $room 1.1 64; then
		three "rm -rf '$tmpfs' && mkdir '$tmpfs'" \
			"build/folio build -C '$centre' --out '$tmpfs/site-$n' $jobs"
		ram=${wall}s ram_range=${range}s
		if fits $room 2.2 64; then
			run cp -r $tmpfs/site-$n $tmpfs/copy
			copy=${wall}s
		fi
		rm -rf $tmpfs
	fi
	printf '%9s %9s %7ss | %7ss %7ss %10s %7ss %7ss %7s %8s %8s %6s MB | %8ss %9s | %8s %8s\n' \
		$n $rows $check $first $first_ondisk $files $first_user $first_sys $pages $rate $mb $first_rss \
		$second "$written files" $ram $copy
	echo "$n $first ${ram%s} $first_user $check ${copy%s} $first_ondisk ${files%s}" >> $bench/folio-times.txt
	echo "$n: check ${check_range}s, build ${first_range}s, write only $files_range, tmpfs $ram_range" >> $bench/ranges.txt
done
echo
echo "Fastest and slowest of the three runs:"
sed 's/^/  /' $bench/ranges.txt
rm -f $bench/ranges.txt

# The issue's linearity target: the largest run against one a fifth its size.
awk '
	{ build[$1] = $2; ram[$1] = $3; user[$1] = $4; check[$1] = $5; copy[$1] = $6; ondisk[$1] = $7; files[$1] = $8 }
	function ratio(a, b) { return (b > 0 && a != "-" && b != "-") ? sprintf("%.1f", a / b) : "-" }
	END {
		if (!(50000 in build) || !(10000 in build))
			exit
		printf "\n50,000 learners against 10,000 (5 times the evidence): check %s times, build %s times",
			ratio(check[50000], check[10000]), ratio(build[50000], build[10000])
		printf " (user CPU %s times), to disk %s times, tmpfs build %s times;\n",
			ratio(user[50000], user[10000]), ratio(ondisk[50000], ondisk[10000]),
			ratio(ram[50000], ram[10000])
		printf "the same files with nothing rendered: written %s times as long, cp -r of the site %s times\n",
			ratio(files[50000], files[10000]), ratio(copy[50000], copy[10000])
	}' $bench/folio-times.txt

# What the qualifications cost (judged, a page per learner, the claims
# and the dashboard's column): the same centre without them, built into
# the RAM file system (the disk would swamp a difference this size), five
# runs of each taken in turn (with, without, with...: this machine's
# speed drifts, and runs of one kind in a row would take the drift for
# the difference), the output removed before each run, untimed; the
# medians, and user CPU, which drifts less than wall time.
if [ -n "$tmpfs" ]; then
	echo
	echo "The qualification (its judging, a page per learner, the claims, the dashboard's column): tmpfs builds with and without it, medians of five runs in turn"
	printf '%9s | %8s %8s %8s %8s | %8s %8s %8s %8s | %7s %7s\n' learners with user pages "peak RSS" \
		without user pages "peak RSS" wall user
	for n in $sizes; do
		[ "$n" -le 10000 ] || continue
		centre=$bench/centre-$n bare=$bench/bare-$n
		rm -rf $bare
		mkdir -p $bare
		cp -r $centre/evidence $centre/folio.yml $bare/
		# learners.csv without its qualification column (the generator's
		# fields hold no commas).
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "qualification") q = i }
			{ line = ""; sep = ""
			  for (i = 1; i <= NF; i++) if (i != q) { line = line sep $i; sep = "," }
			  print line }' $centre/learners.csv > $bare/learners.csv
		: > $bench/with.txt
		: > $bench/without.txt
		for k in 1 2 3 4 5; do
			for kind in with without; do
				dir=$centre
				[ $kind = with ] || dir=$bare
				rm -rf "$tmpfs" && mkdir "$tmpfs"
				run build/folio build -C "$dir" --out "$tmpfs/site" $jobs || break 2
				pages=$(sed -n 's/.*: \([0-9]*\) pages.*/\1/p' $bench/out.txt)
				echo "$wall $user $rss_mb $pages" >> $bench/$kind.txt
			done
		done
		rm -rf $tmpfs $bare
		set -- $(sort -n $bench/with.txt | sed -n 3p) \
			$(sort -n -k 2 $bench/with.txt | awk 'NR == 3 { print $2 }') \
			$(sort -n $bench/without.txt | sed -n 3p) \
			$(sort -n -k 2 $bench/without.txt | awk 'NR == 3 { print $2 }')
		# $1-$4 wall, user, RSS, pages of the median run with; $5 the
		# median user; $6-$9 and $10 the same without.
		printf '%9s | %7ss %7ss %8s %5s MB | %7ss %7ss %8s %5s MB | %6s%% %6s%%\n' $n \
			$1 $5 $4 $3 $6 ${10} $9 $8 \
			"$(echo "$1 $6" | awk '{ printf "%+.0f", ($2 > 0 ? 100 * ($1 - $2) / $2 : 0) }')" \
			"$(echo "$5 ${10}" | awk '{ printf "%+.0f", ($2 > 0 ? 100 * ($1 - $2) / $2 : 0) }')"
	done
	rm -f $bench/with.txt $bench/without.txt
fi

# The caseload (judge/caseload.h): folio caseload against folio check on
# the same centre (both read and judge it all; the caseload adds the
# off-the-job hours, the reviews and the reasons, and prints the list),
# medians of three runs.
echo
echo "folio caseload (Markdown, and one assessor's as JSON) against folio check, medians of three runs"
printf '%9s %9s %9s | %8s %9s %12s %9s\n' learners "otj rows" reviews check caseload "--assessor" "listed"
for n in $sizes; do
	centre=$bench/centre-$n
	three : "build/folio check -C '$centre'"
	check=$wall
	three : "build/folio caseload -C '$centre'"
	caseload=$wall caseload_rss=$rss_mb
	listed=$(grep -c '^## ' $bench/out.txt)
	three : "build/folio caseload -C '$centre' --assessor A01 --format json"
	one=$wall
	otj_rows=$(cat $centre/otj/*.csv | wc -l)
	otj_rows=$((otj_rows - 12))
	reviews=$(($(wc -l < $centre/reviews.csv) - 1))
	printf '%9s %9s %9s | %7ss %8ss %11ss %9s\n' $n $otj_rows $reviews $check $caseload $one $listed
done

# page_kinds SITE: the site's HTML pages by kind, with their count, their
# average and their total bytes, largest total first, then the whole.
page_kinds() {
	find "$1" -name '*.html' -printf '%P %s\n' | awk '
		{ p = $1; k = "other" }
		p == "index.html" { k = "dashboard" }
		p == "claims.html" { k = "claims" }
		p == "units.html" { k = "units" }
		p ~ /^learners\/[^\/]*\/index\.html$/ { k = "learner" }
		p ~ /^learners\/[^\/]*\/qualifications\.html$/ { k = "qualifications" }
		p ~ /^learners\/[^\/]*\/[^\/]*\.html$/ && k == "other" { k = "portfolio" }
		p ~ /^units\/[^\/]*\.html$/ { k = "unit" }
		p ~ /^units\/[^\/]*\/[^\/]*\.html$/ { k = "who-still-needs" }
		p ~ /^units\/[^\/]*\/[^\/]*\/[^\/]*\.html$/ { k = "who-still-needs" }   # its parts
		p ~ /^sheets\// { k = "record-sheet" }
		p ~ /^cohorts\// { k = "cohort" }
		p ~ /^assessors\// { k = "caseload" }
		{ n[k]++; b[k] += $2; all += $2; pages++ }
		END {
			for (k in n)
				printf "  %-16s %7d %10.0f %12d\n", k, n[k], b[k] / n[k], b[k]
			printf "  %-16s %7d %10.0f %12d\n", "(all)", pages, all / pages, all
		}' | sort -k4 -n -r
}

# What a change costs (issue: the cost of a change should follow its
# size): a site built into the RAM file system, then one evidence row
# appended, one unit's criterion reworded, or one template edited, and the
# build again, against the build from nothing and the no-change build.
# Each change is made after an untimed build of the inputs as they were
# (and undone after), so that every timed build finds the site of the
# inputs before it; medians of three.  The units and the theme are copies
# (--units, --templates) so that the repository's stay as they are.  The
# floor beside them is `folio check` with the same inputs: reading and
# judging the centre, which every build does before it renders.
if [ -n "$tmpfs" ]; then
	echo
	echo "A change, then a build (tmpfs, --units and --templates copies, medians of three): from nothing, nothing changed,"
	echo "one evidence row appended, one unit's criterion reworded, portfolio.mustache edited (every portfolio uses it), unit.mustache"
	echo "edited (no learner's page uses it); and check, the floor they share.  A learner's pages are rendered again only when"
	echo "what they are made from changed (docs/site.md); the rest of the time is that floor and the pages every build renders"
	rm -f $bench/kinds.txt
	printf '%9s | %8s %8s | %8s %8s %8s %8s | %8s\n' learners "whole" "none" "one row" "one unit" template "unit tpl" check
	for n in $sizes; do
		[ "$n" -le 10000 ] || continue
		centre=$bench/centre-$n work=$bench/change-$n
		rm -rf $work && mkdir -p $work
		cp -r units $work/units
		build/folio theme export $work/theme > /dev/null
		log=$(ls $centre/evidence/*.csv | head -n 1)
		cp "$log" $work/log.csv
		cp $work/units/ocr-c3.md $work/unit.md
		cp $work/theme/html/portfolio.mustache $work/portfolio.mustache
		cp $work/theme/html/unit.mustache $work/unit.mustache
		site="build/folio build -C '$centre' --units '$root/$work/units' --templates '$root/$work/theme' --out '$tmpfs/site' $jobs"
		undo="cp '$work/log.csv' '$log'; cp '$work/unit.md' '$work/units/ocr-c3.md'; cp '$work/portfolio.mustache' '$work/theme/html/portfolio.mustache'; cp '$work/unit.mustache' '$work/theme/html/unit.mustache'"
		rm -rf "$tmpfs" && mkdir "$tmpfs"
		three "rm -rf '$tmpfs/site'" "$site"
		whole=$wall
		{ echo "$n learners: pages by kind, average and total bytes (HTML)"
		  page_kinds "$tmpfs/site"; } >> $bench/kinds.txt
		three : "$site"
		none=$wall
		three "$undo; $site > /dev/null 2>&1; printf 'L000000,ocr-c3,X/RUN,2026-06-01,O,1.1,,Appended for the bench,A00,Branch 0\\n' >> '$log'" "$site"
		row=$wall
		three "$undo; $site > /dev/null 2>&1; sed -i 's/^- 1.1 /- 1.1 (reworded RUN) /' '$work/units/ocr-c3.md'" "$site"
		unit=$wall
		three "$undo; $site > /dev/null 2>&1; echo '<!-- edited RUN -->' >> '$work/theme/html/portfolio.mustache'" "$site"
		template=$wall
		three "$undo; $site > /dev/null 2>&1; echo '<!-- edited RUN -->' >> '$work/theme/html/unit.mustache'" "$site"
		other=$wall
		eval "$undo"
		three : "build/folio check -C '$centre' --units '$root/$work/units'"
		printf '%9s | %7ss %7ss | %7ss %7ss %7ss %7ss | %7ss\n' $n $whole $none $row $unit $template $other $wall
		rm -rf "$tmpfs" $work
	done
	echo
	cat $bench/kinds.txt
	rm -f $bench/kinds.txt
fi

# What an assessor waits for while the EQA visits: the model as JSON, and
# a pack of the whole centre (with no assessors.csv, every portfolio is
# sampled), each three times, beside the figures the issue measures them
# by: export against check, the pack against the build, both on tmpfs.
# The pack only up to 10,000 learners (it writes the model's JSON and
# every portfolio: 1.9 GB at 10,000).  A pack is a site's pages, the
# model's JSON and a SHA-256 of every file (for its SHA256SUMS), so
# beside it is its floor: the same files written and hashed with nothing
# rendered (tests/bench/writesite.c --sha256), against the site's files
# written with nothing rendered, both on tmpfs.
echo
echo "folio export (to /dev/null) and folio pack of the whole centre into ${tmpfs:-no RAM file system here}, medians of three"
echo "(check and the tmpfs build are the main table's; floors: the pack's files written and SHA-256 hashed, and the"
echo " site's files written, with nothing rendered, on tmpfs)"
# secs 1.23: "1.23s" ("-" stays); ratio NUM DEN: to a tenth, or "-".
secs() { [ "$1" = - ] && echo - || echo "${1}s"; }
ratio() { echo "$1 $2" | awk '{ print (($1 != "-" && $2 != "-" && $2 > 0) ? sprintf("%.1f", $1 / $2) : "-") }'; }
printf '%9s | %8s %8s %8s %9s | %8s %8s %8s %9s %9s | %11s %11s %8s\n' learners export check "/ check" "peak RSS" \
	pack build "/ build" output "peak RSS" "pack floor" "site floor" "/ floor"
for n in $sizes; do
	centre=$bench/centre-$n
	check=$(awk -v n=$n '$1 == n { print $5 }' $bench/folio-times.txt)
	ram=$(awk -v n=$n '$1 == n { print $3 }' $bench/folio-times.txt)
	three : "sh -c \"build/folio export -C '$centre' > /dev/null\""
	export_wall=$wall export_rss=$rss_mb export_range=$range
	pack=- pack_mb=- pack_rss=- pack_range=- pack_floor=- site_floor=-
	if [ "$n" -le 10000 ] && [ -n "$tmpfs" ] &&
	   [ "$(room_mb /dev/shm)" -gt $((n / 2 + 1024)) ]; then
		three "rm -rf '$tmpfs' && mkdir '$tmpfs'" \
			"build/folio pack -C $centre --out '$tmpfs/pack-$n' $jobs"
		pack=$wall pack_rss="$rss_mb MB" pack_range=$range
		pack_mb="$(written_mb) MB"
		$bench/writesite --list "$tmpfs/pack-$n" > $bench/manifest.txt
		rm -rf "$tmpfs"
		three "rm -rf '$tmpfs' && mkdir '$tmpfs'" \
			"$bench/writesite --sha256 $bench/manifest.txt '$tmpfs/files'"
		pack_floor=$wall
		if [ -d "$root/$out/site-$n-1" ]; then
			$bench/writesite --list "$root/$out/site-$n-1" > $bench/manifest.txt
			three "rm -rf '$tmpfs' && mkdir '$tmpfs'" \
				"$bench/writesite $bench/manifest.txt '$tmpfs/files'"
			site_floor=$wall
		fi
		rm -rf "$tmpfs" $bench/manifest.txt
	fi
	printf '%9s | %8s %8s %8s %6s MB | %8s %8s %8s %9s %9s | %11s %11s %8s\n' $n \
		"$(secs $export_wall)" "$(secs "$check")" "$(ratio $export_wall "$check")" $export_rss \
		"$(secs $pack)" "$(secs "$ram")" "$(ratio $pack "$ram")" "$pack_mb" "$pack_rss" \
		"$(secs $pack_floor)" "$(secs $site_floor)" "$(ratio $pack_floor $site_floor)"
	echo "$n: export ${export_range}s, pack ${pack_range}s" >> $bench/ranges.txt
done
echo "Fastest and slowest of the three runs:"
sed 's/^/  /' $bench/ranges.txt
rm -f $bench/ranges.txt

# What fresh memory costs this machine (tests/bench/freshmem.c): it hands
# memory a process frees back to its host within about two seconds, and
# the first touch of such memory waits for the host, so a command's time
# depends on how long ago the last one ended.  Each command here is timed "cold", four seconds after
# the last, as a command run by hand would be, and "warm", right after
# as much memory as its peak was touched and freed (untimed), as on a
# machine that keeps its memory; beside them the floor, the time to touch
# check's peak of fresh memory cold with nothing else done.  The runs
# elsewhere in this bench follow one another closely and are mostly warm.
echo
echo "Fresh memory: check and export (to /dev/null) cold, 4 s after the last command, and warm, right after their peak of"
echo "memory was touched and freed; the floor: check's peak of fresh memory touched, cold (medians of three)"
printf '%9s | %9s %8s | %8s %8s | %8s %8s | %8s %8s\n' learners "peak RSS" floor check warm export warm \
	"/ check" warm
for n in $sizes; do
	[ "$n" -le 10000 ] || continue
	centre=$bench/centre-$n
	check_cmd="build/folio check -C '$centre'"
	export_cmd="sh -c \"build/folio export -C '$centre' > /dev/null\""
	three "sleep 4" "$check_cmd"
	check_cold=$wall peak=$rss_mb
	three "sleep 4" "$bench/freshmem $peak"
	floor=$wall
	three "sleep 4; $bench/freshmem $((peak + 64))" "$check_cmd"
	check_warm=$wall
	three "sleep 4" "$export_cmd"
	export_cold=$wall export_peak=$rss_mb
	three "sleep 4; $bench/freshmem $((export_peak + 64))" "$export_cmd"
	export_warm=$wall
	printf '%9s | %6s MB %8s | %8s %8s | %8s %8s | %8s %8s\n' $n $peak "$(secs $floor)" \
		"$(secs $check_cold)" "$(secs $check_warm)" "$(secs $export_cold)" "$(secs $export_warm)" \
		"$(ratio $export_cold $check_cold)" "$(ratio $export_warm $check_warm)"
done

echo
if need hugo hugo; then
	echo "Hugo $(hugo version | sed 's/^hugo v\([0-9.]*\).*/\1/') rendering the same portfolio pages (Markdown tables), against folio's whole build"
	for n in $sizes; do
		if [ ! -d $bench/hugo-$n ]; then
			echo "$n learners: no Hugo site (made only up to 3,000 learners)"
			continue
		fi
		portfolios=$((n * 3))
		three "$bench/evict '$root/$out'" \
			"hugo --source '$bench/hugo-$n' --destination '$root/$out/hugo-$n-RUN' --quiet"
		folio_time=$(awk -v n=$n '$1 == n { t = $2 } END { print t }' $bench/folio-times.txt)
		echo "$n learners, $portfolios portfolio pages: hugo ${wall}s ($range); folio ${folio_time}s for those pages and $((n + 7)) more" |
			awk -v h=$wall -v f=$folio_time '{ printf "%s: folio is %.1f times as fast\n", $0, (f > 0 ? h / f : 0) }'
		folio_ram=$(awk -v n=$n '$1 == n { t = $3 } END { print t }' $bench/folio-times.txt)
		if [ -n "$tmpfs" ] && [ "$folio_ram" != - ]; then
			three "rm -rf '$tmpfs'" "hugo --source '$bench/hugo-$n' --destination '$tmpfs/public' --quiet"
			rm -rf $tmpfs
			echo "  on tmpfs: hugo ${wall}s ($range); folio ${folio_ram}s" |
				awk -v h=$wall -v f=$folio_ram '{ printf "%s: folio is %.1f times as fast\n", $0, (f > 0 ? h / f : 0) }'
		fi
	done
fi
rm -f $bench/folio-times.txt $bench/runs.txt $bench/out-[123].txt
# The outputs are deleted now, so that the next run knows when (above).
rm -rf $out
date +%s > $bench/deleted-at
