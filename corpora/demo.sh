#!/bin/sh
# make demo: run the whole pipeline on the sample corpora and show the counts.
#   corpora/demo.sh BIN_DIR [OUT_DIR]
# The survey export (its free-text columns guessed and named on stderr), two
# sets of public event notes and a file of online-form records are ingested,
# personal data redacted, repeated (campaign) texts marked, their messy
# localities resolved through the gazetteers, normalised, tagged, read for
# sentiment and counted with all three levels nested, campaigns once.  The records, the tagged records
# and the counts JSON are written to OUT_DIR (default: a new directory under
# $TMPDIR, kept) and listed; the output ends with the counts as a Markdown
# table by locality.
set -eu
BIN=$(cd "${1:-bin}" && pwd)
C=$(cd "$(dirname "$0")" && pwd)
export PATH="$BIN:$PATH" VOXPOP_DATADIR="${VOXPOP_DATADIR:-$(dirname "$C")}"
if [ $# -ge 2 ]; then
	O=$2
	mkdir -p "$O"
else
	O=$(mktemp -d "${TMPDIR:-/tmp}/vp-demo.XXXXXX")
fi

{
	vp-ingest -v --id-col "Response ID" --locality-col "CCG area" --date-col Submitted \
		"$C/survey-llr-2026.csv"
	vp-ingest -v "$C/events-melton.txt" "$C/events-leicester.txt" "$C/online-form.ndjson"
} > "$O/records.ndjson"

vp-redact < "$O/records.ndjson" | vp-dedup | vp-locate --report | vp-normalise | vp-tag |
	vp-sentiment > "$O/tagged.ndjson"
vp-count --dedup --nested --quotes 1 "$O/tagged.ndjson" > "$O/counts.json"
vp-report --format markdown --top 15 --title "Top themes, sample corpora" "$O/counts.json" \
	> "$O/counts.md"

echo "voxpop demo: $(wc -l < "$O/records.ndjson") records from $C" >&2
# Top-level members of the (sorted, indent 2) counts document: records, rejected.
top() { sed -n "s/^  \"$1\": \([0-9]*\),*$/\1/p" "$O/counts.json"; }
cat <<END
== voxpop demo: files in $O
  records.ndjson  $(wc -l < "$O/records.ndjson") records (vp-ingest: survey CSV, event notes, form NDJSON)
  tagged.ndjson   the same records redacted, deduplicated, located, normalised, tagged and read
                  for sentiment (vp-redact | vp-dedup | vp-locate | vp-normalise | vp-tag | vp-sentiment)
  counts.json     vp-count --dedup --nested --quotes 1: $(top records) records counted, $(top rejected) rejected,
                  per locality, place and system, with a quote per theme ($(wc -l < "$O/counts.json") lines)
  counts.md       the table below (vp-report --format markdown --top 15)
  Look inside:    vp-report --format html $O/counts.json > report.html

END
cat "$O/counts.md"
