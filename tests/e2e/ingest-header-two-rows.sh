#!/bin/sh
# A plain table whose header is two rows: row 1 a question over several
# columns (merged cells, so the cells right of it are empty) and row 2 its
# sub-headings, in those columns only.  Row 2 was read as a response (its
# sub-headings became answers) and the empty header cells were "column 3".
# Now the two rows are the header, named as the SurveyMonkey layout names
# them ("Tell us about your visit - What went well?", question "Tell us
# about your visit"), said once on stderr; --preset excel reads one header
# row.  A one-row header with an empty cell above real data is read as before.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
"$VP_TOOLS/xlsx-gen" "$T" header2.xlsx || fail "xlsx-gen header2.xlsx"
printf '%s\n' 'ID,Tell us about your visit,,Age' ',What went well?,What could be better?,' \
	'1,The staff were kind and explained everything to me clearly,Waiting times were far too long for everyone there,34' \
	'2,Nurses were friendly and the ward was spotless each day,Parking at the hospital is impossible most mornings,51' \
	> header2.csv
for f in header2.csv header2.xlsx; do
	for prog in vp-ingest vp-run; do
		expect_exit 0 $prog $f
		expect_in "$T/err" "$prog: $f: read rows 1-2 as the header: \"Tell us about your visit - What went well?\", \"Tell us about your visit - What could be better?\""
		[ "$(grep -c 'read rows 1-2 as the header' "$T/err")" = 1 ] || fail "$prog $f: said more than once"
		expect_not_in "$T/err" "column 3"
	done
	expect_exit 0 vp-ingest $f
	expect_not_in "$T/out" '"text":"What went well?"'
	expect_not_in "$T/out" '"text":"What could be better?"'
	expect_not_in "$T/out" 'column 3'
	expect_in "$T/out" '"question":"Tell us about your visit","text":"The staff were kind and explained everything to me clearly"'
	[ "$(wc -l <"$T/out")" = 4 ] || fail "vp-ingest $f: want 4 records"
	expect_in "$T/out" "\"id\":\"$f:3:q1\""
	expect_exit 0 vp-ingest --list-columns $f
	expect_in "$T/out" 'text q2: "Tell us about your visit - What could be better?" (question "Tell us about your visit")'
	expect_exit 0 vp-ingest -t "Tell us about your visit - What went well?" $f
	[ "$(wc -l <"$T/out")" = 2 ] || fail "vp-ingest -t $f: want 2 records"
	# --preset excel: one header row, as before
	expect_exit 0 vp-ingest --preset excel $f
	expect_not_in "$T/err" "read rows 1-2"
	expect_in "$T/out" '"text":"What went well?"'
done

# a copy of the second header row further down is no response
{ cat header2.csv; echo ',What went well?,What could be better?,'; } > copy.csv
expect_exit 65 vp-ingest copy.csv
expect_in "$T/err" 'copy.csv:5: a copy of header row 2'
# a bad row below the header is still a bad row, read once
printf '%s\n' 'ID,Tell us about your visit,,Age' '1,a,b,c,d' \
	'2,Nurses were friendly and the ward was spotless each day,Parking is impossible,51' > bad.csv
expect_exit 0 vp-ingest --skip-bad bad.csv
expect_in "$T/err" 'bad.csv:2: row has 5 fields, header has 4'
expect_in "$T/err" 'rejected 1 bad row of 2'

# a one-row header with an empty cell, real data below: as before
printf '%s\n' 'ID,Comment,,Age' \
	'1,The staff were kind and explained everything to me clearly,Waiting times were far too long,34' \
	'2,Nurses were friendly and the ward was spotless each day,Parking at the hospital is impossible,51' > one.csv
expect_exit 0 vp-ingest one.csv
expect_not_in "$T/err" "read rows"
expect_in "$T/out" '"id":"one.csv:2:q1"'
expect_in "$T/out" '"question":"column 3"'
# row 2 fills a column that row 1 names alone (its ID): a response
printf '%s\n' 'ID,Tell us about your visit,,Age' '7,Good visit,Bad parking,' \
	'1,The staff were kind and explained everything to me clearly,Waiting times were far too long,34' > filled.csv
expect_exit 0 vp-ingest filled.csv
expect_not_in "$T/err" "read rows"
expect_in "$T/out" '"text":"Good visit"'
# row 2 leaves a column of the span empty, or holds a number: a response
printf '%s\n' 'ID,Tell us about your visit,,Age' ',The staff were kind and explained everything to me,,' \
	',Nurses were friendly and the ward was spotless each day,Parking at the hospital is impossible,' > gap.csv
expect_exit 0 vp-ingest gap.csv
expect_not_in "$T/err" "read rows"
expect_in "$T/out" '"text":"The staff were kind and explained everything to me"'
printf '%s\n' 'ID,Scores,,Age' ',10,7,' ',8,9,' > digits.csv
expect_exit 64 vp-ingest digits.csv
expect_not_in "$T/err" "read rows"
exit 0
