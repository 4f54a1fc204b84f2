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
awk -F '\t' -v map="$D/public-events-map.tsv" '
	BEGIN {
		while ((getline line < map) > 0) {
			if (line ~ /^#/ || line == "") continue
			split(line, f, "\t"); cols[++n] = f[2]
		}
		printf "id,comment"
		for (i = 1; i <= n; i++) printf ",%s", cols[i]
		printf "\n"
	}
	/^#/ || NF < 3 { next }
	{
		delete want
		k = split($2, t, ",")
		for (i = 1; i <= k; i++) want[t[i]] = 1
		for (w in want) {
			known = 0
			for (i = 1; i <= n; i++) if (cols[i] == w) known = 1
			if (!known && w != "-") { print FILENAME ":" FNR ": unknown theme " w > "/dev/stderr"; exit 1 }
		}
		text = $3; gsub(/"/, "\"\"", text)
		printf "%s,\"%s\"", $1, text
		for (i = 1; i <= n; i++) printf ",%d", (cols[i] in want)
		printf "\n"
	}' "$D/public-events.txt" >"$T/gold.csv" || fail "could not build the gold file"

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
exit 0
