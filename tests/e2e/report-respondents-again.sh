#!/bin/sh
# vp-report says when the document's respondent counts may be too high:
# vp-count counts a respondent once per run of adjacent records, and a
# respondent seen again after other respondents' records is counted again
# ("respondents_not_adjacent": N in the document, a warning on vp-count's
# stderr).  A report by respondents showed 3 respondents of a survey of 2
# people with no word of it -- the report is where people read the figures.
# With answers as the denominator, and without the member, nothing is said.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
rec() { printf '{"id":"%s","respondent":"%s","locality":"Melton","text":"x","themes":[{"theme":"t","hits":["x"]}]}\n' "$1" "$2"; }
{ rec 1 r1; rec 2 r2; rec 3 r1; } > again.ndjson
{ rec 1 r1; rec 3 r1; rec 2 r2; } > sorted.ndjson
vp-count --per respondent again.ndjson > again.json 2>/dev/null || fail "vp-count again"
vp-count --per respondent sorted.ndjson > sorted.json || fail "vp-count sorted"
grep -q '"respondents_not_adjacent": 1' again.json || fail "vp-count wrote no respondents_not_adjacent"
NOTE='Respondents: 1 respondent was seen again after other respondents'
for f in csv markdown html; do
	expect_exit 0 vp-report -f "$f" --suppress 0 again.json
	expect_in "$T/out" "$NOTE"
	expect_in "$T/out" "may be counted more than once"
	expect_exit 0 vp-report -f "$f" --suppress 0 sorted.json
	expect_not_in "$T/out" 'seen again'
	# answers as the denominator: no respondent figure is shown
	expect_exit 0 vp-report -f "$f" --per answer again.json
	expect_not_in "$T/out" 'seen again'
done
# --compare: either period's
expect_exit 0 vp-report --compare again.json sorted.json
expect_in "$T/out" 'Respondents: before 1, after 0 respondents were seen again'
expect_exit 0 vp-report --compare sorted.json sorted.json
expect_not_in "$T/out" 'seen again'
# xlsx: the Summary sheet's notes and figure
PY=/usr/bin/python3
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	expect_exit 0 vp-report -f xlsx -o again.xlsx again.json
	"$PY" - again.xlsx "$NOTE" <<'PYEOF' || fail "xlsx summary"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
cells = [(r[0], r[1]) for r in ws.iter_rows(values_only=True)]
if ("Respondents seen again (may be counted twice)", 1) not in cells:
    print("FAIL: no figure:", cells); sys.exit(1)
if not any(sys.argv[2] in str(v) for r in ws.iter_rows(values_only=True) for v in r):
    print("FAIL: no note"); sys.exit(1)
PYEOF
else
	echo "python3-openpyxl not installed: xlsx part skipped"
fi
exit 0
