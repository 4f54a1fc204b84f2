#!/bin/sh
# Issue 18: exactly once across kill -9 for the new presets.  Paged ones
# (msgraph-excel, google-forms, jotform, smartsurvey): killed while a later
# page stalls, after the first page's records reached the output.
# Qualtrics (asynchronous): killed while the export is polled, the rerun
# resumes that export (its progressId is in the state: one POST in all); a
# download cut off resumes too; an export that has gone (404) is started
# again.  Each time the output equals one clean run's.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
I="$D/i18"
SECRET=sec-HIDDEN-91c2e7
export VOXPOP_TEST_SECRET="$SECRET" VOXPOP_TEST_CLIENT=client-77
start() { : >"$T/log"; start_server -d "$I" "$@"; }

# kill_at NAME SERVER_OPTS STALL_TARGET LINES -- VP-FETCH OPTIONS
# clean run, then a run killed while STALL_TARGET stalls (LINES records out),
# then a rerun: the output must equal the clean run's.
kill_at() {
	name=$1 sopts=$2 stall=$3 lines=$4; shift 5
	routes=$I/$name.routes
	eval "start $sopts \"\$routes\""
	case $sopts in -O*) set -- "$@" --oauth-token-url "$BASE/oauth/token";; esac
	vp-fetch "$@" --base-url "$BASE" --state "$T/$name.c.state" >"$T/$name.clean" 2>"$T/err" ||
		{ cat "$T/err"; fail "$name: clean run failed"; }
	{ echo "$stall 200 $(grep -F "$stall " "$routes" | awk '{print $3; exit}') stall=30 times=1"; cat "$routes"; } >"$T/$name.k.routes"
	eval "start $sopts \"\$T/\$name.k.routes\""
	case $sopts in -O*) set -- "$@" --oauth-token-url "$BASE/oauth/token";; esac
	vp-fetch "$@" --base-url "$BASE" --state "$T/$name.state" >>"$T/$name.out" 2>"$T/err" &
	pid=$!
	wait_for "$T/log" "REQUEST GET $stall"
	i=0
	while [ "$(wc -l <"$T/$name.out")" -lt "$lines" ]; do
		i=$((i + 1)); [ $i -le 250 ] || fail "$name: first page never reached the output"; sleep 0.02
	done
	kill -9 $pid
	port=$PORT
	wait $pid 2>/dev/null
	vp-fetch "$@" --base-url "$BASE" --state "$T/$name.state" >>"$T/$name.out" 2>"$T/err" ||
		{ cat "$T/err"; fail "$name: rerun after kill -9 failed"; }
	expect_in "$T/err" "interrupted run"
	cmp "$T/$name.clean" "$T/$name.out" || fail "$name: after kill -9 and rerun the output is not one clean run"
	no_leak "$T/$name.out" "$T/$name.state" "$T/err"
}

kill_at mx "-O client-77:$SECRET" '/v1.0/drives/b!drv1/items/01ITEM/workbook/tables/Table1/rows?$top=2&$skip=2' 1 -- \
	--preset msgraph-excel --survey 'b!drv1/01ITEM/Table1' --page-size 2 --token-env VOXPOP_TEST_CLIENT \
	--secret-env VOXPOP_TEST_SECRET --text '/What could we do better?'
B=$(printf '%s:%s' "$TOKEN" "$SECRET" | base64 -w0)
kill_at ss "-a 'Basic $B'" '/v1/surveys/9001/responses?page_size=2&page=2' 1 -- \
	--preset smartsurvey --survey 9001 --page-size 2 --token-env VOXPOP_TEST_TOKEN --secret-env VOXPOP_TEST_SECRET
kill_at gf "-a 'Bearer $TOKEN'" '/v1/forms/1FAIpQLSd/responses?pageSize=2&pageToken=tokA' 2 -- \
	--preset google-forms --survey 1FAIpQLSd --page-size 2 --token-env VOXPOP_TEST_TOKEN
kill_at jf "-H APIKEY:$TOKEN" '/form/2410/submissions?limit=2&orderby=created_at&direction=ASC&offset=2' 2 -- \
	--preset jotform --survey 2410 --page-size 2 --token-env VOXPOP_TEST_TOKEN --max-backoff 1

# --- Qualtrics
Q=/API/v3/surveys/SV_abc123/export-responses
qx() { vp-fetch --preset qualtrics --survey SV_abc123 --base-url "$BASE" --max-backoff 0 \
	--token-env VOXPOP_TEST_TOKEN "$@"; }
start -H "X-API-TOKEN: $TOKEN" "$I/qx.routes"
qx >"$T/qx.clean" 2>"$T/err" || { cat "$T/err"; fail "qualtrics: clean run failed"; }
[ "$(wc -l <"$T/qx.clean")" = 3 ] || fail "qualtrics: clean run wants 3 records"

# 1. killed while polling: the state names the export; the rerun polls it, no new POST
{ echo "$Q/ES_0d2k4f7Qx 200 qx-progress.json stall=30 times=1"; cat "$I/qx.routes"; } >"$T/qx1.routes"
start -H "X-API-TOKEN: $TOKEN" "$T/qx1.routes"
printf 'earlier line\n' >"$T/qx1.out"
vp-fetch --preset qualtrics --survey SV_abc123 --base-url "$BASE" --max-backoff 0 \
	--token-env VOXPOP_TEST_TOKEN --state "$T/qx1.state" >>"$T/qx1.out" 2>"$T/err" &
