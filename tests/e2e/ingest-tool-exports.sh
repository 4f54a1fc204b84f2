#!/bin/sh
# vp-ingest on other ways survey tools write their exports
# (tests/data/ingest: invented people, written for these checks):
# SurveyMonkey's "condensed" CSV (one header row, not the expanded two),
# SmartSurvey's with "UserNo" or "User ID" first, Citizen Space's with a
# "Respondent ID" beside "Response ID".  Each is recognised with no
# options and read right -- respondent, id, date in the tool's order,
# locality, free text -- and its personal columns never reach a record.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/ingest
cd "$D" || fail "no $D"
has() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks $2"; }; }

# --- SurveyMonkey, condensed: one header row, rows from line 2 ---
expect_exit 0 vp-ingest -v --fields all surveymonkey-condensed.csv
expect_in "$T/err" 'surveymonkey-condensed.csv: layout surveymonkey-condensed (recognised from the header)'
expect_in "$T/err" '  id: "Respondent ID"'
expect_in "$T/err" '  respondent: "Respondent ID"'
expect_in "$T/err" '  date: "End Date" (mdy order'
expect_in "$T/err" '  locality: "Which area do you live in?"'
expect_in "$T/err" '  text q1: "What could we do better?"'
expect_in "$T/err" 'left out as personal details: "IP Address", "Email Address", "First Name", "Last Name"'
expect_in "$T/err" 'rows 3, records 2, empty answers 1, rejected 0'
[ "$(wc -l < "$T/out")" -eq 2 ] || fail "condensed: want 2 records"
has "$T/out" '{"id":"118800000101","source":"surveymonkey-condensed.csv","channel":"survey","locality":"Leicester City","date":"2026-03-04","respondent":"118800000101","question":"What could we do better?","text":"The wait for a GP appointment is three weeks, at least."'
has "$T/out" '"id":"118800000102","source":"surveymonkey-condensed.csv","channel":"survey","locality":"Melton","date":"2026-03-14","respondent":"118800000102"'
# the personal columns: in no record, not even in fields
for v in example.org '"Ann"' Example '"Bo"' Sample 192.0.2.; do
	expect_not_in "$T/out" "$v"
done
# the header is no answer, nor the multiple-answer or rating column
expect_not_in "$T/out" '"text":"Dissatisfied"'
expect_not_in "$T/out" '"text":"GP, Pharmacy"'
# forced by name, the same; the expanded layout's name says what to give
cp "$T/out" "$T/want"
expect_exit 0 vp-ingest --fields all --preset surveymonkey-condensed surveymonkey-condensed.csv
cmp -s "$T/out" "$T/want" || fail "--preset surveymonkey-condensed differs"
expect_exit 65 vp-ingest --preset surveymonkey surveymonkey-condensed.csv
expect_in "$T/err" 'vp-ingest: surveymonkey-condensed.csv:2: surveymonkey layout: row 2 is data, not the answer-label row (a condensed export, one header row? try --preset surveymonkey-condensed)'
# the expanded export is still read as two header rows
expect_exit 0 vp-ingest -v "$VP_ROOT/tests/data/ingest-presets/surveymonkey.csv"
expect_in "$T/err" 'layout surveymonkey (recognised from the header)'
# a condensed export with no rows: its header only, no records
head -n 1 surveymonkey-condensed.csv > "$T/hdr.csv"
expect_exit 0 vp-ingest --text-col "What could we do better?" "$T/hdr.csv"
[ ! -s "$T/out" ] || fail "header only: records written"

# --- SmartSurvey: "UserNo" first, "UserID" after it ---
expect_exit 0 vp-ingest -v --fields all smartsurvey-userno.csv
expect_in "$T/err" 'smartsurvey-userno.csv: layout smartsurvey (recognised from the header)'
expect_in "$T/err" '  respondent: "UserID"'
expect_in "$T/err" '  date: "Ended" (dmy order'
expect_in "$T/err" 'left out as personal details: "Name", "Email", "IP Address"'
has "$T/out" '{"id":"98700001","source":"smartsurvey-userno.csv","channel":"survey","locality":"Leicester City","date":"2026-03-14","respondent":"98700001","question":"What could we do better?","text":"Let people book blood tests online rather than queueing"'
has "$T/out" '"date":"2026-03-15","respondent":"98700002"'
for v in example.org Placeholder 192.0.2.; do
	expect_not_in "$T/out" "$v"
done
# --- SmartSurvey: "User ID" (a space) first ---
expect_exit 0 vp-ingest -v smartsurvey-user-id.csv
expect_in "$T/err" 'smartsurvey-user-id.csv: layout smartsurvey (recognised from the header)'
has "$T/out" '{"id":"98700011","source":"smartsurvey-user-id.csv","channel":"survey","locality":"Oakham","date":"2026-03-16","respondent":"98700011"'
has "$T/out" '"locality":"Rutland","date":"2026-03-17","respondent":"98700012"'

# --- Citizen Space: "Respondent ID" beside "Response ID" ---
expect_exit 0 vp-ingest -v --fields all citizenspace-respondent.csv
expect_in "$T/err" 'citizenspace-respondent.csv: layout citizenspace (recognised from the header)'
expect_in "$T/err" 'left out as personal details: "What is your name?", "What is your email address?"'
has "$T/out" '{"id":"ANON-AAAA-1111-B","source":"citizenspace-respondent.csv","channel":"survey","locality":"Leicester City","date":"2026-03-14","respondent":"ANON-AAAA-1111-B"'
has "$T/out" '"id":"BHLF-CCCC-2222-D","source":"citizenspace-respondent.csv","channel":"survey","locality":"Melton","date":"2026-03-15"'
for v in example.org Placeholder; do
	expect_not_in "$T/out" "$v"
done
exit 0
