#!/bin/sh
# The xlsx reader (through tests/tools/xlsx-dump) against openpyxl: workbooks
# openpyxl writes must read as openpyxl reads them back (values compared by
# meaning: numbers as numbers, dates as ISO text, TRUE/FALSE, skipped blank
# rows).  Also the generated fixtures' errors, by exit code.  Skipped when
# Debian's python3-openpyxl is not installed.
. "$VP_ROOT/tests/lib.sh"
PY=/usr/bin/python3
DUMP=$VP_TOOLS/xlsx-dump
[ -x "$DUMP" ] || fail "no $DUMP"

# Fixture errors and codes (no Python needed).
"$VP_TOOLS/xlsx-gen" "$T" || fail "xlsx-gen"
expect_exit 65 "$DUMP" "$T/old.xls"
expect_in "$T/err" 'old binary Excel .xls file; open it in Excel or LibreOffice and save as .xlsx or CSV'
expect_exit 65 "$DUMP" "$T/encrypted.xlsx"
expect_in "$T/err" 'password-protected'
expect_exit 65 "$DUMP" "$T/truncated.xlsx"
expect_exit 64 "$DUMP" --sheet Nope "$T/sheets.xlsx"
expect_in "$T/err" 'the sheets are "Responses", "Chart1", "Lookup & codes", "3"'
expect_exit 0 "$DUMP" --sheet 3 "$T/sheets.xlsx"
expect_exit 65 "$DUMP" --max-cols 9999 "$T/wide.xlsx"
expect_in "$T/err" 'cell NTP1 is in column 10000, past the limit of 9999 columns (max cols)'
expect_exit 0 "$DUMP" -q "$T/wide.xlsx"
expect_in "$T/out" 'rows 2 cells 20000'

# A shared-string table past --shared-mem goes to temporary files: the bench
# workbook (every answer a shared string) reads the same; an unusable TMPDIR
# is exit 74 naming it (a table kept in memory does not need it).
"$VP_TOOLS/xlsx-gen" --bench 3000 "$T/bench.xlsx" --shared > /dev/null || fail "xlsx-gen --bench"
expect_exit 0 "$DUMP" "$T/bench.xlsx"
mv "$T/out" "$T/bench.mem"
expect_in "$T/bench.mem" 'Leicester City'
expect_exit 0 "$DUMP" --shared-mem 1 "$T/bench.xlsx"
cmp -s "$T/bench.mem" "$T/out" || fail "the bench workbook reads differently with its shared strings on disk"
expect_exit 74 env TMPDIR="$T/none" "$DUMP" --shared-mem 1 "$T/bench.xlsx"
expect_in "$T/err" "xlsx-dump: $T/bench.xlsx: xl/sharedStrings.xml: cannot create a temporary file for the shared strings in $T/none: No such file or directory; set TMPDIR to a writable directory with room"
expect_exit 0 env TMPDIR="$T/none" "$DUMP" -q "$T/bench.xlsx"

$PY -c 'import openpyxl' 2>/dev/null || skip "python3-openpyxl not installed (apt-get install python3-openpyxl)"

cat > "$T/cross.py" <<'PY'
import datetime as dt, subprocess, sys
import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

dump, out = sys.argv[1], sys.argv[2]

def build(path, epoch1904):
    wb = openpyxl.Workbook()
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Responses"
    ws.append(["Response ID", "Submitted", "What could we do better?", "Score", "OK?", "Time"])
    ws.append([1, dt.datetime(2026, 3, 4, 10, 32, 11), "Caf\u00e9 \u201cquotes\u201d & <tags>", 0.1, True, dt.time(10, 32)])
    ws.append([2, dt.date(2026, 3, 14), "two\nlines\twith tab", 123456789.125, False, None])
    ws.append([])
    ws.append([None, None, "  spaces kept  ", -1.5e-7, None, None])
    ws["H7"] = "sparse far right"
    # (before 1904 in the 1904 system the serial is negative: Excel shows
    # ####, openpyxl a date, we the number as written)
    ws["A9"] = dt.datetime(1904 if epoch1904 else 1900, 3, 1)
    ws["B9"] = 10 ** 15
    ws["C9"] = "\U0001F600 emoji"
    ws["D9"] = dt.date(1999, 12, 31)
    ws["D9"].number_format = "dd/mm/yyyy"
    ws["E9"] = 46085
    ws["E9"].number_format = "0.00"
    s2 = wb.create_sheet("Second sheet")
    s2["B2"] = "second"
    wb.save(path)

def ours(path, sheet):
    r = subprocess.run([dump, "--sheet", sheet, path], capture_output=True, text=True)
    if r.returncode:
        sys.exit("xlsx-dump failed: " + r.stderr)
    rows = {}
    for line in r.stdout.split("\n")[:-1]:
        f = line.split("\t")
        cells = []
        for c in f[1:]:
            c = c.replace("\\\\", "\0").replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r").replace("\0", "\\")
            cells.append(c)
        rows[int(f[0])] = cells
    return rows

def same(mine, v):
    if v is None:
        return mine == ""
    if isinstance(v, bool):
        return mine == ("TRUE" if v else "FALSE")
    if isinstance(v, dt.datetime):
        if len(mine) == 10:
            return v.time() == dt.time(0) and mine == v.date().isoformat()
        return mine == v.replace(microsecond=0).isoformat()
    if isinstance(v, dt.date):
        return mine == v.isoformat()
    if isinstance(v, dt.time):
        return mine == v.replace(microsecond=0).isoformat()
    if isinstance(v, (int, float)):
        try:
            return float(mine) == float(v)
        except ValueError:
            return False
    return mine == v

bad = 0
for epoch in (0, 1):
    path = "%s/openpyxl-%d.xlsx" % (out, epoch)
    build(path, epoch)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        mine = ours(path, ws.title)
        theirs = {}
        for row in ws.iter_rows():
            vals = [c.value for c in row]
            while vals and vals[-1] is None:
                vals.pop()
            if vals:
                theirs[row[0].row] = vals
        if sorted(mine) != sorted(theirs):
            print("epoch %d sheet %s: rows %s, openpyxl %s" % (epoch, ws.title, sorted(mine), sorted(theirs)))
            bad += 1
            continue
        for r, vals in theirs.items():
            m = mine[r]
            if len(m) != len(vals) or not all(same(a, b) for a, b in zip(m, vals)):
                print("epoch %d sheet %s row %d: ours %r, openpyxl %r" % (epoch, ws.title, r, m, vals))
                bad += 1
print("compared, %d differences" % bad)
sys.exit(1 if bad else 0)
PY
$PY "$T/cross.py" "$DUMP" "$T" || fail "xlsx reader and openpyxl differ"
