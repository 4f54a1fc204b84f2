#!/bin/sh
# vp-count respondents (--per), campaigns (--dedup), sentiment and
# --quote-polarity; vp-merge of them equals counting together; vp-report
# says which denominator it uses.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/count

# respondents: r1 gave two answers, r2 one; records without are their own
awk '{ n++; r = (n <= 2) ? "r1" : (n == 3 ? "r2" : ""); if (r != "") sub(/^\{/, "{\"respondent\":\"" r "\",") ; print }' \
	"$D/tagged.ndjson" >"$T/resp.ndjson"
expect_exit 0 vp-count "$T/resp.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"per":"answer"'
expect_in "$T/flat" '"respondents":7'
expect_in "$T/flat" '"respondent_share":'
expect_exit 0 vp-count --per respondent "$T/resp.ndjson"
cp "$T/out" "$T/per.json"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"per":"respondent"'
expect_exit 64 vp-count --per person "$T/resp.ndjson"
# the plain document is unchanged by the option when nothing has a respondent
vp-count "$D/tagged.ndjson" >"$T/plain.json" || fail plain
cmp "$T/plain.json" "$D/expected.json" || fail "plain output changed"

# vp-report uses the denominator the document names
expect_exit 0 vp-report --format csv "$T/per.json"
expect_in "$T/out" "(all respondents),"
expect_in "$T/out" "Total respondents"
expect_exit 0 vp-report --format markdown "$T/per.json"
expect_in "$T/out" "Counts are respondents who raised each theme"
# a respondent whose answers are in two localities counts in both columns
# and once in Total: the notes say the columns need not add up to it
expect_in "$T/out" "a respondent who answered in more than one column counts in each, so the columns can add up to more than Total"
expect_exit 0 vp-report --format csv "$D/expected.json"
expect_in "$T/out" "(all records),"

# merge == whole when the split keeps each respondent in one part
head -n 4 "$T/resp.ndjson" >"$T/p1"; tail -n +5 "$T/resp.ndjson" >"$T/p2"
for opt in "" "--per respondent" "--quotes 2 --nested"; do
	vp-count $opt "$T/resp.ndjson" >"$T/whole.json" || fail "whole $opt"
	vp-count $opt "$T/p1" >"$T/p1.json" && vp-count $opt "$T/p2" >"$T/p2.json" || fail "parts $opt"
	expect_exit 0 vp-merge "$T/p1.json" "$T/p2.json"
	cmp "$T/out" "$T/whole.json" || { diff "$T/whole.json" "$T/out" >&2; fail "merge differs ($opt)"; }
done
vp-count --per respondent "$T/p1" >"$T/a.json"; vp-count "$T/p2" >"$T/b.json"
expect_exit 65 vp-merge "$T/a.json" "$T/b.json"
expect_in "$T/err" "counted with --per answer, unlike the first document"

# a respondent seen again later: counted per run, warned about, in the document
{ cat "$T/resp.ndjson"; head -n 1 "$T/resp.ndjson"; } >"$T/again.ndjson"
expect_exit 0 vp-count "$T/again.ndjson"
expect_in "$T/err" "again.ndjson:9: warning: respondent seen again"
expect_in "$T/err" "1 respondent was not adjacent"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"respondents_not_adjacent":1'
# --compact (the document on one line, for Hadoop / Spark) warns the same
expect_exit 0 vp-count --compact "$T/again.ndjson"
expect_in "$T/err" "again.ndjson:9: warning: respondent seen again"
expect_in "$T/err" "1 respondent was not adjacent"

# campaigns (as vp-dedup marks them): s:3 and s:4 are copies of s:2, which is unmarked
awk '{ n++; if (n == 2 || n == 3) sub(/^\{/, "{\"duplicate_of\":\"s:2\",\"campaign\":{\"id\":\"s:2\"},"); print }' \
	"$D/tagged.ndjson" >"$T/camp.ndjson"
