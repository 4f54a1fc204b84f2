#!/bin/sh
# vp-report --suppress 0 with a column whose denominator is 0 (a locality
# with only campaign copies under vp-count --dedup): no share of nothing --
# the xlsx share cells are blank (not 0%), with no p or vs_rest in Data.
. "$VP_ROOT/tests/lib.sh"
DUMP=$VP_TOOLS/xlsx-dump
[ -x "$DUMP" ] || fail "no $DUMP"
printf '%s\n' \
 '{"id":"c1","locality":"Melton","text":"save the unit","themes":[{"theme":"maternity","hits":["x"]}]}' \
 '{"id":"c2","locality":"Oakham","text":"save the unit","themes":[{"theme":"maternity","hits":["x"]}],"duplicate_of":"c1","campaign":{"id":"c1","size":2}}' \
 '{"id":"o1","locality":"Melton","text":"car","themes":[{"theme":"transport","hits":["x"]}]}' \
 > "$T/tagged.ndjson"
"$VP_BIN/vp-count" --dedup < "$T/tagged.ndjson" > "$T/c.json" || fail "vp-count"
expect_exit 0 "$VP_BIN/vp-report" --format xlsx --suppress 0 -o "$T/r.xlsx" "$T/c.json"
TAB=$(printf '\t')
expect_exit 0 "$DUMP" --sheet Counts "$T/r.xlsx"
# (read as Excel shows the share cells: 0.5 under "0.0%" is 50.0%)
expect_in "$T/out" "4${TAB}maternity${TAB}Maternity${TAB}1${TAB}50.0%${TAB}0${TAB}${TAB}1${TAB}50.0%"
expect_exit 0 "$DUMP" --sheet Data "$T/r.xlsx"
expect_in "$T/out" "Oakham${TAB}locality${TAB}maternity${TAB}Maternity${TAB}0${TAB}0${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}FALSE"
# csv: the share empty too
expect_exit 0 "$VP_BIN/vp-report" --format csv --suppress 0 "$T/c.json"
expect_in "$T/out" "maternity,Maternity,1,0.5000,0,,1,0.5000"
exit 0
