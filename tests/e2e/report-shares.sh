#!/bin/sh
# vp-report's shares as a report author reads them: rows in the order of
# the share the table shows (--per respondent's, not the answers'; the
# counts', not a hand-edited "share"), and no rounding that says 100% of
# a column when one answer is missing or 0% when one is there.
. "$VP_ROOT/tests/lib.sh"
PY=/usr/bin/python3

# alpha: 3 answers of 1 respondent; beta: 2 answers of 2 respondents
printf '%s\n' \
 '{"id":"1","respondent":"r1","locality":"A","text":"x","themes":[{"theme":"alpha","hits":["x"]}]}' \
 '{"id":"2","respondent":"r1","locality":"A","text":"x","themes":[{"theme":"alpha","hits":["x"]}]}' \
 '{"id":"3","respondent":"r1","locality":"A","text":"x","themes":[{"theme":"alpha","hits":["x"]}]}' \
 '{"id":"4","respondent":"r2","locality":"A","text":"x","themes":[{"theme":"beta","hits":["x"]}]}' \
 '{"id":"5","respondent":"r3","locality":"A","text":"x","themes":[{"theme":"beta","hits":["x"]}]}' |
	vp-count --per respondent >"$T/r.json" || fail "vp-count"
# per respondent beta (2 of 3) comes first and is the top theme
expect_exit 0 vp-report --suppress 0 --top 1 "$T/r.json"
expect_in "$T/out" "beta,beta,2,0.6667,2,0.6667"
expect_not_in "$T/out" "alpha"
expect_exit 0 vp-report --suppress 0 -f md "$T/r.json"
[ "$(grep -n '^| beta' "$T/out" | cut -d: -f1)" -lt "$(grep -n '^| alpha' "$T/out" | cut -d: -f1)" ] ||
	fail "per respondent: beta (66.7%) is not above alpha (33.3%)"
# per answer alpha (3 of 5) is the top theme
expect_exit 0 vp-report --suppress 0 --per answer --top 1 "$T/r.json"
expect_in "$T/out" "alpha,alpha,3,0.6000,3,0.6000"

# a document whose "share" was edited (or is stale): the order is that of
# the counts shown, 8 of 10 above 1 of 10
cat >"$T/hand.json" <<'JSON'
{"level":"locality","localities":{"A":{"records":10,"untagged":0,"themes":{"big":{"records":8,"share":0.1},"small":{"records":1,"share":0.9}}}},"records":10,"total":{"records":10,"untagged":0,"themes":{"big":{"records":8,"share":0.1},"small":{"records":1,"share":0.9}}}}
JSON
expect_exit 0 vp-report --suppress 0 --top 1 "$T/hand.json"
expect_in "$T/out" "big,big,8,0.8000,8,0.8000"

# 29999 of 30000 is not 100%, 1 of 30000 not 0%
awk 'BEGIN { for (i = 0; i < 30000; i++)
	printf "{\"id\":\"%d\",\"locality\":\"A\",\"text\":\"x\",\"themes\":[{\"theme\":\"%s\",\"hits\":[\"x\"]}]}\n",
		i, i ? "common" : "rare" }' | vp-count >"$T/b.json" || fail "vp-count"
expect_exit 0 vp-report --suppress 0 -f md "$T/b.json"
expect_in "$T/out" "| common | 29999 (\\>99.9%) | 29999 (\\>99.9%) |"
expect_in "$T/out" "| rare | 1 (\\<0.1%) | 1 (\\<0.1%) |"
expect_not_in "$T/out" "100.0%"
expect_not_in "$T/out" "(0.0%)"
expect_exit 0 vp-report --suppress 0 -f html "$T/b.json"
expect_in "$T/out" "29999 (&gt;99.9%)"
expect_in "$T/out" "1 (&lt;0.1%)"
expect_not_in "$T/out" "100.0%"
expect_not_in "$T/out" ">0.0%"
# csv: as many decimals as it takes not to read 0 or 1
expect_exit 0 vp-report --suppress 0 "$T/b.json"
expect_in "$T/out" "common,common,29999,0.99997,29999,0.99997"
expect_in "$T/out" "rare,rare,1,0.00003,1,0.00003"
# a share that is 1 or 0 is still written so
printf '%s\n' '{"id":"1","locality":"A","text":"x","themes":[{"theme":"t","hits":["x"]}]}' \
	'{"id":"2","locality":"B","text":"x","themes":[{"theme":"u","hits":["x"]}]}' |
	vp-count >"$T/c.json" || fail "vp-count"
