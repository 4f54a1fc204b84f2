#!/bin/sh
# --max-line: every stage reading NDJSON takes it (vp-ingest and vp-run too),
# and no stage writes a record the next stage's limit refuses without
# saying so: vp-ingest (and vp-run, with its code) refuses a record longer
# than its --max-line; vp-normalise one that its tokens would make longer.
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
	expect_exit 65 $prog -t comment --max-line 200 "$T/big.csv"
	expect_in "$T/err" "$prog: $T/big.csv:3: record longer than 200 bytes (--max-line)"
done
vp-ingest -t comment --max-line 200 --skip-bad "$T/big.csv" 2>"$T/ierr" >"$T/ing" ||
	fail "vp-ingest --skip-bad"
expect_in "$T/ierr" "record longer than 200 bytes"
[ "$(wc -l <"$T/ing")" = 2 ] || fail "vp-ingest --skip-bad csv: want 2 records"
vp-normalise <"$T/ing" | vp-tag | vp-count >"$T/chain.json" || fail "chain"
expect_exit 0 vp-run -t comment --max-line 200 --skip-bad "$T/big.csv"
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
exit 0
