#!/bin/sh
# vp-report's numbers: suppression (default 5, the subtraction rule), labels
# from the lexicon and from the document, Wilson intervals, the group-vs-rest
# marks, --per respondent, --compare and --svg.
. "$VP_ROOT/tests/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || skip "no /usr/bin/python3 (Debian package python3, in TEST_DEBS)"

# N records in locality L, the first K of them mentioning theme t (and
# transport for all, so the total row is large).
gen() { # L N K ID
	awk -v L="$1" -v n="$2" -v k="$3" -v id="$4" 'BEGIN { for (i = 0; i < n; i++)
		printf "{\"id\":\"%s%d\",\"locality\":\"%s\",\"text\":\"x\",\"themes\":[%s{\"theme\":\"transport\",\"hits\":[\"x\"]}]}\n",
			id, i, L, i < k ? "{\"theme\":\"access\",\"hits\":[\"x\"]}," : "" }'
}
{ gen North 100 40 n; gen South 100 10 s; gen West 50 3 w; gen East 60 12 e; } |
	vp-count >"$T/a.json" || fail "vp-count"

# default: suppress below 5; West's 3 is primary, and as the total (65) is
# shown the next smallest (South's 10) goes too -- as [c], not "<5": it is
# not below 5, it is hidden to guard West's.
expect_exit 0 vp-report "$T/a.json"
expect_in "$T/out" "theme,label,East records,"
expect_in "$T/out" "access,Access to care,12,0.2000,40,0.4000,[c],[c],<5,<5,65,0.2097"
expect_in "$T/out" "transport,Transport and location,60,1.0000,100,1.0000,100,1.0000,50,1.0000,310,1.0000"
expect_in "$T/out" "note,\"Suppression: counts below 5 are shown as <5"
# hidden counts whose sum the Total gives away are guarded as well: South's
# and West's zeros (Total 40 = North's 40: their sum is 0, so each is 0);
# West's 0 guarded by South's 5 alone (their sum 5, and [c] is 5 or more:
# 5 and 0); South's and West's 4 (sum 8 of two counts below 5: 4 and 4)
{ gen North 100 40 n; gen South 100 0 s; gen West 50 0 w; } | vp-count >"$T/z0.json" || fail "vp-count"
expect_exit 0 vp-report "$T/z0.json"
expect_in "$T/out" "access,Access to care,[c],[c],<5,<5,<5,<5,40,0.1600"
{ gen North 100 40 n; gen South 100 5 s; gen West 50 0 w; } | vp-count >"$T/z5.json" || fail "vp-count"
expect_exit 0 vp-report "$T/z5.json"
expect_in "$T/out" "access,Access to care,[c],[c],[c],[c],<5,<5,45,0.1800"
{ gen North 100 40 n; gen South 100 4 s; gen West 50 4 w; } | vp-count >"$T/z4.json" || fail "vp-count"
expect_exit 0 vp-report "$T/z4.json"
expect_in "$T/out" "access,Access to care,[c],[c],<5,<5,<5,<5,48,0.1920"
# --suppress 0 shows everything; --suppress 20 hides more
expect_exit 0 vp-report --suppress 0 "$T/a.json"
expect_in "$T/out" "access,Access to care,12,0.2000,40,0.4000,10,0.1000,3,0.0600,65,0.2097"
expect_exit 0 vp-report --suppress 20 -f md "$T/a.json"
expect_in "$T/out" "| Access to care | \\<20 | 40 (40.0%) ▲ | \\<20 | \\<20 | 65 (21.0%) |"

# marks: North's 40% against the rest's 25/210 is beyond chance, and so is
# South's 10% (lower); --ci adds the Wilson interval (40/100: 30.9-49.8%)
expect_exit 0 vp-report --suppress 0 --ci -f md "$T/a.json"
expect_in "$T/out" "40 (40.0%; 30.9–49.8) ▲"
expect_in "$T/out" "10 (10.0%; 5.5–17.4) ▼"
expect_in "$T/out" "Wilson score 95%"
expect_in "$T/out" "Holm's correction"
expect_exit 0 vp-report --suppress 0 --ci "$T/a.json"
expect_in "$T/out" "North records,North share,North ci_low,North ci_high,North vs rest,"
expect_in "$T/out" ",40,0.4000,0.3094,0.4980,higher,"

