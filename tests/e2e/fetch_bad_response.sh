#!/bin/sh
# Issue 16.7: one response with a lone surrogate escape, \u0000 or an id
# beyond 2^63 does not reject its page: the page is repaired (U+FFFD for the
# bad escapes, the big id kept as its digits) and reported; a response
# without an id is reported and skipped; the rest of the page is kept and
# the state advances once (a second run emits nothing again).
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/i16" "$D/i16/routes"
export VP_FETCH_NOW=2026-06-01T00:00:00Z
run() {
	vp-fetch --url "$BASE/bad" --records /results --next /next --id /ref --date /created \
		--text /comments --since-param since --state "$T/s" --output "$T/o.ndjson" \
		--token-env VOXPOP_TEST_TOKEN --max-backoff 0 2>"$T/err"
}
run || { cat "$T/err"; fail "a page with bad responses was rejected"; }
[ "$(wc -l <"$T/o.ndjson")" = 5 ] || fail "want R1 R2 R3 big R5, got $(cat "$T/o.ndjson")"
expect_in "$T/o.ndjson" '"id":"R2/comments","source":"127.0.0.1:'"$PORT"'","channel":"form","locality":"","date":"2026-05-02","respondent":"R2","question":"comments","text":"lone � surrogate"'
expect_in "$T/o.ndjson" '"text":"nul � here"'
expect_in "$T/o.ndjson" '"id":"18446744073709551616/comments"'
expect_in "$T/err" "repaired 3 values"
expect_in "$T/err" "skipped 1 response"
expect_in "$T/err" "no id at '/ref'"
expect_in "$T/s" '"mark": "2026-05-05T00:00:00Z"'
run || { cat "$T/err"; fail "second run failed"; }
expect_in "$T/log" "REQUEST GET /bad?since=2026-05-05T00%3A00%3A00Z"
[ "$(wc -l <"$T/o.ndjson")" = 5 ] || fail "second run wrote again: $(cat "$T/o.ndjson")"
# still a whole page that is not JSON is an error
exit 0
