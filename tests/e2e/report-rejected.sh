#!/bin/sh
# vp-report says how many records the document's count could not read
# ("rejected": skipped with --skip-bad, by vp-count or vp-run's vp-ingest):
# a report showed "All records 2" of a survey of 3 with no word of the one
# lost, though the document held it -- nothing lost silently, also where
# people read the figures.  A document without rejected records: no note.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
printf 'id,comment,postcode\n1,"the bus was late",LE1 5WW\n2,"bad "row" here",x,y,z\n3,"parking awful",LE1 5WW\n' > bad.csv
vp-run -B bad.csv > r.json 2>/dev/null || fail "vp-run"
printf 'id,comment\n1,"the bus was late"\n3,"parking awful"\n' > good.csv
vp-run good.csv > g.json 2>/dev/null || fail "vp-run good"
NOTE='Not counted: 1 record could not be read (skipped with --skip-bad, each said on stderr where it was counted) and is in no count or denominator.'
for f in csv markdown html; do
	expect_exit 0 vp-report -f "$f" r.json
	expect_in "$T/out" "$NOTE"
	expect_exit 0 vp-report -f "$f" g.json
	expect_not_in "$T/out" 'Not counted'
done
# the chain: vp-count's own rejects
printf '%s\n' '{"id":"a","text":"x","themes":[]}' 'not json' '{"id":"b","text":"y","themes":"bad"}' |
	vp-count -B > c.json 2>/dev/null || fail "vp-count -B"
expect_exit 0 vp-report c.json
expect_in "$T/out" 'Not counted: 2 records could not be read'
# --compare: either period's
expect_exit 0 vp-report --compare r.json g.json
expect_in "$T/out" 'Not counted: before 1, after 0 records could not be read'
expect_exit 0 vp-report --compare g.json g.json
expect_not_in "$T/out" 'Not counted'
# xlsx: the Summary sheet's notes and figure
PY=/usr/bin/python3
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	expect_exit 0 vp-report -f xlsx -o r.xlsx r.json
	"$PY" - r.xlsx "$NOTE" <<'PYEOF' || fail "xlsx summary"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
cells = [(r[0], r[1]) for r in ws.iter_rows(values_only=True)]
if ("Records not read (rejected)", 1) not in cells:
    print("FAIL: no rejected figure:", cells); sys.exit(1)
if not any(sys.argv[2] in str(v) for r in ws.iter_rows(values_only=True) for v in r):
    print("FAIL: no note"); sys.exit(1)
PYEOF
fi
exit 0
