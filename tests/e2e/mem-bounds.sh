#!/bin/sh
# Memory that must not grow with the input (README "Speed and memory", the
# vp-count and vp-ingest memory notes): small inputs built to make a stage
# hold far more than they are, peak RSS measured with runstat.  Under
# SANITIZE=1 (ASan's shadow memory) only the outputs are checked.
. "$VP_ROOT/tests/lib.sh"
RS=$VP_TOOLS/runstat
case $VP_BIN in */san/*) san=1 ;; *) san=0 ;; esac
# peak_under MB: the runstat line in $T/err is at most MB megabytes
peak_under() {
	[ $san = 1 ] && return 0
	mb=$(sed -n 's/^runstat: .* \([0-9.]*\) MB$/\1/p' "$T/err" | tail -n 1)
	[ -n "$mb" ] || { cat "$T/err" >&2; fail "no runstat line"; }
	awk -v m="$mb" -v lim="$1" 'BEGIN { exit !(m <= lim) }' ||
		fail "peak RSS $mb MB, want at most $1 MB"
}

# vp-count: a group holds counters for the themes it met, not for every
# theme any group met.  One group with 1000 themes, then 5000 groups with
# one each (a 350 kB input) took 420 MB when every group had a slot for
# every theme.
awk 'BEGIN {
	for (i = 0; i < 1000; i++) printf "{\"id\":\"a%d\",\"locality\":\"L0\",\"themes\":[{\"theme\":\"t%d\"}]}\n", i, i
	for (g = 0; g < 5000; g++) printf "{\"id\":\"b%d\",\"locality\":\"L%d\",\"themes\":[{\"theme\":\"t0\"}]}\n", g, g
}' >"$T/sparse.ndjson"
expect_exit 0 "$RS" count vp-count --compact "$T/sparse.ndjson"
peak_under 40
cp "$T/out" "$T/sparse.json"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"records":6000,'
expect_in "$T/flat" '"L4999":{"records":1,"themes":{"t0":{"records":1,"share":1.0}},"untagged":0}'
expect_in "$T/flat" '"t999":{"records":1,"share":0.001}'
# vp-merge reads the document back the same way
expect_exit 0 "$RS" merge vp-merge "$T/sparse.json"
peak_under 60
cp "$T/out" "$T/merged"
expect_exit 0 vp-count "$T/sparse.ndjson"
cmp -s "$T/out" "$T/merged" || fail "vp-merge of the document differs from vp-count"

# vp-ingest guessing the text column: a column's sample of value hashes
# grows with the values it holds, not 200 slots up front for every column.
# A 0.2 MB header of 60,000 columns took 120 MB before the first row.
awk 'BEGIN {
	n = 60000; h = "id,comment"; for (i = 0; i < n; i++) h = h ",c"; print h
	for (r = 1; r <= 3; r++) {
		s = r ",the bus to the surgery was late again number " r
		for (i = 0; i < n; i++) s = s ","
		print s
	}
}' >"$T/wide.csv"
expect_exit 0 "$RS" ingest vp-ingest --fields none "$T/wide.csv"
peak_under 50
expect_in "$T/out" '"question":"comment","text":"the bus to the surgery was late again number 3"'

# vp-sentiment: a polar word's modifiers are looked for near it (and, for a
# wish, among the sentence's negations), not in every mark of its sentence
# before it: one 1.5 MB comment without a full stop took 1.5 minutes.
awk 'BEGIN { s = ""; for (i = 0; i < 60000; i++) s = s "not more good and "; printf "{\"id\":\"1\",\"text\":\"%s\"}\n", s }' >"$T/sentence.ndjson"
t0=$(date +%s)
expect_exit 0 vp-sentiment "$T/sentence.ndjson"
t1=$(date +%s)
[ $san = 1 ] || [ $((t1 - t0)) -le 5 ] || fail "vp-sentiment took $((t1 - t0)) s on one long sentence"

# vp-count writes its document a group at a time: 50,000 groups (half the
# default --max-groups) took 130 MB when the whole document was built in
# memory before it was written, besides the counts themselves.
awk 'BEGIN { for (i = 0; i < 50000; i++)
	printf "{\"id\":\"%d\",\"locality\":\"L%d\",\"themes\":[{\"theme\":\"transport\"},{\"theme\":\"access/x%d\"}]}\n", i, i, i % 30 }' >"$T/groups.ndjson"
expect_exit 0 "$RS" count vp-count "$T/groups.ndjson"
peak_under 80
expect_in "$T/out" '"L49999": {'
expect_exit 0 "$RS" count vp-count --compact "$T/groups.ndjson"
peak_under 80

# vp-run adds up its workers' counts a group at a time: 30,000 groups took
# 170 MB when each worker's whole document was built to be merged.
awk 'BEGIN { print "id,comment"; for (i = 0; i < 30000; i++) printf "%d,the bus to the surgery was late again %d\n", i, i }' >"$T/ids.csv"
expect_exit 0 "$RS" run vp-run --jobs 2 --text-col comment --by fields.id "$T/ids.csv"
peak_under 90
expect_in "$T/out" '"29999": {'

# vp-ingest: a row of millions of empty fields (16 MB of commas) is a bad
# row, not 57 bytes a field held: it took 560 MB.
awk 'BEGIN { print "id,comment"; print "1,the bus to the surgery was late again"
	s = ","; for (i = 0; i < 24; i++) s = s s; print "2,the bus" s
	print "3,the bus to the surgery was late again" }' >"$T/commas.csv"
expect_exit 65 "$RS" ingest vp-ingest --text-col comment "$T/commas.csv"
peak_under 40
expect_in "$T/err" "vp-ingest: $T/commas.csv:3: row has more than 262,144 fields"
expect_exit 0 "$RS" ingest vp-ingest -B --text-col comment "$T/commas.csv"
peak_under 40
expect_in "$T/out" '"respondent":"3"'
expect_in "$T/err" "rejected 1 bad row of 3"
expect_exit 0 "$RS" run vp-run -B --text-col comment "$T/commas.csv"
peak_under 40
expect_in "$T/out" '"records": 2,'

# vp-ingest guessing the text column holds up to 200 rows, and at most
# 8 MiB of them: 40 rows of 1 MB each were all held (42 MB; 200 rows of
# 64 MiB could have been 12 GB).  The guess is made from the rows so far.
awk 'BEGIN { s = "x"; for (i = 0; i < 20; i++) s = s s; print "id,comment,notes"
	for (r = 1; r <= 40; r++) printf "%d,the bus to the surgery was late again %d,%s\n", r, r, s }' >"$T/fat.csv"
expect_exit 0 "$RS" ingest vp-ingest --fields none "$T/fat.csv"
peak_under 25
expect_in "$T/err" 'free-text column (guessed): "comment"'
[ "$(grep -c '"question":"comment"' "$T/out")" = 40 ] || fail "want 40 records"
