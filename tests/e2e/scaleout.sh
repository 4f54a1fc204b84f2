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
# a node that fails says so (exit status): not an empty line the next level
# reads as no documents, the node's splits lost without a word
echo '{"not":"a count"}' | "$R" --compact > "$T/bad-node" 2>/dev/null &&
	fail "voxpop-reduce --compact exited 0 on a bad document (wrote: $(cat "$T/bad-node"))"
check "$T/got" "shuffled mapper lines reduced as a tree"

# files split across mappers
printf '%s\n' "$@" | head -n 4 | "$M" files $Q > "$T/fdocs" 2>/dev/null
printf '%s\n' "$@" | tail -n +5 | "$M" files $Q >> "$T/fdocs" 2>/dev/null
"$R" < "$T/fdocs" > "$T/got" || fail "reduce of file splits"
check "$T/got" "voxpop-map files + voxpop-reduce"

# vp-run per file, merged
for f in "$@"; do vp-run --jobs 2 $Q "$f" 2>/dev/null; done | vp-merge > "$T/got" || fail "vp-run per file"
check "$T/got" "vp-run per file + vp-merge"

# --by fields.NAME over records from sources some of which have no such
# column (event notes beside a survey kept with --fields): a split of only
# notes has no record with the member, which one run over everything has --
# the splits must still merge into the one run's document, not fail (a
# mapper's failure loses its split) -- and a member no split has still
# fails at the end, as one vp-count fails
BY='fields.Age band'
{ vp-ingest --fields 'Age band' "$C/survey-llr-2026.csv"; vp-ingest "$C/events-melton.txt" \
	"$C/events-leicester.txt"; } 2>/dev/null > "$T/mixed.ndjson" || fail "ingest, mixed"
vp-normalise < "$T/mixed.ndjson" | vp-tag | vp-count --by "$BY" > "$T/one-by" || fail "one run, --by fields"
lines=$(wc -l < "$T/mixed.ndjson")
head -n $((lines - 20)) "$T/mixed.ndjson" > "$T/mixed.1"
tail -n 20 "$T/mixed.ndjson" > "$T/mixed.2"
grep -q '"fields"' "$T/mixed.2" && fail "the last split has fields"
{ "$M" records --by "$BY" < "$T/mixed.1" && "$M" records --by "$BY" < "$T/mixed.2"; } \
	> "$T/by-docs" 2>"$T/by-err" ||
	{ cat "$T/by-err" >&2; fail "voxpop-map records --by fields failed on a split without the column"; }
"$R" < "$T/by-docs" > "$T/got" || fail "reduce, --by fields"
cmp -s "$T/one-by" "$T/got" || { diff "$T/one-by" "$T/got" | head >&2;
	fail "voxpop-map records --by fields over splits + voxpop-reduce differs from one run"; }
# a tree: a node of splits without the column passes on what they say
"$M" records --by "$BY" < "$T/mixed.2" | "$R" --compact > "$T/node" 2>/dev/null ||
	fail "a reducer node of a split without the column"
"$R" < "$T/node" > "$T/got" 2>"$T/by-err" && fail "no split had the column: the reduce succeeded"
grep -q 'fields.Age band.*no record' "$T/by-err" ||
	{ cat "$T/by-err" >&2; fail "no split had the column: the reduce did not say so"; }
"$M" records --by "$BY" < "$T/mixed.1" >> "$T/node" 2>/dev/null || fail "mapper, the first split"
"$R" < "$T/node" > "$T/got" || fail "a tree, one of its splits with the column"
cmp -s "$T/one-by" "$T/got" || { diff "$T/one-by" "$T/got" | head >&2;
	fail "the tree of voxpop-map records --by fields differs from one run"; }

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
