#!/bin/sh
# vp-fetch's messages quote what a page holds -- a date that is no date, the
# response's id, jansson's "near '...'" -- and stderr goes to a scheduler's
# log that people read.  People type anything into a field ("call Mrs Jones
# on 07700 900123"), and a --id or --date pointer set to the wrong member
# names an e-mail address: shown as vp-redact would write it, as vp-ingest
# shows a bad date cell.  The records themselves are written as they are.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/pii" "$D/pii/routes"
export VP_FETCH_NOW=2026-06-01T00:00:00Z
personal() { # personal FILE: none of the page's personal data in FILE
	for p in '07700 900123' 'jane.doe@example.com' 'Jones' '943 476 5919'; do
		expect_not_in "$1" "$p"
	done
}
# a date that cannot be the mark, and an id that is an e-mail address
expect_exit 0 vp-fetch --url "$BASE/odd" --records /results --id /ref --date /created \
	--text /comments --state "$T/s" -o "$T/o.ndjson" --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "1 response with a date not usable as the high-water mark (first: response [email]: 'call Mrs [name] on [phone]': not an ISO 8601 date)"
personal "$T/err"
[ "$(wc -l <"$T/o.ndjson")" = 2 ] || fail "want both responses written: $(cat "$T/o.ndjson")"
# a page that is not JSON, near a string holding personal data
expect_exit 65 vp-fetch --url "$BASE/broken" --records /results --id /ref --date /created \
	--text /comments --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "page is not valid JSON"
expect_in "$T/err" "near '\"ring [phone]\"'"
personal "$T/err"
no_leak "$T/err" "$T/o.ndjson" "$T/s"
