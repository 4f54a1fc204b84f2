#!/bin/sh
# How close does vp-suggest get, from an empty theme, to the shipped lexicon?
# For each theme: remove the theme's files from a copy of the shipped set,
# code N comments of the QDC tuning part for it (a random sample: the gold
# labels stand in for a team's coding), let vp-suggest --write the entries,
# put them in as the theme's file, and score the theme on the held-back part.
# Averaged over SEEDS samples.  Not part of make check; skips without
# ../shared.  Usage: sh tests/suggest-curve.sh [BIN]   (env: SEEDS, TOP, THEMES)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:-$root/bin}" && pwd) || exit 1
corpora=${VP_CORPORA:-$root/../shared/corpora}
gold=$corpora/qdc-dev.csv
map=$corpora/qdc-map.tsv
if [ ! -r "$gold" ] || [ ! -r "$map" ]; then
	echo "suggest-curve: skipped: $corpora/qdc-dev.csv and qdc-map.tsv not found (set VP_CORPORA)"
	exit 0
fi
command -v python3 >/dev/null || { echo "suggest-curve: needs python3"; exit 1; }
SEEDS=${SEEDS:-"1 2 3"}
TOP=${TOP:-40}
THEMES=${THEMES:-"access/waiting transport staff/attitude communication"}
export VOXPOP_DATADIR="$root"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vp-curve.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

"$bin/vp-ingest" --id-col "Comment ID" --text-col "FFT answer" --locality-col Trust "$gold" 2>/dev/null |
	"$bin/vp-normalise" >"$tmp/tokens" || exit 1
f1() { # lexicon-dir theme -> held-back F1 of theme
	"$bin/vp-tag" --lexicon "$1" <"$tmp/tokens" >"$tmp/t.ndjson" || exit 1
	"$bin/vp-eval" --gold "$gold" --map "$map" --id-col "Comment ID" --hash-col "Respondent ID" \
		--held-out 5 --json "$tmp/t.ndjson" | python3 -c '
import json,sys; print("%.3f" % json.load(sys.stdin)["themes"][sys.argv[1]]["f1"])' "$2"
}
# labels THEME N SEED > file: N random tuning-part rows coded for THEME
labels() {
	python3 - "$gold" "$map" "$1" "$2" "$3" <<'PY'
import csv, random, sys
gold, mapf, theme, n, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
labs = None
for line in open(mapf, encoding="utf-8"):
    if line.startswith("#") or "\t" not in line: continue
    t, l = line.rstrip("\n").split("\t", 1)
    if t == theme: labs = [x.strip() for x in l.split("|")]
def fnv(s):
    h = 2166136261
    for b in s.encode("utf-8"): h = ((h ^ b) * 16777619) & 0xffffffff
    return h
rows = [r for r in csv.DictReader(open(gold, encoding="utf-8-sig", newline=""))
        if fnv(r["Respondent ID"]) % 5 != 0]
random.Random(seed).shuffle(rows)
for r in rows[:n]:
    on = any(r.get(l, "").strip() == "1" for l in labs)
    print("%s\t%s" % (r["Comment ID"], theme if on else ""))
PY
}
printf '| theme | shipped lexicon | N = 100 | N = 300 | N = 1000 |\n|---|---|---|---|---|\n'
for th in $THEMES; do
	shipped=$(f1 "$root/lexicons/engagement" "$th")
	rm -rf "$tmp/lex"; cp -r "$root/lexicons/engagement" "$tmp/lex"
	rm -rf "$tmp/lex/$th" "$tmp/lex/$th.txt"
	"$bin/vp-tag" --lexicon "$tmp/lex" --explain <"$tmp/tokens" >"$tmp/empty.ndjson" || exit 1
	row="| $th | $shipped"
	for n in 100 300 1000; do
		sum=0 k=0
		for seed in $SEEDS; do
			labels "$th" "$n" "$seed" >"$tmp/labels"
			mkdir -p "$(dirname "$tmp/lex/$th.txt")"
			"$bin/vp-suggest" --labels "$tmp/labels" --theme "$th" --top "$TOP" \
				--write "$tmp/lex/$th.txt" "$tmp/empty.ndjson" >/dev/null 2>"$tmp/err" || {
				cat "$tmp/err" >&2; exit 1; }
			v=$(f1 "$tmp/lex" "$th")
			sum=$(python3 -c "print($sum + $v)"); k=$((k + 1))
			rm -f "$tmp/lex/$th.txt"
		done
		row="$row | $(python3 -c "print('%.3f' % ($sum / $k))")"
	done
	echo "$row |"
done
echo
echo "Held-back part of qdc-dev.csv (hash(Respondent ID) % 5 == 0), F1 of the theme; N coded"
echo "comments drawn from the tuning part, mean of seeds $SEEDS; vp-suggest --top $TOP, defaults otherwise."
