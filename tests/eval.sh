#!/bin/sh
# make eval: tag the labelled NHS feedback in ../shared/corpora with the real
# chain and score it with vp-eval, on the tuning part and on the held-back
# part (respondents hashed, 1 in 5 held back).  $1: the bin directory.
# Not part of make check: the corpus is not in the repository.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:-$root/bin}" && pwd) || exit 1
corpora=${VP_CORPORA:-$root/../shared/corpora}
gold=$corpora/qdc-dev.csv
map=$corpora/qdc-map.tsv
if [ ! -r "$gold" ] || [ ! -r "$map" ]; then
	echo "make eval: skipped: $corpora/qdc-dev.csv and qdc-map.tsv not found (set VP_CORPORA to their directory)"
	exit 0
fi
for s in vp-ingest vp-normalise vp-tag vp-sentiment vp-eval; do
	[ -x "$bin/$s" ] || { echo "make eval: $bin/$s is not built" >&2; exit 1; }
done
export VOXPOP_DATADIR="$root"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vp-eval.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bin/vp-ingest" --fields "FFT question" --id-col "Comment ID" --text-col "FFT answer" --locality-col Trust "$gold" |
	"$bin/vp-normalise" | "$bin/vp-tag" >"$tmp/tagged.ndjson" || {
	echo "make eval: the chain vp-ingest | vp-normalise | vp-tag failed" >&2; exit 1; }
# Sentiment: the question is the "FFT question" column (in "fields").
"$bin/vp-sentiment" --question-field "FFT question" "$tmp/tagged.ndjson" >"$tmp/sentiment.ndjson" || {
	echo "make eval: vp-sentiment failed" >&2; exit 1; }

for part in tuning held-out; do
	case $part in
	tuning) title="Tuning part (respondents not held back)" ;;
	held-out) title="Held-back part (hash(Respondent ID) % 5 == 0; never used for tuning)" ;;
	esac
	echo "== $title"
	"$bin/vp-eval" --gold "$gold" --map "$map" --id-col "Comment ID" \
		--hash-col "Respondent ID" "--$part" 5 --table "$tmp/tagged.ndjson" || exit 1
	echo
	"$bin/vp-eval" --gold "$gold" --id-col "Comment ID" --sentiment "Comment sentiment" \
		--hash-col "Respondent ID" "--$part" 5 --table "$tmp/sentiment.ndjson" || exit 1
	echo
done
# The yardstick (issue 19): a TF-IDF + LinearSVC per theme fitted on the tuning
# part, scored by vp-eval on the held-back rows beside the lexicon.
if /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
	/usr/bin/python3 "$root/tests/svc-yardstick.py" "$gold" "$map" 5 >"$tmp/svc.ndjson" || {
		echo "make eval: tests/svc-yardstick.py failed" >&2; exit 1; }
	for who in tagged svc; do
		"$bin/vp-eval" --gold "$gold" --map "$map" --id-col "Comment ID" \
			--hash-col "Respondent ID" --held-out 5 --table "$tmp/$who.ndjson" >"$tmp/$who.table" || exit 1
	done
	echo "== Held-back part: the lexicons against a TF-IDF + LinearSVC fitted on the tuning part"
	awk 'function f1() { return $NF == "*" ? $(NF - 1) $NF : $NF }
	     FNR == 1 || $1 == "macro" || $1 == "micro/macro" || $1 == "rows" { next }
	     NR == FNR { svc[$1] = f1(); next }
	     { printf "%-26s %8s %8s  %s\n", $1, f1(), svc[$1],
	         $NF != "*" && $NF + 0 < svc[$1] + 0 ? "below the SVC" : "" }
	     BEGIN { printf "%-26s %8s %8s\n", "theme", "lexicon", "SVC" }' \
		"$tmp/svc.table" "$tmp/tagged.table"
	echo "(F1; * rows: fewer than 20 gold rows, not averaged)"
	echo
else
	echo "make eval: python3-sklearn not installed (apt-get install python3-sklearn): no SVC yardstick"
	echo
fi
echo "Lexicons: $root/lexicons/engagement.  Why a theme fires or not (tuning part only):"
echo "  vp-ingest --id-col 'Comment ID' --text-col 'FFT answer' $gold | vp-normalise | vp-tag --explain >tagged"
echo "  vp-eval --gold $gold --map $map --id-col 'Comment ID' --hash-col 'Respondent ID' --tuning 5 --errors THEME tagged"
echo "Sentiment: $root/lexicons/sentiment.  Misread rows with their hits (tuning part only):"
echo "  vp-sentiment --question-field 'FFT question' tagged >sent"
echo "  vp-eval --gold $gold --id-col 'Comment ID' --sentiment 'Comment sentiment' --hash-col 'Respondent ID' --tuning 5 --errors negative --table sent"
