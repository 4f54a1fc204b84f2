#!/bin/sh
# A response edited after it was fetched (SurveyMonkey's date_modified moves
# on) is fetched again and appended as a new version: same "respondent", same
# record ids, a newer date.  The README's nightly pipeline reads the stored
# file through vp-latest, which keeps the latest version of each response:
# the edited response counts once, with its edited text's themes, and its
# answer blanked in the edit is gone with its old version.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
sm() { # the nightly import of the README, against the test server
	vp-fetch --preset surveymonkey --survey 405123987 --base-url "$BASE" --page-size 2 \
		--token-env VOXPOP_TEST_TOKEN --locality /custom_variables/area \
		--state "$T/bct.state" --output "$T/bct.ndjson" "$@"
}
start_server "$D/edit/routes"
sm 2>"$T/err1" || { cat "$T/err1"; fail "first run failed"; }
sm 2>"$T/err2" || { cat "$T/err2"; fail "second run failed"; }
# the stored file holds both versions of 114367892301 (2 records, then 1)
[ "$(grep -c '"respondent":"114367892301"' "$T/bct.ndjson")" = 3 ] ||
	fail "want the edited response's two versions stored (3 records): $(cat "$T/bct.ndjson")"
expect_in "$T/bct.ndjson" '"text":"Parking at the hospital is impossible."'

# without vp-latest, vp-count sees the edited response again: its warning
# says how to count it once
vp-normalise <"$T/bct.ndjson" | vp-tag | vp-count --compact >/dev/null 2>"$T/cerr0" ||
	{ cat "$T/cerr0"; fail "the chain without vp-latest failed"; }
expect_in "$T/cerr0" "1 respondent was not adjacent"
expect_in "$T/cerr0" "vp-fetch output with edited responses: run vp-latest on it first"

# the nightly pipeline, as the README gives it
vp-latest "$T/bct.ndjson" 2>"$T/lerr" >"$T/latest.ndjson" ||
	{ cat "$T/lerr"; fail "vp-latest failed"; }
vp-normalise <"$T/latest.ndjson" | vp-tag | vp-count --compact >"$T/counts.json" 2>"$T/cerr" ||
	{ cat "$T/cerr"; fail "the chain failed"; }
expect_in "$T/lerr" "vp-latest: 2 records of 1 older version of edited responses dropped"
# records in = records out + dropped: 4 = 2 + 2
[ "$(wc -l <"$T/latest.ndjson")" = 2 ] || fail "want 2 records out of 4: $(cat "$T/latest.ndjson")"
expect_in "$T/counts.json" '"records":2,"rejected":0,"respondents":2,'
expect_not_in "$T/counts.json" '"respondents_not_adjacent"'
expect_not_in "$T/cerr" "not adjacent"
# the edit's themes, not the first version's (its answers rewritten or blanked)
expect_in "$T/counts.json" '"transport/parking":{"records":1,'
expect_in "$T/counts.json" '"coordination/discharge":{"records":1,'
# ("Waited three weeks for a GP appointment." / "Staff were kind." no more)
expect_not_in "$T/counts.json" '"access/appointments"'
expect_not_in "$T/counts.json" '"staff/attitude"'
expect_in "$T/counts.json" '"Leicester City":{"records":1,"respondents":1,"themes":{"transport":'
expect_not_in "$T/latest.ndjson" 'Waited three weeks'
expect_not_in "$T/latest.ndjson" 'Staff were kind'
# the records kept are the stored lines, byte for byte, in the file's order
grep -v '"respondent":"114367892301".*"timestamp":"2024-03-01T09:15:02' "$T/bct.ndjson" |
	cmp - "$T/latest.ndjson" || fail "vp-latest changed or reordered the records it kept"

# rotated output, the versions of the edited response in two files: the
# files are one input; given in either order the same records are kept
# (the dates are times), each in its file's place
head -n 2 "$T/bct.ndjson" >"$T/bct-old.ndjson"
tail -n +3 "$T/bct.ndjson" >"$T/bct-new.ndjson"
expect_exit 0 vp-latest "$T/bct-old.ndjson" "$T/bct-new.ndjson"
cmp "$T/out" "$T/latest.ndjson" || fail "rotated files: not the records of the one file"
expect_exit 0 vp-latest "$T/bct-new.ndjson" "$T/bct-old.ndjson"
sort "$T/out" >"$T/rev.sorted"
sort "$T/latest.ndjson" | cmp - "$T/rev.sorted" || fail "rotated files given in reverse: other records kept: $(cat "$T/out")"
expect_in "$T/err" "vp-latest: 2 records of 1 older version of edited responses dropped"

