#!/bin/sh
# make demo: run the whole pipeline on the sample corpora and print the counts.
# Usage: corpora/demo.sh BIN_DIR
set -eu
BIN=$(cd "${1:-bin}" && pwd)
C=$(cd "$(dirname "$0")" && pwd)
export PATH="$BIN:$PATH" VOXPOP_DATADIR="${VOXPOP_DATADIR:-$(dirname "$C")}"
T=$(mktemp -d "${TMPDIR:-/tmp}/vp-demo.XXXXXX")
trap 'rm -rf "$T"' EXIT

# 1. Ingest: the survey export (free-text columns guessed, named on stderr),
#    two sets of public event notes and an NDJSON file of online form records.
vp-ingest -v --id-col "Response ID" --locality-col "CCG area" --date-col Submitted \
	"$C/survey-llr-2026.csv" >"$T/records.ndjson"
vp-ingest -v "$C/events-melton.txt" "$C/events-leicester.txt" "$C/online-form.ndjson" \
	>>"$T/records.ndjson"

# 2. Resolve messy localities when vp-locate is built, then normalise, tag, count.
if [ -x "$BIN/vp-locate" ]; then
	vp-locate <"$T/records.ndjson" >"$T/located.ndjson"
else
	cp "$T/records.ndjson" "$T/located.ndjson"
fi
vp-normalise <"$T/located.ndjson" | vp-tag | vp-count >"$T/counts.json"

echo "voxpop demo: $(wc -l <"$T/records.ndjson") records from $C" >&2
if [ -x "$BIN/vp-report" ]; then
	vp-report --format markdown --top 15 --title "Top themes, sample corpora" "$T/counts.json"
else
	cat "$T/counts.json"
fi
