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
# HTTP Basic: the header value base64(token:secret) is a secret too (a page
# echoing the request's Authorization header back, in broken JSON and as an id)
export VOXPOP_TEST_SECRET=sec-HIDDEN-91c2e7
B64=$(printf '%s:%s' "$TOKEN" "$VOXPOP_TEST_SECRET" | base64 -w0)
mkdir "$T/www"
printf '{"results": [], "echo" "Basic %s"}\n' "$B64" >"$T/www/near.txt"
printf '{"results": [{"ref": "Basic %s", "created": "2099-01-01T00:00:00Z", "comments": "x"}]}\n' \
	"$B64" >"$T/www/id.json"
printf '/near 200 near.txt\n/id 200 id.json\n' >"$T/www/routes"
start_server -d "$T/www" "$T/www/routes"
expect_exit 65 vp-fetch --url "$BASE/near" --records /results --id /ref --text /comments \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET --max-backoff 0
expect_not_in "$T/err" "${B64%??????????????}"
expect_exit 0 vp-fetch --url "$BASE/id" --records /results --id /ref --date /created --text /comments \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET --state "$T/sb" -o "$T/ob"
expect_in "$T/err" "1 response with a date not usable"
expect_not_in "$T/err" "${B64%??????????????}"
exit 0
