#!/bin/sh
# vp-report --format html with a word longer than the page is wide -- a
# pasted link in a comment, a title without spaces -- stays within the page:
# the quote, the heading and the chart caption wrap rather than push the
# page out to thousands of pixels (a board paper printed from it lost the
# right of every line).  Measured in headless
# Chromium: a copy of the page, its Content-Security-Policy taken out,
# runs a script that writes the page's scroll width into the title.
. "$VP_ROOT/tests/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser) ||
	skip "chromium not installed (Debian package chromium, in TEST_DEBS)"
cd "$T" || fail "cd"
URL='https://www.leicestershospitals.nhs.uk/patients/outpatients/appointments/changing-or-cancelling-your-appointment/online-booking-form/?ref=survey&utm_source=feedback&utm_medium=email&utm_campaign=winter2026'
for i in 1 2 3 4 5 6; do
	printf '{"id":"r%s","locality":"%s","text":"See %s for the form","tokens":["form"],"themes":[{"theme":"access","hits":["form"]}]}\n' \
		"$i" "$([ "$i" -le 3 ] && echo Oakham || echo Melton)" "$URL"
done > long.ndjson
vp-count --quotes 2 long.ndjson > long.json || fail "vp-count"
vp-report -f html --suppress 0 --title "Feedback_on_$URL" long.json > long.html || fail "vp-report"
grep -q 'leicestershospitals' long.html || fail "the quote is not in the page"
# the measuring copy
sed 's/<meta http-equiv="Content-Security-Policy"[^>]*>//
s#</body>#<script>document.title="width "+document.documentElement.scrollWidth</script></body>#' \
	long.html > measure.html
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--disable-extensions --user-data-dir="$T/profile" --window-size=1024,800 \
	--dump-dom "file://$T/measure.html" > dom.html 2> chrome.err ||
	{ tail -5 chrome.err >&2; fail "chromium --dump-dom"; }
w=$(sed -n 's/.*<title>width \([0-9]*\)<\/title>.*/\1/p' dom.html)
[ -n "$w" ] || fail "no width measured (the script did not run?)"
[ "$w" -le 1024 ] || fail "the page is $w pixels wide in a 1024-pixel window: a long word overflows"
exit 0
