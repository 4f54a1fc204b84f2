#!/bin/sh
# Issue 16.1: a far-future date (2099), a date in another format (03/04/2026)
# or a time without a zone never becomes the high-water mark: the mark only
# advances over ISO 8601 dates not after the run's clock + 1 hour (the clock
# is VP_FETCH_NOW here, for tests only).  Odd dates are reported (count and
# first example) and their records still emitted, exactly once across runs.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/i16" "$D/i16/routes"
export VP_FETCH_NOW=2026-06-01T00:00:00Z
run() {
	vp-fetch --url "$BASE/odd" --records /results --next /next --id /ref --date /created \
		--text /comments --since-param since --state "$T/s" --output "$T/o.ndjson" \
		--token-env VOXPOP_TEST_TOKEN --max-backoff 0 2>"$T/err"
}
run || { cat "$T/err"; fail "first run failed"; }
[ "$(wc -l <"$T/o.ndjson")" = 5 ] || fail "first run: want A B C D F, got $(cat "$T/o.ndjson")"
expect_in "$T/err" "3 responses with a date not usable as the high-water mark"
expect_in "$T/err" "2099-01-01T00:00:00Z"
expect_in "$T/s" '"mark": "2026-05-02T10:00:00Z"'
# the second run asks from the valid mark, emits only E and G (30 min ahead
# of the clock: within the tolerance), and not B, C or D again
run || { cat "$T/err"; fail "second run failed (mark: $(grep mark "$T/s"))"; }
expect_in "$T/log" "REQUEST GET /odd?since=2026-05-02T10%3A00%3A00Z"
[ "$(wc -l <"$T/o.ndjson")" = 7 ] || fail "second run: want 7 records in all, got $(cat "$T/o.ndjson")"
for r in A B C D E F G; do
	[ "$(grep -c "\"id\":\"$r/comments\"" "$T/o.ndjson")" = 1 ] || fail "$r not exactly once"
done
expect_in "$T/s" '"mark": "2026-06-01T00:30:00Z"'
# a state whose mark an older vp-fetch took from a far-future date stops the
# run with a clear message (65) instead of skipping everything for good
sed 's/"mark": "[^"]*"/"mark": "2099-01-01T00:00:00Z"/' "$T/s" >"$T/s2099"
expect_exit 65 vp-fetch --url "$BASE/odd" --records /results --id /ref --date /created \
	--text /comments --since-param since --state "$T/s2099" --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "s2099: high-water mark '2099-01-01T00:00:00Z' cannot be right (after this run's clock (2026-06-01T00:00:00Z) + 1 hour)"
# a response more than an hour ahead of the clock is remembered by id (odd);
# once the clock has passed its date, it is usable as a mark, but it is the
# same response: written once (the odd ids are checked for every response)
skew() {
	VP_FETCH_NOW=$1 vp-fetch --url "$BASE/skew" --records /results --next /next --id /ref \
		--date /created --text /comments --since-param since --state "$T/sk" \
		--output "$T/sk.ndjson" --token-env VOXPOP_TEST_TOKEN 2>"$T/err"
}
skew 2026-06-01T00:00:00Z || { cat "$T/err"; fail "skew: first run failed"; }
skew 2026-06-01T06:00:00Z || { cat "$T/err"; fail "skew: second run failed"; }
for r in A F; do
	[ "$(grep -c "\"id\":\"$r/comments\"" "$T/sk.ndjson")" = 1 ] || fail "skew: $r not exactly once"
done
# the odd ids only ever grew: once the mark has passed F's date (G, later),
# F's id goes from the state, and the mark alone keeps F from coming back
# (the last page, asked since G, gives F again)
skew 2026-06-01T06:00:00Z || { cat "$T/err"; fail "skew: third run failed"; }
expect_in "$T/sk" '"mark": "2026-06-01T04:00:00Z"'
grep -q '"F"' "$T/sk" && fail "skew: F still remembered by id after the mark passed it: $(cat "$T/sk")"
skew 2026-06-01T07:00:00Z || { cat "$T/err"; fail "skew: fourth run failed"; }
expect_in "$T/log" "REQUEST GET /skew?since=2026-06-01T04%3A00%3A00Z"
for r in A F G; do
	[ "$(grep -c "\"id\":\"$r/comments\"" "$T/sk.ndjson")" = 1 ] || fail "skew: $r not exactly once"
done
# the clock gone back (a month): the mark is after it; the message says the
# clock may be wrong before it says to remove the state (that would write
# every response again), and the state is left as it was
cp "$T/sk" "$T/sk.before"
VP_FETCH_NOW=2026-05-01T00:00:00Z expect_exit 65 vp-fetch --url "$BASE/skew" --records /results \
	--id /ref --date /created --text /comments --since-param since --state "$T/sk" \
	--output "$T/sk.ndjson" --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "after this run's clock (2026-05-01T00:00:00Z) + 1 hour"
expect_in "$T/err" "if this machine's clock is behind, set it right and run again (the state is fine)"
cmp "$T/sk" "$T/sk.before" || fail "the state changed on a clock gone back"
# a bad VP_FETCH_NOW is a usage error
VP_FETCH_NOW=yesterday expect_exit 64 vp-fetch --url "$BASE/odd" --records /results --id /ref --text /comments
expect_in "$T/err" "VP_FETCH_NOW"
no_leak "$T/err" "$T/s" "$T/o.ndjson"
exit 0
