#!/bin/sh
# vp-fetch on a generic JSON API: --records/--id/--date/--text/--locality
# pointers, next page from the body (--next PTR, relative URL) or from the
# RFC 8288 Link header (--next link), --since-param with --state.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -a "Bearer $TOKEN" "$D/generic/routes"

set -- --records /results --next /next --id /ref --date /created --locality /place/name \
	--text /answers/comments --text /answers/q~12 --question "Second question" \
	--token-env VOXPOP_TEST_TOKEN
expect_exit 0 vp-fetch --url "$BASE/api/responses?per_page=2" "$@"
[ "$(wc -l <"$T/out")" = 5 ] || fail "want 5 records (R-2's empty comment skipped), got $(wc -l <"$T/out")"
expect_in "$T/out" '{"id":"R-1/comments","source":"127.0.0.1:'"$PORT"'","channel":"form","locality":"Leicester","date":"2024-05-01","respondent":"R-1","question":"comments","text":"Too long to wait.","fields":{"response_id":"R-1","timestamp":"2024-05-01"}}'
expect_in "$T/out" '"id":"R-2/q/2","source":"127.0.0.1:'"$PORT"'","channel":"form","locality":"Loughborough","date":"2024-05-02","respondent":"R-2","question":"Second question","text":"Second 2"'
expect_not_in "$T/out" '"R-2/comments"'
# a response's answers are one respondent's, as a survey row's are: vp-count
# counts people, not answers (each answer was once a respondent of its own)
grep -o '"response_id":"[^"]*"' "$T/out" | sort -u >"$T/resp"
vp-normalise <"$T/out" | vp-tag | vp-count >"$T/count" || fail "vp-count failed"
got=$(sed -n 's/^  "respondents": \([0-9]*\),*$/\1/p' "$T/count")
[ "$got" = "$(wc -l <"$T/resp")" ] || fail "vp-count: $got respondents, want one a response ($(wc -l <"$T/resp"))"
expect_in "$T/log" "REQUEST GET /api/responses?per_page=2&cursor=abc"
expect_in "$T/log" "Authorization: Bearer $TOKEN"

# two --text pointers ending in the same name (/a/comments, /b/comments) are
# two questions: their records have ids of their own (comments, comments/2,
# as a question's second text box), so no stage takes the second for the
# first written again -- vp-latest dropped 'Parking is bad.' as an older
# version of R-1; the same pointer twice is a usage error (each answer once)
mkdir -p "$T/two"
printf '%s\n' '{"results":[{"ref":"R-1","created":"2024-05-01T10:00:00Z","a":{"comments":"Parking is bad."},"b":{"comments":"Staff were rude."}},{"ref":"R-2","created":"2024-05-02T10:00:00Z","a":{"comments":"Long wait."},"b":{"comments":"Nice nurses."}}]}' >"$T/two/p.json"
printf '/api/two 200 p.json\n' >"$T/two/routes"
stop_server
start_server -a "Bearer $TOKEN" "$T/two/routes"
expect_exit 0 vp-fetch --url "$BASE/api/two" --records /results --id /ref --date /created \
	--text /a/comments --text /b/comments --question "What went badly?" \
	--token-env VOXPOP_TEST_TOKEN --output "$T/two.ndjson"
[ "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/two.ndjson" | tr '\n' ' ')" = \
	"R-1/comments R-1/comments/2 R-2/comments R-2/comments/2 " ] ||
	fail "two --text pointers ending alike: ids not apart: $(cat "$T/two.ndjson")"
expect_in "$T/two.ndjson" '"id":"R-1/comments/2","source":"127.0.0.1:'"$PORT"'","channel":"form","locality":"","date":"2024-05-01","respondent":"R-1","question":"What went badly?","text":"Staff were rude."'
expect_exit 0 vp-latest "$T/two.ndjson"
cmp "$T/out" "$T/two.ndjson" || fail "vp-latest dropped answers of two --text pointers ending alike: $(cat "$T/err")"
expect_exit 64 vp-fetch --url "$BASE/api/two" --records /results --id /ref \
	--text /a/comments --text /a/comments --token-env VOXPOP_TEST_TOKEN
