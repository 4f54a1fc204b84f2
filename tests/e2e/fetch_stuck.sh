#!/bin/sh
# Pages that never move on: every page shows only responses this run has
# already met, under page URLs that are new each time (a --page-param the
# service ignores; a next link that changes while the page does not).  Not
# a cycle by URL, it went on until --max-pages (100000 requests): it is an
# error (76) after a few such pages, each response written once.  So are
# empty pages that never end (100 in a row, each naming a next page).
# Also: a state file written by a newer vp-fetch is not called corrupt (a
# user told to remove it would fetch everything again).
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/stuck" "$D/stuck/routes"
set -- --records /results --id /ref --date /created --text /comments \
	--token-env VOXPOP_TEST_TOKEN --max-backoff 0
requests() { grep -c '^REQUEST' "$T/log"; }

expect_exit 76 timeout 30 vp-fetch --url "$BASE/ignored" --page-param page --limit 2 "$@"
expect_in "$T/err" "vp-fetch: GET $BASE/ignored?limit=2&page=11: 10 pages in a row the same as the page before, under new URLs"
[ "$(wc -l <"$T/out")" = 2 ] || fail "want N-1 and N-2 once each, got: $(cat "$T/out")"
# 11 pages, and after each the page before read again (no date filter)
[ "$(requests)" = 21 ] || fail "ignored page parameter: want 21 requests, got $(requests)"

: >"$T/log"
expect_exit 76 timeout 30 vp-fetch --url "$BASE/grow/" --next /next "$@" --state "$T/s" -o "$T/o"
expect_in "$T/err" "10 pages in a row the same as the page before, under new URLs"
[ "$(requests)" = 11 ] || fail "next link new each time: want 11 requests, got $(requests)"
[ ! -e "$T/s" ] || ! grep -q '"mark": "2026' "$T/s" || fail "a stuck run committed its state"

# Empty pages in a row, each naming a next page new each time (a next
# link or token the service sends on after the last page): they went on
# until --max-pages.  After 100 such pages: 76, naming the page; the
# state not committed; the run again writes the same, nothing lost or
# written twice.
: >"$T/log"
for run in 1 2; do
	expect_exit 76 timeout 30 vp-fetch --url "$BASE/void" --next /next "$@" --state "$T/sv" -o "$T/ov"
	expect_in "$T/err" "vp-fetch: GET $BASE/void/e/$(printf 'x/%.0s' $(seq 99)): 100 empty pages in a row, each naming a next page: the paging goes nowhere"
	[ ! -e "$T/sv" ] || ! grep -q '"mark": "2026' "$T/sv" || fail "empty pages: the state was committed"
	[ "$(grep -c '"V-[12]/comments"' "$T/ov")" = 2 ] || fail "empty pages, run $run: want V-1 and V-2 once each, got: $(cat "$T/ov")"
	[ "$(requests)" = $((101 * run)) ] || fail "empty pages, run $run: want $((101 * run)) requests, got $(requests)"
done
# a service that leaves 99 pages empty and ends with an empty one: done
expect_exit 0 timeout 30 vp-fetch --url "$BASE/tail" --next /next "$@" --state "$T/st" -o "$T/ot"
[ "$(grep -c '"T-1/comments"' "$T/ot")" = 1 ] || fail "empty pages then an empty last page: want T-1, got: $(cat "$T/ot")"
grep -q '"mark": "2026-05-01T10:00:00Z"' "$T/st" || fail "empty pages then an empty last page: state not committed: $(cat "$T/st")"
: >"$T/log"

# a state of a newer vp-fetch: 65, and the message says so, not "corrupt"
cat >"$T/s2" <<S
{"voxpop_fetch_state": 9, "source": "$BASE/grow/", "mark": null, "ids": []}
S
expect_exit 65 vp-fetch --url "$BASE/grow/" "$@" --state "$T/s2" -o "$T/o2"
expect_in "$T/err" "$T/s2: state file of a newer vp-fetch (format 9; this one reads format 1): run that version"
expect_not_in "$T/err" "corrupt"
[ "$(requests)" = 0 ] || fail "a newer state: no request wanted"
no_leak "$T/err" "$T/out"
exit 0
