#!/bin/sh
# vp-run --skip-bad: the rows vp-ingest's code skipped are the document's
# "rejected", so that records in = records counted + rejected holds in what
# vp-run writes (it said "rejected": 0 beside "vp-run: bad.csv:3: ...
# (skipped)").  vp-run is one process: nothing upstream of its count
# reports them.  The chain's vp-count counts only what it rejects itself.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
printf 'id,comment,postcode\n1,"the bus was late",LE1 5WW\n2,"bad "row" here",x,y,z\n3,"parking awful",LE1 5WW\n' > bad.csv

# check_doc FILE RECORDS REJECTED: the document's top-level counts
check_doc() {
	tr -d ' \n' < "$1" > "$1.flat"
	grep -q "\"records\":$2,\"rejected\":$3," "$1.flat" ||
		{ cat "$1" >&2; fail "$1: want records $2, rejected $3"; }
}
for j in "--jobs 1" "--jobs 3 --batch 1" "--jobs 2 --batch 700"; do
	for c in "" "--compact" "--quotes 1" "--nested" "--by question" "--per respondent" \
	         "--sentiment --redact" "--locate"; do
		vp-run $j $c -B bad.csv > doc 2>err || { cat err >&2; fail "vp-run $j $c -B bad.csv"; }
		expect_in err 'bad.csv:3: row has 5 fields, header has 3 (skipped)'
		check_doc doc 2 1
	done
done
# --compact: one line, the same counts
vp-run --compact -B bad.csv > doc 2>/dev/null || fail "vp-run --compact"
[ "$(wc -l < doc)" = 1 ] || fail "--compact: not one line"
expect_in doc '"records":2,"rejected":1,'

# several files: every file's skipped rows
cp bad.csv bad2.csv
vp-run -B bad.csv bad2.csv > doc 2>/dev/null || fail "vp-run two files"
check_doc doc 4 2

# NDJSON input: a line that is not JSON, skipped
printf '%s\n' '{"id":"a","text":"the car park was full"}' '{"id":"b","text":' \
	'{"id":"c","text":"waited weeks for a GP"}' '{"id":"d","text":"rude staff"}' > bad.ndjson
vp-run -B bad.ndjson > doc 2>err || { cat err >&2; fail "vp-run -B bad.ndjson"; }
check_doc doc 3 1

# a row over --max-line: vp-ingest's bad row, skipped and counted
{
	echo 'id,text'
	echo '1,short answer about parking'
	printf '2,'; head -c 3000 /dev/zero | tr '\0' 'a'; echo
	echo '3,the receptionist was rude'
} > long.csv
vp-run --text-col text --max-line 1000 -B long.csv > doc 2>err || { cat err >&2; fail "vp-run --max-line -B"; }
expect_in err 'long.csv:3: record longer than 1000 bytes'
check_doc doc 2 1

# without bad rows: rejected 0, as before
printf 'id,text\n1,the car park\n2,rude staff\n' > good.csv
vp-run --text-col text -B good.csv > doc 2>/dev/null || fail "vp-run good.csv"
check_doc doc 2 0

# vp-merge keeps them: two documents' rejected are summed
vp-run -B bad.csv > a.json 2>/dev/null && vp-run -B bad2.csv > b.json 2>/dev/null || fail "vp-run parts"
vp-merge a.json b.json > m.json || fail "vp-merge"
check_doc m.json 4 2

# the chain: vp-count's "rejected" is what vp-count itself rejected; the
# upstream stage says its skips on stderr (as documented)
vp-ingest -B bad.csv 2>err | vp-normalise | vp-tag | vp-count > doc || fail "chain"
expect_in err 'vp-ingest: rejected 1 bad row of 3'
check_doc doc 2 0
exit 0
