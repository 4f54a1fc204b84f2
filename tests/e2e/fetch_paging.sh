#!/bin/sh
# Issue 18, generic mode: page-number, offset and token paging; header
# secrets from env:/file: (a literal credential refused); HTTP Basic from two
# secrets; OAuth2 client credentials; a redirect is not followed with a
# secret header.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
I="$D/i18"
SECRET=sec-HIDDEN-91c2e7
export VOXPOP_TEST_SECRET="$SECRET"
leak() { no_leak "$@"; for f in "$@"; do ! grep -qF -- "$SECRET" "$f" || fail "secret leaked into $f"; done; }
set -- --records /items --id /ref --date /created --text /comments

# page numbers: page=1, 2, 3 (empty) with limit=2; header secret from env
start_server -H "X-API-TOKEN: $TOKEN" "$I/generic.routes"
expect_exit 0 vp-fetch --url "$BASE/g/page" --page-param page --limit 2 "$@" \
	--header 'X-API-TOKEN: env:VOXPOP_TEST_TOKEN' --header 'X-Client: voxpop'
[ "$(wc -l <"$T/out")" = 4 ] || fail "page-param: want 4 records, got $(wc -l <"$T/out")"
expect_in "$T/log" "REQUEST GET /g/page?limit=2&page=3"
expect_in "$T/log" "X-Client: voxpop"
# offsets 0, 2; a short page ends; the header secret from a file
printf '%s\n' "$TOKEN" >"$T/key"
expect_exit 0 vp-fetch --url "$BASE/g/off" --offset-param offset --limit 2 --limit-param size "$@" \
	--header "X-API-TOKEN: file:$T/key"
[ "$(wc -l <"$T/out")" = 3 ] || fail "offset-param: want 3 records"
expect_not_in "$T/log" "offset=4"
# a token sent back as pageToken
expect_exit 0 vp-fetch --url "$BASE/g/tok?n=2" --next /next_token --next-param pageToken "$@" \
	--header 'X-API-TOKEN: env:VOXPOP_TEST_TOKEN' --summary
[ "$(wc -l <"$T/out")" = 3 ] || fail "next-param: want 3 records"
expect_in "$T/log" "REQUEST GET /g/tok?n=2&pageToken=T2"
expect_in "$T/err" "vp-fetch: summary: generic: 3 new records, 2 pages, 0 retries,"
expect_in "$T/err" "exit 0"
leak "$T/out" "$T/err"
# a redirect is not followed with a secret header (76)
expect_exit 76 vp-fetch --url "$BASE/g/redirect" --next /next_token --next-param pageToken "$@" \
	--header 'X-API-TOKEN: env:VOXPOP_TEST_TOKEN'
expect_in "$T/err" "redirect"
# the wrong key: 77
VOXPOP_OTHER=nope expect_exit 77 vp-fetch --url "$BASE/g/off" --offset-param offset "$@" \
	--header 'X-API-TOKEN: env:VOXPOP_OTHER'
# a literal credential in argv is refused, and not printed
expect_exit 64 vp-fetch --url "$BASE/g/off" --offset-param offset "$@" --header "X-API-TOKEN: $TOKEN"
expect_in "$T/err" "never goes on the command line"
expect_exit 64 vp-fetch --url "$BASE/g/off" --offset-param offset "$@" --header "Authorization: Bearer $TOKEN"
expect_exit 64 vp-fetch --url "$BASE/g/off" --offset-param offset "$@" --header "x-api-key: $TOKEN"
leak "$T/err"
# contradictions
expect_exit 64 vp-fetch --url "$BASE/g/off" --offset-param offset --page-param page "$@"
expect_exit 64 vp-fetch --url "$BASE/g/off" --next-param pageToken "$@"
expect_exit 64 vp-fetch --url "$BASE/g/off" --limit-param size "$@"

# HTTP Basic from two secrets
B=$(printf '%s:%s' "$TOKEN" "$SECRET" | base64 -w0)
start_server -a "Basic $B" "$I/generic.routes"
expect_exit 0 vp-fetch --url "$BASE/g/off" --offset-param offset --limit 2 --limit-param size "$@" \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET
[ "$(wc -l <"$T/out")" = 3 ] || fail "basic: want 3 records"
leak "$T/out" "$T/err"

# OAuth2 client credentials: the id and secret POSTed to the token endpoint,
# the bearer token used; a token that expires after 2 requests: 401, one
# refresh, the request again
start_server -O "$TOKEN:$SECRET" -X 2 "$I/generic.routes"
expect_exit 0 vp-fetch --url "$BASE/g/page" --page-param page --limit 2 "$@" \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET \
	--oauth-token-url "$BASE/oauth/token" --scope "forms.read" --state "$T/o.state" -o "$T/o.ndjson"
[ "$(wc -l <"$T/o.ndjson")" = 4 ] || fail "oauth: want 4 records"
expect_in "$T/log" "BODY grant_type=client_credentials&client_id=$TOKEN&client_secret=$SECRET&scope=forms.read"
expect_in "$T/log" "EXPIRED at-1"
expect_in "$T/log" "TOKEN issued at-2"
expect_in "$T/log" "Authorization: Bearer at-2"
leak "$T/o.ndjson" "$T/o.state" "$T/err"
# a token that expires within the refresh margin (60 s) is renewed before each request
: >"$T/log"
start_server -O "$TOKEN:$SECRET" -E 30 "$I/generic.routes"
expect_exit 0 vp-fetch --url "$BASE/g/page" --page-param page --limit 2 "$@" \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET --oauth-token-url "$BASE/oauth/token"
expect_in "$T/log" "TOKEN issued at-3"
expect_not_in "$T/log" "EXPIRED"
# refused credentials: 77, once, the secret nowhere
VOXPOP_TEST_SECRET=wrong-secret-0000 expect_exit 77 vp-fetch --url "$BASE/g/page" --page-param page "$@" \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET --oauth-token-url "$BASE/oauth/token"
expect_in "$T/err" "refused the client credentials"
leak "$T/err"
# a token that is refused even fresh: 77 after one refresh, not a loop
: >"$T/log"
start_server -O "$TOKEN:$SECRET" -X 0 "$I/generic.routes"
expect_exit 77 vp-fetch --url "$BASE/g/page" --page-param page "$@" \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET --oauth-token-url "$BASE/oauth/token"
[ "$(grep -c 'TOKEN issued' "$T/log")" = 2 ] || fail "401 after a refresh should stop, not loop"
exit 0
