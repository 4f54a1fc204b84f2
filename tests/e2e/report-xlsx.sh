#!/bin/sh
# vp-report --format xlsx read back by an independent reader (openpyxl):
# sheets, numbers as numbers, shares as percentages, frozen header, charts,
# suppressed cells holding no number, the compare sheet, nested levels.
. "$VP_ROOT/tests/lib.sh"
PY=/usr/bin/python3   # Debian's, not a pyenv one that lacks openpyxl
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null ||
	skip "no openpyxl for /usr/bin/python3 (Debian package python3-openpyxl, in TEST_DEBS)"
D=$VP_ROOT/tests/data/count

gen() { # L N K ID: N records in L, the first K also mention access
	awk -v L="$1" -v n="$2" -v k="$3" -v id="$4" 'BEGIN { for (i = 0; i < n; i++)
		printf "{\"id\":\"%s%d\",\"locality\":\"%s\",\"text\":\"said %d\",\"themes\":[%s{\"theme\":\"transport\",\"hits\":[\"x\"]}]}\n",
			id, i, L, i, i < k ? "{\"theme\":\"access\",\"hits\":[\"x\"]}," : "" }'
}
{ gen North 100 40 n; gen South 100 10 s; gen West 50 3 w; gen "=East" 60 12 e; } |
	vp-count --quotes 2 >"$T/a.json" || fail "vp-count"

# refused without -o: a workbook is a zip, not for a terminal
expect_exit 64 vp-report --format xlsx "$T/a.json"
expect_in "$T/err" "--format xlsx needs -o FILE"
expect_exit 0 vp-report --format xlsx --ci --title "Board paper" -o "$T/r.xlsx" "$T/a.json"
[ ! -s "$T/out" ] || fail "xlsx wrote to stdout"

"$PY" - "$T/r.xlsx" <<'PYEOF' || fail "workbook check"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def ok(c, m):
    if not c:
        print("FAIL:", m); sys.exit(1)
ok(wb.sheetnames == ["Summary", "Counts", "Data", "Quotes", "Charts"], wb.sheetnames)
s = wb["Summary"]
ok(s["A1"].value == "Board paper", s["A1"].value)
vals = [c.value for row in s.iter_rows() for c in row if c.value is not None]
ok(any(isinstance(v, str) and "Suppression: counts below 5" in v for v in vals), "rule in summary")
ok(any(isinstance(v, str) and "Wilson" in v for v in vals), "method in summary")
ok("answers" in vals, "denominator named")
c = wb["Counts"]
ok(c.freeze_panes == "C3", c.freeze_panes)
head = [x.value for x in c[2]]
ok(head[:3] == ["theme", "label", "=East records"], head[:4])   # a name, never a formula
ok(c["C2"].data_type == "s", "header is text")
rows = {r[0].value: r for r in c.iter_rows(min_row=3)}
acc = rows["access"]
ok(acc[1].value == "Access to care", acc[1].value)
# =East 12/60 (records, share, ci low, ci high), North 40/100
ok(acc[2].value == 12 and isinstance(acc[2].value, int), acc[2].value)
ok(abs(acc[3].value - 0.2) < 1e-9 and acc[3].number_format == "0.0%", (acc[3].value, acc[3].number_format))
ok(acc[6].value == 40 and abs(acc[7].value - 0.4) < 1e-9, (acc[6].value, acc[7].value))
ok(abs(acc[8].value - 0.30938) < 1e-4 and abs(acc[9].value - 0.49799) < 1e-4, "wilson")
# South 10 (next smallest, hidden to guard West: [c]) and West 3 (<5) are
# suppressed: text, no number
for i in (10, 11, 12, 13, 14, 15, 16, 17):
    ok(acc[i].value == ("[c]" if i < 14 else "<5") and acc[i].data_type == "s", (i, acc[i].value))
