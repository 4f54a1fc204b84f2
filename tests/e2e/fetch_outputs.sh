#!/bin/sh
# The output file a state is bound to.  1. A run killed after page 1 reached
# day1.ndjson; the next run writes to a new (date-stamped) day2.ndjson: the
# killed run's uncommitted tail is cut from day1 first, so the union of the
# files holds every response once.  2. Two sources (each its own state) append
# to one file: a run never cuts what the other source committed.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
G="$D/generic"
set -- --records /results --id /ref --date /created --text /answers/comments --max-backoff 0

# a server that stalls once on page 2 of /api/responses
stalling_server() {
	{ echo "/api/responses?per_page=2&cursor=abc 200 p2.json stall=30 times=1"; cat "$G/routes"; } >"$T/stall.routes"
	start_server -d "$G" "$T/stall.routes"
}
# killed STATE OUT LINES [OPTION...]: an import of /api/responses from the
# stalling server, killed -9 once OUT holds LINES lines (page 1 written, not
# committed)
killed() {
	ks=$1 ko=$2 kn=$3
	shift 3
	vp-fetch --url "$BASE/api/responses?per_page=2" --next /next "$@" --state "$ks" -o "$ko" 2>"$T/err1" &
	pid=$!
	wait_for "$T/log" "REQUEST GET /api/responses?per_page=2&cursor=abc"
	i=0
	while [ "$(wc -l <"$ko")" -lt "$kn" ]; do
		i=$((i + 1)); [ $i -le 250 ] || fail "page 1 never reached $ko"; sleep 0.02
	done
	kill -9 $pid
	wait $pid 2>/dev/null
}

# 1. rotation to a new file after kill -9
stalling_server
killed "$T/s" "$T/day1.ndjson" 1 "$@"
vp-fetch --url "$BASE/api/responses?per_page=2" --next /next "$@" --state "$T/s" -o "$T/day2.ndjson" 2>"$T/err" ||
	{ cat "$T/err"; fail "run on a new output after kill -9 failed"; }
expect_in "$T/err" "interrupted run"
[ ! -s "$T/day1.ndjson" ] || fail "the killed run's tail is still in day1.ndjson: $(cat "$T/day1.ndjson")"
cat "$T/day1.ndjson" "$T/day2.ndjson" | grep -o '"id":"[^"]*"' | sort | uniq -d >"$T/dups"
[ ! -s "$T/dups" ] || fail "written twice: $(cat "$T/dups")"
[ "$(cat "$T/day1.ndjson" "$T/day2.ndjson" | wc -l)" = 2 ] || fail "want 2 records in all: $(cat "$T/day1.ndjson" "$T/day2.ndjson")"
expect_in "$T/s" "day2.ndjson"

# 2. two sources, one output
start_server -d "$G" "$G/routes"
a() { vp-fetch --url "$BASE/api/responses?per_page=2" --next /next "$@" --source A --state "$T/sA" -o "$T/all.ndjson"; }
b() { vp-fetch --url "$BASE/api/linked?page=1" --next link "$@" --records /items --source B --state "$T/sB" -o "$T/all.ndjson"; }
a "$@" 2>"$T/err" || { cat "$T/err"; fail "A run 1"; }
na=$(wc -l <"$T/all.ndjson")
b "$@" 2>"$T/err" || { cat "$T/err"; fail "B run 1"; }
nb=$(wc -l <"$T/all.ndjson")
[ "$nb" -gt "$na" ] || fail "B wrote nothing"
a "$@" 2>"$T/err" || { cat "$T/err"; fail "A run 2"; }
expect_not_in "$T/err" "interrupted run"
[ "$(wc -l <"$T/all.ndjson")" = "$nb" ] || fail "A run 2 changed the output: $(cat "$T/all.ndjson")"
b "$@" 2>"$T/err" || { cat "$T/err"; fail "B run 2"; }
[ "$(wc -l <"$T/all.ndjson")" = "$nb" ] || fail "B run 2 changed the output"
# an uncommitted tail of A's followed by B's records cannot be cut alone: refused (65)
# (A's state as a run killed after it began writing at the file's end left it)
grep -q '"run": null' "$T/sA" || fail "A's committed state should say \"run\": null: $(cat "$T/sA")"
sed "s/\"run\": null/\"run\": $(wc -c <"$T/all.ndjson")/" "$T/sA" >"$T/sA.new" && mv "$T/sA.new" "$T/sA"
printf '{"id":"X/comments","source":"A","channel":"form","text":"half"}\n{"id":"Y","source":"B"}\n' >>"$T/all.ndjson"
expect_exit 65 a "$@"
expect_in "$T/err" "not all written by this source"

# 3. two generic sources on one host, without --source: their records share a
# "source" (the host), so the source alone cannot tell whose a tail is.  A run
# of A after B's committed run must not cut B's records (A's last run was
# committed: nothing after its offset is A's); B's next run could not know.
start_server -d "$G" "$G/routes"
rm -f "$T/sA" "$T/sB" "$T/all.ndjson"
a() { vp-fetch --url "$BASE/api/responses?per_page=2" --next /next "$@" --state "$T/sA" -o "$T/all.ndjson"; }
b() { vp-fetch --url "$BASE/api/linked?page=1" --next link "$@" --records /items --state "$T/sB" -o "$T/all.ndjson"; }
a "$@" 2>"$T/err" || { cat "$T/err"; fail "same host: A run 1"; }
b "$@" 2>"$T/err" || { cat "$T/err"; fail "same host: B run 1"; }
nb=$(wc -l <"$T/all.ndjson")
[ "$nb" = 4 ] || fail "same host: want 4 records after A and B: $(cat "$T/all.ndjson")"
a "$@" 2>"$T/err" || { cat "$T/err"; fail "same host: A run 2"; }
expect_not_in "$T/err" "interrupted run"
b "$@" 2>"$T/err" || { cat "$T/err"; fail "same host: B run 2"; }
[ "$(wc -l <"$T/all.ndjson")" = 4 ] || fail "same host: A's second run cut B's committed records: $(cat "$T/all.ndjson")"
# (the port, so the source, changes with the server)
sed 's/"source":"[^"]*"//' "$T/all.ndjson" | sort >"$T/ref"
# A killed after writing: its next run still cuts its own tail (and only it)
stalling_server
rm -f "$T/sA" "$T/sB" "$T/all.ndjson"
b "$@" 2>"$T/err" || { cat "$T/err"; fail "same host, kill: B run 1"; }
killed "$T/sA" "$T/all.ndjson" 3 "$@"
a "$@" 2>"$T/err" || { cat "$T/err"; fail "same host, kill: A run 2"; }
expect_in "$T/err" "interrupted run"
sed 's/"source":"[^"]*"//' "$T/all.ndjson" | sort | cmp -s - "$T/ref" ||
	fail "same host, kill: want B's 2 records and A's 2, each once: $(cat "$T/all.ndjson")"
exit 0
