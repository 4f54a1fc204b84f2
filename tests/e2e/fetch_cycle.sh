#!/bin/sh
# Issue 16.3: a page cycle (A -> B -> A) is an error (76) at the first page
# fetched again, not duplicates until --max-pages.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/i16" "$D/i16/routes"
expect_exit 76 vp-fetch --url "$BASE/cycle?p=a" --records /results --next /next --id /ref \
	--text /comments --token-env VOXPOP_TEST_TOKEN --max-backoff 0
expect_in "$T/err" "GET $BASE/cycle?p=b: next page $BASE/cycle?p=a was already fetched in this run (a page cycle)"
[ "$(grep -c '^REQUEST' "$T/log")" = 2 ] || fail "want 2 requests, got $(grep -c '^REQUEST' "$T/log")"
exit 0
