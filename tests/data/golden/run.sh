#!/bin/sh
# The golden chain: run the filter stages over the committed sample inputs
# (corpora/ and tests/data/) and write every output, stderr and exit status
# into OUTDIR, one file per run (NAME.out, NAME.err), and OUTDIR/SHA256SUMS
# of the .out files.  tests/e2e/golden.sh compares them byte for byte with
# tests/data/golden/expected/ (the .err files and the sums; the outputs
# themselves are 3 MB), made by the stages of commit 746a4e5, before the
# record-filter driver:
#   sh tests/data/golden/run.sh BIN_DIR tests/data/golden/expected
#   rm tests/data/golden/expected/*.out
# Regenerate only when a change of output is intended, and say so.
set -u
BIN=$(cd "$1" && pwd)
OUT=$2
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
C=$ROOT/corpora D=$ROOT/tests/data
export PATH="$BIN:$PATH" VOXPOP_DATADIR="$ROOT"
mkdir -p "$OUT"
T=$(mktemp -d "${TMPDIR:-/tmp}/vp-golden.XXXXXX")
trap 'rm -rf "$T"' EXIT

# run NAME CMD...: stdout to NAME.out, stderr (minus the program's path) and
# the exit status to NAME.err.
run() {
	name=$1; shift
	"$@" >"$OUT/$name.out" 2>"$T/err"
	echo "exit $?" >>"$T/err"
	cat "$T/err" >"$OUT/$name.err"
}

{
	vp-ingest --fields all --id-col "Response ID" --locality-col "CCG area" --date-col Submitted \
		"$C/survey-llr-2026.csv"
	vp-ingest --fields all "$C/events-melton.txt" "$C/events-leicester.txt" "$C/online-form.ndjson"
} >"$T/records.ndjson" 2>/dev/null

run locate vp-locate --report "$T/records.ndjson"
run locate-pc vp-locate --postcode-field Postcode --from-text "$T/records.ndjson"
run normalise vp-normalise "$OUT/locate.out"
run normalise-records vp-normalise "$D/text/records.ndjson"
run tag vp-tag "$OUT/normalise.out"
# relative lexicon path: entries name "lexicons/engagement/FILE:LINE" wherever the tree is
run tag-explain sh -c 'cd "$1" && exec vp-tag --explain --lexicon lexicons/engagement "$2"' sh "$ROOT" "$OUT/normalise.out"
run count vp-count "$OUT/tag.out"
run count-nested vp-count --nested --quotes 3 "$OUT/tag.out"
run count-place vp-count --level place --nested --quotes 2 "$OUT/tag.out"
run count-by-month vp-count --by month "$OUT/tag.out"
run count-data vp-count --quotes 2 "$D/count/tagged.ndjson"
run count-eval vp-count "$D/eval/tagged.ndjson"
# the fixtures under tests/data carry no "lexicon" (tagged by hand): tag.out's
# records are counted with them without theirs, as they were before vp-tag
# wrote it (vp-count refuses records with and without one in one count)
sed 's/,"lexicon":"[0-9a-f]*"}$/}/' "$OUT/tag.out" >"$T/tag-nolex.ndjson"
run count-multi vp-count --nested "$D/count/tagged.ndjson" "$T/tag-nolex.ndjson" "$D/eval/tagged.ndjson"
run locate-multi vp-locate "$D/text/records.ndjson" "$C/online-form.ndjson"

# Damaged input: bad JSON, not objects, wrong types, a truncated last line.
{
	head -n 20 "$OUT/tag.out"
	echo '{"id":"bad1","text":'
	echo '[1,2,3]'
	echo '{"id":"bad2","text":42,"tokens":"x","themes":"y","locality":7}'
	sed -n 21,40p "$OUT/tag.out"
	echo '{"id":"bad3","text":"ok","tokens":[1],"themes":[{"theme":5}]}'
	echo 'not json at all'
	sed -n 41,60p "$OUT/tag.out"
	printf '%s' '{"id":"trunc","text":"cut off'
} >"$T/damaged.ndjson"
run bad-normalise vp-normalise --skip-bad "$T/damaged.ndjson"
run bad-normalise-strict vp-normalise "$T/damaged.ndjson"
run bad-tag vp-tag --skip-bad "$T/damaged.ndjson"
run bad-tag-strict vp-tag "$T/damaged.ndjson"
run bad-count vp-count --skip-bad --nested --quotes 3 "$T/damaged.ndjson"
run bad-count-strict vp-count "$T/damaged.ndjson"
run bad-count-multi vp-count --skip-bad "$T/damaged.ndjson" "$OUT/tag.out" "$T/damaged.ndjson"
run bad-locate vp-locate --skip-bad "$T/damaged.ndjson"
run bad-locate-multi vp-locate --skip-bad "$T/damaged.ndjson" "$D/text/records.ndjson" "$T/damaged.ndjson"
run bad-locate-strict vp-locate "$T/damaged.ndjson"
run missing-count vp-count "$D/count/tagged.ndjson" "$T/no-such.ndjson"
run missing-locate vp-locate "$T/no-such.ndjson"
# Paths under $T and OUT vary from run to run: name them by their base name.
for f in "$OUT"/*.err; do
	sed "s#$T/##g; s#$OUT/##g" "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done
(cd "$OUT" && sha256sum *.out >SHA256SUMS)
exit 0
