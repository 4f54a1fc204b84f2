#!/bin/sh
# Issue 16.2: a response that appears on two pages of one run (the service
# shifted its pages) is written once, with or without --state.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/i16" "$D/i16/routes"
set -- --records /results --next /next --id /ref --date /created --text /comments \
	--token-env VOXPOP_TEST_TOKEN --max-backoff 0
expect_exit 0 vp-fetch --url "$BASE/shift" "$@"
[ "$(wc -l <"$T/out")" = 3 ] || fail "want S1 S2 S3 once each, got: $(cat "$T/out")"
[ "$(grep -c '"S2/comments"' "$T/out")" = 1 ] || fail "S2 written twice"
expect_exit 0 vp-fetch --url "$BASE/shift" "$@" --since-param since --state "$T/s" -o "$T/o"
[ "$(wc -l <"$T/o")" = 3 ] || fail "--state: want 3 records, got: $(cat "$T/o")"
# next run: S1 (at the mark, twice on its page) is not written again
expect_exit 0 vp-fetch --url "$BASE/shift" "$@" --since-param since --state "$T/s" -o "$T/o"
[ "$(wc -l <"$T/o")" = 3 ] || fail "--state, second run: want 3 records, got: $(cat "$T/o")"
exit 0