expect_in "$T/err" "--text /a/comments is given twice"
stop_server
start_server -a "Bearer $TOKEN" "$D/generic/routes"

# --next link: the Link header's rel="next"
expect_exit 0 vp-fetch --url "$BASE/api/linked?page=1" --records /items --next link --id /ref \
	--text /answers/comments --source "engagement-form" --token-env VOXPOP_TEST_TOKEN
[ "$(wc -l <"$T/out")" = 2 ] || fail "--next link: want 2 records, got $(wc -l <"$T/out")"
expect_in "$T/out" '"id":"R-3/comments","source":"engagement-form"'

# --since-param: the second run sends the mark and skips R-3 (at the mark)
expect_exit 0 vp-fetch --url "$BASE/api/responses?per_page=2" "$@" --since-param since \
	--state "$T/g.state" --output "$T/g.ndjson"
expect_exit 0 vp-fetch --url "$BASE/api/responses?per_page=2" "$@" --since-param since \
	--state "$T/g.state" --output "$T/g.ndjson"
expect_in "$T/log" "REQUEST GET /api/responses?per_page=2&since=2024-05-03"
[ "$(grep -c '"R-3/' "$T/g.ndjson")" = 2 ] || fail "R-3 emitted twice"
[ "$(grep -c '"R-4/' "$T/g.ndjson")" = 2 ] || fail "R-4 missing"
[ "$(wc -l <"$T/g.ndjson")" = 7 ] || fail "want 7 records after two runs, got $(wc -l <"$T/g.ndjson")"
no_leak "$T/out" "$T/err" "$T/g.ndjson" "$T/g.state"

# on a terminal, progress on stderr (script(1) gives vp-fetch a pty)
if command -v script >/dev/null 2>&1; then
	script -qec "vp-fetch --url '$BASE/api/responses?per_page=2' --records /results --next /next \
		--id /ref --text /answers/comments --token-env VOXPOP_TEST_TOKEN >/dev/null" \
		/dev/null >"$T/tty" 2>&1 </dev/null || fail "vp-fetch under script(1) failed: $(cat "$T/tty")"
	expect_in "$T/tty" "vp-fetch: page 1: 2 responses, 1 records"
	expect_in "$T/tty" "vp-fetch: page 2: 3 responses, 2 records"
	no_leak "$T/tty"
fi

# usage: the generic API needs --records; a bad pointer is named; no token on argv
expect_exit 64 vp-fetch --url "$BASE/api/responses" --id /ref --text /t
expect_in "$T/err" "--records"
expect_exit 64 vp-fetch --url "$BASE/x" --records results --id /ref --text /t
expect_in "$T/err" "JSON pointer 'results': must be empty or start with '/'"
expect_exit 64 vp-fetch --url "$BASE/x" --records /r --id /ref --text /t --token "$TOKEN"
no_leak "$T/err"
expect_exit 64 vp-fetch --url "$BASE/x" --records /r --id /ref --text /t --token-env VP_UNSET_VAR_X
expect_in "$T/err" "VP_UNSET_VAR_X"
expect_in "$T/err" "environment variable VP_UNSET_VAR_X (--token-env) is not set"
# set but empty (an export with nothing after '='): said so, not "not set"
for v in token secret; do
	VP_EMPTY_VAR_X= expect_exit 64 vp-fetch --url "$BASE/x" --records /r --id /ref --text /t \
		--$v-env VP_EMPTY_VAR_X
	expect_in "$T/err" "environment variable VP_EMPTY_VAR_X (--$v-env) is empty"
done
VP_EMPTY_VAR_X= expect_exit 64 vp-fetch --url "$BASE/x" --records /r --id /ref --text /t \
	--header 'X-API-TOKEN: env:VP_EMPTY_VAR_X'
expect_in "$T/err" "--header X-API-TOKEN: environment variable VP_EMPTY_VAR_X is empty"
exit 0
