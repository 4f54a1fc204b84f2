#!/bin/sh
# --max-line: every stage reading NDJSON takes it (vp-ingest and vp-run too),
# and no stage writes a record the next stage's limit refuses without
# saying so: vp-ingest (and vp-run, with its code) refuses a record longer
# than its --max-line; every record filter one that what it adds would
# make longer (vp-normalise's tokens, vp-tag's themes, vp-sentiment's
# labels: the filter driver measures what each writes).
# Small limits stand for the 16 MiB default.
. "$VP_ROOT/tests/lib.sh"

long=$(awk 'BEGIN { for (i = 0; i < 40; i++) printf "word%d ", i }')  # 280 bytes

# NDJSON input: a line over --max-line is a bad record, in vp-ingest and vp-run.
printf '%s\n' '{"id":"a","text":"short one"}' "{\"id\":\"b\",\"text\":\"$long\"}" \
	'{"id":"c","text":"short two"}' >"$T/in.ndjson"
for prog in vp-ingest vp-run; do
	expect_exit 65 $prog --max-line 200 "$T/in.ndjson"
	expect_in "$T/err" "$prog: $T/in.ndjson:2: line longer than 200 bytes (--max-line)"
	expect_exit 0 $prog --skip-bad --max-line 200 "$T/in.ndjson"
	expect_exit 64 $prog --max-line 0 "$T/in.ndjson"
	expect_exit 0 $prog --help
	expect_in "$T/out" "--max-line BYTES"
done
vp-ingest --skip-bad --max-line 200 "$T/in.ndjson" >"$T/ing" 2>/dev/null
[ "$(wc -l <"$T/ing")" = 2 ] || fail "vp-ingest --skip-bad: want 2 records"

# A CSV answer within --max-field whose record exceeds --max-line: refused
# at ingest (file:line, 65), or skipped and counted; vp-run the same.
{ echo 'id,comment'; echo "1,short answer"; echo "2,$long"; echo "3,another short"; } \
	>"$T/big.csv"
for prog in vp-ingest vp-run; do
	expect_exit 65 $prog -t comment --max-line 300 "$T/big.csv"
	expect_in "$T/err" "$prog: $T/big.csv:3: record longer than 300 bytes (--max-line)"
done
vp-ingest -t comment --max-line 300 --skip-bad "$T/big.csv" 2>"$T/ierr" >"$T/ing" ||
	fail "vp-ingest --skip-bad"
expect_in "$T/ierr" "record longer than 300 bytes"
[ "$(wc -l <"$T/ing")" = 2 ] || fail "vp-ingest --skip-bad csv: want 2 records"
vp-normalise --max-line 300 <"$T/ing" | vp-tag --max-line 300 | vp-count --max-line 300 >"$T/chain.json" || fail "chain"
add_ingest_rejected "$T/ierr" "$T/chain.json" # vp-run's "rejected" holds the row
expect_exit 0 vp-run -t comment --max-line 300 --skip-bad "$T/big.csv"
cmp "$T/out" "$T/chain.json" || fail "vp-run --skip-bad differs from the chain"
# the default: the same record is fine
expect_exit 0 vp-ingest -t comment "$T/big.csv"

# vp-normalise: a record its tokens would take over --max-line is a bad
# record, not a line the next stage refuses.
vp-ingest -t comment "$T/big.csv" >"$T/all.ndjson" || fail "ingest"
len=$(awk 'length > m { m = length } END { print m }' "$T/all.ndjson")
expect_exit 65 vp-normalise --max-line $((len + 10)) "$T/all.ndjson"
expect_in "$T/err" "vp-normalise: $T/all.ndjson:2: record with its tokens longer than"
expect_exit 0 vp-normalise --skip-bad --max-line $((len + 10)) "$T/all.ndjson"
[ "$(wc -l <"$T/out")" = 2 ] || fail "vp-normalise --skip-bad: want 2 records"
expect_in "$T/err" "skipped 1 bad record of 3"

# vp-tag and vp-sentiment: a record just under the limit that "themes" (or
# "sentiment") take past it is refused by the stage that adds them (named,
# 65), or skipped and counted -- not passed on for the next stage to refuse.
printf '%s\n' '{"id":"1","text":"parking was awful and the car park was full"}' \
	'{"id":"2","text":"fine"}' | vp-normalise >"$T/n.ndjson" || fail "normalise"
nlen=$(head -1 "$T/n.ndjson" | awk '{ print length }')
vp-tag "$T/n.ndjson" >"$T/t.ndjson" || fail "tag"
tlen=$(head -1 "$T/t.ndjson" | awk '{ print length }')
[ "$tlen" -gt $((nlen + 20)) ] || fail "vp-tag added too little to test"
max=$((tlen - 1))
expect_exit 65 vp-tag --max-line $max "$T/n.ndjson"
expect_in "$T/err" "vp-tag: $T/n.ndjson:1: record with its themes longer than $max bytes (--max-line)"
vp-tag --max-line $max <"$T/n.ndjson" >"$T/out" 2>"$T/err" && fail "vp-tag stdin: exit 0"
expect_in "$T/err" "vp-tag: -:1: record with its themes longer than $max bytes (--max-line)"
expect_exit 0 vp-tag --skip-bad --max-line $max "$T/n.ndjson"
[ "$(wc -l <"$T/out")" = 1 ] || fail "vp-tag --skip-bad: want 1 record"
expect_in "$T/out" '"id":"2"'
expect_in "$T/err" "skipped 1 bad record of 2"
expect_exit 0 vp-tag --max-line $tlen "$T/n.ndjson"
cmp -s "$T/out" "$T/t.ndjson" || fail "vp-tag --max-line $tlen: not the record whole"
slen=$(vp-sentiment "$T/t.ndjson" | head -1 | awk '{ print length }')
[ "$slen" -gt "$tlen" ] || fail "vp-sentiment added nothing"
max=$((slen - 1))
expect_exit 65 vp-sentiment --max-line $max "$T/t.ndjson"
expect_in "$T/err" "vp-sentiment: $T/t.ndjson:1: record with its sentiment longer than $max bytes (--max-line)"
expect_exit 0 vp-sentiment --skip-bad --max-line $max "$T/t.ndjson"
[ "$(wc -l <"$T/out")" = 1 ] || fail "vp-sentiment --skip-bad: want 1 record"
expect_in "$T/err" "skipped 1 bad record of 2"
expect_exit 0 vp-sentiment --max-line $slen "$T/t.ndjson"
# the chain, each stage given the limit: refused where it is made too long
{ vp-normalise --max-line $((tlen - 1)) "$T/n.ndjson" | vp-tag --max-line $((tlen - 1)) |
	vp-count --max-line $((tlen - 1)) >/dev/null; } 2>"$T/err"
expect_in "$T/err" "vp-tag: -:1: record with its themes longer than"
expect_not_in "$T/err" "vp-count"
exit 0