expect_exit 0 vp-report --suppress 0 "$T/c.json"
expect_in "$T/out" "t,t,1,1.0000,0,0.0000,1,0.5000"
# csv --compare --per respondent: the count columns hold respondents and say so
# (they said "before records" beside the denominator "before respondents")
expect_exit 0 vp-report --suppress 0 -f csv --compare "$T/r.json" "$T/r.json"
expect_in "$T/out" "theme,label,group,before respondents,before respondents raising it,before share,after respondents,after respondents raising it,after share,"
expect_not_in "$T/out" "records"

# xlsx: the number kept, shown as >99.9% / <0.1%
if [ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null; then
	expect_exit 0 vp-report --suppress 0 -f xlsx -o "$T/b.xlsx" "$T/b.json"
	# --per respondent: the tidy Data sheet's count column is respondents,
	# and says so (the Counts sheet and csv say "A respondents")
	expect_exit 0 vp-report --suppress 0 -f xlsx -o "$T/r.xlsx" "$T/r.json"
	"$PY" - "$T/r.xlsx" <<'PYEOF' || fail "xlsx Data per respondent"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Data"]
head = [c.value for c in ws[1]]
assert head[4] == "respondents" and head[5] == "denominator", head
rows = {(r[0].value, r[2].value): r for r in ws.iter_rows(min_row=2)}
assert rows[("A", "beta")][4].value == 2 and rows[("A", "beta")][5].value == 3
PYEOF
	expect_exit 0 vp-report --suppress 0 -f xlsx -o "$T/rc.xlsx" --compare "$T/r.json" "$T/r.json"
	"$PY" - "$T/rc.xlsx" <<'PYEOF' || fail "xlsx Compare per respondent"
import sys, openpyxl
head = [c.value for c in openpyxl.load_workbook(sys.argv[1])["Compare"][1]]
assert head[4] == "before respondents" and head[7] == "after respondents", head
PYEOF
	"$PY" - "$T/b.xlsx" <<'PYEOF' || fail "xlsx shares"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Counts"]
rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
c, r = rows["common"][3], rows["rare"][3]
assert abs(c.value - 29999 / 30000) < 1e-12 and '>99.9%' in c.number_format, (c.value, c.number_format)
assert abs(r.value - 1 / 30000) < 1e-12 and '<0.1%' in r.number_format, (r.value, r.number_format)
# the Charts sheet's matrix and top themes too
near = [c for row in openpyxl.load_workbook(sys.argv[1])["Charts"].iter_rows() for c in row
        if isinstance(c.value, float) and abs(c.value - 29999 / 30000) < 1e-12]
assert len(near) >= 2 and all('>99.9%' in c.number_format for c in near), \
    [(c.coordinate, c.number_format) for c in near]
PYEOF
else
	echo "no openpyxl for /usr/bin/python3: xlsx shares not checked"
fi

# A share exactly half-way between two roundings rounds up, as a
# spreadsheet shows the same share, in the JSON, csv, markdown and html
# alike: 5 of 16 is 31.25%, 31.3% (not 31.2% beside the workbook's 31.3%);
# 1 of 32 is 0.03125, 0.0313 in the JSON and the csv; 57 of 800 is
# 0.07125, whose double reads 0.0712499..., still 0.0713 (7.1%).
awk 'BEGIN { for (i = 0; i < 16; i++)
	printf "{\"id\":\"a%d\",\"locality\":\"A\",\"text\":\"x\",\"themes\":[%s]}\n",
		i, i < 5 ? "{\"theme\":\"half\",\"hits\":[\"x\"]}" : ""
	for (i = 0; i < 32; i++)
	printf "{\"id\":\"b%d\",\"locality\":\"B\",\"text\":\"x\",\"themes\":[%s]}\n",
		i, i < 1 ? "{\"theme\":\"half\",\"hits\":[\"x\"]}" : ""
	for (i = 0; i < 800; i++)
	printf "{\"id\":\"c%d\",\"locality\":\"C\",\"text\":\"x\",\"themes\":[%s]}\n",
		i, i < 57 ? "{\"theme\":\"half\",\"hits\":[\"x\"]}" : "" }' |
	vp-count >"$T/half.json" || fail "vp-count"
