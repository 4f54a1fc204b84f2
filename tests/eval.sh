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

"$bin/vp-ingest" --id-col "Comment ID" --text-col "FFT answer" --locality-col Trust "$gold" |
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
echo "Lexicons: $root/lexicons/engagement.  Why a theme fires or not (tuning part only):"
echo "  vp-ingest --id-col 'Comment ID' --text-col 'FFT answer' $gold | vp-normalise | vp-tag --explain >tagged"
echo "  vp-eval --gold $gold --map $map --id-col 'Comment ID' --hash-col 'Respondent ID' --tuning 5 --errors THEME tagged"
echo "Sentiment: $root/lexicons/sentiment.  Misread rows with their hits (tuning part only):"
echo "  vp-sentiment --question-field 'FFT question' tagged >sent"
echo "  vp-eval --gold $gold --id-col 'Comment ID' --sentiment 'Comment sentiment' --hash-col 'Respondent ID' --tuning 5 --errors negative --table sent"
