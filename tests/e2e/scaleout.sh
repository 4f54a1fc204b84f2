#!/bin/sh
# Scale-out recipes (README "Scale-out"): files or record splits counted
# apart -- xargs -P, GNU parallel (when installed), the contrib/ mapper and
# reducer as Hadoop Streaming would run them (shuffled lines, a tree of
# reducers) -- merged with vp-merge: byte-identical to one run.
. "$VP_ROOT/tests/lib.sh"
C=$VP_ROOT/corpora
P=$VP_ROOT/tests/data/ingest-presets
M=$VP_ROOT/contrib/voxpop-map
R=$VP_ROOT/contrib/voxpop-reduce
set -- "$C/survey-llr-2026.csv" "$C/events-melton.txt" "$C/events-leicester.txt" \
	"$C/online-form.ndjson" "$P"/*.csv
Q='--quotes 2'

# one run: the reference
vp-ingest "$@" 2>/dev/null | vp-normalise | vp-tag | vp-count $Q > "$T/one" || fail "one run"
vp-ingest "$@" 2>/dev/null > "$T/records.ndjson" || fail "ingest"
check() { cmp -s "$T/one" "$1" || { diff "$T/one" "$1" | head >&2; fail "$2 differs from one run"; }; }

# one file per job with xargs -P, each document to its own file (concurrent
# writers to one pipe could interleave documents longer than PIPE_BUF)
mkdir "$T/parts"
i=0
for f in "$@"; do i=$((i + 1)); printf '%s\t%s\n' "$i" "$f"; done |
	xargs -P 3 -L 1 sh -c 'vp-ingest "$2" 2>/dev/null | vp-normalise | vp-tag |
		vp-count --compact '"$Q"' > "$0/$1.json"' "$T/parts"
# ($0 the directory, $1 N, $2 the path: paths here hold no blanks)
ls "$T/parts" | grep -q . || fail "xargs made no documents"
cat "$T/parts"/*.json | vp-merge > "$T/got" || fail "merge of the xargs documents"
check "$T/got" "xargs -P over files + vp-merge"

# records split on line boundaries -- between respondents, as README says
# (vp-count counts a respondent as a run of records; cut in two, one person
# would count twice): about 37 records a split
awk -v n=37 -v out="$T/split." '{
	r = ""
	if (match($0, /"respondent":"([^"\\]|\\.)*"/)) r = substr($0, RSTART, RLENGTH)
	if (c >= n && (r == "" || r != prev)) { k++; c = 0 }
	print > (out sprintf("%03d", k)); c++; prev = r
}' "$T/records.ndjson"
for s in "$T"/split.*; do "$M" records $Q < "$s"; done > "$T/docs"
[ "$(wc -l < "$T/docs")" -gt 3 ] || fail "too few splits"
"$R" < "$T/docs" > "$T/got" || fail "reduce"
check "$T/got" "voxpop-map records over splits of about 37 + voxpop-reduce"
# Hadoop Streaming: the mapper lines shuffled, reduced as a tree of reducers
sort -r "$T/docs" > "$T/shuffled"
head -n 2 "$T/shuffled" | "$R" --compact > "$T/level1"
tail -n +3 "$T/shuffled" | "$R" --compact >> "$T/level1"
[ "$(wc -l < "$T/level1")" = 2 ] || fail "voxpop-reduce --compact is not one line a document"
"$R" < "$T/level1" > "$T/got" || fail "tree reduce"
check "$T/got" "shuffled mapper lines reduced as a tree"

# files split across mappers
printf '%s\n' "$@" | head -n 4 | "$M" files $Q > "$T/fdocs" 2>/dev/null
printf '%s\n' "$@" | tail -n +5 | "$M" files $Q >> "$T/fdocs" 2>/dev/null
"$R" < "$T/fdocs" > "$T/got" || fail "reduce of file splits"
check "$T/got" "voxpop-map files + voxpop-reduce"

# vp-run per file, merged
for f in "$@"; do vp-run --jobs 2 $Q "$f" 2>/dev/null; done | vp-merge > "$T/got" || fail "vp-run per file"
check "$T/got" "vp-run per file + vp-merge"

if command -v parallel >/dev/null; then
	parallel -j 3 "vp-ingest {} 2>/dev/null | vp-normalise | vp-tag | vp-count --compact $Q" ::: "$@" |
		vp-merge > "$T/got" || fail "parallel over files"
	check "$T/got" "GNU parallel over files + vp-merge"
	# --pipe -N cuts where it likes, a respondent's answers too: answer counts
	# stay exact, respondent counts would not (README), so the records go
	# without "respondent" here, each its own respondent, in both runs
	sed 's/"respondent":"\([^"\\]\|\\.\)*",//' "$T/records.ndjson" > "$T/norespondent"
	grep -q '"respondent"' "$T/norespondent" && fail "respondent left in"
	"$M" records $Q < "$T/norespondent" | "$R" > "$T/one-nr" || fail "one run, no respondents"
	parallel -j 3 --pipe -N 50 "$M records $Q" < "$T/norespondent" | "$R" > "$T/got" ||
		fail "parallel --pipe"
	cmp -s "$T/one-nr" "$T/got" || { diff "$T/one-nr" "$T/got" | head >&2;
		fail "GNU parallel --pipe -N 50 over records + voxpop-reduce differs from one run"; }
else
	echo "scaleout: GNU parallel not installed (apt-get install parallel): its recipes not run, xargs -P was"
fi
exit 0