"$PY" - "$T/half.json" <<'PY' || fail "vp-count: a share half-way between two roundings"
import json, sys
d = json.load(open(sys.argv[1]))["localities"]
got = [d[g]["themes"]["half"]["share"] for g in "ABC"]
assert got == [0.3125, 0.0313, 0.0713], got
PY
expect_exit 0 vp-report --suppress 0 "$T/half.json"
expect_in "$T/out" "half,half,5,0.3125,1,0.0313,57,0.0713,63,0.0743"
expect_exit 0 vp-report --suppress 0 -f md "$T/half.json"
expect_in "$T/out" "| half | 5 (31.3%) ▲ | 1 (3.1%) | 57 (7.1%) |"
expect_exit 0 vp-report --suppress 0 -f html "$T/half.json"
expect_in "$T/out" "5 (31.3%)"
expect_not_in "$T/out" "31.2%"
# --compare's change in points rounds as the shares do: 0 of 16 -> 1 of 16
# is +6.25 points, +6.3 beside 0.0% and 6.3% (it read +6.2); 1 of 16 -> 0
# of 16 is -6.3 (a tie rounds away from zero both ways)
awk -v k=0 'BEGIN { for (i = 0; i < 16; i++)
	printf "{\"id\":\"a%d\",\"locality\":\"A\",\"text\":\"x\",\"themes\":[%s]}\n",
		i, i < k ? "{\"theme\":\"t\",\"hits\":[\"x\"]}" : "{\"theme\":\"u\",\"hits\":[\"x\"]}" }' |
	vp-count >"$T/p0.json" || fail "vp-count p0"
awk -v k=1 'BEGIN { for (i = 0; i < 16; i++)
	printf "{\"id\":\"a%d\",\"locality\":\"A\",\"text\":\"x\",\"themes\":[%s]}\n",
		i, i < k ? "{\"theme\":\"t\",\"hits\":[\"x\"]}" : "{\"theme\":\"u\",\"hits\":[\"x\"]}" }' |
	vp-count >"$T/p1.json" || fail "vp-count p1"
expect_exit 0 vp-report --suppress 0 -f md --compare "$T/p0.json" "$T/p1.json"
expect_in "$T/out" "| t | A | 0.0% | 6.3% | +6.3 |"
expect_exit 0 vp-report --suppress 0 -f csv --compare "$T/p0.json" "$T/p1.json"
expect_in "$T/out" ",6.3,"
expect_exit 0 vp-report --suppress 0 -f md --compare "$T/p1.json" "$T/p0.json"
expect_in "$T/out" "| t | A | 6.3% | 0.0% | -6.3 |"
# a group with no records in one period has no change (it read 100.0 beside
# an empty share)
printf '%s\n' '{"id":"1","locality":"A","text":"x","themes":[{"theme":"t","hits":["x"]}]}' |
	vp-count >"$T/z1.json" || fail "vp-count z1"
printf '%s\n' '{"id":"1","locality":"B","text":"x","themes":[{"theme":"t","hits":["x"]}]}' |
	vp-count >"$T/z2.json" || fail "vp-count z2"
expect_exit 0 vp-report --suppress 0 -f csv --compare "$T/z1.json" "$T/z2.json"
expect_in "$T/out" "t,t,B,0,0,,1,1,1.0000,,"
exit 0
