#!/bin/sh
# vp-report shows the records that matched no theme.  A document's
# "untagged" (records vp-tag gave no theme) was shown only when the document
# also had "not_tagged" (records in another language): a survey of 12 answers
# of which 6 raised no theme read "All records 12" over its theme rows with
# no word of the 6, in every format.  Now a row "Untagged: no theme" (csv
# slug "(untagged)") counts them per column with their share, suppressed as
# the theme rows are, whenever any record is untagged; a document with none
# untagged is as before.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
rec() { printf '{"id":"%s","locality":"%s","text":"x","themes":[%s]}\n' "$1" "$2" "$3"; }
T1='{"theme":"t","hits":["x"]}'
{ for i in 1 2 3 4 5 6; do rec a$i Melton "$T1"; done
  for i in 1 2 3 4 5; do rec b$i Oakham ""; done
  rec c1 Rutland ""; } > u.ndjson
vp-count u.ndjson > u.json || fail "vp-count"
grep -q '"untagged": 6' u.json || fail "vp-count: not 6 untagged"
expect_exit 0 vp-report --suppress 0 u.json
expect_in "$T/out" '(untagged),Untagged: no theme,0,0.0000,5,1.0000,1,1.0000,6,0.5000'
expect_exit 0 vp-report u.json
# suppressed as theme rows are: Melton's 0 and Rutland's 1 are <5
expect_in "$T/out" '(untagged),Untagged: no theme,<5,<5,5,1.0000,<5,<5,6,0.5000'
expect_exit 0 vp-report -f markdown --suppress 0 u.json
expect_in "$T/out" '| Untagged: no theme | 0 (0.0%) | 5 (100.0%) | 1 (100.0%) | 6 (50.0%) |'
expect_in "$T/out" 'Untagged: of 12 records, 6 matched no theme'
expect_exit 0 vp-report -f html --suppress 0 u.json
expect_in "$T/out" '<tr class="records" id="untagged"><td>Untagged: no theme</td>'
# no row of not-tagged records where the document has none
expect_not_in "$T/out" 'Not tagged: other language'
PY=/usr/bin/python3
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	expect_exit 0 vp-report -f xlsx --suppress 0 -o u.xlsx u.json
	"$PY" - u.xlsx <<'PYEOF' || fail "xlsx"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Counts"]
rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
r = rows.get("(untagged)")
if not r or list(r[2:10:2]) != [0, 5, 1, 6]:
    print("FAIL: Counts (untagged) row:", r); sys.exit(1)
PYEOF
fi
# nothing untagged: no row, as before
{ for i in 1 2 3 4 5 6; do rec a$i Melton "$T1"; done; } | vp-count > all.json || fail "count all"
for f in csv markdown html; do
	expect_exit 0 vp-report -f "$f" all.json
	expect_not_in "$T/out" 'Untagged'
	expect_not_in "$T/out" '(untagged)'
done
exit 0
