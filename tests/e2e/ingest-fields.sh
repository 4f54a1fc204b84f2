#!/bin/sh
# vp-ingest --fields: which other columns go into "fields" (all, none, a list),
# and that the records are otherwise the same bytes.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/ingest
C=$VP_ROOT/corpora

expect_exit 0 vp-ingest --fields all --skip-rows 2 --text-col "Your comments" --locality-col Area "$D/banner.csv"
cp "$T/out" "$T/all"
expect_in "$T/out" '"fields":{"Respondent":"1","Area":"Leicester City","Submitted":"14/03/2026 10:32"}}'

# none: no "fields" member, everything else the same bytes; and the default
expect_exit 0 vp-ingest --fields none --skip-rows 2 --text-col "Your comments" --locality-col Area "$D/banner.csv"
expect_not_in "$T/out" '"fields"'
sed 's/,"fields":{[^}]*}}$/}/' "$T/all" > "$T/stripped"
cmp -s "$T/out" "$T/stripped" || fail "--fields none changed more than fields"
cp "$T/out" "$T/none"
expect_exit 0 vp-ingest --skip-rows 2 --text-col "Your comments" --locality-col Area "$D/banner.csv"
cmp -s "$T/out" "$T/none" || fail "--fields none is not the default"

# a list, matched like the column options (case and spaces ignored), repeatable
expect_exit 0 vp-ingest --fields 'submitted, respondent ' --skip-rows 2 --text-col "Your comments" "$D/banner.csv"
expect_in "$T/out" '"fields":{"Respondent":"1","Submitted":"14/03/2026 10:32"}}'
expect_exit 0 vp-ingest --fields Area --fields Submitted --skip-rows 2 --text-col "Your comments" "$D/banner.csv"
expect_in "$T/out" '"fields":{"Area":"Leicester City","Submitted":"14/03/2026 10:32"}}'
# the last all/none wins over a list before it
expect_exit 0 vp-ingest --fields Area --fields none --skip-rows 2 --text-col "Your comments" "$D/banner.csv"
expect_not_in "$T/out" '"fields"'

# a name that is no column is a usage error naming it
expect_exit 64 vp-ingest --fields Nope --skip-rows 2 --text-col "Your comments" "$D/banner.csv"
expect_in "$T/err" "--fields: no column 'Nope'"

# vp-count --by fields.X works with the column kept
vp-ingest --fields "CCG area" --locality-col "CCG area" --id-col "Response ID" "$C/survey-llr-2026.csv" 2>/dev/null |
	vp-normalise | vp-tag | vp-count --by "fields.CCG area" > "$T/kept" || fail "count by kept field"
vp-ingest --fields all --locality-col "CCG area" --id-col "Response ID" "$C/survey-llr-2026.csv" 2>/dev/null |
	vp-normalise | vp-tag | vp-count --by "fields.CCG area" > "$T/all" || fail "count by field"
cmp -s "$T/kept" "$T/all" || fail "--fields LIST changes vp-count --by fields.X"
# and without it (the default keeps none) vp-count says so, not a table of Unassigned
vp-ingest --locality-col "CCG area" --id-col "Response ID" "$C/survey-llr-2026.csv" 2>/dev/null |
	vp-normalise | vp-tag | vp-count --by "fields.CCG area" > "$T/out" 2> "$T/err"
[ $? = 65 ] || fail "vp-count --by fields.X on records without fields: not 65"
[ -s "$T/out" ] && fail "vp-count --by fields.X on records without fields wrote a document"
expect_in "$T/err" "vp-ingest --fields 'CCG area'"

# A column whose header holds a comma: named with the comma escaped.
printf 'Ref,"Age, in years",Comments\nA1,42,the car park is far too small for the clinic\n' >"$T/agecomma.csv"
expect_exit 0 vp-ingest --fields 'Age\, in years' -t Comments "$T/agecomma.csv"
expect_in "$T/out" '"fields":{"Age, in years":"42"}'
expect_exit 0 vp-ingest --fields 'Ref,Age\, in years' -t Comments "$T/agecomma.csv"
expect_in "$T/out" '"fields":{"Ref":"A1","Age, in years":"42"}'
expect_exit 64 vp-ingest --fields 'Age, in years' -t Comments "$T/agecomma.csv"
expect_in "$T/err" "write a comma in a name as"
# --fields all keeps every other column but those naming a personal detail
# (an export's e-mail, name, IP address, postcode, location, cookie):
# left out and said; named in a list, a column is kept (vp-locate
# --postcode-field reads a postcode as its district).
printf '%s\n' 'ID,Start time,Completion time,Email,Name,What is your postcode?,Location Latitude,Location Longitude,IP Address,Cookie,Age band,Comments' \
	'1,14/03/2026 10:30,14/03/2026 10:32,jo.bloggs@nhs.net,Jo Bloggs,LE1 5WW,52.6369,-1.1398,81.2.69.170,ck_8f7a6s5d4f3g,35-44,the lift at the health centre has been broken for weeks' >"$T/msf.csv"