expect_exit 0 vp-count --dedup "$T/camp.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"campaigns":[{"copies":2,"example_id":"s:3","first_text":"Staffwererude.Emailmeat[email]orring[phone].","id":"s:2","size":3}],"duplicates":2'
expect_in "$T/flat" '"records":8,"rejected":0'
sed 's/"s:2"}/"k2"}/' "$T/camp.ndjson" >"$T/camp2.ndjson"
expect_exit 70 vp-count --dedup --max-campaigns 1 "$T/camp.ndjson" "$T/camp2.ndjson"
expect_in "$T/err" "camp2.ndjson:2: more than 1 campaigns"
expect_exit 0 vp-count "$T/camp.ndjson"   # without --dedup: as before
tr -d ' \n' <"$T/out" >"$T/flat"
expect_not_in "$T/flat" 'campaigns'
vp-count --dedup --quotes 2 "$T/camp.ndjson" >"$T/whole.json"
vp-count --dedup --quotes 2 "$T/camp.ndjson" | vp-merge >"$T/m.json" || fail "merge dedup"
cmp "$T/m.json" "$T/whole.json" || fail "merge of one --dedup document changes it"

# A campaign with copies in other localities counts once in all, in its first
# record's locality (Leicester City); elsewhere its copies are duplicates, and
# records and duplicates add up over localities, places and systems.  --help
# said "counts once per group", which it does not.
L='{"id":"k1","locality":"Leicester City","place":"Leicester","system":"LLR","text":"Keep the unit open","themes":[{"theme":"access"}]}'
printf '%s\n' "$L" \
	"$(printf %s "$L" | sed 's/"k1"/"k2","campaign":{"id":"k1"}/; s/Leicester City/Melton/')" \
	"$(printf %s "$L" | sed 's/"k1"/"k3","campaign":{"id":"k1"}/; s/Leicester City/Oakham/; s/"LLR"/"Rutland"/')" >"$T/spread.ndjson"
expect_exit 0 vp-count --dedup --nested "$T/spread.ndjson"
python3 - "$T/out" <<'PY' || fail "campaign across localities"
import json, sys
d = json.load(open(sys.argv[1]))
loc = d["localities"]
assert loc["Leicester City"]["themes"]["access"]["records"] == 1 and "duplicates" in loc["Melton"], loc
assert loc["Melton"]["duplicates"] == 1 and loc["Melton"]["themes"].get("access", {}).get("records", 0) == 0, loc
assert d["total"]["themes"]["access"]["records"] == 1 and d["duplicates"] == 2, d
assert sum(g["records"] for g in loc.values()) == d["records"] == 3
assert sum(g["duplicates"] for g in loc.values()) == d["duplicates"]
for name, s in d["systems"].items():
    assert s["records"] == sum(p["records"] for p in s["places"].values()), name
    assert s["duplicates"] == sum(p["duplicates"] for p in s["places"].values()), name
assert sum(s["duplicates"] for s in d["systems"].values()) == d["duplicates"]
assert d["campaigns"][0]["size"] == 3, d["campaigns"]
PY
expect_exit 0 vp-count --help
expect_not_in "$T/out" 'once per group'
expect_in "$T/out" "in its first record's group"

# sentiment: only when records carry it; --quote-polarity needs --quotes
awk '{ n++; l = (n % 2) ? "negative" : "positive"; sub(/^\{/, "{\"sentiment\":{\"label\":\"" l "\",\"score\":0.5},"); print }' \
	"$D/tagged.ndjson" >"$T/sent.ndjson"
expect_exit 0 vp-count --quotes 2 --quote-polarity "$T/sent.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"sentiment":{"mixed":0,"negative":4,"neutral":0,"positive":4}'
expect_in "$T/flat" '"quotes_negative":['
expect_in "$T/flat" '"quote_polarity":true'
expect_exit 64 vp-count --quote-polarity "$T/sent.ndjson"
head -n 4 "$T/sent.ndjson" >"$T/s1"; tail -n +5 "$T/sent.ndjson" >"$T/s2"
vp-count --quotes 2 --quote-polarity "$T/sent.ndjson" >"$T/whole.json"
vp-count --quotes 2 --quote-polarity "$T/s1" >"$T/s1.json"
vp-count --quotes 2 --quote-polarity "$T/s2" >"$T/s2.json"
expect_exit 0 vp-merge "$T/s1.json" "$T/s2.json"
cmp "$T/out" "$T/whole.json" || { diff "$T/whole.json" "$T/out" >&2; fail "sentiment merge differs"; }
exit 0
