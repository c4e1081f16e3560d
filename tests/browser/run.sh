#!/bin/sh
# tests/browser/run.sh [FOLIO] - the browser test of the built example site.
#
# Installs what it needs when missing (Debian's chromium, poppler-utils,
# fonts, a Java runtime, and Node.js and npm; the npm packages pinned in package-lock.json,
# into tests/browser/node_modules), builds examples/northgate with FOLIO
# (default build/folio) into build/example-site, then runs check.mjs on it:
# axe-core, the Nu Html Checker, printing to PDF, offline use and no
# JavaScript.  PDFs and screenshots go to build/browser/.
#
# Each failed check prints "FAIL name: why"; the last line is
# "#summary PASSED FAILED", and the exit status is non-zero on any failure.
# See tests/browser/README.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
folio=${1:-$root/build/folio}
site=$root/build/example-site
out=$root/build/browser

# Setup failures are reported as one failed test, so that tests/run.sh
# counts them and the reason is shown.
die() {
	echo "FAIL browser/setup: $*"
	echo "#summary 0 1"
	exit 1
}

case $folio in /*) ;; *) folio=$(pwd)/$folio ;; esac
[ -x "$folio" ] || die "no folio program at $folio (run make build/folio)"

# Debian packages: chromium renders and prints, poppler-utils' pdfinfo
# counts PDF pages, the fonts make the page count the same on every
# machine, and Java runs vnu.jar.
debs="chromium poppler-utils fonts-dejavu-core fonts-liberation openjdk-17-jre-headless"
missing=
for p in $debs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# Node.js runs check.mjs and npm installs its packages: Debian's, when
# the machine has none (a machine may have its own Node.js, with npm
# inside it, which Debian's npm package would conflict with).
command -v node > /dev/null || missing="$missing nodejs"
command -v npm > /dev/null || missing="$missing npm"
if [ -n "$missing" ]; then
	echo "browser test: installing Debian packages:$missing" >&2
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	# Wait for another apt or dpkg to finish rather than fail on its lock.
	lock="-o DPkg::Lock::Timeout=600"
	log=$(mktemp)
	if ! { $sudo apt-get $lock update -qq &&
		DEBIAN_FRONTEND=noninteractive $sudo apt-get $lock install -y -qq \
			--no-install-recommends $missing; } > "$log" 2>&1; then
		tail -n 20 "$log"
		rm -f "$log"
		die "apt-get could not install$missing"
	fi
	rm -f "$log"
fi
for f in /usr/bin/chromium /usr/bin/pdfinfo; do
	[ -x "$f" ] || die "$f is missing after the install"
done
command -v java > /dev/null || die "java is missing after the install"
for c in node npm; do
	command -v $c > /dev/null || die "$c is missing after the install"
done

# check.mjs needs Node.js 20 or later (playwright-core's engines), and
# Debian 12's nodejs is 18: then Node.js 20 comes from the npm registry's
# node-linux-* package, into tests/browser/.node (the system's is left
# alone), and runs check.mjs.
node=node
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
	case $(uname -m) in
	x86_64) arch=x64 ;;
	aarch64) arch=arm64 ;;
	*) die "Node.js $(node --version) is older than 20, and there is no Node.js 20 package for $(uname -m)" ;;
	esac
	node=$here/.node/node_modules/node-linux-$arch/bin/node
	if [ ! -x "$node" ]; then
		echo "browser test: Node.js $(node --version) is older than 20; npm install node-linux-$arch@20.20.2" >&2
		log=$(mktemp)
		if ! npm install --no-save --no-audit --no-fund --prefix "$here/.node" \
			"node-linux-$arch@20.20.2" > "$log" 2>&1; then
			tail -n 20 "$log"
			rm -f "$log"
			die "npm could not install Node.js 20 (node-linux-$arch)"
		fi
		rm -f "$log"
	fi
	[ -x "$node" ] || die "no Node.js 20 at $node after the install"
fi

# npm packages, exactly as package-lock.json pins them.  The stamp holds
# the lock file's checksum, so a changed lock reinstalls; a warm run skips
# npm altogether.  --ignore-scripts: vnu-jar's postinstall would download
# a Java runtime; the machine's Java is used instead.
stamp=$here/node_modules/.folio-lock-sum
sum=$(cksum < "$here/package-lock.json")
if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
	echo "browser test: npm ci in tests/browser" >&2
	log=$(mktemp)
	if ! (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci \
		--ignore-scripts --no-audit --no-fund) > "$log" 2>&1; then
		tail -n 20 "$log"
		rm -f "$log"
		die "npm ci failed in tests/browser"
	fi
	rm -f "$log"
	echo "$sum" > "$stamp"
fi

# The example site, built afresh so that no stale page is checked.  The
# example has an error in its inputs on purpose (a sign-off a later edit
# invalidated), so folio exits 1 there; 2 is a failure to build.
rm -rf "$site"
mkdir -p "$root/build" "$out"
built() { [ "$1" -eq 0 ] || [ "$1" -eq 1 ]; }
"$folio" build -C "$root/examples/northgate" --out "$site" \
	--format html,md > "$out/folio-build.log" 2>&1
if ! built $? || [ ! -f "$site/index.html" ]; then
	cat "$out/folio-build.log"
	die "folio build of examples/northgate failed (log above)"
fi

# The output is kept in build/browser/output.txt; a crash before the
# summary line still counts as a failure.
# The site, then the example's external-verification pack, each checked
# by check.mjs; their two summaries are added up into the last line.
pack=$root/build/example-pack
rm -rf "$pack"
"$folio" pack -C "$root/examples/northgate" --out "$pack" \
	> "$out/folio-pack.log" 2>&1
if ! built $? || [ ! -f "$pack/index.html" ]; then
	cat "$out/folio-pack.log"
	die "folio pack of examples/northgate failed (log above)"
fi
# The apprenticeship example (docs/apprenticeships.md): off-the-job hours,
# reviews and the caseload pages.
apprentices=$root/build/apprentices-site
rm -rf "$apprentices"
"$folio" build -C "$root/examples/apprentices" --out "$apprentices" \
	--format html,md > "$out/folio-apprentices.log" 2>&1
if ! built $? || [ ! -f "$apprentices/index.html" ]; then
	cat "$out/folio-apprentices.log"
	die "folio build of examples/apprentices failed (log above)"
fi
passed=0 failed=0 rc=0
for kind in site pack apprentices; do
	dir=$site
	[ "$kind" = pack ] && dir=$pack
	[ "$kind" = apprentices ] && dir=$apprentices
	"$node" "$here/check.mjs" --site "$dir" --out "$out/$kind" --kind "$kind" \
		> "$out/$kind-output.txt" 2>&1 || rc=1
	grep -v '^#summary ' "$out/$kind-output.txt"
	summary=$(tail -n 1 "$out/$kind-output.txt")
	case $summary in
	'#summary '*) set -- $summary; passed=$((passed + $2)); failed=$((failed + $3)) ;;
	*) echo "FAIL browser/$kind: check.mjs stopped before its summary"
	   failed=$((failed + 1)) ;;
	esac
done
echo "#summary $passed $failed"
exit $rc
