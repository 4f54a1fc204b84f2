#!/bin/sh
# make bench: generate a large survey export, run each stage and the whole
# chain on it, print MB/s and peak RSS; then run the chain on 10x the input
# (streamed from the generator, never stored) to show memory stays flat.
# Usage: bench/run.sh BIN_DIR   (env: BENCH_ROWS, default 200000; BENCH_SCALE10=0 skips the 10x run)
set -eu
BIN=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${BENCH_ROWS:-200000}
TOOLS=$ROOT/build/rel/tools
make -s -C "$ROOT" build/rel/tools/runstat >/dev/null
export PATH="$BIN:$TOOLS:$PATH" VOXPOP_DATADIR="$ROOT"
T=$(mktemp -d "${TMPDIR:-/tmp}/vp-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

QS='--text-col "What was good about your experience?" --text-col "What could we do better?" --text-col "Any other comments?"'
INGEST="vp-ingest --id-col 'Response ID' --locality-col 'CCG area' --date-col 'Start Date' $QS"

awk -v ROWS="$ROWS" -f "$ROOT/bench/gen-survey.awk" > "$T/big.csv"
csv_bytes=$(wc -c < "$T/big.csv")
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
echo "bench: $ROWS rows, $(mb "$csv_bytes") MB of CSV"

# stage LABEL INPUT OUTPUT CMD: run one stage alone, report MB/s of its input
# (wall, and per CPU-second: on a shared VM wall time can be 2-3x CPU time).
# Timed writing to /dev/null, then run again untimed for OUTPUT: writing
# 400 MB to a file on disk cost up to 2 s of system time, which is the
# file system's, not the stage's (vp-tag 1.9 CPU-s to a file, 0.85 not).
stage() {
	label=$1 in=$2 out=$3; shift 3
	eval "runstat $label $* < \"$in\" > /dev/null" 2> "$T/stat"
	if [ "$out" != /dev/null ]; then
		eval "$* < \"$in\" > \"$out\"" || exit 1
	fi
	cat "$T/stat"
	in_bytes=$(wc -c < "$in")
	awk -v b="$in_bytes" -v l="$label" '/wall/ { for (i = 1; i <= NF; i++) { if ($i == "wall") w = $(i + 1); if ($i == "cpu") c = $(i + 1) } }
	    END { printf "bench: %-10s %8.1f MB/s of its input (%.1f MB; %.1f MB/s per CPU-second)\n", l, b / 1e6 / w, b / 1e6, b / 1e6 / (c > 0 ? c : 0.001) }' "$T/stat"
}
stage ingest "$T/big.csv" "$T/ingested.ndjson" "$INGEST -"
echo "bench: records $(wc -l < "$T/ingested.ndjson")"
stage normalise "$T/ingested.ndjson" "$T/normalised.ndjson" vp-normalise
stage tag "$T/normalised.ndjson" "$T/tagged.ndjson" vp-tag
stage count "$T/tagged.ndjson" "$T/counts.json" vp-count
# vp-sentiment runs after vp-tag (target >= 200 MB/s of its input); not in
# the chain below, whose figure stays comparable with earlier runs.  No
# later step reads what the stages below write.
stage sentiment "$T/tagged.ndjson" /dev/null vp-sentiment
if [ -x "$BIN/vp-locate" ]; then
	stage locate "$T/ingested.ndjson" /dev/null vp-locate
fi
# vp-redact and vp-dedup (issue 13: each >= 100 MB/s of its input), not in
# the chain: on the survey records, and vp-dedup also on a generated
# consultation of ROWS responses with campaigns (tests/data/dedup), where
# near-duplicate search does most of the work.
stage redact "$T/ingested.ndjson" /dev/null vp-redact
stage dedup "$T/ingested.ndjson" /dev/null vp-dedup
awk -v N="$ROWS" -f "$ROOT/tests/data/dedup/gen-consultation.awk" > "$T/consultation.ndjson"
stage dedup-cons "$T/consultation.ndjson" /dev/null vp-dedup
rm -f "$T/consultation.ndjson"

# The whole chain on the CSV, every stage under runstat for its RSS.
cat > "$T/chain.sh" <<CHAIN
runstat ' ingest' $INGEST - | runstat ' normalise' vp-normalise | runstat ' tag' vp-tag |
	runstat ' count' vp-count > "$T/chain.json"
CHAIN
chain() { runstat chain sh "$T/chain.sh"; }
chain < "$T/big.csv" 2> "$T/stat"
cat "$T/stat"
awk -v b="$csv_bytes" '/chain/ { for (i = 1; i <= NF; i++) if ($i == "wall") w = $(i + 1) }
    /chain/ { for (i = 1; i <= NF; i++) if ($i == "cpu") c = $(i + 1) }
    END { printf "bench: whole chain %.1f MB/s of CSV (target >= 40); %.2f CPU-seconds in all, %.1f MB/s per core\n",
                 b / 1e6 / w, c, b / 1e6 / c }' "$T/stat"
cmp -s "$T/chain.json" "$T/counts.json" || { echo "bench: chain and stage-by-stage counts differ" >&2; exit 1; }
max_rss=$(awk '/peak RSS/ && !/chain/ { if ($(NF - 1) > m) m = $(NF - 1) } END { print m }' "$T/stat")
echo "bench: largest stage peak RSS ${max_rss} MB (target <= 32)"

if [ "${BENCH_SCALE10:-1}" != 0 ]; then
	rm -f "$T"/*.ndjson "$T/big.csv"
	echo "bench: 10x input ($((ROWS * 10)) rows, streamed from the generator)"
	awk -v ROWS=$((ROWS * 10)) -f "$ROOT/bench/gen-survey.awk" | chain 2> "$T/stat10"
	cat "$T/stat10"
	max10=$(awk '/peak RSS/ && !/chain/ { if ($(NF - 1) > m) m = $(NF - 1) } END { print m }' "$T/stat10")
	echo "bench: largest stage peak RSS at 10x ${max10} MB (target <= 32)"
fi

# ---- the floor, cheaper records, vp-run, the sklearn yardstick (issue 17) ----
# On the bench export and on a wide 60-column one (gen-survey.awk -v WIDE=1,
# about 50 MB), side by side in this run, CPU-seconds (user + system of every
# process, from runstat):
#   floor   tokfloor: read the CSV, tokenise + stem the text columns, nothing else
#   chain   vp-ingest | vp-normalise | vp-tag | vp-count, as the README gives it
#           (vp-ingest's default since 2026-12-05: --fields none, no "fields")
#   all     the same with vp-ingest --fields all (every other column in every
#           record: the default before)
#   vp-run  the same in one process, --jobs 2 (wall-clock MB/s too)
#   sklearn TF-IDF + LinearSVC inference on the same texts (bench/sklearn-infer.py)
# Each is run BENCH_RUNS times (default 3), in turns, and its median taken:
# one run of the floor alone was off by up to 40% now and then.  Every
# stage's and vp-run's peak RSS is the largest printed.  BENCH_RATIOS=0 skips.
RUNS=${BENCH_RUNS:-3}
# the median over runs of the last "cpu" (or "wall") runstat printed in each file
median_of() {
	what=$1
	shift
	for f in "$@"; do
		awk -v w="$what" '{ for (i = 1; i <= NF; i++) if ($i == w) c = $(i + 1) } END { print c }' "$f"
	done | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
cpu_of() { median_of cpu "$@"; }
wall_of() { median_of wall "$@"; }
rss_of() { awk '/peak RSS/ { if ($(NF - 1) > m) m = $(NF - 1) } END { print m }' "$@"; }
ratios() {
	name=$1 csv=$2
	bytes=$(wc -c < "$csv")
	rm -f "$T"/s.floor.* "$T"/s.all.* "$T"/s.chain.* "$T"/s.run.*
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		runstat floor tokfloor "What was good about your experience?" "What could we do better?" \
			"Any other comments?" < "$csv" 2> "$T/s.floor.$i" > /dev/null
		for f in chain all; do
			fl=; [ $f = chain ] || fl="--fields $f"
			cat > "$T/c.sh" <<CHAIN
runstat ' ingest' $INGEST $fl - | runstat ' normalise' vp-normalise |
	runstat ' tag' vp-tag | runstat ' count' vp-count > "$T/c.$f.json"
CHAIN
			runstat chain sh "$T/c.sh" < "$csv" 2> "$T/s.$f.$i"
		done
		eval "runstat vp-run vp-run --jobs 2 $QS --id-col 'Response ID' --locality-col 'CCG area' --date-col 'Start Date' -" \
			< "$csv" > "$T/r.json" 2> "$T/s.run.$i"
	done
	cmp -s "$T/c.all.json" "$T/c.chain.json" || { echo "bench: --fields all changed the counts" >&2; exit 1; }
	cmp -s "$T/c.chain.json" "$T/r.json" || { echo "bench: vp-run and the chain differ" >&2; exit 1; }
	sk=-
	if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
		sk=$(/usr/bin/python3 "$ROOT/bench/sklearn-infer.py" "$csv" "What was good about your experience?" \
			"What could we do better?" "Any other comments?" | awk '{ print $(NF - 1) }')
	else
		echo "bench: python3-sklearn not installed (apt-get install python3-sklearn): no sklearn yardstick"
	fi
	awk -v n="$name" -v b="$bytes" -v fl="$(cpu_of "$T"/s.floor.*)" -v ca="$(cpu_of "$T"/s.chain.*)" \
	    -v cn="$(cpu_of "$T"/s.all.*)" -v cr="$(cpu_of "$T"/s.run.*)" -v wr="$(wall_of "$T"/s.run.*)" \
	    -v sk="$sk" -v ra="$(rss_of "$T"/s.chain.*)" -v rn="$(rss_of "$T"/s.all.*)" -v rr="$(rss_of "$T"/s.run.*)" \
	    -v runs="$RUNS" 'BEGIN {
		printf "bench: %s, %.1f MB of CSV; CPU-seconds (x the floor), median of %d runs\n", n, b / 1e6, runs
		printf "bench:   floor   %6.2f\n", fl
		printf "bench:   chain   %6.2f (%.1fx; target <= 6)  peak RSS %.1f MB\n", ca, ca / fl, ra
		printf "bench:   all     %6.2f (%.1fx; --fields all)  peak RSS %.1f MB\n", cn, cn / fl, rn
		printf "bench:   vp-run  %6.2f (%.1fx; target <= 3)  wall %.2f s = %.0f MB/s (target >= 150)  peak RSS %.1f MB\n",
		       cr, cr / fl, wr, b / 1e6 / wr, rr
		if (sk != "-")
			printf "bench:   sklearn %6.2f: chain %.1fx faster (target >= 3), --fields all %.1fx, vp-run %.1fx\n",
			       sk, sk / ca, sk / cn, sk / cr
	}'
}
if [ "${BENCH_RATIOS:-1}" != 0 ]; then
	make -s -C "$ROOT" build/rel/tools/tokfloor >/dev/null
	awk -v ROWS="$ROWS" -f "$ROOT/bench/gen-survey.awk" > "$T/big.csv"
	ratios "bench export ($ROWS rows, 7 columns)" "$T/big.csv"
	rm -f "$T/big.csv"
	awk -v ROWS=$((ROWS * 63 / 200)) -v WIDE=1 -f "$ROOT/bench/gen-survey.awk" > "$T/wide.csv"
	ratios "wide export ($((ROWS * 63 / 200)) rows, 60 columns)" "$T/wide.csv"
	rm -f "$T/wide.csv" "$T"/*.json
	if [ "${BENCH_SCALE10:-1}" != 0 ]; then
		awk -v ROWS=$((ROWS * 10)) -f "$ROOT/bench/gen-survey.awk" |
			eval "runstat vp-run-10x vp-run --jobs 2 $QS --id-col 'Response ID' --locality-col 'CCG area' -" \
			> /dev/null 2> "$T/s.run10"
		cat "$T/s.run10"
		echo "bench: vp-run peak RSS at 10x $(rss_of "$T/s.run10") MB (target <= 32)"
	fi
	# many small files: one vp-ingest over all of them, or one chain per file
	mkdir "$T/many"
	for i in $(seq 100); do awk -v ROWS=$((ROWS / 100)) -f "$ROOT/bench/gen-survey.awk" > "$T/many/f$i.csv"; done
	cat > "$T/many.sh" <<MANY
cd "$T/many"
case \$1 in
one) $INGEST f*.csv | vp-normalise | vp-tag | vp-count > ../m1.json ;;
each) for f in f*.csv; do $INGEST "\$f" | vp-normalise | vp-tag | vp-count --compact; done | vp-merge > ../m2.json ;;
esac
MANY
	runstat many-one sh "$T/many.sh" one 2> "$T/s.m1"
	runstat many-each sh "$T/many.sh" each 2> "$T/s.m2"
	cmp -s "$T/m1.json" "$T/m2.json" || { echo "bench: many files: the two ways differ" >&2; exit 1; }
	awk -v a="$(cpu_of "$T/s.m1")" -v b="$(cpu_of "$T/s.m2")" 'BEGIN {
		printf "bench: 100 files of %d rows: one vp-ingest over all %.2f CPU-s, one chain per file + vp-merge %.2f CPU-s (%.2fx)\n",
		       '"$((ROWS / 100))"', a, b, b / a }'
	rm -rf "$T/many" "$T"/m?.json
fi

# One 1 MiB record, then 200,000 short ones: a stage reads each line in
# pieces of about twice the last line, so the short lines cost what short
# lines cost (reading each into the whole 1 MB buffer made vp-count 58x
# slower: 3.76 s against 0.065 s, 2026-12-04).
awk 'BEGIN { s = "x"; while (length(s) < 1000000) s = s s
	print "{\"id\":\"big\",\"text\":\"" s "\",\"locality\":\"A\",\"themes\":[]}"
	for (i = 0; i < 200000; i++)
		print "{\"id\":\"" i "\",\"text\":\"hello\",\"locality\":\"A\",\"themes\":[{\"theme\":\"access\",\"hits\":[\"a\"]}]}" }' \
	> "$T/longfirst.ndjson"
runstat long-first vp-count < "$T/longfirst.ndjson" > /dev/null 2> "$T/s.long"
echo "bench: one 1 MiB line then 200000 short ones: vp-count $(cpu_of "$T/s.long") CPU-s (0.06 when lines cost their own length)"
rm -f "$T/longfirst.ndjson"

# xlsx input: the streaming reader (tests/tools/xlsx-dump over vp_xlsx) on a
# generated ROWS-row workbook, once with inline strings (pure streaming) and
# once with every answer a shared string, as Excel writes them (a table past
# 4 MiB goes to temporary files in $TMPDIR, so RSS stays flat).  BENCH_XLSX=0
# skips.
if [ "${BENCH_XLSX:-1}" != 0 ]; then
	make -s -C "$ROOT" build/rel/tools/xlsx-gen build/rel/tools/xlsx-dump >/dev/null
	for kind in inline shared; do
		flag=; [ $kind = shared ] && flag=--shared
		xlsx-gen --bench "$ROWS" "$T/book.xlsx" $flag > "$T/gen"
		sheet_bytes=$(awk '{ print $2 }' "$T/gen") ss_bytes=$(awk '{ print $4 }' "$T/gen")
		runstat "xlsx-$kind" xlsx-dump -q "$T/book.xlsx" > "$T/xout" 2> "$T/stat"
		cat "$T/stat"
		awk -v b="$sheet_bytes" -v s="$ss_bytes" -v k="$kind" -v z="$(wc -c < "$T/book.xlsx")" '
		    { for (i = 1; i <= NF; i++) { if ($i == "wall") w = $(i + 1); if ($i == "cpu") c = $(i + 1); if ($i == "RSS") r = $(i + 1) } }
		    END { printf "bench: xlsx %-6s %.1f MB of sheet XML (+%.1f MB shared strings; %.1f MB zipped): %.1f MB/s, %.1f MB/s per CPU-second, peak RSS %.1f MB\n",
		                 k, b / 1e6, s / 1e6, z / 1e6, (b + s) / 1e6 / w, (b + s) / 1e6 / c, r }' "$T/stat"
		rm -f "$T/book.xlsx"
	done
fi

# UTF-16 input: the survey CSV as a UTF-16LE export (BOM), converted back
# to UTF-8 by vp_transcode (tests/tools/transcode-cat).  BENCH_XLSX=0 skips.
if [ "${BENCH_XLSX:-1}" != 0 ] && command -v iconv >/dev/null; then
	make -s -C "$ROOT" build/rel/tools/transcode-cat >/dev/null
	awk -v ROWS="$ROWS" -f "$ROOT/bench/gen-survey.awk" > "$T/u8.csv"
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/u8.csv"; } > "$T/u16.csv"
	runstat utf16-to-8 transcode-cat < "$T/u16.csv" > "$T/back.csv" 2> "$T/stat"
	cat "$T/stat"
	cmp -s "$T/u8.csv" "$T/back.csv" || { echo "bench: UTF-16 round trip differs" >&2; exit 1; }
	awk -v b="$(wc -c < "$T/u16.csv")" '{ for (i = 1; i <= NF; i++) { if ($i == "wall") w = $(i + 1); if ($i == "cpu") c = $(i + 1); if ($i == "RSS") r = $(i + 1) } }
	    END { printf "bench: UTF-16 -> UTF-8 %.1f MB in: %.1f MB/s, %.1f MB/s per CPU-second, peak RSS %.1f MB\n", b / 1e6, b / 1e6 / w, b / 1e6 / (c > 0 ? c : 0.001), r }' "$T/stat"
	rm -f "$T/u8.csv" "$T/u16.csv" "$T/back.csv"
fi
