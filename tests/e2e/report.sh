#!/bin/sh
# vp-report: csv, markdown and html from vp-count JSON; options; escaping; errors.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/count
# The table as counted: no suppression, a lexicon without @label lines (so
# themes show as their names).  The defaults are tested in report-stats.sh.
rep0() { vp-report --suppress 0 --lexicon "$VP_ROOT/tests/data/lexicons/paths" "$@"; }
vp-count --quotes 2 "$D/tagged.ndjson" >"$T/counts.json" || fail "vp-count"

# csv: header, all-records row, parents before children, counts and shares.
expect_exit 0 rep0 "$T/counts.json"
head -n 1 "$T/out" >"$T/head"
expect_in "$T/head" "theme,label,East Leicestershire and Rutland records,East Leicestershire and Rutland share,Leicester City records,"
expect_in "$T/head" ",Unassigned records,Unassigned share,Total records,Total share"
expect_in "$T/out" "(all records),,2,,2,,2,,2,,8,"
sed -n 3,5p "$T/out" >"$T/top3"
printf '%s\n' "transport,transport,1,0.5000,1,0.5000,1,0.5000,1,0.5000,4,0.5000" \
	"transport/parking,transport/parking,0,0.0000,1,0.5000,1,0.5000,0,0.0000,2,0.2500" \
	"transport/travel,transport/travel,1,0.5000,0,0.0000,0,0.0000,1,0.5000,2,0.2500" >"$T/want3"