ok(c.column_dimensions["A"].width >= 20, "column widths")
d = wb["Data"]
dh = [x.value for x in d[1]]
ok(dh[:9] == ["group", "level", "theme", "label", "records", "denominator", "share", "ci_low", "ci_high"], dh)
drows = [[x.value for x in r] for r in d.iter_rows(min_row=2)]
north = [r for r in drows if r[0] == "North" and r[2] == "access"][0]
ok(north[4] == 40 and north[5] == 100 and abs(north[6] - 0.4) < 1e-9 and north[10] == "higher", north)
west = [r for r in drows if r[0] == "West" and r[2] == "access"][0]
ok(west[4] == "<5" and west[6] == "<5" and west[7] == "<5" and west[11] is True, west)
ok(not any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in west[4:5] + west[6:10]), west)
q = wb["Quotes"]
ok(q["E2"].value.startswith("said"), q["E2"].value)
ch = wb["Charts"]
ok(len(ch._charts) == 4 + 2, "charts: %d" % len(ch._charts))   # top per group + per theme
print("ok")
PYEOF

# --compare: a Compare sheet; a nested document: a Counts sheet per level
{ gen North 100 20 n; gen South 100 10 s; gen West 50 3 w; gen "=East" 60 12 e; } |
	vp-count >"$T/b.json" || fail "vp-count before"
expect_exit 0 vp-report -f xlsx --compare "$T/b.json" -o "$T/c.xlsx" "$T/a.json"
awk -v n=200 -f "$D/gen-tagged.awk" | vp-count --nested >"$T/nested.json" || fail "nested"
expect_exit 0 vp-report -f xlsx -o "$T/n.xlsx" "$T/nested.json"
"$PY" - "$T/c.xlsx" "$T/n.xlsx" <<'PYEOF' || fail "compare / nested workbook"
import sys, openpyxl
def ok(c, m):
    if not c:
        print("FAIL:", m); sys.exit(1)
wb = openpyxl.load_workbook(sys.argv[1])
ok("Compare" in wb.sheetnames, wb.sheetnames)
rows = [[x.value for x in r] for r in wb["Compare"].iter_rows(min_row=2)]
n = [r for r in rows if r[0] == "access" and r[2] == "North"][0]
ok(n[4] == 20 and n[7] == 40 and abs(n[9] - 20.0) < 1e-9 and n[11] == "up", n)
w = [r for r in rows if r[0] == "access" and r[2] == "West"][0]
ok(w[9] == "suppressed" and w[10] is None, w)  # not "<5": read as a change under 5
wb = openpyxl.load_workbook(sys.argv[2])
ok(wb.sheetnames[1:4] == ["Counts locality", "Counts place", "Counts system"], wb.sheetnames)
levels = {r[1].value for r in wb["Data"].iter_rows(min_row=2)}
ok(levels == {"locality", "place", "system"}, levels)
print("ok")
PYEOF
# levels of one workbook are suppressed together: a place's count is the
# sum of its localities', so L1's 2 hidden on the locality sheet would be
# place P's 22 less L2's 20 -- L2 is guarded too, and so is L4 (Q's 40 less
# it would give L3, the guard of L1 on the locality row)
genl() { # L PLACE N K ID: N records in L (in PLACE, system S), the first K mention
	# access -- or, with NT set, are not tagged for their language
	awk -v L="$1" -v P="$2" -v n="$3" -v k="$4" -v id="$5" -v nt="${NT:-}" 'BEGIN {
		tr = "{\"theme\":\"transport\",\"hits\":[\"x\"]}"
		for (i = 0; i < n; i++) {
			th = "\"themes\":[" tr "]"
			if (i < k && nt)
				th = "\"untaggable\":\"language\",\"themes\":[]"
			else if (i < k)
				th = "\"themes\":[{\"theme\":\"access\",\"hits\":[\"x\"]}," tr "]"
			printf "{\"id\":\"%s%d\",\"locality\":\"%s\",\"place\":\"%s\",\"system\":\"S\",\"text\":\"x\",%s}\n",
				id, i, L, P, th
		} }'
}
{ genl L1 P 50 2 a; genl L2 P 50 20 b; genl L3 Q 50 10 c; genl L4 Q 50 30 d; } |
	vp-count --nested >"$T/lv.json" || fail "vp-count --nested"
expect_exit 0 vp-report -f xlsx -o "$T/lv.xlsx" "$T/lv.json"
# L1 filed under both places: P and Q are no sums of their localities then,
# and the notes say their localities are not guarded against them
{ genl L1 P 50 2 a; genl L2 P 50 20 b; genl L1 Q 50 10 c; genl L4 Q 50 30 d; } |
	vp-count --nested >"$T/lv2.json" || fail "vp-count --nested"