# a bad line in it stops the first pass, before any record is written; with
# --skip-bad it is said once (by the second pass), the rest as before
{ head -n 2 "$T/bct.ndjson"; echo 'not json'; tail -n +3 "$T/bct.ndjson"; } >"$T/bad.ndjson"
expect_exit 65 vp-latest "$T/bad.ndjson"
expect_in "$T/err" "vp-latest: $T/bad.ndjson:3: bad JSON"
[ ! -s "$T/out" ] || fail "records written before a bad record stopped the first pass"
expect_exit 0 vp-latest --skip-bad "$T/bad.ndjson"
[ "$(grep -c "skipped 1 bad record of 5" "$T/err")" = 1 ] || { cat "$T/err"; fail "want the bad record reported once"; }
[ "$(grep -c ":3: bad JSON" "$T/err")" = 1 ] || { cat "$T/err"; fail "want the bad line named once"; }
cmp "$T/out" "$T/latest.ndjson" || fail "--skip-bad: not the same records"

# it reads the file twice: standard input is refused (64), saying so
expect_exit 64 vp-latest <"$T/bct.ndjson"
expect_in "$T/err" "give the file"
expect_exit 64 vp-latest - <"$T/bct.ndjson"
expect_in "$T/err" "give the file"
[ ! -s "$T/out" ] || fail "vp-latest wrote records from standard input"
# so is a pipe named as a file (it cannot be read again)
mkfifo "$T/fifo"
expect_exit 64 vp-latest "$T/fifo"
expect_in "$T/err" "not a regular file"
expect_exit 66 vp-latest "$T/missing.ndjson"
expect_in "$T/err" "vp-latest: $T/missing.ndjson: No such file or directory"
# the nightly counts line of contrib/cron (and the README): cron's sh has no
# pipefail, so a chain 'vp-latest ... | ... | vp-count > counts.json' whose
# vp-latest fails (a line cut short by a vp-fetch killed mid-write, the file
# growing under it) replaced the counts with an empty document and exit 0.
# The line takes vp-fetch's own lock (STATE.lock) and replaces the counts
# only when every step succeeded, saying so when one did not.
line=$(sed -n 's/^[0-9]* [0-9]* \* \* \* voxpop \(.*vp-latest.*\)$/\1/p' "$VP_ROOT/contrib/cron/voxpop-fetch")
[ -n "$line" ] || fail "contrib/cron/voxpop-fetch has no line running vp-latest on the stored file"
grep -qF -- "$line" "$VP_ROOT/README.md" || fail "the README's nightly counts line is not contrib/cron's: $line"
case $line in *flock*bct.state.lock*vp-latest*) ;; *) fail "the counts line does not take vp-fetch's lock: $line" ;; esac
mkdir -p "$T/var" "$T/varlog"
cp "$T/bct.ndjson" "$T/var/bct.ndjson"
cron_line() { sh -c "$(printf '%s\n' "$line" | sed "s|/var/lib/voxpop|$T/var|g; s|/var/log/voxpop|$T/varlog|g")"; }
cron_line >"$T/mail" || fail "the counts line failed: $(cat "$T/mail" "$T/varlog/"* 2>/dev/null)"
[ ! -s "$T/mail" ] || fail "the counts line said something on a good night: $(cat "$T/mail")"
vp-normalise <"$T/latest.ndjson" | vp-tag | vp-count >"$T/chain.json" || fail "chain failed"
cmp "$T/var/bct-counts.json" "$T/chain.json" || fail "the counts line's counts are not the chain's"
cp "$T/var/bct-counts.json" "$T/good.json"
printf '{"id":"114367892303/1","respondent":"114' >>"$T/var/bct.ndjson"
cron_line >"$T/mail"
cmp "$T/var/bct-counts.json" "$T/good.json" || fail "a failed vp-latest replaced the counts: $(cat "$T/var/bct-counts.json")"
expect_in "$T/mail" "failed"
expect_in "$T/varlog/counts.log" "truncated JSON line"

# vp-ingest's output, where one respondent's rows need not be adjacent (a
# long export: one row an answer, by question), has no versions: every row
# is kept, in the file's order, and the rows apart from the rest of their
# respondent's are said (not called older versions of edited responses)
printf 'Respondent ID,Date,Question,Comment\nP1,2024-05-01,Q1,Parking is awful\nP2,2024-05-01,Q1,Nurses were kind\nP1,2024-05-01,Q2,Waited four hours\nP2,2024-05-01,Q2,Clean wards\n' >"$T/long.csv"
vp-ingest --text-col Comment "$T/long.csv" >"$T/long.ndjson" 2>"$T/ierr" || { cat "$T/ierr"; fail "vp-ingest failed"; }
expect_exit 0 vp-latest --verbose "$T/long.ndjson"
cmp "$T/out" "$T/long.ndjson" || fail "vp-latest dropped or changed rows of vp-ingest's output: $(cat "$T/err")"
expect_not_in "$T/err" "of edited responses dropped"
expect_in "$T/err" "vp-latest: 2 records not adjacent to the rest of their response, at its date: kept with it (a version is written together: not vp-fetch's output?)"
expect_in "$T/err" "records 4, written 4, dropped 0;"

# and vp-fetch --help says where its output goes next
vp-fetch --help >"$T/help"
expect_in "$T/help" "vp-latest"
no_leak "$T/err1" "$T/err2" "$T/lerr"
exit 0
