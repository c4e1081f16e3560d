#!/bin/sh
# tests/browser/selftest.sh - the browser test's own test: run check.mjs on
# selftest/site, a small site in which every page has defects, and expect
# each check to fail, for the reason planted.  Run it after changing
# check.mjs (it needs what run.sh installs: run that once first).
# Ends with "#summary PASSED FAILED" like the other tests.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$root/build/browser-selftest
mkdir -p "$out"
node "$here/check.mjs" --site "$here/selftest/site" --out "$out" > "$out/output.txt" 2>&1
rc=$?
passed=0
failed=0
# expect NAME TEXT: check NAME must fail, and TEXT be in what it printed.
expect() {
	if ! grep -q "^FAIL browser/$1: " "$out/output.txt"; then
		echo "FAIL browser-selftest/$1: the check passed on a broken site"
		failed=$((failed + 1))
	elif ! awk -v n="FAIL browser/$1: " 'index($0, "FAIL ") == 1 { on = index($0, n) == 1 }
		on' "$out/output.txt" | grep -qF -- "$2"; then
		echo "FAIL browser-selftest/$1: failed without saying: $2"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}
expect axe/index 'link-name'
expect axe/learner 'image-alt'
expect axe/portfolio 'button-name'
expect axe/unit 'color-contrast'
expect axe/sheet 'document-title'
expect vnu 'Element “div” not allowed as child of element “span”'
expect print/portfolio-pdf 'prints on 1 A4 page(s), expected 2 to 12'
expect print/portfolio-width 'table.wide'
expect print/sheet-pdf 'does not show "Resolve customer service problems"'
expect print/sheet-width 'main > div:nth-of-type(1)'
expect print/sheet-width 'div.spill:nth-of-type(2) (its content)'
expect offline 'https://example.invalid/logo.png'
expect offline 'outside.css'
expect offline 'missing.png'
expect links 'no file learners/nobody/index.html'
expect links 'is a folder'
expect links 'has no id "no-such-id"'
expect links 'points outside the site'
expect no-javascript 'index.md:3: <script'
expect no-javascript 'onclick'
expect no-javascript 'index.html: <script>'
if [ "$rc" -eq 0 ]; then
	echo "FAIL browser-selftest/exit: check.mjs exited 0 on a broken site"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
if ! tail -n 1 "$out/output.txt" | grep -q '^#summary 1 25$'; then
	echo "FAIL browser-selftest/summary: expected '#summary 1 25', got: $(tail -n 1 "$out/output.txt")"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi
[ "$failed" -eq 0 ] || echo "(check.mjs's output: $out/output.txt)"
echo "#summary $passed $failed"
[ "$failed" -eq 0 ]