expect_exit 0 vp-ingest --fields all "$T/msf.csv"
expect_in "$T/out" '"fields":{"ID":"1","Start time":"14/03/2026 10:30","Completion time":"14/03/2026 10:32","Age band":"35-44"}}'
for v in jo.bloggs Bloggs 'LE1 5WW' 52.6369 1.1398 81.2.69 ck_8f7; do expect_not_in "$T/out" "$v"; done
expect_in "$T/err" 'msf.csv: --fields all: left out as personal details: "Email", "Name", "What is your postcode?", "Location Latitude", "Location Longitude", "IP Address", "Cookie"; name a column in --fields to keep it'
expect_exit 0 vp-ingest --fields 'What is your postcode?,Age band' "$T/msf.csv"
expect_in "$T/out" '"fields":{"What is your postcode?":"LE1 5WW","Age band":"35-44"}}'
expect_not_in "$T/err" 'left out as personal'
# An NHS number and a postal or zip code column (a patient-experience form,
# an address block's "Postal / Zip Code") are personal details too: they
# went into every record under --fields all, and vp-count --by grouped by
# them.
printf '%s\n' 'Submission Date,NHS Number,Postal / Zip Code,Postal code,Age band,Please tell us about your experience' \
	'2026-03-14 10:32:11,943 476 5919,LE1 5WW,LE13 0AA,35-44,the lift at the health centre has been broken for weeks' >"$T/nhs.csv"
expect_exit 0 vp-ingest --fields all "$T/nhs.csv"
expect_in "$T/out" '"fields":{"Submission Date":"2026-03-14 10:32:11","Age band":"35-44"}}'
for v in '943 476' 'LE1 5WW' 'LE13 0AA'; do expect_not_in "$T/out" "$v"; done
expect_in "$T/err" 'nhs.csv: --fields all: left out as personal details: "NHS Number", "Postal / Zip Code", "Postal code"; name a column in --fields to keep it'
vp-ingest --fields 'NHS Number' "$T/nhs.csv" 2>/dev/null | vp-normalise | vp-tag >"$T/tagged" || fail "tag nhs.csv"
expect_exit 64 vp-count --by 'fields.NHS Number' "$T/tagged"
# A date of birth, a hospital or patient number and a National Insurance
# number identify a person too: --fields all kept them in every record.
# Columns that only name a date, a count or a response's id stay.
printf '%s\n' 'Response ID,Date of visit,Number of visits,Date of birth,DOB,Hospital number,Patient ID,Patient number,National Insurance number,NI number,ID,Comments' \
	'r1,14/03/2026,3,12/03/1956,12/03/1956,RWE1234567,P998877,PN443322,QQ 12 34 56 C,QQ123456C,7,the lift at the health centre has been broken for weeks' >"$T/ids.csv"
expect_exit 0 vp-ingest --fields all "$T/ids.csv"
expect_in "$T/out" '"fields":{"Response ID":"r1","Date of visit":"14/03/2026","Number of visits":"3","ID":"7"}}'
for v in 1956 RWE123 P998877 PN443322 QQ; do expect_not_in "$T/out" "$v"; done
expect_in "$T/err" 'ids.csv: --fields all: left out as personal details: "Date of birth", "DOB", "Hospital number", "Patient ID", "Patient number", "National Insurance number", "NI number"; name a column in --fields to keep it'
expect_exit 0 vp-ingest --fields 'Hospital number' "$T/ids.csv"
expect_in "$T/out" '"fields":{"Hospital number":"RWE1234567"}}'
expect_not_in "$T/err" 'left out as personal'
exit 0
