#!/bin/sh
# vp-ingest --progress (on by default when stderr is a terminal) reads a
# workbook as without it: the progress layer must not hide the file the
# workbook reader seeks in -- named .xlsx, recognised by its first bytes,
# stdin redirected from it, a workbook of 0 bytes -- and the progress line
# moves while a workbook is read (rows, and MB of the file).
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
"$VP_TOOLS/xlsx-gen" "$T" title.xlsx || fail "xlsx-gen title.xlsx"
expect_exit 0 vp-ingest --skip-rows 1 title.xlsx
[ "$(wc -l <"$T/out")" = 2 ] || fail "title.xlsx: want 2 records"
mv "$T/out" want
cp title.xlsx title.bin

for f in title.xlsx title.bin; do
	expect_exit 0 vp-ingest --progress --skip-rows 1 $f
	# (the records name their source, title.bin, in id and source)
	sed 's/title\.bin:/title.xlsx:/; s/"title\.bin"/"title.xlsx"/' "$T/out" | cmp -s want - ||
		fail "vp-ingest --progress $f: not the records read without it"
	expect_not_in "$T/err" "cannot be read"
done
vp-ingest --progress --source title.xlsx --skip-rows 1 - <title.xlsx >"$T/out" 2>"$T/err" ||
	fail "vp-ingest --progress - <title.xlsx: $(cat "$T/err")"
cmp -s want "$T/out" || fail "vp-ingest --progress - <title.xlsx: not the records"

: >empty.xlsx
expect_exit 0 vp-ingest --progress empty.xlsx
expect_in "$T/err" "vp-ingest: empty.xlsx: empty file, no records"
expect_not_in "$T/err" "cannot be read"

# stderr a terminal: progress by default (script(1) gives vp-ingest a pty)
if command -v script >/dev/null 2>&1; then
	script -qec "vp-ingest --skip-rows 1 title.xlsx >tty.out" /dev/null >tty 2>&1 </dev/null ||
		fail "vp-ingest on a terminal: $(cat tty)"
	cmp -s want tty.out || fail "vp-ingest on a terminal: not the records"
fi

# A workbook read for more than a quarter second (its records into a pipe
# read after a second): the line shows rows and MB read, and is cleared.
"$VP_TOOLS/xlsx-gen" --bench 10000 big.xlsx >/dev/null || fail "xlsx-gen --bench"
{ vp-ingest --progress --text-col "What could we do better?" big.xlsx 2>"$T/err"; echo $? >rc; } |
	{ sleep 1; wc -l; } >n
[ "$(cat rc)" = 0 ] || fail "vp-ingest --progress big.xlsx exited $(cat rc): $(cat "$T/err")"
[ "$(cat n)" = 10000 ] || fail "vp-ingest --progress big.xlsx: $(cat n) records, want 10000"
grep -q 'vp-ingest: [1-9][0-9]* rows, [0-9.]* MB read' "$T/err" ||
	fail "no progress: $(od -c "$T/err" | head)"
grep -q 'vp-ingest: [1-9][0-9]* rows, 0.0 MB read' "$T/err" &&
	fail "progress says no bytes of the workbook read: $(tr '\r' '\n' <"$T/err")"
[ "$(tail -c 4 "$T/err" | od -An -c | tr -d ' ')" = '\r033[K' ] || fail "progress line not cleared"
exit 0