cmp "$T/top3" "$T/want3" || { diff "$T/want3" "$T/top3" >&2; fail "csv rows"; }
[ "$(grep -vc '^note,' "$T/out")" -eq 15 ] || fail "csv: want 15 lines (header, all, 11 themes, untagged, blank)"
expect_in "$T/out" "(untagged),Untagged: no theme,"
expect_in "$T/out" "note,Suppression: off"
! grep -q "$(printf '\r')" "$T/out" || fail "plain csv has CR"
# --excel: BOM and CRLF; same cells
expect_exit 0 rep0 --format csv --excel "$T/counts.json"
[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
expect_in "$T/out" "$(printf 'Total share\r')"
expect_exit 64 rep0 --format markdown --excel "$T/counts.json"

# markdown from stdin, with --theme and --top.
rep0 --format markdown --title "Key themes" <"$T/counts.json" >"$T/md" || fail "md"
expect_in "$T/md" "## Key themes"
expect_in "$T/md" "| Theme | East Leicestershire and Rutland | Leicester City | West Leicestershire | Unassigned | Total |"
expect_in "$T/md" "| All records | 2 | 2 | 2 | 2 | 8 |"
expect_in "$T/md" "| transport | 1 (50.0%) | 1 (50.0%) | 1 (50.0%) | 1 (50.0%) | 4 (50.0%) |"
# themes by total share: transport (50%) first, environment (12.5%) last
first=$(grep -n '^| transport |' "$T/md" | cut -d: -f1)
last=$(grep -n 'environment/cleanliness' "$T/md" | cut -d: -f1)
[ "$first" -lt "$last" ] || fail "markdown order"
rep0 -f md --theme 'access/*' "$T/counts.json" >"$T/md2" || fail "md --theme"
expect_in "$T/md2" "| access | 0 (0.0%) | 1 (50.0%) | 0 (0.0%) | 1 (50.0%) | 2 (25.0%) |"
expect_in "$T/md2" "access/waiting"
expect_not_in "$T/md2" "transport"
# A --theme that is no theme of the document nor of the lexicon (a typo) is a
# usage error naming the document's themes: it gave an empty table and 0.
# One the lexicon has (a/b/c under a/b) but no record raised is a table of
# no themes, as before.
expect_exit 64 rep0 -f md --theme acess "$T/counts.json"
expect_in "$T/err" "--theme 'acess' is no theme of the document or the lexicon"
expect_in "$T/err" "access, environment, staff, transport"
expect_exit 64 vp-report -f md --theme 'staff/atitude' "$T/counts.json"
expect_exit 0 rep0 -f md --theme a/b "$T/counts.json"
expect_in "$T/out" "| All records | 2 | 2 | 2 | 2 | 8 |"
rep0 -f md --top 1 "$T/counts.json" >"$T/md3" || fail "md --top"
[ "$(grep -c '^| ' "$T/md3")" -eq 4 ] || fail "--top 1: header, all records, one theme and untagged"

# html: self-contained page, counts table, one svg per column, quotes, escaping.
rep0 -f html --title 'Engagement <themes>' "$T/counts.json" >"$T/r.html" || fail "html"
expect_in "$T/r.html" "<title>Engagement &lt;themes&gt;</title>"
expect_in "$T/r.html" '<td class="n">4 (50.0%)</td>'
[ "$(grep -c '<svg.*class="group-chart"' "$T/r.html")" -eq 5 ] || fail "want 5 column charts (4 localities + total)"
[ "$(grep -c '<svg.*class="theme-chart"' "$T/r.html")" -eq 11 ] || fail "want a chart per theme"
expect_in "$T/r.html" "<h2>What people said</h2>"
expect_in "$T/r.html" "Parking!"
expect_in "$T/r.html" "The &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; waiting room"
expect_not_in "$T/r.html" "<script"
expect_not_in "$T/r.html" "jo@example.org"
expect_not_in "$T/r.html" "LE13 0AB"
! grep -E -q '(src|href)=' "$T/r.html" || fail "html refers to something outside itself"

# levels: from a nested count; refused when the document cannot give them.
awk -v n=200 -f "$D/gen-tagged.awk" | vp-count --nested >"$T/nested.json" || fail "nested"
expect_exit 0 rep0 --level system "$T/nested.json"
expect_in "$T/out" "theme,label,LLR records,LLR share,NWL records,NWL share,Unassigned records,"
expect_exit 0 rep0 --level place "$T/nested.json"
expect_in "$T/out" "theme,label,Brent records,Brent share,Harrow records,Harrow share,Leicester records,"
expect_exit 65 rep0 --level place "$T/counts.json"
expect_in "$T/err" "vp-report: $T/counts.json: --level place: the counts are at level locality and have no nested levels"

# --by documents: a column per group; --level makes no sense for them.
vp-count --by month "$D/tagged.ndjson" >"$T/month.json" || fail "count --by month"
expect_exit 0 rep0 -f md "$T/month.json"
expect_in "$T/out" "| Theme | 2023-04 | 2023-05 | 2023-06 | Total |"
expect_in "$T/out" "| All records | 2 | 4 | 2 | 8 |"
expect_in "$T/out" "Columns: date:month."
expect_exit 65 rep0 --level place "$T/month.json"
expect_in "$T/err" "the counts are by date:month"

# errors
expect_exit 64 rep0 --format pdf "$T/counts.json"
expect_exit 66 rep0 "$T/none.json"
printf '{"a":' >"$T/bad.json"
expect_exit 65 rep0 "$T/bad.json"
expect_in "$T/err" "vp-report: $T/bad.json:1: not JSON"
# A document naming a group twice (edited by hand) is refused: the last
# copy was read and the first dropped without a word.
printf '%s\n' '{"level":"locality","localities":{"A":{"records":1,"themes":{"t":{"records":1}},"untagged":0},"A":{"records":1,"themes":{"t":{"records":1}},"untagged":0}},"records":1,"rejected":0,"total":{"records":1,"themes":{"t":{"records":1}},"untagged":0}}' >"$T/dupgroup.json"
expect_exit 65 rep0 "$T/dupgroup.json"
expect_in "$T/err" "vp-report: $T/dupgroup.json:1: not JSON: duplicate object key"
printf '[]' >"$T/arr.json"
expect_exit 65 rep0 "$T/arr.json"
expect_in "$T/err" "not a vp-count document"
# A document vp-merge refuses, vp-report refuses the same way (one check):
# a theme with more records than its group, counts that are no counts.
for bad in '"themes":{"t":{"records":50,"share":5}},"untagged":0' \
	'"themes":{"t":{"records":-10}},"untagged":0' \
	'"themes":{"t":{"records":10.5}},"untagged":0' \
	'"themes":{"t":{"records":"ten"}},"untagged":0' \
	'"themes":{},"untagged":-1'; do
	g="{\"records\":10,$bad}"
	printf '{"level":"locality","localities":{"A":%s},"records":10,"rejected":0,"total":%s}\n' \
		"$g" "$g" >"$T/inv.json"
	vp-merge "$T/inv.json" >/dev/null 2>"$T/merr" && fail "vp-merge took $bad"
	expect_exit 65 rep0 "$T/inv.json"
	sed 's/^vp-merge: //' "$T/merr" >"$T/mmsg"
	sed 's/^vp-report: //' "$T/err" >"$T/rmsg"
	cmp -s "$T/mmsg" "$T/rmsg" || { diff "$T/mmsg" "$T/rmsg" >&2; fail "messages differ for $bad"; }
	expect_exit 65 rep0 --compare "$T/inv.json" "$T/counts.json"
done
# quotes are published: a document whose quotes were not redacted (hand-made,
# or from a tool other than vp-count) has them redacted in every format
printf '%s\n' '{"id":"q1","text":"x","locality":"A","themes":[{"theme":"t","hits":1}]}' |
	vp-count --quotes 1 | sed 's/"text": "x"/"text": "Mrs Jane Smith, 07700 900123, 943 476 5919, jane@nhs.net, LE1 6EJ"/' |
	sed 's/"id": "q1"/"id": "bob.jones@example.org"/' >"$T/pii.json"
expect_in "$T/pii.json" "Mrs Jane Smith"
expect_in "$T/pii.json" "bob.jones@example.org"   # the quote's id, as an e-mail column gives it
for f in csv markdown html; do
	expect_exit 0 rep0 --format $f "$T/pii.json"
	for pii in Jane 07700 5919 jane@ 6EJ bob.jones; do expect_not_in "$T/out" "$pii"; done
done
expect_in "$T/out" "Mrs [name], [phone], [NHS number], [email], [postcode]"
if command -v unzip >/dev/null; then
	expect_exit 0 rep0 --format xlsx -o "$T/pii.xlsx" "$T/pii.json"
	unzip -p "$T/pii.xlsx" xl/sharedStrings.xml >"$T/pii.xml"
	for pii in Jane 07700 5919 jane@ 6EJ bob.jones; do expect_not_in "$T/pii.xml" "$pii"; done
	expect_in "$T/pii.xml" "Mrs [name], [phone]"
fi
# group names are published too: a document not made by vp-count (whose
# group names are masked already) has them masked in every format
sed 's/"A": {/"Mrs Jane Smith, jane@nhs.net": {/' "$T/pii.json" >"$T/piig.json"
expect_in "$T/piig.json" '"Mrs Jane Smith, jane@nhs.net": {'
for f in csv markdown html; do
	expect_exit 0 rep0 --format $f "$T/piig.json"
	for pii in Jane jane@; do expect_not_in "$T/out" "$pii"; done
	if [ $f = markdown ]; then expect_in "$T/out" 'Mrs \[name\], \[email\]'
	else expect_in "$T/out" "Mrs [name], [email]"; fi
done
expect_exit 0 rep0 --format html --compare "$T/piig.json" "$T/piig.json"
for pii in Jane jane@; do expect_not_in "$T/out" "$pii"; done
if command -v unzip >/dev/null; then
	expect_exit 0 rep0 --format xlsx -o "$T/piig.xlsx" "$T/piig.json"
	unzip -p "$T/piig.xlsx" 'xl/*' >"$T/piig.xml"
	for pii in Jane jane@; do expect_not_in "$T/piig.xml" "$pii"; done
fi
mkdir -p "$T/svg"
expect_exit 0 rep0 --format csv --svg "$T/svg" "$T/piig.json"
ls "$T/svg" >"$T/svgnames"
cat "$T"/svg/* >>"$T/svgnames"
for pii in Jane jane@; do expect_not_in "$T/svgnames" "$pii"; done
# a directory on stdin is a read error, said as one (74), not "not JSON"
mkdir -p "$T/adir"
expect_exit 74 rep0 <"$T/adir"
expect_in "$T/err" "vp-report: -: read error: Is a directory"
# A chart's caption counts its column in words that agree: "(1 answer)", "(2 answers)".
printf '%s\n' '{"id":"a","respondent":"1","text":"x","locality":"Oakham","themes":[{"theme":"transport"}]}' \
	'{"id":"b","respondent":"2","text":"y","locality":"Melton","themes":[{"theme":"transport"}]}' \
	'{"id":"c","respondent":"3","text":"z","locality":"Melton","themes":[]}' | vp-count >"$T/one.json" || fail "count one"
rep0 -f html "$T/one.json" >"$T/one.html" || fail "html one"
expect_in "$T/one.html" '<figcaption>Oakham (1 answer)</figcaption>'
expect_in "$T/one.html" '<figcaption>Melton (2 answers)</figcaption>'
expect_not_in "$T/one.html" '(1 answers)'
rep0 -f html --per respondent "$T/one.json" >"$T/one.html" || fail "html one per respondent"
expect_in "$T/one.html" '<figcaption>Oakham (1 respondent)</figcaption>'
expect_in "$T/one.html" '<figcaption>Melton (2 respondents)</figcaption>'
if [ -w /dev/full ]; then
	rep0 "$T/counts.json" >/dev/full 2>/dev/null; rc=$?
	[ $rc = 74 ] || fail "write to /dev/full exited $rc, want 74"
fi
exit 0
