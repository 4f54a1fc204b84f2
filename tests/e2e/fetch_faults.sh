#!/bin/sh
# vp-fetch under faults: 429/503 with Retry-After, 500, truncated bodies,
# slow responses, 401/403/404, pages that are not JSON or lack the records,
# oversized pages, a next page on another host.  Each has its exit code and
# a message naming the URL without the token.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -a "Bearer $TOKEN" -d "$D/generic" "$D/faults.routes"
fetch() { # fetch PATH [OPTION]...
	p=$1; shift
	expect_exit "$want" vp-fetch --url "$BASE$p" --records /results --next /next --id /ref \
		--text /answers/comments --token-env VOXPOP_TEST_TOKEN --max-backoff 0 "$@"
	no_leak "$T/out" "$T/err"
}
hits() { grep -c "^REQUEST GET $1\$" "$T/log"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }
want=0
# Retry-After: 1 is honoured (waits at least ~1 s) ...
t0=$(now_ms)
fetch /retry429 --max-backoff 5
[ $(($(now_ms) - t0)) -ge 900 ] || fail "Retry-After: 1 was not waited for"
expect_in "$T/out" '"R-3/comments"'
[ "$(hits /retry429)" = 2 ] || fail "429 then 200: want 2 requests, got $(hits /retry429)"
# ... and capped by --max-backoff (Retry-After: 1000 must not hang the run)
expect_exit 0 timeout 20 vp-fetch --url "$BASE/capped" --records /results --id /ref \
	--text /answers/comments --token-env VOXPOP_TEST_TOKEN --max-backoff 1
[ "$(hits /capped)" = 2 ] || fail "capped: want 2 requests"
[ ! -s "$T/err" ] || fail "retries should be quiet off a terminal: $(cat "$T/err")"
# a Retry-After too large to read is a long wait, capped as any (it fell
# back to 1 s, silently): said on stderr, the cap waited
t0=$(now_ms)
expect_exit 0 timeout 20 vp-fetch --url "$BASE/hugewait" --records /results --id /ref \
	--text /answers/comments --token-env VOXPOP_TEST_TOKEN --max-backoff 2
[ $(($(now_ms) - t0)) -ge 1900 ] || fail "Retry-After: 99999999999999999999 was not waited for up to --max-backoff 2"
[ "$(hits /hugewait)" = 2 ] || fail "hugewait: want 2 requests"
expect_in "$T/err" "vp-fetch: GET $BASE/hugewait: the server asked to wait longer than 2 s (Retry-After: 99999999999999999999); waiting 2 s (--max-backoff)"
# Retry-After as an HTTP-date already past: retried at once
t0=$(now_ms)
fetch /retrydate --max-backoff 5
[ $(($(now_ms) - t0)) -lt 900 ] || fail "Retry-After: a past HTTP-date was waited for"
[ "$(hits /retrydate)" = 2 ] || fail "429 (Retry-After: date) then 200: want 2 requests"
fetch /retry503
[ "$(hits /retry503)" = 2 ] || fail "503 then 200: want 2 requests"
fetch /retry500
[ "$(hits /retry500)" = 2 ] || fail "500 then 200: want 2 requests"
# a full disk: the message names the output file (74)
expect_exit 74 vp-fetch --url "$BASE/retry500" --records /results --id /ref --text /answers/comments \
	--token-env VOXPOP_TEST_TOKEN --max-backoff 0 -o /dev/full
expect_in "$T/err" "vp-fetch: /dev/full: write error: No space left on device"
want=0
# 408 Request Timeout is the server giving up on a slow request: retried too
fetch /retry408
[ "$(hits /retry408)" = 2 ] || fail "408 then 200: want 2 requests"
fetch /truncated
expect_in "$T/out" '"R-3/comments"'
[ "$(hits /truncated)" = 2 ] || fail "truncated then whole: want 2 requests"

want=75
fetch /always500 --max-retries 2
[ "$(hits /always500)" = 3 ] || fail "--max-retries 2: want 3 requests, got $(hits /always500)"
expect_in "$T/err" "vp-fetch: GET $BASE/always500: HTTP 500 (gave up after 3 attempts)"
fetch /slow --timeout 1 --max-retries 0
expect_in "$T/err" "GET $BASE/slow:"

# redirects are followed over http(s) only
want=0
fetch /moved
expect_in "$T/out" '"R-3/comments"'
want=69
fetch /tofile
[ ! -s "$T/out" ] || fail "a redirect to file:// was followed"

want=66
fetch /gone
expect_in "$T/err" "GET $BASE/gone: HTTP 404"
want=77
fetch /denied
expect_in "$T/err" "HTTP 403: not authorised"
# the server wants another token: 401, and the message never shows either
expect_exit 77 env VOXPOP_TEST_TOKEN=wrong-token vp-fetch --url "$BASE/retry500" \
	--records /results --id /ref --text /t --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "HTTP 401: not authorised"
expect_not_in "$T/err" "wrong-token"

want=65
fetch "/notjson?page=1&access_token=$TOKEN&api_key=$TOKEN"
expect_in "$T/err" "GET $BASE/notjson?page=1&access_token=REDACTED&api_key=REDACTED: page is not valid JSON"
fetch /norecords
expect_in "$T/err" "GET $BASE/norecords: page has no array of responses at '/results'"
fetch /big --max-page-bytes 100
expect_in "$T/err" "page larger than 100 bytes"

want=76
fetch /offsite
expect_in "$T/err" "refusing to send the token there"
expect_not_in "$T/log" "/api/steal"
# a header line longer than libcurl takes (100 kB) is the service's fault
# (76), not "out of memory" (71), and is not retried
fetch /hugeheader
expect_in "$T/err" "GET $BASE/hugeheader: response header too large"
[ "$(hits /hugeheader)" = 1 ] || fail "a huge header: want 1 request"
# so are headers too large together (libcurl's 300 kB), each line short
# enough: not a network fault to retry until 75
fetch /hugeheaders
expect_in "$T/err" "GET $BASE/hugeheaders: "
expect_in "$T/err" "response headers"
[ "$(hits /hugeheaders)" = 1 ] || fail "huge headers: want 1 request"
exit 0
