#!/bin/sh
# vp-fetch is exactly-once across interrupted runs: kill -9 while page 3 is
# being fetched, or a connection cut on page 3, then run again: the output
# equals that of one clean run (no duplicates, no gaps).  A corrupt state
# file is an error, not a fresh start.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
# with --state the pages are asked by date (keyset): the third since r4's
P3='/v3/surveys/405123987/responses/bulk?per_page=2&sort_by=date_modified&sort_order=ASC&status=completed&start_modified_at=2024-03-02T17%3A22%3A30'
sm() { # sm OUTFILE [OPTION]...: the SurveyMonkey run, appending to OUTFILE
	o=$1; shift
	vp-fetch --preset surveymonkey --survey 405123987 --base-url "$BASE" --page-size 2 \
		--token-env VOXPOP_TEST_TOKEN --max-backoff 0 "$@" >>"$o"
}

# the reference: one clean run
start_server "$D/sm/routes"
sm "$T/clean.ndjson" || fail "clean run failed"
[ "$(wc -l <"$T/clean.ndjson")" = 5 ] || fail "clean run: want 5 records"

# 1. kill -9 while page 3 stalls: pages 1-2 are already in the output
{ echo "$P3 200 bulk3.json stall=30 times=1"; cat "$D/sm/routes"; } >"$T/stall.routes"
start_server -d "$D/sm" "$T/stall.routes"
printf 'earlier line\n' >"$T/out1.ndjson"
# (a simple command, so $! is vp-fetch itself, not a subshell)
vp-fetch --preset surveymonkey --survey 405123987 --base-url "$BASE" --page-size 2 \
	--token-env VOXPOP_TEST_TOKEN --state "$T/s1" >>"$T/out1.ndjson" 2>"$T/err1" &
pid=$!
wait_for "$T/log" "REQUEST GET $P3"
i=0
while [ "$(wc -l <"$T/out1.ndjson")" -lt 5 ]; do # 4 records of pages 1-2, flushed
	i=$((i + 1)); [ $i -le 250 ] || fail "pages 1-2 never reached the output"; sleep 0.02
done
# a second run while the first holds the state is refused, not interleaved
sm "$T/other.ndjson" --state "$T/s1" 2>"$T/err1"
[ $? = 75 ] || fail "a concurrent run on the same state should exit 75"
expect_in "$T/err1" "another vp-fetch"
kill -9 $pid
wait $pid 2>/dev/null
sm "$T/out1.ndjson" --state "$T/s1" 2>"$T/err1" || { cat "$T/err1"; fail "rerun after kill failed"; }
expect_in "$T/err1" "interrupted run"
{ printf 'earlier line\n'; cat "$T/clean.ndjson"; } | cmp - "$T/out1.ndjson" ||
	fail "after kill -9 and rerun the output is not exactly one clean run"

# 2. the connection is cut mid-body on page 3 and retries are exhausted
{ echo "$P3 200 bulk3.json truncate=100 times=1"; cat "$D/sm/routes"; } >"$T/cut.routes"
start_server -d "$D/sm" "$T/cut.routes"
sm "$T/out2.ndjson" --state "$T/s2" --max-retries 0 2>"$T/err2"
[ $? = 75 ] || fail "cut connection without retries: want exit 75"
[ -s "$T/out2.ndjson" ] || fail "pages 1-2 should be in the output before the cut"
sm "$T/out2.ndjson" --state "$T/s2" 2>"$T/err2" || { cat "$T/err2"; fail "rerun after cut failed"; }
cmp "$T/clean.ndjson" "$T/out2.ndjson" || fail "after a cut and rerun the output is not one clean run"
# later runs send the mark: the third gets r4, r5 (at the mark, known), r6
# (same second, new) and r7; the fourth only r7 again
sm "$T/out2.ndjson" --state "$T/s2" 2>"$T/err2" || fail "third run failed"
sm "$T/out2.ndjson" --state "$T/s2" 2>"$T/err2" || fail "fourth run failed"
expect_in "$T/log" "start_modified_at=2024-03-04T09%3A59%3A59"
head -n 5 "$T/out2.ndjson" | cmp - "$T/clean.ndjson" || fail "later runs changed earlier output"
tail -n +6 "$T/out2.ndjson" | cut -c1-31 >"$T/new"
printf '%s\n' '{"id":"114367892306/91201552","' '{"id":"114367892307/91201553","' | cmp - "$T/new" ||
	fail "later runs: want exactly r6 and r7 once, got $(cat "$T/new")"