# labels: the document's own win over the lexicon's; --lexicon elsewhere
$PY - "$T/a.json" >"$T/l.json" <<'PYEOF' || fail "python"
import json, sys
d = json.load(open(sys.argv[1]))
d["labels"] = {"access": {"label": "Getting seen", "describe": "from the document"}}
print(json.dumps(d))
PYEOF
expect_exit 0 vp-report -f html "$T/l.json"
expect_in "$T/out" 'title="from the document">Getting seen</td>'
expect_in "$T/out" '>Transport and location</td>'
expect_exit 0 vp-report --lexicon "$VP_ROOT/tests/data/lexicons/labels" -f md "$T/a.json"
expect_in "$T/out" "| transport |"
expect_exit 66 vp-report --lexicon "$T/none" "$T/a.json"

# --per respondent: the document's respondents; without them answers, and
# the notes say so
expect_exit 0 vp-report --per respondent -f md "$T/a.json"
expect_in "$T/out" "denominator: answers."
expect_in "$T/out" "the document carries no respondent counts: the denominator is answers."
$PY - "$T/a.json" >"$T/r.json" <<'PYEOF' || fail "python"
import json, sys
d = json.load(open(sys.argv[1]))
for g in list(d["localities"].values()) + [d["total"]]:
    g["respondents"] = g["records"] // 2
    for t in g["themes"].values():
        t["respondents"] = t["records"] // 2
print(json.dumps(d))
PYEOF
expect_exit 0 vp-report --per respondent --suppress 0 -f md "$T/r.json"
expect_in "$T/out" "denominator: respondents"
expect_in "$T/out" "| All respondents | 30 | 50 | 50 | 25 | 155 |"
expect_in "$T/out" "| Access to care | 6 (20.0%) | 20 (40.0%)"
expect_exit 64 vp-report --per people "$T/a.json"

# --compare: before has North at 20/100, after 40/100: up, beyond chance
{ gen North 100 20 n; gen South 100 10 s; gen West 50 3 w; gen East 60 12 e; } |
	vp-count >"$T/before.json" || fail "vp-count before"
expect_exit 0 vp-report --compare "$T/before.json" "$T/a.json"
expect_in "$T/out" "theme,label,group,before answers,before records,before share,after answers,"
expect_in "$T/out" "access,Access to care,North,100,20,0.2000,100,40,0.4000,20.0,"
expect_in "$T/out" ",up"
# a change where a period's count is suppressed cannot be given (it would
# give the count away): "suppressed", not "<5", which read as a change of
# under 5 points
expect_in "$T/out" "access,Access to care,West,50,<5,<5,50,<5,<5,suppressed,,"
expect_not_in "$T/out" "<5,<5,<5,"
expect_exit 0 vp-report --compare "$T/before.json" -f md "$T/a.json"
expect_in "$T/out" "| Access to care | North | 20.0% | 40.0% | +20.0 ▲ |"
expect_in "$T/out" '| Access to care | West | \<5 | \<5 | suppressed |'
expect_in "$T/out" "a change from a suppressed count is not given (suppressed)"
expect_exit 0 vp-report --compare "$T/before.json" -f html "$T/a.json"
expect_in "$T/out" '<td class="n">&lt;5</td><td class="n">&lt;5</td><td class="n">suppressed</td>'
expect_in "$T/out" '&lt;5 (suppressed)</text>'
expect_not_in "$T/out" '&lt;5 (&lt;5)'
expect_in "$T/out" "Change: after minus before"
# a theme of BEFORE that no record of AFTER raised is a row too (half of
# A before, none after: the largest change there is), not left out
printf '%s\n' \
 '{"id":"1","locality":"A","text":"x","themes":[{"theme":"gone","hits":["x"]}]}' \
 '{"id":"2","locality":"A","text":"x","themes":[]}' >"$T/p1.ndjson"
printf '%s\n' \
 '{"id":"1","locality":"A","text":"x","themes":[{"theme":"new","hits":["x"]}]}' \
 '{"id":"2","locality":"A","text":"x","themes":[]}' >"$T/p2.ndjson"
