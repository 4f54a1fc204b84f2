#!/bin/sh
# A title row above the header ("Patient survey 2026 export"), in a CSV or
# a workbook: vp-ingest's error (64) says which row looks like the header
# and the --skip-rows that reaches it; with it the table reads.  The same
# error with no such row below says nothing of --skip-rows.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
"$VP_TOOLS/xlsx-gen" "$T" title.xlsx || fail "xlsx-gen title.xlsx"
printf '%s\n' 'Patient survey 2026 export' 'id,locality,comment' \
	'1,Leicester,the parking at the hospital was awful and expensive' \
	'2,Melton,staff were lovely and kind to my mother on the ward' > title.csv
for f in title.xlsx title.csv; do
	for prog in vp-ingest vp-run; do
		expect_exit 64 $prog $f
		expect_in "$T/err" "$prog: $f: row 1 is not the header: it has one cell (a title?)"
		expect_in "$T/err" "; row 2 looks like the header: try --skip-rows 1"
		expect_exit 64 $prog --text-col comment $f
		expect_in "$T/err" "$prog: $f: --text-col \"comment\": no such column"
		expect_in "$T/err" "; row 2 looks like the header: try --skip-rows 1"
	done
	expect_exit 0 vp-ingest --skip-rows 1 $f
	expect_in "$T/out" '"text":"the parking at the hospital was awful and expensive"'
	[ "$(wc -l <"$T/out")" = 2 ] || fail "vp-ingest --skip-rows 1 $f: want 2 records"
	# a name no row below has: no hint
	expect_exit 64 vp-ingest --text-col answer $f
	expect_not_in "$T/err" "--skip-rows"
done

# Excel saves a sheet as CSV with every row as wide as the sheet, so a
# title row above the header, and a blank row, carry the separators
# ("Patient survey 2026 - all responses,,"; ",,").  That row was read as
# the header (columns "column 2", "column 3"), the guess took "column 3",
# and the real header row became a response -- a record whose text is
# "Comments", locality and date lost -- exit 0 without a word.  A first row
# with no column name but the first cell's (a title), or none (blank), and
# a row below that looks like the header, is no header: 64 with the hint.
# A title that names free text ("... responses") was taken as the text
# column and the rows below failed 65 'row has 3 fields, header has 1'.
printf '%s\r\n' 'Patient survey 2026 - all responses,,' ',,' 'Area,Date,Comments' \
	'Melton,14/03/2026,the parking at the hospital was awful and expensive' \
	'Charnwood,15/03/2026,staff were lovely and kind to my mother on the ward' > commas.csv
printf '%s\n' ',,' 'Area,Date,Comments' \
	'Melton,14/03/2026,the parking at the hospital was awful and expensive' \
	'Charnwood,15/03/2026,staff were lovely and kind to my mother on the ward' > blank.csv
printf '%s\n' 'Patient feedback - all responses' 'Area,Date,Comments' \
	'Melton,14/03/2026,the parking at the hospital was awful and expensive' \
	'Charnwood,15/03/2026,staff were lovely and kind to my mother on the ward' > named.csv
for f in commas.csv:3 blank.csv:2 named.csv:2; do
	at=${f#*:} f=${f%:*}
	for prog in vp-ingest vp-run; do
		expect_exit 64 $prog $f
		expect_in "$T/err" "$prog: $f: row 1 is not the header"
		expect_in "$T/err" "; row $at looks like the header: try --skip-rows $((at - 1))"
		expect_not_in "$T/out" '"text":"Comments"'
	done
	expect_exit 0 vp-ingest --skip-rows $((at - 1)) $f
	expect_in "$T/out" '"locality":"","date":"2026-03-14","respondent":"'"$f:$((at + 1))"'","question":"Comments","text":"the parking at the hospital was awful and expensive"'
	[ "$(wc -l <"$T/out")" = 2 ] || fail "vp-ingest --skip-rows $((at - 1)) $f: want 2 records"
done
# a header with one name and unnamed columns left of it is a header
printf '%s\n' ',Comments' 'A1,the parking at the hospital was awful and expensive' \
	'A2,staff were lovely and kind to my mother on the ward' > unnamed.csv
expect_exit 0 vp-ingest unnamed.csv
[ "$(wc -l <"$T/out")" = 2 ] || fail "vp-ingest unnamed.csv: want 2 records"
exit 0
