#!/bin/sh
# Cells merged down over several rows below the header (event notes typed
# into a sheet: the area and the event merged beside each event's
# comments).  Excel shows the value beside every row the cell spans, but
# only the first row holds it: the rows below were read with the area
# empty -- records Unassigned in vp-count -- without a word.  They are
# still read as the sheet holds them (a merge may be only for looks), but
# counted and said at the end, by vp-ingest and vp-run alike; merges in
# the header rows or across one row are not.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
"$VP_TOOLS/xlsx-gen" "$T" mergeddown.xlsx title.xlsx || fail "xlsx-gen"
merged_note='mergeddown.xlsx: 3 cells merged down over rows below the header, first A3:A5: a merged cell'"'"'s value is in its first row only (Excel shows it beside every row it spans), so 5 cells below those first rows were read empty; unmerge them and fill the values down in Excel, then save again'
for prog in vp-ingest vp-run; do
	expect_exit 0 $prog --locality-col Area mergeddown.xlsx
	expect_in "$T/err" "$prog: $merged_note"
	[ "$(grep -c 'merged down' "$T/err")" = 1 ] || fail "$prog: said more than once"
done
expect_exit 0 vp-ingest --locality-col Area mergeddown.xlsx
[ "$(wc -l <"$T/out")" = 6 ] || fail "want 6 records"
expect_in "$T/out" '"id":"mergeddown.xlsx:4","source":"mergeddown.xlsx","channel":"survey","locality":""'
# with --skip-rows the floor is the header read
expect_exit 0 vp-ingest --skip-rows 2 --text-col 'the waiting room is far too cold in the winter months' mergeddown.xlsx
expect_in "$T/err" "mergeddown.xlsx: 1 cell merged down over rows below the header, first A6:A7: "
expect_in "$T/err" ", so 1 cell below those first rows was read empty;"
# a workbook with no merges says nothing of them
expect_exit 0 vp-ingest --skip-rows 1 title.xlsx
expect_not_in "$T/err" "merged"
exit 0
