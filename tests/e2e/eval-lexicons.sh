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

# public-events.txt (id<TAB>themes<TAB>comment) -> one-hot gold CSV.
sh "$VP_ROOT/tests/lexicon-gold.sh" "$D/public-events-map.tsv" "$D/public-events.txt" >"$T/gold.csv" ||
	fail "could not build the gold file"

vp-ingest --id-col id --text-col comment "$T/gold.csv" | vp-normalise | vp-tag >"$T/tagged" ||
	fail "vp-ingest | vp-normalise | vp-tag failed"
[ "$(wc -l <"$T/tagged")" -ge 40 ] || fail "too few tagged records"
expect_exit 0 vp-eval --gold "$T/gold.csv" --map "$D/public-events-map.tsv" --id-col id --json "$T/tagged"
flat=$(tr -d ' \n' <"$T/out")
case $flat in
*'"fp":'[1-9]* | *'"fn":'[1-9]* | *'"missing":'[1-9]*)
	while read -r theme col; do
		case $theme in '#'*|'') continue ;; esac
		vp-eval --gold "$T/gold.csv" --map "$D/public-events-map.tsv" --id-col id \
			--table --errors "$theme" "$T/tagged" | sed -n '/^False/,$p' >&2
	done <"$D/public-events-map.tsv"
	fail "lexicons mis-tag the public-event comments (listed above)" ;;
esac

# The same on settings.txt: comments in the style of other settings' feedback
# (wards, GP, mental health, community, ambulance, maternity) naming the
# themes other trusts' coding found weakest (settings-map.tsv).
sh "$VP_ROOT/tests/lexicon-gold.sh" "$D/settings-map.tsv" "$D/settings.txt" >"$T/sgold.csv" ||
	fail "could not build the settings gold file"
vp-ingest --id-col id --text-col comment "$T/sgold.csv" | vp-normalise | vp-tag --explain >"$T/stagged" ||
	fail "vp-ingest | vp-normalise | vp-tag failed on settings.txt"
expect_exit 0 vp-eval --gold "$T/sgold.csv" --map "$D/settings-map.tsv" --id-col id --json "$T/stagged"
flat=$(tr -d ' \n' <"$T/out")
case $flat in
*'"fp":'[1-9]* | *'"fn":'[1-9]* | *'"missing":'[1-9]*)
	while read -r theme col; do
		case $theme in '#'*|'') continue ;; esac
		vp-eval --gold "$T/sgold.csv" --map "$D/settings-map.tsv" --id-col id \
			--table --errors "$theme" "$T/stagged" | sed -n '/^False/,$p' >&2
	done <"$D/settings-map.tsv"
	fail "lexicons mis-tag the comments of settings.txt (listed above)" ;;
esac

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