vp-count "$T/p1.ndjson" >"$T/p1.json" && vp-count "$T/p2.ndjson" >"$T/p2.json" || fail "vp-count"
expect_exit 0 vp-report --suppress 0 --compare "$T/p1.json" "$T/p2.json"
expect_in "$T/out" "gone,gone,A,2,1,0.5000,2,0,0.0000,-50.0,"
expect_in "$T/out" "new,new,A,2,0,0.0000,2,1,0.5000,50.0,"
expect_exit 0 vp-report --suppress 0 --compare "$T/p1.json" -f md "$T/p2.json"
expect_in "$T/out" "| gone | A | 50.0% | 0.0% | -50.0 |"
# --theme of a theme only one period has: that theme, not "no theme"
expect_exit 0 vp-report --suppress 0 --compare "$T/p1.json" --theme new "$T/p2.json"
expect_in "$T/out" "new,new,A,2,0,0.0000,2,1,0.5000,50.0,"
expect_not_in "$T/out" "gone"
expect_exit 0 vp-report --suppress 0 --compare "$T/p1.json" --theme gone "$T/p2.json"
expect_in "$T/out" "gone,gone,A,2,1,0.5000,2,0,0.0000,-50.0,"
expect_exit 64 vp-report --compare "$T/before.json" "$T/a.json" "$T/a.json"
vp-count --by month "$VP_ROOT/tests/data/count/tagged.ndjson" >"$T/bymonth.json" || fail "by month"
expect_exit 65 vp-report --compare "$T/bymonth.json" "$T/a.json"
expect_in "$T/err" "BEFORE's columns are by date:month, AFTER's by locality"

# --svg DIR: every chart of the page as a file of its own
mkdir "$T/svg"
expect_exit 0 vp-report -f md --svg "$T/svg" "$T/a.json"
n=$(ls "$T/svg" | wc -l)
[ "$n" -eq $((2 + 5)) ] || fail "--svg wrote $n files, want 2 theme charts + 5 column charts"
[ -f "$T/svg/02-theme-access.svg" ] || fail "no 02-theme-access.svg: $(ls "$T/svg")"
head -c 200 "$T/svg/02-theme-access.svg" | grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' ||
	fail "not a standalone svg"
$PY -c 'import sys, xml.dom.minidom as m; [m.parse(f) for f in sys.argv[1:]]' "$T"/svg/*.svg ||
	fail "an svg file is not well-formed XML"
expect_exit 73 vp-report --svg "$T/nodir" "$T/a.json"

# --by month: a trend line per theme
awk -v n=300 -f "$VP_ROOT/tests/data/count/gen-tagged.awk" | vp-count --by month >"$T/m.json" ||
	fail "count --by month"
expect_exit 0 vp-report -f html "$T/m.json"
[ "$(grep -c '<svg.*class="trend"' "$T/out")" -ge 5 ] || fail "want a trend chart per theme"
expect_in "$T/out" '<polyline class="line"'
# a month with no answers at all is no column of the document; the trend
# placed 2026-03 next to 2026-01 and drew the line straight across February,
# as if the months were consecutive.  Months sit on a calendar axis, and the
# missing one is a gap in the line, marked as a month of no answers is
for m in 2025-12 2026-01 2026-03 2026-04; do
	for i in 1 2 3 4 5 6 7 8 9 10; do
		t=; [ $((i % 2)) = 1 ] && t='{"theme":"staff","hits":["x"]}'
		printf '{"id":"%s-%s","date":"%s-10","text":"x","themes":[%s]}\n' "$m" "$i" "$m" "$t"
	done
done | vp-count --by month >"$T/gap.json" || fail "vp-count gap"
expect_exit 0 vp-report -f html --suppress 0 "$T/gap.json"
$PY - "$T/out" <<'PYEOF' || fail "trend over a missing month"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
svg = re.search(r'<svg[^>]*class="trend".*?</svg>', page, re.S).group(0)
x = {m: float(v) for v, m in re.findall(r'<text x="([\d.]+)" y="206.0"[^>]*>(\d{4}-\d\d)</text>', svg)}
bad = 0
if abs((x["2026-03"] - x["2026-01"]) - 2 * (x["2026-01"] - x["2025-12"])) > 0.2:
    print("not a calendar axis:", x); bad += 1
lines = re.findall(r'<polyline class="line"[^>]*points="([^"]*)"', svg)
if len(lines) != 2:
    print("want the line broken at 2026-02, got", lines); bad += 1
if "\u2013</text>" not in svg:
    print("the missing month is not marked"); bad += 1
sys.exit(1 if bad else 0)
PYEOF
exit 0
