#!/bin/sh
# Issue 18 presets against the test server speaking each documented
# protocol: smartsurvey (Basic, page/page_size, since), google-forms
# (bearer, nextPageToken -> pageToken, text questions only, filter),
# msgraph-excel and msgraph-list (OAuth2 client credentials, 401 -> refresh,
# @odata.nextLink), jotform (APIKEY header, offset/limit, Retry-After),
# qualtrics (X-API-TOKEN, POST export, polling, zip -> vp-ingest's layout).
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
I="$D/i18"
SECRET=sec-HIDDEN-91c2e7
export VOXPOP_TEST_SECRET="$SECRET"
leak() { no_leak "$@"; for f in "$@"; do ! grep -qF -- "$SECRET" "$f" || fail "secret leaked into $f"; done; }
start() { : >"$T/log"; start_server "$@"; }
ids() { sed 's/^{"id":"\([^"]*\)".*/\1/' "$1" | tr '\n' ' '; }

# --- SmartSurvey: token + secret as HTTP Basic, page/page_size, since=
B=$(printf '%s:%s' "$TOKEN" "$SECRET" | base64 -w0)
start -a "Basic $B" "$I/ss.routes"
set -- --preset smartsurvey --survey 9001 --base-url "$BASE" --page-size 2 \
	--token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET --state "$T/ss.state" -o "$T/ss.ndjson"
expect_exit 0 vp-fetch "$@"
[ "$(ids "$T/ss.ndjson")" = "101/11 103/11 " ] || fail "smartsurvey: got $(ids "$T/ss.ndjson")"
expect_in "$T/ss.ndjson" '"question":"What could we do better?","text":"More evening clinics, please."'
expect_exit 0 vp-fetch "$@"
expect_in "$T/log" "REQUEST GET /v1/surveys/9001/responses?page_size=2&since=1717402499&page=1"
[ "$(ids "$T/ss.ndjson")" = "101/11 103/11 104/11 " ] || fail "smartsurvey 2nd run: got $(ids "$T/ss.ndjson")"
expect_exit 64 vp-fetch --preset smartsurvey --survey 9001 --base-url "$BASE" --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "HTTP Basic"
leak "$T/ss.ndjson" "$T/ss.state" "$T/err"

# --- Google Forms: bearer, pageToken, only text questions, filter= on the mark,
# a page without "responses" is empty
start -a "Bearer $TOKEN" "$I/gf.routes"
set -- --preset google-forms --survey 1FAIpQLSd --base-url "$BASE" --page-size 2 \
	--token-env VOXPOP_TEST_TOKEN --state "$T/gf.state" -o "$T/gf.ndjson"
expect_exit 0 vp-fetch "$@"
[ "$(ids "$T/gf.ndjson")" = "ACYDBNh1/7a1b2c3d ACYDBNh2/7a1b2c3d ACYDBNh3/7a1b2c3d " ] ||
	fail "google-forms: got $(ids "$T/gf.ndjson")"
expect_in "$T/gf.ndjson" '"question":"What would improve the service?","text":"Shorter queues."'
expect_not_in "$T/gf.ndjson" 'Rutland'
expect_in "$T/log" "REQUEST GET /v1/forms/1FAIpQLSd/responses?pageSize=2&pageToken=tokA"
expect_exit 0 vp-fetch "$@"
expect_in "$T/log" "pageSize=2&filter=timestamp%20%3E%3D%202024-08-03T10%3A00%3A00Z"
[ "$(wc -l <"$T/gf.ndjson")" = 3 ] || fail "google-forms 2nd run added records"
leak "$T/gf.ndjson" "$T/gf.state"

# --- msgraph-excel: OAuth2 (token good for 2 requests: the 3rd gets 401,
# one refresh), columns named from /columns, rows -> objects, ids from ID
start -O "client-77:$SECRET" -X 2 "$I/mx.routes"
export VOXPOP_TEST_CLIENT=client-77
set -- --preset msgraph-excel --survey 'b!drv1/01ITEM/Table1' --base-url "$BASE" --page-size 2 \
	--token-env VOXPOP_TEST_CLIENT --secret-env VOXPOP_TEST_SECRET --oauth-token-url "$BASE/oauth/token" \
	--text '/What could we do better?' --state "$T/mx.state" -o "$T/mx.ndjson" --summary
expect_exit 0 vp-fetch "$@"
[ "$(ids "$T/mx.ndjson")" = "1/What could we do better? 3/What could we do better? " ] ||
	fail "msgraph-excel: got $(ids "$T/mx.ndjson")"
expect_in "$T/log" "EXPIRED at-1"
expect_in "$T/log" "TOKEN issued at-2"
expect_in "$T/log" "BODY grant_type=client_credentials&client_id=client-77&client_secret=$SECRET&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
expect_in "$T/err" "summary: msgraph-excel b!drv1/01ITEM/Table1: 2 new records, 2 pages"
expect_exit 0 vp-fetch "$@"
[ "$(wc -l <"$T/mx.ndjson")" = 2 ] || fail "msgraph-excel 2nd run: rows known by ID written again"
expect_in "$T/err" "0 new records"
leak "$T/mx.ndjson" "$T/mx.state" "$T/err"
expect_exit 64 vp-fetch --preset msgraph-excel --survey 'b!drv1/01ITEM/Table1' --text /x \
	--token-env VOXPOP_TEST_CLIENT --secret-env VOXPOP_TEST_SECRET
