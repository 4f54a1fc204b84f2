#!/bin/sh
# A survey's consent question ("Do you consent to us using your answers?",
# "I consent to my comments being used", "Consent", "Can we use your
# feedback in our report?"): a row whose answer is a clear refusal ("No",
# "N", "I do not agree", "I do not consent") is not read -- counted and said
# at the end, so that rows = records + empty answers + rejected + not read
# holds in -v's counts; --keep-declined reads them.  A blank answer, or one
# that is neither yes nor no, is read, and how many said.  A question that
# only uses the word ("Did you agree with the decision?") is no consent
# question: its "No" is an answer like any other.  vp-run says the same, and
# counts what the chain counts.  (Invented rows: no real people.)
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "no $T"

Q='Do you consent to us using your answers?'
{
	echo "ID,Area,Date,$Q,Did you agree with the decision?,What could we do better?"
	echo '1,Melton,14/03/2026,Yes,No,The car park is always full by nine in the morning.'
	echo '2,Melton,14/03/2026,No,Yes,Nobody rang me back about the referral for three weeks.'
	echo '3,Rutland,15/03/2026,N,No,The receptionist was rude to my elderly father on the phone.'
	echo '4,Rutland,15/03/2026,,No,Waiting times in the evening clinic are far too long now.'
	echo '5,Oadby,16/03/2026,I do not agree,Yes,Please put a bench by the pharmacy door for people waiting.'
	echo '6,Oadby,16/03/2026,Maybe,No,The signs to the new wing are confusing and too small.'
	echo '7,Melton,17/03/2026, no ,No,My appointment letter came the day after the appointment.'
	echo '8,Melton,17/03/2026,Y,No,The nurse explained everything clearly and kindly to us.'
} >survey.csv

MSG="survey.csv: 4 rows whose answer to '$Q' (column D) is No (2), N (1) or I do not agree (1) were not read; --keep-declined reads them"
READ="survey.csv: 2 rows whose answer to '$Q' (column D) is blank (1) or neither yes nor no (1, first \"Maybe\") were read"

# not read, counted, said; the rest read (blank and unclear answers too)
expect_exit 0 vp-ingest -v survey.csv
expect_in "$T/err" "vp-ingest: $MSG"
expect_in "$T/err" "vp-ingest: $READ"
for id in 1 4 6 8; do expect_in "$T/out" "\"respondent\":\"$id\""; done
for id in 2 3 5 7; do expect_not_in "$T/out" "\"respondent\":\"$id\""; done
expect_not_in "$T/out" 'referral'
# rows read + rows declined = data rows, and said
[ "$(wc -l <"$T/out")" = 4 ] || fail "4 records: $(cat "$T/out")"
expect_in "$T/err" 'vp-ingest: rows 8, records 4, empty answers 0, rejected 0, not read (consent declined) 4'
[ "$(grep -c 'were not read' "$T/err")" = 1 ] || fail "said once"
[ "$(tail -n 1 "$T/err")" = 'vp-ingest: rows 8, records 4, empty answers 0, rejected 0, not read (consent declined) 4' ] ||
	fail "the counts last: $(cat "$T/err")"

# -v and --list-columns name the consent column
expect_exit 0 vp-ingest --list-columns survey.csv
expect_in "$T/out" "  consent: \"$Q\" (a row refusing is not read; --keep-declined)"
expect_not_in "$T/out" 'consent: "Did you agree'

# --keep-declined: every row read, nothing said of them
expect_exit 0 vp-ingest --keep-declined survey.csv
[ "$(wc -l <"$T/out")" = 8 ] || fail "--keep-declined: 8 records: $(cat "$T/out")"
expect_in "$T/out" 'referral'
expect_not_in "$T/err" 'not read'
expect_not_in "$T/err" 'were read'

# from standard input, and two files: the count of both, the first named
expect_exit 0 vp-ingest --source survey.csv - <survey.csv
expect_in "$T/err" "vp-ingest: $MSG"
cp survey.csv second.csv
expect_exit 0 vp-ingest survey.csv second.csv
expect_in "$T/err" "vp-ingest: survey.csv and 1 other file: 8 rows whose answer to '$Q' (column D) is No (4), N (2) or I do not agree (2) were not read"
[ "$(wc -l <"$T/out")" = 8 ] || fail "two files: 8 records"

