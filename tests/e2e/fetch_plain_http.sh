#!/bin/sh
# Credentials never go where they should not: a token given by mistake as a
# positional argument is not echoed; plain http carries a token, a client
# secret or a header only to a loopback host (the URL parsed, not its text:
# http://127.0.0.1@other/ and http://127.0.0.1.evil.example/ are other hosts).
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
SECRET=client-SECRET-77aa01
export VOXPOP_TEST_SECRET="$SECRET"
set -- --records /items --id /id --text /comments

# a stray positional argument (a pasted token) is refused, not shown
expect_exit 64 vp-fetch --url http://h/x "$@" mytoken123
expect_in "$T/err" "unexpected argument (not shown"
expect_not_in "$T/err" "mytoken123"

# --oauth-token-url: the host parsed, plain http only to loopback
start_server -O "$TOKEN:$SECRET" "$D/i18/generic.routes"
for u in "http://127.0.0.1@127.0.0.2:$PORT/oauth/token" "http://127.0.0.1.evil.example/oauth/token" \
	"http://example.org/oauth/token" "http://127.0.0.2:$PORT/oauth/token" "ftp://127.0.0.1/x"; do
	expect_exit 64 vp-fetch --url "$BASE/g/page" --page-param page "$@" --token-env VOXPOP_TEST_TOKEN \
		--secret-env VOXPOP_TEST_SECRET --oauth-token-url "$u" --max-retries 0
	expect_in "$T/err" "--oauth-token-url must be https"
	no_leak "$T/err"
done
expect_not_in "$T/log" "REQUEST"
# loopback by name and address still works (tests, a local proxy)
expect_exit 0 vp-fetch --url "$BASE/g/page" --page-param page --limit 2 "$@" --token-env VOXPOP_TEST_TOKEN \
	--secret-env VOXPOP_TEST_SECRET --oauth-token-url "http://localhost:$PORT/oauth/token"
expect_in "$T/log" "BODY grant_type=client_credentials"

# --url / --base-url with a token over plain http to another host: refused
for u in "http://127.0.0.1@127.0.0.2:$PORT/g/page" "http://127.0.0.1.evil.example/g/page" "http://example.org/g/page"; do
	expect_exit 64 vp-fetch --url "$u" --page-param page "$@" --token-env VOXPOP_TEST_TOKEN --max-retries 0
	expect_in "$T/err" "plain http"
	expect_exit 64 vp-fetch --url "$u" --page-param page "$@" --header 'X-API-TOKEN: env:VOXPOP_TEST_TOKEN' --max-retries 0
	expect_in "$T/err" "plain http"
done
expect_exit 64 vp-fetch --preset surveymonkey --survey 1 --base-url http://example.org --token-env VOXPOP_TEST_TOKEN --max-retries 0
expect_in "$T/err" "plain http"
# a user:password in the URL is a credential too (curl sends it as HTTP Basic)
expect_exit 64 vp-fetch --url "http://user:s3cretpw@127.0.0.2:9/g/page" "$@" --max-retries 0 --connect-timeout 2
expect_in "$T/err" "plain http"
expect_not_in "$T/err" "s3cretpw"
# without a credential plain http anywhere is the user's business (it fails here: nothing listens)
expect_exit 75 vp-fetch --url "http://127.0.0.2:9/g/page" "$@" --max-retries 0 --connect-timeout 2
exit 0
