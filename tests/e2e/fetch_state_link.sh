#!/bin/sh
# A --state path that is a symlink (or in a symlinked directory) is the same
# state: resolved before locking, so a second run through the link is refused
# (75) while one holds the state; written next to the real file, so the link
# stays a link.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
G="$D/generic"
{ echo "/api/responses?per_page=2&cursor=abc 200 p2.json stall=30 times=1"; cat "$G/routes"; } >"$T/stall.routes"
start_server -d "$G" "$T/stall.routes"
set -- --url "$BASE/api/responses?per_page=2" --next /next --records /results --id /ref \
	--date /created --text /answers/comments --max-backoff 0
mkdir "$T/real"
ln -s "$T/real/s" "$T/link"
ln -s "$T/real" "$T/dirlink"
vp-fetch "$@" --state "$T/real/s" -o "$T/o.ndjson" 2>"$T/err1" &
pid=$!
wait_for "$T/log" "REQUEST GET /api/responses?per_page=2&cursor=abc"
expect_exit 75 vp-fetch "$@" --state "$T/link" -o "$T/o.ndjson"
expect_in "$T/err" "another vp-fetch"
expect_exit 75 vp-fetch "$@" --state "$T/dirlink/s" -o "$T/o.ndjson"
expect_in "$T/err" "another vp-fetch"
kill -9 $pid
wait $pid 2>/dev/null
# a run through the link: the link stays a link, the real file is the state
expect_exit 0 vp-fetch "$@" --state "$T/link" -o "$T/o.ndjson"
[ -L "$T/link" ] || fail "the state's symlink was replaced by a file"
expect_in "$T/real/s" '"mark": "2024-05-03"'
[ "$(wc -l <"$T/o.ndjson")" = 2 ] || fail "want 2 records, got $(cat "$T/o.ndjson")"
exit 0