# other ways of asking, other ways of refusing: one row each read, one not
for h in 'I consent to my comments being used' 'Consent' \
         'Can we use your feedback in our report?' \
         'Do you give us permission to quote your comments?' \
         'Do you agree to us sharing your feedback with the hospital?'; do
	for no in 'I do not consent' "I don't agree" 'no.'; do
		{
			echo "What could we do better?,$h"
			echo 'The car park is always full by nine in the morning.,Yes'
			echo "Nobody rang me back about the referral for three weeks.,$no"
		} >asked.csv
		expect_exit 0 vp-ingest --text-col 'What could we do better?' asked.csv
		[ "$(wc -l <"$T/out")" = 1 ] || fail "'$h' / '$no': 1 record: $(cat "$T/out")"
		expect_not_in "$T/out" 'referral'
		expect_in "$T/err" "asked.csv: 1 row whose answer to '$h' (column B) is $no was not read"
	done
done

# questions that use the words but ask no consent: read, nothing said
for h in 'Did you agree with the decision?' 'Agree' 'Do you agree that the wait was too long?' \
         'Were you asked for your consent before treatment?' 'Can we use the car park?'; do
	{
		echo "What could we do better?,$h"
		echo 'The car park is always full by nine in the morning.,Yes'
		echo 'Nobody rang me back about the referral for three weeks.,No'
	} >other.csv
	expect_exit 0 vp-ingest --text-col 'What could we do better?' other.csv
	[ "$(wc -l <"$T/out")" = 2 ] || fail "'$h': 2 records: $(cat "$T/out")"
	expect_not_in "$T/err" 'not read'
	expect_exit 0 vp-ingest --list-columns --text-col 'What could we do better?' other.csv
	expect_not_in "$T/out" 'consent:'
done

# a Qualtrics export: the question is header row 2
{
	echo 'StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,Q1,Q2'
	echo "Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,$Q,What could we do better?"
	echo '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_TEXT""}"'
	echo '2026-03-14 10:00:00,2026-03-14 10:05:00,IP Address,100,True,2026-03-14 10:05:01,R_a1,Yes,The car park is always full by nine.'
	echo '2026-03-14 10:00:00,2026-03-14 10:05:00,IP Address,100,True,2026-03-14 10:05:01,R_a2,No,Nobody rang me back about the referral.'
} >qx.csv
expect_exit 0 vp-ingest qx.csv
[ "$(wc -l <"$T/out")" = 1 ] || fail "qualtrics: 1 record: $(cat "$T/out")"
expect_in "$T/err" "vp-ingest: qx.csv: 1 row whose answer to '$Q' (column H) is No was not read"

# vp-run: the same words, the same counts as the chain
vp-ingest survey.csv 2>/dev/null | vp-normalise | vp-tag | vp-count >chain.json || fail "the chain"
expect_exit 0 vp-run survey.csv
cmp -s chain.json "$T/out" || { diff chain.json "$T/out" >&2; fail "vp-run differs from the chain"; }
expect_in "$T/err" "vp-run: $MSG"
expect_exit 0 vp-run -v survey.csv
expect_in "$T/err" 'vp-run: rows 8, records 4, empty answers 0, rejected 0, not read (consent declined) 4'
vp-ingest --keep-declined survey.csv 2>/dev/null | vp-normalise | vp-tag | vp-count >chain.json ||
	fail "the chain, --keep-declined"
expect_exit 0 vp-run --keep-declined survey.csv
cmp -s chain.json "$T/out" || fail "vp-run --keep-declined differs from the chain"
expect_not_in "$T/err" 'not read'

# --help says it
vp-ingest --help >help || fail "vp-ingest --help"
expect_in help '--keep-declined'
vp-run --help >help || fail "vp-run --help"
expect_in help '--keep-declined'
exit 0
