#!/bin/sh
# A --text answer that is not a JSON string.  A number is an answer (a
# spreadsheet's cell through Microsoft Graph holds 42 or 4.5 as a number, a
# generic API's "how many times" field): written as text, as vp-ingest reads
# a workbook's number (General: 15 significant digits, 0.1 not
# 0.10000000000000001).  true/false, an array or an object cannot be one
# text: counted and said on stderr, never dropped silently.  null or absent
# is no answer.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/pii" "$D/pii/routes"
export VP_FETCH_NOW=2026-06-01T00:00:00Z
expect_exit 0 vp-fetch --url "$BASE/kinds" --records /results --id /ref --date /created \
	--text /comments --text /visits --state "$T/s" -o "$T/o.ndjson" --token-env VOXPOP_TEST_TOKEN
texts=$(sed 's/.*"id":"\([^"]*\)".*"text":"\([^"]*\)".*/\1=\2/' "$T/o.ndjson" | tr '\n' ' ')
[ "$texts" = "A/comments=Parking was hard. A/visits=42 B/comments=4.5 B/visits=three E/visits=0.1 " ] ||
	fail "want the numbers as text, got: $texts"
expect_in "$T/err" "vp-fetch: 3 answers not written: not text (first: response C: '/comments' is an array); name a member holding text with --text"
no_leak "$T/err" "$T/o.ndjson" "$T/s"
