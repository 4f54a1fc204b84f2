#!/bin/sh
# vp-merge: split the records, count each part, merge == count the whole, byte for byte.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/count
# four records in five carry an age band in "fields" (for --by fields.Age)
awk -v n=600 -f "$D/gen-tagged.awk" |
	awk 'NR % 5 { sub(/}$/, ",\"fields\":{\"Age\":\"" (NR % 3 ? "18-24" : "65+") "\"}}") } { print }' \
	>"$T/all.ndjson" || fail "generator"
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
# A document naming a group twice (edited by hand) is refused: the last
# copy was read and the first dropped without a word.
printf '%s\n' '{"level":"locality","localities":{"A":{"records":1,"themes":{"t":{"records":1}},"untagged":0},"A":{"records":1,"themes":{"t":{"records":1}},"untagged":0}},"records":1,"rejected":0,"total":{"records":1,"themes":{"t":{"records":1}},"untagged":0}}' >"$T/dupgroup.json"
expect_exit 65 vp-merge "$T/dupgroup.json"
expect_in "$T/err" "vp-merge: $T/dupgroup.json:1: not JSON: duplicate object key"
expect_exit 65 vp-merge </dev/null
expect_in "$T/err" "no vp-count documents"
expect_exit 66 vp-merge "$T/missing.json"
# The same file twice -- "vp-merge *.json" with a copy's link, a path
# given twice, or the file on stdin as well -- would count its records
# twice: refused, not summed.
ln "$T/whole.plain" "$T/link.json" || fail "ln"
for args in "$T/whole.plain $T/whole.plain" "$T/whole.plain $T/link.json" "- $T/whole.plain"; do
	# shellcheck disable=SC2086
	expect_exit 65 vp-merge $args <"$T/whole.plain"
	expect_in "$T/err" "the same file as"
	[ -s "$T/out" ] && fail "vp-merge $args wrote a document"
done
expect_in "$T/err" "vp-merge: $T/whole.plain: the same file as - (a document merged twice counts its records twice)"
cp "$T/whole.plain" "$T/copy.json"    # a copy is another file: vp-merge cannot tell
expect_exit 0 vp-merge "$T/whole.plain" "$T/copy.json"
# a directory on stdin: a read error with its reason (74)
mkdir -p "$T/adir"
expect_exit 74 vp-merge <"$T/adir"
expect_in "$T/err" "vp-merge: -: read error: Is a directory"

# A document whose total is not what its groups add up to (edited by hand,
# or cut and pasted together) is refused by vp-merge and vp-report alike,
# not summed or shown as if its columns and Total agreed.
command -v jq >/dev/null || skip "no jq"
vp-count --nested --level place --quotes 1 "$T/all.ndjson" >"$T/n.json" || fail "vp-count --nested"
vp-count "$T/all.ndjson" >"$T/f.json" || fail "vp-count"
th=$(jq -r '.total.themes | keys[0]' "$T/f.json")
loc=$(jq -r '.localities | keys[0]' "$T/f.json")
sys=$(jq -r '.systems | keys[0]' "$T/n.json")
pl=$(jq -r ".systems[\"$sys\"].places | keys[0]" "$T/n.json")
inconsistent() { # inconsistent DOC FILTER MESSAGE
	jq "$2" "$1" >"$T/x.json" || fail "jq $2"
	vp-merge "$T/x.json" >/dev/null 2>"$T/merr" && fail "vp-merge took $2"
	expect_in "$T/merr" "$3"
	expect_exit 65 vp-report "$T/x.json"
	expect_in "$T/err" "$3"
}
inconsistent "$T/f.json" '.total.records += 100' 'total: "records" is'
inconsistent "$T/f.json" '.total.records += 100 | .records += 100' 'but its localities add up to'
inconsistent "$T/f.json" ".total.themes[\"$th\"].records -= 1" "total: theme \"$th\": \"records\" is"
inconsistent "$T/f.json" ".localities[\"$loc\"].untagged += 1 | .localities[\"$loc\"].records += 1" \
	'total: "records" is'
lo=$(jq -r ".systems[\"$sys\"].places[\"$pl\"].localities | keys[0]" "$T/n.json")
inconsistent "$T/n.json" ".systems[\"$sys\"].records += 1" \
	'total: "records" is 600, but its systems add up to 601'
inconsistent "$T/n.json" ".systems[\"$sys\"].places[\"$pl\"].records += 1" \
	"$sys: \"records\" is"
inconsistent "$T/n.json" ".systems[\"$sys\"].places[\"$pl\"].localities[\"$lo\"].records += 1" \
	"$sys/$pl: \"records\" is"
# vp-count's own documents, of every kind, add up (the checks above pass them)
expect_exit 0 vp-merge "$T/n.json"
exit 0
