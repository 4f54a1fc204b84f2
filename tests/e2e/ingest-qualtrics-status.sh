#!/bin/sh
# A Qualtrics export's Status column: rows marked "Survey Preview" (the
# author's test runs), "Survey Test" (generated test responses) or "Spam"
# -- by name, or by number in a numeric-values export -- are not responses.
# vp-ingest does not read them, counts them and says so at the end, so that
# rows = records + empty answers + rejected + not read holds in -v's counts;
# --keep-status reads them.  Unfinished responses are read; a Status not
# known is read and said once.  Only the Qualtrics layout: a plain table's
# "Status" column is a column like any other.  vp-run says the same, and
# counts what the chain counts.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "no $T"

hdr() {
	echo 'StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,Q1,Q2'
	echo 'Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,Which area do you live in?,What could we do better?'
	echo '"{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_TEXT""}"'
}
# row STATUS FINISHED ID AREA TEXT
row() { printf '2026-03-14 10:00:00,2026-03-14 10:05:00,%s,100,%s,2026-03-14 10:05:01,%s,%s,%s\n' "$@"; }

{
	hdr
	row 'IP Address' True R_a1 Melton 'The car park is always full by nine.'
	row 'Survey Preview' True R_p1 Melton 'test test please ignore the parking'
	row 'IP Address' False R_a2 Rutland 'Nobody rang me back about the referral.'
	row 'Survey Test' True R_t1 Oadby 'Lorem ipsum parking dolor sit amet'
	row 'Spam' True R_s1 Oadby 'Buy cheap parking permits at example dot com'
	row 'survey preview' True R_p2 Melton 'Second preview: does the parking question work?'
	row 'IP Address' True R_a3 Melton ''
	row 'IP Address' True R_a4 Melton 'a bad row,with a field too many'
} >survey.csv

MSG='survey.csv: 4 rows not read: Qualtrics Status "Survey Preview" 2, "Survey Test" 1, "Spam" 1 (the author'"'"'s tests and spam, not responses; --keep-status to read them)'

# not read, counted, said; the unfinished response (Finished False) read
expect_exit 0 vp-ingest -v --skip-bad survey.csv
expect_in "$T/err" "vp-ingest: $MSG"
for id in R_a1 R_a2; do expect_in "$T/out" "\"id\":\"$id\""; done
for id in R_p1 R_p2 R_t1 R_s1; do expect_not_in "$T/out" "$id"; done
[ "$(wc -l <"$T/out")" = 2 ] || fail "2 records: $(cat "$T/out")"
# rows = records + empty answers + rejected + not read, and said
expect_in "$T/err" 'vp-ingest: rows 8, records 2, empty answers 1, rejected 1, not read (Qualtrics Status) 4'
expect_in "$T/err" 'vp-ingest: rejected 1 bad row of 8'
# said once, at the end, after the run's other notes
[ "$(grep -c 'rows not read' "$T/err")" = 1 ] || fail "said once"
[ "$(tail -n 1 "$T/err")" = 'vp-ingest: rows 8, records 2, empty answers 1, rejected 1, not read (Qualtrics Status) 4' ] ||
	fail "the counts last: $(cat "$T/err")"

# forced with --preset, from standard input: the same
expect_exit 0 vp-ingest --preset qualtrics --skip-bad --source survey.csv - <survey.csv
expect_in "$T/err" "vp-ingest: $MSG"
[ "$(wc -l <"$T/out")" = 2 ] || fail "--preset qualtrics: 2 records"

# --keep-status: every response read, nothing said of them
expect_exit 0 vp-ingest --keep-status --skip-bad survey.csv
[ "$(wc -l <"$T/out")" = 6 ] || fail "--keep-status: 6 records: $(cat "$T/out")"
expect_in "$T/out" '"id":"R_p1"'
expect_not_in "$T/err" 'not read'

# two files: the count of both, the first named
cp survey.csv second.csv
expect_exit 0 vp-ingest --skip-bad survey.csv second.csv
expect_in "$T/err" 'vp-ingest: survey.csv and 1 other file: 8 rows not read: Qualtrics Status "Survey Preview" 4, "Survey Test" 2, "Spam" 2 ('

# a Status not known: read, and its values said once, however many rows
{
	hdr
	row 'Synthetic' True R_u1 Melton 'The car park is always full by nine.'
	row '36' True R_u2 Melton 'Nobody rang me back about the referral.'
	row 'Synthetic' True R_u3 Melton 'Parking at the hospital costs too much.'
	row 'Spam' True R_s1 Oadby 'Buy cheap parking permits at example dot com'
} >unknown.csv
expect_exit 0 vp-ingest unknown.csv
[ "$(wc -l <"$T/out")" = 3 ] || fail "unknown Status: 3 records"
expect_in "$T/err" 'vp-ingest: unknown.csv: 3 rows with a Qualtrics Status not known, read as responses: "Synthetic" 2, "36" 1'
expect_in "$T/err" 'vp-ingest: unknown.csv: 1 row not read: Qualtrics Status "Spam" 1 ('
[ "$(grep -c 'not known' "$T/err")" = 1 ] || fail "unknown values said once"

# many different unknown values: the first 8 named, the rows of the rest counted
{
	hdr
	for i in 101 102 103 104 105 106 107 108 109 110; do
		row "$i" True "R_$i" Melton 'The car park is always full by nine.'
	done
} >many.csv
expect_exit 0 vp-ingest many.csv
[ "$(wc -l <"$T/out")" = 10 ] || fail "10 unknown: 10 records"
expect_in "$T/err" 'vp-ingest: many.csv: 10 rows with a Qualtrics Status not known, read as responses: "101" 1, "102" 1, "103" 1, "104" 1, "105" 1, "106" 1, "107" 1, "108" 1, other values 2'

# a plain table's Status column is nobody's layout: read as it is
printf 'ID,Status,Comment\n1,Spam,The car park is always full by nine.\n2,Survey Preview,Nobody rang me back.\n' >plain.csv
expect_exit 0 vp-ingest --text-col Comment plain.csv
[ "$(wc -l <"$T/out")" = 2 ] || fail "plain table: 2 records"
expect_not_in "$T/err" 'not read'

# vp-run: the same words, the same counts as the chain
vp-ingest --skip-bad survey.csv 2>ingest.err | vp-normalise | vp-tag | vp-count >chain.json ||
	fail "the chain"
add_ingest_rejected ingest.err chain.json # vp-run's "rejected" holds the bad row
expect_exit 0 vp-run --skip-bad survey.csv
cmp -s chain.json "$T/out" || { diff chain.json "$T/out" >&2; fail "vp-run differs from the chain"; }
expect_in "$T/err" "vp-run: $MSG"
expect_exit 0 vp-run -v --skip-bad survey.csv
expect_in "$T/err" 'vp-run: rows 8, records 2, empty answers 1, rejected 1, not read (Qualtrics Status) 4'
vp-ingest --keep-status --skip-bad survey.csv 2>ingest.err | vp-normalise | vp-tag | vp-count >chain.json ||
	fail "the chain, --keep-status"
add_ingest_rejected ingest.err chain.json
expect_exit 0 vp-run --keep-status --skip-bad survey.csv
cmp -s chain.json "$T/out" || fail "vp-run --keep-status differs from the chain"
expect_not_in "$T/err" 'not read'

# --help and the man page say it
vp-ingest --help >help || fail "vp-ingest --help"
expect_in help '--keep-status'
vp-run --help >help || fail "vp-run --help"
expect_in help '--keep-status'
exit 0