pid=$!
wait_for "$T/log" "REQUEST GET $Q/ES_0d2k4f7Qx"
expect_in "$T/qx1.state" '"pending": "ES_0d2k4f7Qx"'
kill -9 $pid
wait $pid 2>/dev/null
qx --state "$T/qx1.state" >>"$T/qx1.out" 2>"$T/err" || { cat "$T/err"; fail "qualtrics: rerun after kill -9 failed"; }
[ "$(grep -c "REQUEST POST $Q" "$T/log")" = 1 ] || fail "qualtrics: the rerun started a second export"
{ printf 'earlier line\n'; cat "$T/qx.clean"; } | cmp - "$T/qx1.out" || fail "qualtrics: kill -9 + rerun is not one clean run"
expect_not_in "$T/qx1.state" "pending"
# and a third run: nothing new
qx --state "$T/qx1.state" >>"$T/qx1.out" 2>"$T/err" || fail "qualtrics: third run failed"
[ "$(wc -l <"$T/qx1.out")" = 4 ] || fail "qualtrics: third run wrote responses again"

# 2. the download is cut off (no retries): 75; the rerun resumes the export
F=$Q/1dc4b8e2-5f0a-4c3e-9b1d-7e6f5a4b3c2d-def/file
{ echo "$F 200 qx-export.zip truncate=200 times=1"; cat "$I/qx.routes"; } >"$T/qx2.routes"
start -H "X-API-TOKEN: $TOKEN" "$T/qx2.routes"
qx --state "$T/qx2.state" --max-retries 0 >>"$T/qx2.out" 2>"$T/err"
[ $? = 75 ] || { cat "$T/err"; fail "qualtrics: a cut download wants 75"; }
expect_in "$T/qx2.state" '"pending": "ES_0d2k4f7Qx"'
qx --state "$T/qx2.state" >>"$T/qx2.out" 2>"$T/err" || { cat "$T/err"; fail "qualtrics: rerun after a cut failed"; }
[ "$(grep -c "REQUEST POST $Q" "$T/log")" = 1 ] || fail "qualtrics: a cut download started a second export"
cmp "$T/qx.clean" "$T/qx2.out" || fail "qualtrics: cut + rerun is not one clean run"

# 3. the pending export has gone (404): started again, still exactly once
sed 's/"mark"/"pending": "ES_0d2k4f7Qx", "mark"/' "$T/qx1.state" >"$T/qx3.state"
cp "$T/qx1.out" "$T/qx3.out"
sed -i "s/\"ino\": \"[0-9]*\"/\"ino\": \"$(stat -c %i "$T/qx3.out")\"/" "$T/qx3.state"
{ echo "$Q/ES_0d2k4f7Qx 404 - times=1"; cat "$I/qx.routes"; } >"$T/qx3.routes"
start -H "X-API-TOKEN: $TOKEN" "$T/qx3.routes"
qx --state "$T/qx3.state" >>"$T/qx3.out" 2>"$T/err" || { cat "$T/err"; fail "qualtrics: a gone export should start again"; }
[ "$(grep -c "REQUEST POST $Q" "$T/log")" = 1 ] || fail "qualtrics: want one new export"
cmp "$T/qx1.out" "$T/qx3.out" || fail "qualtrics: restarted export wrote duplicates"

# 4. the export failed on the service's side ("status": "failed", for good):
# the pending export is dropped and a new one started, in the same run
{ echo "$Q/ES_0d2k4f7Qx 200 qx-failed.json times=1"; cat "$I/qx.routes"; } >"$T/qx4.routes"
start -H "X-API-TOKEN: $TOKEN" "$T/qx4.routes"
qx --state "$T/qx4.state" >"$T/qx4.out" 2>"$T/err" || { cat "$T/err"; fail "qualtrics: a failed export should start again"; }
[ "$(grep -c "REQUEST POST $Q" "$T/log")" = 2 ] || fail "qualtrics: want a second export after a failed one"
cmp "$T/qx.clean" "$T/qx4.out" || fail "qualtrics: failed + new export is not one clean run"
expect_not_in "$T/qx4.state" "pending"
# one that keeps failing: 75, and the state no longer names it
{ echo "$Q/ES_0d2k4f7Qx 200 qx-failed.json"; cat "$I/qx.routes"; } >"$T/qx5.routes"
start -H "X-API-TOKEN: $TOKEN" "$T/qx5.routes"
qx --state "$T/qx5.state" >"$T/qx5.out" 2>"$T/err"
[ $? = 75 ] || { cat "$T/err"; fail "qualtrics: an export failing every time wants 75"; }
expect_in "$T/err" "the export failed"
expect_not_in "$T/qx5.state" "pending"

# 5. the export's file has gone (404): a new export, not 66 for ever
{ echo "$F 404 - times=1"; cat "$I/qx.routes"; } >"$T/qx6.routes"
start -H "X-API-TOKEN: $TOKEN" "$T/qx6.routes"
qx --state "$T/qx6.state" >"$T/qx6.out" 2>"$T/err" || { cat "$T/err"; fail "qualtrics: a gone file should start a new export"; }
[ "$(grep -c "REQUEST POST $Q" "$T/log")" = 2 ] || fail "qualtrics: want a second export after a gone file"
cmp "$T/qx.clean" "$T/qx6.out" || fail "qualtrics: gone file + new export is not one clean run"
# ... and gone again for the second export too: 75, try later (was 66)
{ echo "$F 404 - times=2"; cat "$I/qx.routes"; } >"$T/qx7.routes"
start -H "X-API-TOKEN: $TOKEN" "$T/qx7.routes"
qx --state "$T/qx7.state" >"$T/qx7.out" 2>"$T/err"; got=$?
[ "$got" = 75 ] || { cat "$T/err"; fail "qualtrics: a file gone twice exited $got, want 75"; }
expect_in "$T/err" "try again later"
no_leak "$T/qx1.out" "$T/qx1.state" "$T/qx2.state" "$T/err"
exit 0