expect_exit 0 vp-report -f xlsx -o "$T/lv2.xlsx" "$T/lv2.json"
# the rows of records not tagged the same
{ export NT=1; genl L1 P 50 2 a; genl L2 P 50 20 b; genl L3 Q 50 10 c; genl L4 Q 50 30 d; } |
	vp-count --nested >"$T/lv3.json" || fail "vp-count --nested"
expect_exit 0 vp-report -f xlsx -o "$T/lv3.xlsx" "$T/lv3.json"
"$PY" - "$T/lv.xlsx" "$T/lv2.xlsx" "$T/lv3.xlsx" <<'PYEOF' || fail "levels suppressed together"
import sys, openpyxl
def ok(c, m):
    if not c:
        print("FAIL:", m); sys.exit(1)
def row(wb, sheet, theme):
    return [x.value for x in [r for r in wb[sheet].iter_rows(min_row=3) if r[0].value == theme][0]]
def notes(wb):
    return " ".join(c.value for r in wb["Summary"].iter_rows() for c in r if isinstance(c.value, str))
wb = openpyxl.load_workbook(sys.argv[1])
loc = row(wb, "Counts locality", "access")
ok(loc[2::2] == ["<5", "[c]", "[c]", "[c]", 62], loc)
ok(row(wb, "Counts place", "access")[2::2] == [22, 40, 62], row(wb, "Counts place", "access"))
ok(row(wb, "Counts system", "access")[2::2] == [62, 62], row(wb, "Counts system", "access"))
ok(row(wb, "Counts locality", "(all)")[2::2] == [50, 50, 50, 50, 200], "denominators shown")
data = [[x.value for x in r] for r in wb["Data"].iter_rows(min_row=2)]
hid = {(r[0], r[1]) for r in data if r[2] == "access" and r[11]}
ok(hid == {("L1", "locality"), ("L2", "locality"), ("L3", "locality"), ("L4", "locality")}, hid)
ok(all(isinstance(r[4], str) for r in data if r[11]), "a suppressed cell holds no number")
ok("Levels: " in notes(wb) and "filed under more than one" not in notes(wb), notes(wb))
wb = openpyxl.load_workbook(sys.argv[2])
ok("1 locality filed under more than one place" in notes(wb), notes(wb))
wb = openpyxl.load_workbook(sys.argv[3])
loc = row(wb, "Counts locality", "(not tagged: language)")
ok(loc[2::2] == ["<5", "[c]", "[c]", "[c]", 62], loc)
ok(row(wb, "Counts place", "(not tagged: language)")[2::2] == [22, 40, 62], "place row")
print("ok")
PYEOF
# counted by month: a native line chart per theme too
awk -v n=300 -f "$D/gen-tagged.awk" | vp-count --by month >"$T/m.json" || fail "by month"
expect_exit 0 vp-report -f xlsx -o "$T/m.xlsx" "$T/m.json"
"$PY" - "$T/m.xlsx" <<'PYEOF' || fail "month workbook"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
kinds = [type(c).__name__ for c in wb["Charts"]._charts]
# theme rows: not the "(untagged)" row of records after them
n = sum(1 for r in wb["Counts"].iter_rows(min_row=4)
        if r[0].value and r[1].value and not r[0].value.startswith("("))
if kinds.count("LineChart") != n:
    print("FAIL: %d line charts for %d themes" % (kinds.count("LineChart"), n)); sys.exit(1)
PYEOF
# a suppressed share is no point and no bar: the chart data held the text
# "<5" or "[c]", which Excel plots as 0 -- the trend dropped to 0% in the
# month suppressed (the html page draws a gap there) and the bar read 0%
for m in 2025-12:20 2026-01:20 2026-02:3 2026-03:20; do
	for i in $(seq "${m#*:}"); do
		t=; [ $((i % 2)) = 1 ] && t='{"theme":"staff","hits":["x"]}'
		printf '{"id":"%s-%s","date":"%s-10","text":"x","themes":[%s]}\n' "${m%:*}" "$i" "${m%:*}" "$t"
	done
