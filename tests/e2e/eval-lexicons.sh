#!/bin/sh
# The shipped lexicons on comments written in the style of public-event
# feedback (tests/data/lexicons/public-events.txt): every theme checked in
# public-events-map.tsv must be found exactly where a careful coder would
# put it -- no false positives, no false negatives -- scored by vp-eval.
. "$(dirname "$0")/../lib.sh"
D="$VP_ROOT/tests/data/lexicons"
for s in vp-ingest vp-normalise vp-tag vp-eval; do
	command -v $s >/dev/null 2>&1 || skip "$s is not built yet"
done

# exact NAME: the comments of NAME.txt (id<TAB>themes<TAB>comment, made a
# one-hot gold CSV) tagged exactly as NAME-map.tsv says: no false positive,
# no false negative; the misses listed when not.
exact() {
	sh "$VP_ROOT/tests/lexicon-gold.sh" "$D/$1-map.tsv" "$D/$1.txt" >"$T/$1.csv" ||
		fail "could not build the gold file of $1.txt"
	vp-ingest --id-col id --text-col comment "$T/$1.csv" | vp-normalise | vp-tag --explain >"$T/$1.tagged" ||
		fail "vp-ingest | vp-normalise | vp-tag failed on $1.txt"
	[ "$(wc -l <"$T/$1.tagged")" -ge 30 ] || fail "too few tagged records in $1.txt"
	expect_exit 0 vp-eval --gold "$T/$1.csv" --map "$D/$1-map.tsv" --id-col id --json "$T/$1.tagged"
	flat=$(tr -d ' \n' <"$T/out")
	case $flat in
	*'"fp":'[1-9]* | *'"fn":'[1-9]* | *'"missing":'[1-9]*)
		while read -r theme col; do
			case $theme in '#'*|'') continue ;; esac
			vp-eval --gold "$T/$1.csv" --map "$D/$1-map.tsv" --id-col id \
				--table --errors "$theme" "$T/$1.tagged" | sed -n '/^False/,$p' >&2
		done <"$D/$1-map.tsv"
		fail "lexicons mis-tag the comments of $1.txt (listed above)" ;;
	esac
}
exact public-events
# comments in the style of other settings' feedback (wards, GP, mental
# health, community, ambulance, maternity) naming the themes other trusts'
# coding found weakest
exact settings

# Answers with nothing to improve get no theme at all (nil-answers.txt).
grep -v '^#' "$D/nil-answers.txt" |
	awk 'BEGIN { print "id,comment" } { gsub(/"/, "\"\""); printf "nil%03d,\"%s\"\n", NR, $0 }' >"$T/nil.csv"
vp-ingest --id-col id --text-col comment "$T/nil.csv" | vp-normalise | vp-tag --explain >"$T/niltagged" ||
	fail "vp-ingest | vp-normalise | vp-tag failed on nil-answers.txt"
[ "$(wc -l <"$T/niltagged")" -ge 70 ] || fail "too few nil answers tagged"
if grep -v '"themes":\[\]' "$T/niltagged" >&2; then
	fail "nil answers got a theme (records above)"
fi
exit 0
