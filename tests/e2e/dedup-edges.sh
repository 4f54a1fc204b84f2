#!/bin/sh
# vp-dedup on inputs an engagement team gives it besides vp-ingest's own:
# records from another tool (no "id", the text under another name), and the
# skipped records' place in the report.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
L='I am writing to ask you to save our maternity unit at Kettering General Hospital, so that mothers from Corby and the villages do not travel to Northampton in labour'

# The text under a name no record has (--text-field misspelt, or the default
# "text" on another tool's records): nothing can be compared, and a run that
# marks nothing looked like a consultation without a copy. Said on stderr.
for i in 1 2 3; do printf '{"id":"r%d","comment":"%s."}\n' "$i" "$L"; done > comment.ndjson
expect_exit 0 vp-dedup comment.ndjson
cmp -s "$T/out" comment.ndjson || fail "records changed"
expect_in "$T/err" 'vp-dedup: warning: none of the 3 records has a text in "text" (--text-field): nothing was compared, no duplicate marked'
expect_exit 0 vp-dedup --text-field Comment comment.ndjson
expect_in "$T/err" 'none of the 3 records has a text in "Comment" (--text-field)'
expect_exit 0 vp-dedup --text-field comment comment.ndjson
expect_not_in "$T/err" 'warning'
[ "$(grep -c '"campaign"' "$T/out")" = 2 ] || fail "--text-field comment: want 2 copies"
# some records without text (a blank answer) are no reason to warn
printf '{"id":"b1"}\n{"id":"b2","text":null}\n{"id":"b3","text":"No"}\n' > blanks.ndjson
expect_exit 0 vp-dedup blanks.ndjson
expect_not_in "$T/err" 'warning'

# Records without "id" are named record:N; the name is written into the
# record, so that the campaign id names a record downstream: vp-count --dedup
# found no record "record:1" and said the campaign was counted 0 times (it was
# counted once, as its first record).
{ printf '{"locality":"Corby","text":"%s."}\n' "$L"
  printf '{"locality":"Corby","text":"the car park is always full"}\n'
  printf '{"locality":"Kettering","text":"Dear Sir, %s!"}\n' "$L"
  printf '{"locality":"Corby","text":"%s","campaign":null}\n' "$L"
} > noid.ndjson
expect_exit 0 vp-dedup noid.ndjson
cp "$T/out" noid.out
expect_in noid.out '{"locality":"Corby","text":"'"$L"'.","id":"record:1"}'
expect_in noid.out '"id":"record:2"}'
expect_in noid.out '"id":"record:3","duplicate_of":"record:1","campaign":{"id":"record:1","size":2,'
expect_in noid.out '"id":"record:4","duplicate_of":"record:1","campaign":{"id":"record:1","size":3,'
# a record with an id keeps it as it was
printf '{"id":7,"text":"No"}\n{"id":"x","text":"No"}\n' | vp-dedup >ids.out || fail "ids"
expect_in ids.out '{"id":7,"text":"No"}'
expect_in ids.out '{"id":"x","text":"No","duplicate_of":"7"}'
# re-run on its own output: the same records
expect_exit 0 vp-dedup noid.out
cmp -s "$T/out" noid.out || fail "re-run differs"
vp-normalise noid.out | vp-tag | vp-count --dedup >count.json 2>"$T/err" || fail "count"
expect_not_in "$T/err" 'counted 0 times'
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["records"] == 4 and d["duplicates"] == 2, d
assert [(c["id"], c["size"]) for c in d["campaigns"]] == [("record:1", 3)], d["campaigns"]
' count.json || fail "count of id-less records"

# The report counts what was skipped (--skip-bad): records + rejected =
# records read, as vp-count's document does; stderr said it, the report
# (what is kept) did not, so its "records" fell short of the input's.
{ printf '{"id":"a","text":"%s"}\n' "$L"; printf '{"id":"b","text":5}\n'; printf 'not json\n'
  printf '{"id":"c","text":"%s"}\n' "$L"; } > bad.ndjson
expect_exit 0 vp-dedup --skip-bad --report rep.json bad.ndjson
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["records"] == 2 and r["rejected"] == 2, r
assert r["campaigns"][0]["size"] == 2, r
' rep.json || { cat rep.json >&2; fail "report: rejected"; }

# --help and the man page say so
vp-dedup --help > help || fail "--help"
for w in 'record:N' '"rejected"' 'no record has a text'; do
	expect_in help "$w"
	expect_in "$VP_ROOT/man/vp-dedup.1" "$w"
done

# vp-count without --dedup on records vp-dedup marked counted every copy as
# an answer of its own, without a word: a forty-letter campaign was forty
# answers in the figures.  It still counts them (the document is what it was),
# and says so on stderr, with what counts each campaign once.
for i in 1 2 3 4; do printf '{"id":"c%d","locality":"Corby","text":"%s."}\n' "$i" "$L"; done > camp.ndjson
printf '{"id":"o1","locality":"Corby","text":"The car park is far too small"}\n' >> camp.ndjson
vp-dedup camp.ndjson 2>/dev/null | vp-normalise | vp-tag > camp.tagged || fail "dedup camp"
expect_exit 0 vp-count camp.tagged
expect_in "$T/err" 'vp-count: warning: 3 records are copies vp-dedup marked ("campaign"), each counted as an answer of its own: vp-count --dedup counts a campaign once'
expect_in "$T/out" '"records": 5'
expect_exit 0 vp-count --dedup camp.tagged
expect_not_in "$T/err" 'copies vp-dedup marked'
# records no vp-dedup ran over, or where it found no copy: nothing said
vp-normalise camp.ndjson | vp-tag > plain.tagged || fail "plain"
expect_exit 0 vp-count plain.tagged
expect_not_in "$T/err" 'warning'
# the same through the jansson path (a record the fast path leaves to it:
# an id that is a number) and one copy: "1 record is"
printf '{"id":7,"locality":"Corby","text":"x","campaign":{"id":"c1","size":2,"match":"exact","similarity":1}}\n' > one.ndjson
vp-normalise one.ndjson | vp-tag > one.tagged || fail "one"
expect_exit 0 vp-count one.tagged
expect_in "$T/err" 'vp-count: warning: 1 record is a copy vp-dedup marked ("campaign"), counted as an answer of its own: vp-count --dedup counts a campaign once'
exit 0
