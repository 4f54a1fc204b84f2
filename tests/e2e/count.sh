#!/bin/sh
# vp-count: counts per locality and in total, Unassigned, --by, errors.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/count

# The reviewed expected document, byte for byte, from a file and from stdin.
expect_exit 0 vp-count "$D/tagged.ndjson"
cmp "$T/out" "$D/expected.json" || { diff "$D/expected.json" "$T/out" >&2; fail "output differs"; }
vp-count <"$D/tagged.ndjson" >"$T/stdin.json" || fail "stdin"
cmp "$T/stdin.json" "$D/expected.json" || fail "stdin output differs"

# Deterministic: record order does not matter.
sort -r "$D/tagged.ndjson" | vp-count >"$T/rev.json" || fail "reversed"
cmp "$T/rev.json" "$D/expected.json" || fail "output depends on record order"

# Records with no or empty locality are Unassigned (e:1 has "", e:2 none).
tr -d ' \n' <"$D/expected.json" >"$T/flat"
expect_in "$T/flat" '"Unassigned":{"records":2,"themes":{"access":{"records":1,"share":0.5}'
expect_in "$T/flat" '"records":8,"rejected":0'

# --by channel / --by month / fields.NAME.
expect_exit 0 vp-count --by channel "$D/tagged.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"by":"channel","groups":{"event":{"records":2,'
expect_in "$T/flat" '"form":{"records":2,'
expect_in "$T/flat" '"survey":{"records":4,'
expect_not_in "$T/flat" '"level"'
expect_exit 0 vp-count --by month "$D/tagged.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"by":"date:month","groups":{"2023-04":{"records":2,'
expect_in "$T/flat" '"2023-06":{"records":2,'
# a date with spaces round it is its month, as a group name is trimmed
# (" 2026-04-01" went to Unassigned while "2026-04-01 " counted)
printf '%s\n' '{"id":"1","date":" 2026-04-01","text":"x","themes":[]}' \
	'{"id":"2","date":"2026-04-02 ","text":"x","themes":[]}' \
	'{"id":"3","date":"2026-04-03","text":"x","themes":[]}' >"$T/dates.ndjson"
for by in month year; do
	expect_exit 0 vp-count --by $by "$T/dates.ndjson"
	tr -d ' \n' <"$T/out" >"$T/flat"
	expect_not_in "$T/flat" '"Unassigned"'
done
expect_exit 64 vp-count --by date:week "$D/tagged.ndjson"
expect_in "$T/err" "vp-count: bad --by 'date:week'"
# A column that names a personal detail (vp-ingest's rule, the one that
# keeps such columns from being guessed as free text) is no grouping: its
# groups would publish each person's name, address, e-mail or phone.
for col in "Your name" "Email address" "Phone number" "Home address" "Postcode" \
	"Date of birth" "DOB" "Hospital number" "Patient ID" "NI number" "National Insurance number"; do
	for s in vp-count vp-run; do
		expect_exit 64 $s --by "fields.$col" "$D/tagged.ndjson"
		expect_in "$T/err" "$s: --by 'fields.$col': \"$col\" names a personal detail"
	done
done
sed 's/}$/,"fields":{"Age group":"18-24","Postcode district":"LE15"}}/' "$D/tagged.ndjson" >"$T/kept.ndjson"
expect_exit 0 vp-count --by "fields.Age group" "$T/kept.ndjson"
expect_in "$T/out" '"18-24"'
expect_exit 0 vp-count --by "fields.Postcode district" "$T/kept.ndjson"
expect_in "$T/out" '"LE15"'
# records without "fields" (vp-ingest's default): said, not a table of Unassigned
expect_exit 65 vp-count --by "fields.Age group" "$D/tagged.ndjson"
expect_in "$T/err" "vp-count: --by fields.Age group: the records have no \"fields\""
expect_exit 64 vp-count --by channel --level place "$D/tagged.ndjson"
expect_exit 64 vp-count --level town "$D/tagged.ndjson"