expect_in "$T/err" "--tenant"
expect_exit 64 vp-fetch --preset msgraph-excel --survey '../x/y' --text /x --token-env VOXPOP_TEST_CLIENT

# --- msgraph-list: @odata.nextLink, --text /fields/Comments, mark lastModifiedDateTime
start -O "client-77:$SECRET" "$I/ml.routes"
expect_exit 0 vp-fetch --preset msgraph-list --survey 'contoso.sharepoint.com,1a2b,3c4d/Feedback' \
	--base-url "$BASE" --page-size 2 --token-env VOXPOP_TEST_CLIENT --secret-env VOXPOP_TEST_SECRET \
	--oauth-token-url "$BASE/oauth/token" --text /fields/Comments --locality /fields/Area
[ "$(ids "$T/out")" = "1/Comments 2/Comments 3/Comments " ] || fail "msgraph-list: got $(ids "$T/out")"
expect_in "$T/out" '"locality":"Melton"'

# --- Jotform: APIKEY header, offset/limit, a 429 with Retry-After first
start -H "APIKEY: $TOKEN" "$I/jf.routes"
set -- --preset jotform --survey 2410 --base-url "$BASE" --page-size 2 --max-backoff 1 \
	--token-env VOXPOP_TEST_TOKEN --state "$T/jf.state" -o "$T/jf.ndjson" --summary
expect_exit 0 vp-fetch "$@"
[ "$(ids "$T/jf.ndjson")" = "5801/3 5802/3 5803/3 " ] || fail "jotform: got $(ids "$T/jf.ndjson")"
expect_in "$T/jf.ndjson" '"question":"What should we improve?"'
expect_in "$T/err" "3 new records, 2 pages, 1 retries"
expect_not_in "$T/log" "Authorization:"
expect_exit 0 vp-fetch "$@"
[ "$(wc -l <"$T/jf.ndjson")" = 3 ] || fail "jotform 2nd run wrote submissions again"
expect_exit 64 vp-fetch --preset jotform --survey 2410 --region us --token-env VOXPOP_TEST_TOKEN
leak "$T/jf.ndjson" "$T/jf.state" "$T/err"

# --- Qualtrics: POST the export, poll (inProgress twice), download the zip,
# the CSV read by vp-ingest's qualtrics layout
start -H "X-API-TOKEN: $TOKEN" "$I/qx.routes"
set -- --preset qualtrics --survey SV_abc123 --base-url "$BASE" --max-backoff 0 \
	--token-env VOXPOP_TEST_TOKEN --state "$T/qx.state" -o "$T/qx.ndjson"
expect_exit 0 vp-fetch "$@"
[ "$(ids "$T/qx.ndjson")" = "R_1DkA2b3C4d5E6f7:q1 R_2XyZ9w8V7u6T5s4:q2 R_3AbC1d2E3f4G5h6:q1 " ] ||
	fail "qualtrics: got $(ids "$T/qx.ndjson")"
expect_in "$T/qx.ndjson" '"source":"qualtrics:SV_abc123","channel":"form","locality":"Leicester City"'
[ "$(grep -c 'REQUEST GET /API/v3/surveys/SV_abc123/export-responses/ES_0d2k4f7Qx' "$T/log")" = 3 ] ||
	fail "qualtrics: want 3 polls"
expect_in "$T/log" 'BODY {"format":"csv","timeZone":"UTC"}'
expect_not_in "$T/qx.state" "pending"
# the export holds a survey preview and a spam response: not imported, and said
expect_not_in "$T/qx.ndjson" "R_9PrEvIeW0000001"
expect_not_in "$T/qx.ndjson" "R_9SpAm0000000002"
expect_in "$T/err" 'vp-fetch: qualtrics SV_abc123: 2 responses not imported: Qualtrics Status "Survey Preview" 1, "Spam" 1 (the author'"'"'s tests and spam, not responses)'
# a respondent who refused the consent question: not imported, and said
expect_not_in "$T/qx.ndjson" "R_4NoCoNsEnT00003"
expect_not_in "$T/qx.ndjson" "short staffed"
expect_in "$T/err" "vp-fetch: qualtrics SV_abc123: 1 response not imported, whose answer to 'Do you consent to us using your answers in our report?'"
expect_in "$T/err" "is No (consent refused)"

expect_exit 0 vp-fetch "$@"
expect_in "$T/log" '"startDate":"2026-04-02T09:10:00Z"'
[ "$(wc -l <"$T/qx.ndjson")" = 3 ] || fail "qualtrics 2nd run wrote responses again"
expect_exit 64 vp-fetch --preset qualtrics --survey SV_abc123 --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "--region"
leak "$T/qx.ndjson" "$T/qx.state" "$T/err"
exit 0
