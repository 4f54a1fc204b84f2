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
		expect_in "$T/err" "$prog: $f: no column looks like free text"
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
exit 0