# A bad line stops with file:line and 65; --skip-bad reconciles.
{ head -n 2 "$D/tagged.ndjson"; echo '{"id":"x","themes":'; tail -n 6 "$D/tagged.ndjson"; } >"$T/bad.ndjson"
expect_exit 65 vp-count "$T/bad.ndjson"
expect_in "$T/err" "vp-count: $T/bad.ndjson:3: "
expect_exit 65 sh -c 'vp-count <"$1"' sh "$T/bad.ndjson"
expect_in "$T/err" "vp-count: -:3: "
{ cat "$T/bad.ndjson"; echo '{"id":"y","themes":"transport"}'; } >"$T/bad2.ndjson"
expect_exit 65 vp-count "$T/bad2.ndjson"
expect_exit 0 vp-count --skip-bad "$T/bad2.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"records":8,"rejected":2'
expect_in "$T/err" ':10: "themes" is not an array (skipped)'
expect_in "$T/err" "skipped 2 bad records of 10"

# A record naming a member vp-count reads twice is bad, as in every stage:
# it was counted under the last copy ("Oakham", the second "themes"), even
# when the name was written with an escape ("loc\u0061lity").
printf '%s\n' '{"id":"d1","locality":"Leicester","locality":"Oakham","themes":[{"theme":"staff"}]}' >"$T/dup1.ndjson"
printf '%s\n' '{"id":"d2","locality":"A","themes":[],"themes":[{"theme":"staff"}]}' >"$T/dup2.ndjson"
printf '%s\n' '{"id":"d3","locality":"A","loc\u0061lity":"B","themes":[]}' >"$T/dup3.ndjson"
printf '%s\n' '{"id":"d4","fields":{"Service":"GP"},"fields":{"Service":"ED"},"themes":[]}' >"$T/dup4.ndjson"
for n in 1 2 3; do
	expect_exit 65 vp-count "$T/dup$n.ndjson"
	expect_in "$T/err" "vp-count: $T/dup$n.ndjson:1: duplicate key"
done
expect_in "$T/err" 'duplicate key "locality"'
expect_exit 65 vp-count --by fields.Service "$T/dup4.ndjson"
expect_in "$T/err" 'duplicate key "fields"'
{ head -n 3 "$D/tagged.ndjson"; cat "$T/dup1.ndjson" "$T/dup2.ndjson"; } >"$T/dups.ndjson"
expect_exit 0 vp-count --skip-bad "$T/dups.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"records":3,"rejected":2'
expect_not_in "$T/flat" 'Oakham'
expect_in "$T/err" "skipped 2 bad records of 5"

# A grouping that explodes stops with a clear message.
expect_exit 70 vp-count --by id --max-groups 5 "$D/tagged.ndjson"
expect_in "$T/err" "vp-count: $D/tagged.ndjson:6: more than 5 groups"

# Inputs: missing file 66; write errors 74.
expect_exit 66 vp-count "$T/nope.ndjson"
expect_in "$T/err" "vp-count: $T/nope.ndjson: No such file"
if [ -w /dev/full ]; then
	vp-count "$D/tagged.ndjson" >/dev/full 2>"$T/err"; rc=$?
	[ $rc = 74 ] || fail "write to /dev/full exited $rc, want 74"
fi
# Empty input: zero records, still a complete document.
expect_exit 0 vp-count </dev/null
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"localities":{},"records":0,"rejected":0,"total":{"records":0,"themes":{},"untagged":0}'
# a record vp-tag could not read has no themes: one with both would be
# counted under a theme and as not tagged, and records = tagged + untagged
# + not tagged would no longer hold (a hand-edited or foreign tagger's)
printf '%s\n' '{"id":"1","text":"x","themes":[{"theme":"a"}],"untaggable":"language"}' \
	'{"id":"2","text":"y","themes":[],"untaggable":"language"}' >"$T/ut.ndjson"
expect_exit 65 vp-count "$T/ut.ndjson"
expect_in "$T/err" 'ut.ndjson:1: "untaggable" record with themes'
expect_exit 0 vp-count --skip-bad "$T/ut.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"rejected":1,"total":{"not_tagged":{"language":1},"records":1,"themes":{},"untagged":0}'
exit 0
