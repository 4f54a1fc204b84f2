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
vp-report --format html --suppress 0 --title "LLR engagement: key themes" "$T/counts.json" >"$T/report.html" ||
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
expect_in "$T/dom.html" ">Transport and location</td>"      # the lexicon's @label
expect_in "$T/dom.html" '<td class="n">4 (44.4%)</td>'   # transport, 4 of 9 in total
expect_in "$T/dom.html" '<td class="n">9</td>'            # all records, total
# one chart per column (4 localities + Total) with a bar per theme, and one
# per theme (12) with a bar per locality
[ "$(grep -o '<svg[^>]*class="group-chart"' "$T/dom.html" | wc -l)" -eq 5 ] || fail "want 5 column charts in the DOM"
[ "$(grep -o '<svg[^>]*class="theme-chart"' "$T/dom.html" | wc -l)" -eq 12 ] || fail "want 12 theme charts in the DOM"
[ "$(grep -o 'class="bar"' "$T/dom.html" | wc -l)" -eq $((5 * 12 + 12 * 4)) ] || fail "want 5x12 + 12x4 bars"
expect_in "$T/dom.html" 'id="notes"'
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

# png_size FILE: WIDTHxHEIGHT from the IHDR
png_size() {
	dd if="$1" bs=1 skip=16 count=8 2>/dev/null | od -An -tu1 |
		awk '{ printf "%dx%d", ((($1*256+$2)*256+$3)*256+$4), ((($5*256+$6)*256+$7)*256+$8) }'
}

# by month: a trend line per theme; with the default suppression
awk -v n=400 -f "$D/gen-tagged.awk" | vp-count --by month >"$T/month.json" || fail "count --by month"
vp-report --format html --ci "$T/month.json" >"$T/month.html" || fail "vp-report month"
chrome --dump-dom "file://$T/month.html" >"$T/mdom.html" || fail "chromium --dump-dom month"
n=$(grep -o '<svg[^>]*class="trend"' "$T/mdom.html" | wc -l)
[ "$n" -ge 5 ] || fail "want a trend chart per theme, got $n"
[ "$(grep -o '<polyline class="line"' "$T/mdom.html" | wc -l)" -ge "$n" ] || fail "trend charts without lines"
expect_in "$T/mdom.html" '<line class="ci"'
chrome --screenshot="$T/month.png" --window-size=1280,2400 "file://$T/month.html" >/dev/null ||
	fail "chromium --screenshot month"
[ "$(png_size "$T/month.png")" = 1280x2400 ] || fail "month screenshot is $(png_size "$T/month.png")"
[ "$(wc -c <"$T/month.png")" -gt 60000 ] || fail "month screenshot only $(wc -c <"$T/month.png") bytes"

# two periods: the compare table and a before/after chart per theme
awk -v n=300 -f "$D/gen-tagged.awk" | vp-count >"$T/before.json" || fail "count before"
awk -v n=900 -f "$D/gen-tagged.awk" | vp-count >"$T/after.json" || fail "count after"
vp-report --format html --compare "$T/before.json" "$T/after.json" >"$T/cmp.html" || fail "compare"
chrome --dump-dom "file://$T/cmp.html" >"$T/cdom.html" || fail "chromium --dump-dom compare"
expect_in "$T/cdom.html" '<table id="compare">'
expect_in "$T/cdom.html" '<th>Before</th><th>After</th><th>Change</th>'
[ "$(grep -o '<svg[^>]*class="compare-chart"' "$T/cdom.html" | wc -l)" -ge 5 ] || fail "want a compare chart per theme"
expect_in "$T/cdom.html" 'class="bar before"'
expect_in "$T/cdom.html" 'class="bar after"'
expect_in "$T/cdom.html" "Change: after minus before"
chrome --screenshot="$T/cmp.png" --window-size=1280,2400 "file://$T/cmp.html" >/dev/null ||
	fail "chromium --screenshot compare"
[ "$(png_size "$T/cmp.png")" = 1280x2400 ] || fail "compare screenshot is $(png_size "$T/cmp.png")"
[ "$(wc -c <"$T/cmp.png")" -gt 60000 ] || fail "compare screenshot only $(wc -c <"$T/cmp.png") bytes"
exit 0
