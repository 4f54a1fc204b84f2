#!/bin/sh
# Excel workbooks and UTF-16 exports read exactly like the same table as a
# UTF-8 CSV: every survey-tool sample in tests/data/ingest-presets is saved
# as .xlsx (openpyxl, dates as real Excel dates), as UTF-16 CSV, and as
# Excel "Unicode Text" (.txt, UTF-16, tab-separated); the records (all but
# "source" and "fields", which keep cells as the workbook holds them) must
# be the same.  Then the workbook errors users meet.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/ingest-presets
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
	skip "python3-openpyxl is not installed (make deps-test installs it)"

# keep: the record without source and fields, one line each, sorted keys
keep() { "$PY" -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    r.pop("source", None); r.pop("fields", None)
    print(json.dumps(r, sort_keys=True, ensure_ascii=False))'; }

"$PY" - "$D" "$T" <<'PYEOF' || fail "could not write the workbooks"
import csv, datetime, os, re, sys
import openpyxl
src, out = sys.argv[1], sys.argv[2]
dt = re.compile(r'^(\d\d)/(\d\d)/(\d{4}) (\d\d):(\d\d)(?::(\d\d))?$')
for name in sorted(os.listdir(src)):
    if not name.endswith('.csv'):
        continue
    with open(os.path.join(src, name), encoding='utf-8-sig', newline='') as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Form1'
    for r in rows:
        cells = []
        for v in r:
            m = dt.match(v) if name.startswith('ms-forms') else None
            if m:  # Microsoft Forms writes real date-times
                d, mo, y, h, mi, s = m.groups()
                v = datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
            cells.append(v if v != '' else None)
        ws.append(cells)
    base = name[:-4]
    wb.save(os.path.join(out, base + '.xlsx'))
    text = open(os.path.join(src, name), encoding='utf-8-sig', newline='').read()
    with open(os.path.join(out, base + '-u16.csv'), 'w', encoding='utf-16', newline='') as f:
        f.write(text)
    if '\t' not in text and '"' not in text:  # Unicode Text: TAB-separated, no quoting
        with open(os.path.join(out, base + '.txt'), 'w', encoding='utf-16', newline='') as f:
            f.write(text.replace(',', '\t'))
PYEOF

n=0
for f in "$D"/*.csv; do
	b=$(basename "$f" .csv)
	vp-ingest "$f" 2>"$T/$b.err" | keep >"$T/$b.want" || fail "$b.csv: $(cat "$T/$b.err")"
	[ -s "$T/$b.want" ] || fail "$b.csv gave no records"
	for v in "$b.xlsx" "$b-u16.csv" "$b.txt"; do
		[ -f "$T/$v" ] || continue
		vp-ingest "$T/$v" 2>"$T/err" | keep >"$T/got" || fail "$v: $(cat "$T/err")"
		sed "s/$b-u16\.csv\|$b\.xlsx\|$b\.txt/$b.csv/g" "$T/got" >"$T/got2"
		cmp -s "$T/$b.want" "$T/got2" ||
			{ diff "$T/$b.want" "$T/got2" | head -20 >&2; fail "$v does not read like $b.csv"; }
		n=$((n + 1))
	done
done
[ $n -ge 10 ] || fail "only $n variants compared"
echo "$n exports read like their CSV"

# the first bytes decide, not the name: a workbook saved as .csv
cp "$T/ms-forms.xlsx" "$T/mislabelled.csv"
expect_exit 0 vp-ingest -v "$T/mislabelled.csv"
expect_in "$T/err" "read as a workbook (by its first bytes)"
[ "$(wc -l <"$T/out")" -gt 0 ] || fail "mislabelled workbook gave no records"

# --sheet: by name and by number; a missing one lists the sheets
"$PY" -c '
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Notes"; ws.append(["nothing here"])
ws2 = wb.create_sheet("Responses")
ws2.append(["ID", "What could we do better?"])
ws2.append([1, "The car park is far too small for the number of patients"])
wb.save(sys.argv[1])' "$T/two.xlsx"
expect_exit 0 vp-ingest --sheet Responses --id-col ID "$T/two.xlsx"
expect_in "$T/out" '"text":"The car park is far too small for the number of patients"'
expect_exit 0 vp-ingest --sheet 2 --id-col ID "$T/two.xlsx"
expect_in "$T/out" '"id":"1"'
expect_exit 64 vp-ingest --sheet Answers "$T/two.xlsx"
expect_in "$T/err" 'no sheet "Answers"; the sheets are "Notes", "Responses"'

# a workbook of several sheets, the first (taken by default) a "Notes" sheet
# of a few lines: read -- it is what Excel shows first -- but never without
# a word that there are others (its lines came out as answers, silently)
"$PY" -c '
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Notes"
ws.append(["About this export"])
ws.append(["Exported by the patient experience team for the March board"])
ws.append(["Contact the team for questions about this data"])
ws2 = wb.create_sheet("Responses")
ws2.append(["ID", "What could we do better?"])
ws2.append([1, "The car park is far too small for the number of patients"])
wb.save(sys.argv[1])' "$T/notes.xlsx"
expect_exit 0 vp-ingest "$T/notes.xlsx"
expect_in "$T/err" "notes.xlsx: read sheet \"Notes\", the first of the sheets \"Notes\", \"Responses\"; to read another, name it with --sheet"
expect_exit 0 vp-run --sheet Notes "$T/notes.xlsx"
expect_not_in "$T/err" "the first of the sheets"
expect_exit 0 vp-run "$T/notes.xlsx"
expect_in "$T/err" "notes.xlsx: read sheet \"Notes\", the first of the sheets"

# a hidden first sheet (a lookup table) is not the default: Excel shows the
# responses first, and so does vp-ingest
"$PY" -c '
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Codes"; ws.sheet_state = "hidden"
ws.append(["Code", "Area name"]); ws.append(["LC", "Leicester City: a long name that reads like free text"])
ws2 = wb.create_sheet("Responses")
ws2.append(["ID", "What could we do better?"])
ws2.append([1, "The car park is far too small for the number of patients"])
wb.active = 1
wb.save(sys.argv[1])' "$T/hidden.xlsx"
expect_exit 0 vp-ingest --id-col ID "$T/hidden.xlsx"
expect_in "$T/out" '"text":"The car park is far too small for the number of patients"'
expect_not_in "$T/err" "the first of the sheets"
expect_exit 0 vp-ingest --sheet Codes --text-col "Area name" "$T/hidden.xlsx"
expect_in "$T/out" '"text":"Leicester City: a long name that reads like free text"'

# a number shown zero-padded ("00000": practice, ward and postcode-district
# codes) is read as Excel shows it: 00123 came out as 123
"$PY" -c '
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["ID", "Practice code", "What could we do better?"])
ws.append([1, 123, "The car park is far too small for the number of patients"])
ws.append([2, 4567, "Waiting times for a call back are far too long now"])
ws.append([3, 123456, "Reception were rude when I rang about my results"])
for r in (2, 3, 4): ws.cell(row=r, column=2).number_format = "00000"
wb.save(sys.argv[1])' "$T/codes.xlsx"
expect_exit 0 vp-ingest --id-col ID --locality-col "Practice code" "$T/codes.xlsx"
expect_in "$T/out" '"locality":"00123"'
expect_in "$T/out" '"locality":"04567"'
expect_in "$T/out" '"locality":"123456"'

# numbers are read as Excel shows them, not as the sheet stores them: a
# computed 0.1+0.2 is stored 0.30000000000000004 (Excel shows 0.3), a
# percentage 0.5 (shows 50%), fixed decimals 3.5 (shows 3.50), a thousands
# separator 1234 (shows 1,234); an 11-digit id stays 12345678901; scientific
# 0.00E+00 as Excel shows it (1.23E+03)
# (openpyxl writes a float to 16 digits, 0.3: the values Excel stores, to 17,
# are put in the sheet afterwards in place of placeholders)
"$PY" -c '
import openpyxl, sys, zipfile
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["ID", "Share", "Satisfied", "Rate", "Cost", "Visits", "Dose", "Reach", "What could we do better?"])
ws.append([12345678901, 901.25, 0.5, 0.125, 3.5, 1234, 902.25, 1234.5,
           "The car park is far too small for the number of patients"])
ws.append([12345678902, 1e20, 0.005, -0.5, 2.675, 1234567.891, 903.25, 1.5e-7, 904.25])
for c, f in (("C", "0%"), ("D", "0.00%"), ("E", "0.00"), ("F", "#,##0"), ("H", "0.00E+00")):
    for r in (2, 3): ws[c + str(r)].number_format = f
ws["F3"].number_format = "#,##0.00"
wb.save(sys.argv[1] + ".tmp")
stored = {"901.25": "0.30000000000000004", "902.25": "1.1000000000000001",
          "903.25": "0.30000000000000004", "904.25": "0.30000000000000004"}
with zipfile.ZipFile(sys.argv[1] + ".tmp") as zi, zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as zo:
    for i in zi.infolist():
        b = zi.read(i.filename)
        if i.filename == "xl/worksheets/sheet1.xml":
            for k, v in stored.items():
                b = b.replace(b"<v>" + k.encode() + b"</v>", b"<v>" + v.encode() + b"</v>")
        zo.writestr(i, b)' "$T/numbers.xlsx"
expect_exit 0 vp-ingest --id-col ID --text-col "What could we do better?" --fields all "$T/numbers.xlsx"
expect_in "$T/out" '"id":"12345678901"'
expect_in "$T/out" '"Share":"0.3","Satisfied":"50%","Rate":"12.50%","Cost":"3.50","Visits":"1,234","Dose":"1.1","Reach":"1.23E+03"'
expect_in "$T/out" '"Share":"1E+20","Satisfied":"1%","Rate":"-50.00%","Cost":"2.68","Visits":"1,234,567.89","Dose":"0.3","Reach":"1.50E-07"'
expect_in "$T/out" '"text":"0.3"'

# a formula openpyxl wrote has no saved value: its row is rejected naming
# the cell (never read as an empty answer), --skip-bad goes on
"$PY" -c '
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Form1"
ws.append(["ID", "What could we do better?"])
ws.append([1, "The car park is far too small for the number of patients"])
ws.append([2, "=A2&\" and the lifts\""])
ws.append([3, "Answer the phone before half past eight in the morning"])
wb.save(sys.argv[1])' "$T/formula.xlsx"
expect_exit 65 vp-ingest --id-col ID "$T/formula.xlsx"
expect_in "$T/err" "formula.xlsx: sheet \"Form1\": cell B3: a formula with no saved value (the program that wrote the workbook did not calculate it); open the workbook in Excel or LibreOffice and save it, then read it again"
expect_exit 0 vp-ingest --skip-bad --id-col ID "$T/formula.xlsx"
expect_in "$T/err" 'rejected 1 bad row of 3'
[ "$(wc -l <"$T/out")" = 2 ] || fail "formula.xlsx --skip-bad: $(wc -l <"$T/out") records, not 2"

# a workbook whose one sheet is blank is an empty file, said so (exit 0)
"$PY" -c '
import openpyxl, sys
openpyxl.Workbook().save(sys.argv[1])' "$T/blank.xlsx"
expect_exit 0 vp-ingest "$T/blank.xlsx"
[ ! -s "$T/out" ] || fail "records from blank.xlsx"
expect_in "$T/err" "vp-ingest: $T/blank.xlsx: empty file, no records"

# an old binary .xls and a workbook from a pipe say what to do
printf '\320\317\021\340\241\261\032\341' >"$T/old.xls"
expect_exit 65 vp-ingest "$T/old.xls"
expect_in "$T/err" "old binary Excel .xls file; open it in Excel or LibreOffice and save as .xlsx or CSV"
cat "$T/two.xlsx" | { vp-ingest --format xlsx >"$T/out" 2>"$T/err"; echo $? >"$T/rc"; }
[ "$(cat "$T/rc")" = 64 ] || fail "xlsx from a pipe exited $(cat "$T/rc")"
expect_in "$T/err" "cannot be read from a pipe"
exit 0
