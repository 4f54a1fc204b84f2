#!/bin/sh
# make demo: run the whole pipeline on the sample corpora and print the counts.
#   corpora/demo.sh BIN_DIR
# The survey export (its free-text columns guessed and named on stderr), two
# sets of public event notes and a file of online-form records are ingested,
# their messy localities resolved through the gazetteers, normalised, tagged
# and counted with all three levels nested; the counts JSON is printed, then
# the same counts as a Markdown table by locality.
set -eu
BIN=$(cd "${1:-bin}" && pwd)
C=$(cd "$(dirname "$0")" && pwd)
export PATH="$BIN:$PATH" VOXPOP_DATADIR="${VOXPOP_DATADIR:-$(dirname "$C")}"
T=$(mktemp -d "${TMPDIR:-/tmp}/vp-demo.XXXXXX")
trap 'rm -rf "$T"' EXIT

{
	vp-ingest -v --id-col "Response ID" --locality-col "CCG area" --date-col Submitted \
		"$C/survey-llr-2026.csv"
	vp-ingest -v "$C/events-melton.txt" "$C/events-leicester.txt" "$C/online-form.ndjson"
} > "$T/records.ndjson"

vp-locate --report < "$T/records.ndjson" | vp-normalise | vp-tag |
	vp-count --nested --quotes 1 > "$T/counts.json"

echo "voxpop demo: $(wc -l < "$T/records.ndjson") records from $C" >&2
echo "== counts.json (vp-count --nested --quotes 1)"
cat "$T/counts.json"
echo
echo "== vp-report --format markdown --top 15"
vp-report --format markdown --top 15 --title "Top themes, sample corpora" "$T/counts.json"