no_leak "$T/s1" "$T/s2" "$T/err1" "$T/err2"

# 3a. a run refused on page 2 (401, exit 77) has written page 1's records
# but not committed them: its summary says that, not "new records" (the next
# run cuts them and fetches them again), and the next run's says 5 new ones
P2='/v3/surveys/405123987/responses/bulk?per_page=2&sort_by=date_modified&sort_order=ASC&status=completed&start_modified_at=2024-03-01T11%3A40%3A54'
{ echo "$P2 401 - times=1"; cat "$D/sm/routes"; } >"$T/deny.routes"
start_server -d "$D/sm" "$T/deny.routes"
sm "$T/out5.ndjson" --state "$T/s5" --summary 2>"$T/err5"
[ $? = 77 ] || { cat "$T/err5"; fail "401 on page 2: want exit 77"; }
[ "$(wc -l <"$T/out5.ndjson")" = 3 ] || fail "page 1's 3 records should be in the output"
expect_in "$T/err5" "summary: surveymonkey 405123987: 3 records written but not committed (the next run cuts them and fetches them again), 1 pages,"
expect_not_in "$T/err5" "new records"
sm "$T/out5.ndjson" --state "$T/s5" --summary 2>"$T/err5" || { cat "$T/err5"; fail "rerun after 401 failed"; }
expect_in "$T/err5" "summary: surveymonkey 405123987: 5 new records,"
cmp "$T/clean.ndjson" "$T/out5.ndjson" || fail "after a 401 and rerun the output is not one clean run"
# without --state nothing is committed or cut: the records written stay
P2N='/v3/surveys/405123987/responses/bulk?page=2&per_page=2&sort_by=date_modified&sort_order=ASC&status=completed'
{ echo "$P2N 401 - times=1"; cat "$D/sm/routes"; } >"$T/deny.routes"
start_server -d "$D/sm" "$T/deny.routes"
sm "$T/out6.ndjson" --summary 2>"$T/err6"
[ $? = 77 ] || { cat "$T/err6"; fail "401 on page 2 without --state: want exit 77"; }
[ "$(wc -l <"$T/out6.ndjson")" = 3 ] || fail "no state: page 1's 3 records should be in the output"
expect_in "$T/err6" "summary: surveymonkey 405123987: 3 records written (no --state: they stay, and a rerun writes them again), 1 pages,"
expect_not_in "$T/err6" "new records"
no_leak "$T/err5" "$T/err6"

# 3. a corrupt state file stops the run (65) and is left as it was
cp "$T/s2" "$T/s3"
printf '{"voxpop_fetch_state": 1, "source": "surveymonkey:405123987", "mark": ' >"$T/s3"
expect_exit 65 sm "$T/out3.ndjson" --state "$T/s3"
expect_in "$T/err" "corrupt state file"
[ ! -s "$T/out3.ndjson" ] || fail "records written despite a corrupt state"
printf '{"voxpop_fetch_state": 1, "source": "surveymonkey:405123987", "mark": 7, "ids": [], "output": null}\n' >"$T/s3"
expect_exit 65 sm "$T/out3.ndjson" --state "$T/s3"
expect_in "$T/err" "\"mark\""
# a state of another survey is refused
sed 's/405123987/111111111/' "$T/s2" >"$T/s4"
expect_exit 64 sm "$T/out4.ndjson" --state "$T/s4"
expect_in "$T/err" "state file is for 'surveymonkey:111111111'"
exit 0
