#!/bin/sh
# vp_transcode through tests/tools/transcode-cat: UTF-16 exports (BOM or
# not) come out as the same UTF-8, and bad UTF-16 is a clear 65.
. "$VP_ROOT/tests/lib.sh"
TC=$VP_TOOLS/transcode-cat
[ -x "$TC" ] || fail "no $TC"
command -v iconv >/dev/null || skip "no iconv program"
printf 'id,text\r\n1,"Caf\303\251, \342\200\234quoted\342\200\235"\r\n2,\360\237\230\200 emoji\r\n' > "$T/u8.csv"

(printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/u8.csv") > "$T/le.csv"
expect_exit 0 "$TC" -v < "$T/le.csv"
cmp -s "$T/out" "$T/u8.csv" || fail "UTF-16LE with BOM differs"
expect_in "$T/err" 'utf-16le'

(printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$T/u8.csv") > "$T/be.csv"
expect_exit 0 "$TC" < "$T/be.csv"
cmp -s "$T/out" "$T/u8.csv" || fail "UTF-16BE with BOM differs"

iconv -f UTF-8 -t UTF-16LE "$T/u8.csv" > "$T/nobom.csv"
expect_exit 0 "$TC" -v < "$T/nobom.csv"
cmp -s "$T/out" "$T/u8.csv" || fail "UTF-16LE without BOM differs"
expect_in "$T/err" 'utf-16le (guessed, no byte order mark)'
expect_exit 65 "$TC" --no-guess < "$T/nobom.csv"
expect_in "$T/err" 'transcode-cat: stdin: looks like UTF-16LE without a byte order mark'

(printf '\357\273\277'; cat "$T/u8.csv") > "$T/bom8.csv"
expect_exit 0 "$TC" < "$T/bom8.csv"
cmp -s "$T/out" "$T/u8.csv" || fail "UTF-8 BOM not removed"

printf '\377\376a\000\000\330b\000' > "$T/bad.csv"
expect_exit 65 "$TC" < "$T/bad.csv"
expect_in "$T/err" 'transcode-cat: stdin: byte offset 4: invalid UTF-16LE (an unpaired surrogate)'