done | vp-count --by month >"$T/sup.json" || fail "vp-count sup"
expect_exit 0 vp-report -f xlsx -o "$T/sup.xlsx" "$T/sup.json"
"$PY" - "$T/sup.xlsx" <<'PYEOF' || fail "suppressed shares charted"
import re, sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
bad = 0
cnt = {c.value: i for i, c in enumerate(wb["Counts"][2])}
staff = [r for r in wb["Counts"].iter_rows(values_only=True) if r[0] == "staff"][0]
sup = [h[:-6] for h, i in cnt.items() if h and h.endswith(" share") and staff[i] in ("<5", "[c]")]
if "2026-02" not in sup:
    print("FAIL: 2026-02 not suppressed on Counts:", staff); bad += 1
ch = wb["Charts"]
head = [c.value for c in ch[2]]
row = [r for r in ch.iter_rows(values_only=True) if r[0] == "Staff"][0]
for g in sup:
    v = row[head.index(g)]
    if v is not None:
        print("FAIL: chart data for suppressed %s holds %r (Excel plots it as 0)" % (g, v)); bad += 1
# the cached points of every line chart: none for a suppressed month
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        x = z.read(n).decode() if n.startswith("xl/charts/") else ""
        if "lineChart" in x:
            cats = re.findall(r"<c:v>([^<]*)</c:v>", x.split("<c:cat>")[1].split("</c:cat>")[0])
            vals = dict(re.findall(r'<c:pt idx="(\d+)"><c:v>([^<]*)</c:v>', x.split("<c:val>")[1]))
            for i, c in enumerate(cats):
                if c in sup and str(i) in vals:
                    print("FAIL: %s plots suppressed %s as %s" % (n, c, vals[str(i)])); bad += 1
sys.exit(1 if bad else 0)
PYEOF
# a month with no answers is no group of the document: the line charts
# listed only the months there (2026-01 then 2026-03), so the axis
# compressed time and the line went straight across February.  As the
# html trend (report-stats.sh): every calendar month from the first to the
# last on the axis, the missing one a gap (no point).  Records without a
# date (Unassigned) are no month.
for m in 2025-12 2026-01 2026-03 2026-04 none; do
	for i in 1 2 3 4 5 6 7 8 9 10; do
		t=; [ $((i % 2)) = 1 ] && t='{"theme":"staff","hits":["x"]}'
		d="\"date\":\"$m-10\","; [ "$m" = none ] && d=
		printf '{"id":"%s-%s",%s"text":"x","themes":[%s]}\n' "$m" "$i" "$d" "$t"
	done
done | vp-count --by month >"$T/gap.json" || fail "vp-count gap"
expect_exit 0 vp-report -f xlsx --suppress 0 -o "$T/gap.xlsx" "$T/gap.json"
"$PY" - "$T/gap.xlsx" <<'PYEOF' || fail "trend over a missing month"
import re, sys, zipfile
bad = nline = 0
want = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        x = z.read(n).decode() if n.startswith("xl/charts/") else ""
        if "lineChart" not in x:
            continue
        nline += 1
        cats = re.findall(r"<c:v>([^<]*)</c:v>", x.split("<c:cat>")[1].split("</c:cat>")[0])
        vals = dict(re.findall(r'<c:pt idx="(\d+)"><c:v>([^<]*)</c:v>', x.split("<c:val>")[1]))
        if cats != want:
            print("FAIL: %s: months on the axis %s, want %s" % (n, cats, want)); bad += 1
            continue
        if "2" in vals:
            print("FAIL: %s plots 2026-02, a month of no answers, as %s" % (n, vals["2"])); bad += 1
        if sorted(vals) != ["0", "1", "3", "4"]:
            print("FAIL: %s: points %s" % (n, vals)); bad += 1
        if '<c:dispBlanksAs val="zero"/>' in x:
            print("FAIL: %s draws blanks as 0" % n); bad += 1
if nline < 1:
    print("FAIL: no line chart"); bad += 1
sys.exit(1 if bad else 0)
PYEOF
expect_exit 73 vp-report -f xlsx -o "$T/nodir/r.xlsx" "$T/a.json"
exit 0
