#!/bin/sh
# vp-report --format html rendered by headless Chromium: the DOM holds the table
# numbers and one chart per column, comment text stays text (no script runs),
# and a screenshot of sensible size comes out.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/count
CHROMIUM=$(command -v chromium || command -v chromium-browser) ||
	skip "chromium not installed (Debian package chromium, in TEST_DEBS)"

# A comment that would change the page if its markup were live.
{ cat "$D/tagged.ndjson"
  printf '%s\n' '{"id":"x:1","locality":"Leicester City","text":"<img src=x onerror=\"document.title=1\"><script>document.body.innerHTML=\"PWNED\"</script> food","tokens":["food"],"themes":[{"theme":"environment","hits":["food"]},{"theme":"environment/food","hits":["food"]}]}'
} | vp-count --quotes 3 >"$T/counts.json" || fail "vp-count"
vp-report --format html --title "LLR engagement: key themes" "$T/counts.json" >"$T/report.html" ||
	fail "vp-report"

chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-extensions --user-data-dir="$T/profile" "$@" 2>>"$T/chrome.err"
}
chrome --dump-dom "file://$T/report.html" >"$T/dom.html" || { tail -5 "$T/chrome.err" >&2; fail "chromium --dump-dom"; }
[ -s "$T/dom.html" ] || fail "empty DOM dump"

# the table as rendered: title, column heads, numbers
expect_in "$T/dom.html" "<title>LLR engagement: key themes</title>"
expect_in "$T/dom.html" "<th>Leicester City</th>"
expect_in "$T/dom.html" '<td class="n">4 (44.4%)</td>'   # transport, 4 of 9 in total
expect_in "$T/dom.html" '<td class="n">9</td>'            # all records, total
# one chart per column (4 localities + Total), with a bar per theme
[ "$(grep -o '<svg' "$T/dom.html" | wc -l)" -eq 5 ] || fail "want 5 svg charts in the DOM"
[ "$(grep -o 'class="bar"' "$T/dom.html" | wc -l)" -eq $((5 * 12)) ] || fail "want 12 bars per chart"
# the hostile comment is shown as text: no script or img element, page intact
expect_not_in "$T/dom.html" "<script"
expect_not_in "$T/dom.html" "<img"
expect_not_in "$T/dom.html" "PWNED</body>"
expect_in "$T/dom.html" "&lt;script&gt;document.body.innerHTML="
expect_in "$T/dom.html" "<h2>What people said</h2>"

chrome --screenshot="$T/shot.png" --window-size=1280,1800 "file://$T/report.html" >/dev/null ||
	{ tail -5 "$T/chrome.err" >&2; fail "chromium --screenshot"; }
[ -s "$T/shot.png" ] || fail "no screenshot"
[ "$(head -c 8 "$T/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "not a PNG"
# IHDR width and height (big-endian, bytes 16-23) are the window size
dims=$(dd if="$T/shot.png" bs=1 skip=16 count=8 2>/dev/null | od -An -tu1 |
	awk '{ printf "%dx%d", ((($1*256+$2)*256+$3)*256+$4), ((($5*256+$6)*256+$7)*256+$8) }')
[ "$dims" = 1280x1800 ] || fail "screenshot is $dims, want 1280x1800"
# a page with a table, five charts and text compresses to tens of KB; a blank one to ~10 KB
size=$(wc -c <"$T/shot.png")
[ "$size" -gt 40000 ] || fail "screenshot only $size bytes: page blank?"
exit 0
