#!/bin/sh
# vp-merge: split the records, count each part, merge == count the whole, byte for byte.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/count
awk -v n=600 -f "$D/gen-tagged.awk" >"$T/all.ndjson" || fail "generator"
split -l 170 "$T/all.ndjson" "$T/part." || fail "split"
set -- "$T"/part.*
[ $# = 4 ] || fail "expected 4 parts, got $#"

check() { # check NAME OPTION...: whole vs parts merged, for one set of vp-count options
	name=$1; shift
	vp-count "$@" "$T/all.ndjson" >"$T/whole.$name" || fail "vp-count $* whole"
	for p in "$T"/part.??; do
		vp-count "$@" "$p" >"$p.$name.json" || fail "vp-count $* $p"
	done
	expect_exit 0 vp-merge "$T"/part.??."$name".json
	cmp "$T/out" "$T/whole.$name" || { diff "$T/whole.$name" "$T/out" | head -20 >&2
		fail "merge of parts differs from whole ($name)"; }
	# order of the documents does not matter; stdin may carry several documents
	cat "$T"/part.ad."$name".json "$T"/part.ab."$name".json "$T"/part.ac."$name".json \
	    "$T"/part.aa."$name".json | vp-merge >"$T/out2" || fail "merge from stdin ($name)"
	cmp "$T/out2" "$T/whole.$name" || fail "merge from stdin differs ($name)"
	# merging a merged document with nothing else changes nothing
	vp-merge "$T/whole.$name" >"$T/out3" || fail "merge of one ($name)"
	cmp "$T/out3" "$T/whole.$name" || fail "merge is not idempotent on one document ($name)"
}
check plain
check quotes --quotes 3
check nested --level place --nested --quotes 2
check month --by month --quotes 1
check field --by fields.Age

# Nested counts re-expressed at another level equal counting at that level.
for lv in system place locality; do
	vp-count --level "$lv" --nested --quotes 2 "$T/all.ndjson" >"$T/at.$lv" || fail "count $lv"
	vp-merge --level "$lv" "$T/whole.nested" >"$T/re.$lv" || fail "merge --level $lv"
	cmp "$T/re.$lv" "$T/at.$lv" || { diff "$T/at.$lv" "$T/re.$lv" | head >&2; fail "--level $lv from nested"; }
done
# and documents counted at different levels merge when nested
vp-count --level system --nested --quotes 2 "$T/part.aa" >"$T/aa.sys" || fail "count aa"
vp-count --level locality --nested --quotes 2 "$T/part.ab" >"$T/ab.loc" || fail "count ab"
cat "$T/part.aa" "$T/part.ab" | vp-count --level place --nested --quotes 2 >"$T/aaab.place"
expect_exit 0 vp-merge --level place "$T/aa.sys" "$T/ab.loc"
cmp "$T/out" "$T/aaab.place" || fail "merge of nested documents at different levels"
expect_exit 65 vp-merge --level system "$T/whole.plain"
expect_in "$T/err" "--level system needs documents counted with vp-count --nested"
expect_exit 64 vp-merge --level town "$T/whole.plain"

# The whole has quotes, and redaction held.
expect_in "$T/whole.quotes" '"quotes": ['
expect_in "$T/whole.quotes" "[phone]"
expect_not_in "$T/whole.quotes" "0116 234"
expect_not_in "$T/whole.quotes" "LE13 0AB"

# Mismatched documents are refused with a clear message.
expect_exit 65 vp-merge "$T/whole.plain" "$T/whole.month"
expect_in "$T/err" "vp-merge: $T/whole.month: counted with --by date:month, not --level locality as the first document"
expect_exit 65 vp-merge "$T/whole.plain" "$T/whole.quotes"
expect_in "$T/err" "counted with --quotes 3, not 0"
vp-count --level place --quotes 2 "$T/all.ndjson" >"$T/flatplace" || fail "count place"
expect_exit 65 vp-merge "$T/whole.nested" "$T/flatplace"
expect_in "$T/err" "counted without --nested"
printf '{"records": 1}\n' >"$T/junk.json"
expect_exit 65 vp-merge "$T/whole.plain" "$T/junk.json"
expect_in "$T/err" "vp-merge: $T/junk.json: not a vp-count document"
printf '{"records": \n' >"$T/trunc.json"
expect_exit 65 vp-merge "$T/trunc.json"
expect_in "$T/err" "vp-merge: $T/trunc.json:2: not JSON"
expect_exit 65 vp-merge </dev/null
expect_in "$T/err" "no vp-count documents"
expect_exit 66 vp-merge "$T/missing.json"
# a directory on stdin: a read error with its reason (74)
mkdir -p "$T/adir"
expect_exit 74 vp-merge <"$T/adir"
expect_in "$T/err" "vp-merge: -: read error: Is a directory"
exit 0
