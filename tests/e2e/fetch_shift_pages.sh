#!/bin/sh
# Page numbers without a date filter (generic --page-param without
# --since-param, SmartSurvey): a response deleted on the service between two
# pages shifts the rest up, and one slips into the page already read.  After
# each page the page before it is read again: a response in it not met in
# this run moved there, and is written now (reported, exit 0).  When even
# the first response of that page is new, more than a page moved and some
# may have slipped further: the run reports it and commits nothing (75), so
# the next run reads them all again.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
ids() { grep -o '"id":"[^"]*"' "$1" | sed 's/"id":"\([^/]*\)\/.*/\1/' | sort | tr '\n' ' '; }
start_server -d "$D/shift" "$D/shift/routes"
pn() {
	p=$1; shift
	vp-fetch --url "$BASE/$p" --page-param page --limit 3 --records /results --id /ref \
		--date /created --text /comments "$@" 2>"$T/err"
}
# --- with a state: r4 and r5 moved into page 1 after it was read
set -- pn --state "$T/pn.state" -o "$T/pn.ndjson"
pn "$@" || { cat "$T/err"; fail "pn: run failed"; }
[ "$(ids "$T/pn.ndjson")" = "r1 r2 r2 r3 r4 r5 r6 r7 " ] ||
	fail "pn: want r1..r7 and r2's edit, got $(ids "$T/pn.ndjson")"
expect_in "$T/err" "2 responses moved to a page already read"
pn "$@" || { cat "$T/err"; fail "pn: second run failed"; }
[ "$(ids "$T/pn.ndjson")" = "r1 r2 r2 r3 r4 r5 r6 r7 " ] ||
	fail "pn: second run wrote again: $(ids "$T/pn.ndjson")"

# --- more than a page deleted: r7 may be lost; nothing committed, 75
expect_exit 75 vp-fetch --url "$BASE/big" --page-param page --limit 3 --records /results \
	--id /ref --date /created --text /comments --state "$T/big.state" -o "$T/big.ndjson"
expect_in "$T/err" "run again"
cp "$T/big.state" "$T/big.state1"
grep -q '"mark": null' "$T/big.state" || fail "big: the mark moved: $(cat "$T/big.state")"
vp-fetch --url "$BASE/big" --page-param page --limit 3 --records /results --id /ref \
	--date /created --text /comments --state "$T/big.state" -o "$T/big.ndjson" 2>"$T/err" ||
	{ cat "$T/err"; fail "big: rerun failed"; }
expect_in "$T/err" "interrupted run"
[ "$(ids "$T/big.ndjson")" = "r5 r6 r7 r8 r9 " ] || fail "big: got $(ids "$T/big.ndjson")"

# --- newest first, more than a page coming in while it is read: not a
# shift (exit 0), and what came in is read by the next run, none lost
set -- grow --state "$T/grow.state" -o "$T/grow.ndjson"
pn "$@" || { cat "$T/err"; fail "grow: run failed"; }
pn "$@" || { cat "$T/err"; fail "grow: second run failed"; }
[ "$(ids "$T/grow.ndjson")" = "g1 g10 g11 g12 g13 g14 g15 g16 g17 g2 g3 g4 g5 g6 g7 g8 g9 " ] ||
	fail "grow: want g1..g17 once, got $(ids "$T/grow.ndjson")"

# --- SmartSurvey
export VOXPOP_TEST_SECRET=sec-HIDDEN-1
vp-fetch --preset smartsurvey --survey 77 --base-url "$BASE" --page-size 3 \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET --state "$T/ss.state" \
	-o "$T/ss.ndjson" 2>"$T/err" || { cat "$T/err"; fail "smartsurvey: run failed"; }
[ "$(ids "$T/ss.ndjson")" = "201 202 203 204 205 206 207 " ] ||
	fail "smartsurvey: got $(ids "$T/ss.ndjson")"
expect_in "$T/err" "2 responses moved to a page already read"
no_leak "$T/err" "$T/ss.ndjson" "$T/ss.state"
exit 0
