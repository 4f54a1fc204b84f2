#!/bin/sh
# Pages by offset or page number shift when a response before the current
# page is deleted or edited (an edit moves it to the end of a list sorted by
# date): a response slips into a page already read.  With --state and a
# "since" filter, each next page is asked since the latest date seen
# (keyset), so nothing is skipped and the mark never passes a response that
# was not seen.  Two runs: every response exactly once (the edit is a new
# version of r2, written again as SurveyMonkey's edits are).
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
for mode in off page; do
	start_server -d "$D/shift" "$D/shift/routes"
	set -- --offset-param offset; [ $mode = page ] && set -- --page-param page
	for run in 1 2; do
		vp-fetch --url "$BASE/$mode" "$@" --limit 3 --since-param since \
			--records /results --id /ref --date /created --text /comments \
			--state "$T/$mode.state" -o "$T/$mode.ndjson" 2>"$T/err" ||
			{ cat "$T/err"; fail "$mode: run $run failed"; }
	done
	for r in r1 r3 r4 r5 r6 r7; do
		[ "$(grep -c "\"id\":\"$r/comments\"" "$T/$mode.ndjson")" = 1 ] ||
			fail "$mode: $r not exactly once: $(grep -o '"id":"[^"]*"' "$T/$mode.ndjson" | tr '\n' ' ')"
	done
	[ "$(grep -c '"id":"r2/comments"' "$T/$mode.ndjson")" = 2 ] || fail "$mode: r2 and its edit"
	expect_in "$T/$mode.ndjson" '"text":"c2 edited"'
	expect_in "$T/$mode.state" '"mark": "2024-05-02T09:00:00Z"'
done
exit 0
