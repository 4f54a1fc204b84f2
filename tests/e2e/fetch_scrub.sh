#!/bin/sh
# Issue 17: text taken from a response (a JSON error's "near '...'", an odd
# date shown as an example) is scrubbed of the token before it is printed.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -d "$D/i16" "$D/i16/routes"
expect_exit 65 vp-fetch --url "$BASE/echo" --records /results --id /ref --text /comments \
	--token-env VOXPOP_TEST_TOKEN --max-backoff 0
expect_in "$T/err" "GET $BASE/echo: page is not valid JSON"
expect_in "$T/err" "REDACTED"
no_leak "$T/err"
# a token given in a file, and a part of it cut by the message's length
printf 'tok-SECRET-5f3a9c\n' >"$T/tok"
expect_exit 65 vp-fetch --url "$BASE/echo" --records /results --id /ref --text /comments \
	--token-file "$T/tok" --max-backoff 0
no_leak "$T/err"
# the password of a URL's user:password@ is a secret too
expect_exit 65 vp-fetch --url "http://user:hunter2-secret-pw@127.0.0.1:$PORT/echopw" \
	--records /results --id /ref --text /comments --max-backoff 0
expect_in "$T/err" "page is not valid JSON"
expect_not_in "$T/err" "hunter2-secret-pw"
expect_exit 0 vp-fetch --url "$BASE/echodate" --records /results --id /ref --date /created \
	--text /comments --token-env VOXPOP_TEST_TOKEN --state "$T/s" -o "$T/o"
expect_in "$T/err" "1 response with a date not usable as the high-water mark"
no_leak "$T/err" "$T/s"
exit 0
