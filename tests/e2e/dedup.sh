#!/bin/sh
# vp-dedup: campaigns found in a generated consultation (precision and recall
# >= 0.95), records passed through, report, determinism, errors.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/dedup

# 5,000 responses, three campaigns of ~1,000, ~600 and ~200 edited copies.
awk -v N=5000 -f "$D/gen-consultation.awk" >"$T/c.ndjson" || fail "generator"
expect_exit 0 vp-dedup --report "$T/rep.json" "$T/c.ndjson"
cp "$T/out" "$T/c.out"
[ "$(wc -l <"$T/c.out")" = 5000 ] || fail "want 5000 records out"
awk -v MIN=0.95 -f "$D/score.awk" "$T/c.out" "$T/c.out" >"$T/score" || { cat "$T/score" >&2; fail "campaign precision/recall below 0.95"; }
cat "$T/score"
# Every record is passed through, only our fields added.
sed 's/,"duplicate_of":.*}$/}/' "$T/c.out" | cmp -s - "$T/c.ndjson" || fail "records changed beyond duplicate_of/campaign"
# The report: one JSON document; the biggest campaign is c1's text, first record's id.
python3 - "$T/rep.json" "$T/c.out" <<'PY' || fail "report"
import json, sys
rep = json.load(open(sys.argv[1]))
recs = [json.loads(l) for l in open(sys.argv[2])]
camps = rep["campaigns"]
assert rep["records"] == 5000 and rep["campaign_count"] == len(camps), rep
big = max(camps, key=lambda c: c["size"])
assert big["first_text"].startswith("I am writing to object"), big
assert big["size"] > 900, big
first = next(r for r in recs if r["id"] == big["id"])
assert "campaign" not in first and first["fields"]["truth"] == "c1"
members = [r for r in recs if r.get("campaign", {}).get("id") == big["id"]]
assert len(members) + 1 == big["size"] == max(m["campaign"]["size"] for m in members)
assert all(m["duplicate_of"] == big["id"] for m in members)
assert sum(c["size"] for c in camps) == rep["campaign_records"]
# short answers: duplicates, never campaigns
shorts = [r for r in recs if r["text"] in ("No", "Nothing", "N/A")]
assert shorts and all("campaign" not in r for r in shorts)
assert sum("duplicate_of" in r for r in shorts) >= len(shorts) - 3
PY
# Re-runs give the same bytes; stdin and several files too.
vp-dedup <"$T/c.ndjson" >"$T/again" || fail "stdin"
cmp -s "$T/again" "$T/c.out" || fail "re-run differs"
head -n 2500 "$T/c.ndjson" >"$T/p1"; tail -n 2500 "$T/c.ndjson" >"$T/p2"
vp-dedup "$T/p1" - <"$T/p2" >"$T/split" || fail "two inputs"
cmp -s "$T/split" "$T/c.out" || fail "two inputs differ from one"

# The bound: 200 items still runs, forgets, and says so in the report and
# on stderr, without --report or -v too (it was silent: a campaign split by
# the bound is counted twice downstream).
expect_exit 0 vp-dedup --max-items 200 --report "$T/small.json" "$T/c.ndjson"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["evicted"] > 0 and r["max_items"] == 200 and r["campaigns_forgotten"] >= 0, r' "$T/small.json" || fail "bounded report"
expect_in "$T/err" "vp-dedup: warning: more than 200 different texts (--max-items):"
expect_exit 0 vp-dedup --max-items 200 "$T/c.ndjson"
expect_in "$T/err" "vp-dedup: warning: more than 200 different texts (--max-items):"
expect_in "$T/err" "forgotten"
expect_exit 0 vp-dedup "$T/c.ndjson"
expect_not_in "$T/err" "warning"

# --text-field, --min-words, --threshold; options checked.
printf '%s\n' '{"id":"a","c":"Save our unit please keep it open now"}' '{"id":"b","c":"save our unit, please keep it open now!"}' >"$T/f.ndjson"
expect_exit 0 vp-dedup --text-field c "$T/f.ndjson"
expect_in "$T/out" '{"id":"b","c":"save our unit, please keep it open now!","duplicate_of":"a"}'
expect_exit 0 vp-dedup --text-field c --min-words 5 "$T/f.ndjson"
expect_in "$T/out" '"duplicate_of":"a","campaign":{"id":"a","size":2,"match":"exact","similarity":1.00}}'
expect_exit 64 vp-dedup --threshold 0 "$T/f.ndjson"
expect_exit 64 vp-dedup --threshold abc "$T/f.ndjson"
expect_exit 64 vp-dedup --max-items 0 "$T/f.ndjson"
expect_exit 64 vp-dedup --bogus
expect_exit 0 vp-dedup --help
expect_in "$T/out" '--max-items N'
expect_in "$T/out" '--report FILE'
expect_exit 0 vp-dedup --version

# Bad records stop with file:line and 65, or are skipped and counted.
printf '%s\n' '{"text":"ok"}' '{"text":5}' 'nope' '{"text":"ok"}' >"$T/bad.ndjson"
expect_exit 65 vp-dedup "$T/bad.ndjson"
expect_in "$T/err" "vp-dedup: $T/bad.ndjson:2: \"text\" is not a string"
expect_exit 0 vp-dedup --skip-bad "$T/bad.ndjson"
[ "$(wc -l <"$T/out")" = 2 ] || fail "skip-bad: want 2 records out"
expect_in "$T/err" 'skipped 2 bad records of 4'
# A NUL (\u0000) in an id is a bad record, never an id cut short ("a\u0000b"
# was "a"); on the fast path and on jansson's (a record with ours already).
for r1 in '{"id":"a\u0000b","text":"same words here"}' \
	'{"id":"a\u0000b","text":"same words here","campaign":null}'; do
	printf '%s\n' "$r1" '{"id":"c","text":"same words here"}' >"$T/nul.ndjson"
	expect_exit 65 vp-dedup "$T/nul.ndjson"
	expect_in "$T/err" "vp-dedup: $T/nul.ndjson:1: "
	expect_in "$T/err" "NUL"
	expect_exit 0 vp-dedup --skip-bad "$T/nul.ndjson"
	[ "$(wc -l <"$T/out")" = 1 ] || fail "NUL id: want 1 record out"
	expect_not_in "$T/out" 'duplicate_of'
	expect_in "$T/err" 'skipped 1 bad record of 2'
done
# Numeric options name themselves once; a report that cannot be written
# says which file and why.
for opt in max-items min-words shingle; do
	expect_exit 64 vp-dedup --$opt -1 "$T/f.ndjson"
	expect_in "$T/err" "vp-dedup: --$opt wants a whole number, not '-1'"
done
if [ -w /dev/full ]; then
	expect_exit 74 vp-dedup --report /dev/full "$T/f.ndjson"
	expect_in "$T/err" "vp-dedup: /dev/full: write error: No space left on device"
fi
expect_exit 66 vp-dedup "$T/missing.ndjson"
expect_in "$T/err" 'missing.ndjson: No such file or directory'
expect_exit 73 vp-dedup --report "$T/nodir/rep.json" "$T/f.ndjson"

# README's scale-out recipe with --dedup: vp-dedup over the whole input,
# then the records split, counted apart and merged: as one count (campaigns
# straddle the splits).
vp-normalise "$T/c.out" | vp-tag | vp-count --dedup --quotes 2 >"$T/whole.json" || fail "whole count"
split -l 700 "$T/c.out" "$T/sp."
for f in "$T"/sp.*; do sh "$VP_ROOT/contrib/voxpop-map" records --dedup --quotes 2 <"$f" || fail "map $f"; done |
	vp-merge >"$T/merged.json" || fail "merge"
cmp -s "$T/merged.json" "$T/whole.json" || fail "split and merged --dedup count differs from one count"

# A closed pipe downstream is an I/O error, not a silent death.
vp-dedup "$T/c.ndjson" 2>"$T/err" | head -n 1 >/dev/null
expect_in "$T/err" 'vp-dedup: write error'

# The report is read by people: a campaign's first text (and the id that
# names it) go through vp-redact's rules, and a text cut at 200 bytes is cut
# at a word's end, so no part of a number is left to escape the detectors.
L='I object to the closure of the community hospital minor injuries unit, which serves thousands of residents in the rural villages around us every week'
{ printf '{"id":"jo.bloggs@example.org","text":"Dear Dr Patel, %s. Ring me on 07700 900123."}\n' "$L"
  printf '{"id":"r2","text":"Dear Dr Patel, %s. Ring me on 07700 900123."}\n' "$L"
M='Hi. Please keep the maternity unit open at the general hospital so that mothers from the market towns do not have to travel forty miles to give birth'
  printf '{"id":"r3","text":"%s, says Mrs Jane Hobbs. My NHS number is 943 476 5919 and so on."}\n' "$M"
  printf '{"id":"r4","text":"%s, says Mrs Jane Hobbs. My NHS number is 943 476 5919 and so on."}\n' "$M"
} >"$T/pii.ndjson"
expect_exit 0 vp-dedup --report "$T/pii.json" "$T/pii.ndjson"
for pii in Patel jo.bloggs 07700 Hobbs 943 5919; do expect_not_in "$T/pii.json" "$pii"; done
expect_in "$T/pii.json" '"first_text":"Dear Dr [name], I object'
expect_in "$T/pii.json" '"id":"[email]"'
expect_in "$T/pii.json" 'says Mrs [name]. My NHS number is"'
# the records themselves are untouched (vp-redact is the stage that masks them)
expect_in "$T/out" 'Dear Dr Patel'
# Emoji are punctuation when comparing: "Nothing to add 👍" repeats "Nothing to
# add"; real words still differ; emoji alone, like "!!", are compared with nothing.
printf '%s\n' '{"id":"a","text":"Nothing to add"}' '{"id":"b","text":"Nothing to add 👍🏽"}' \
	'{"id":"c","text":"Nothing ❤️ to add 👨‍👩‍👧"}' '{"id":"d","text":"Nothing more to add 👍"}' \
	'{"id":"e","text":"👍"}' '{"id":"f","text":"👍"}' '{"id":"g","text":"!!"}' '{"id":"h","text":"!!"}' \
	>"$T/emoji.ndjson"
expect_exit 0 vp-dedup "$T/emoji.ndjson"
[ "$(grep -c '"duplicate_of":"a"' "$T/out")" = 2 ] || { cat "$T/out" >&2; fail "emoji made a text new"; }
[ "$(grep -c duplicate_of "$T/out")" = 2 ] || { cat "$T/out" >&2; fail "emoji-only or real-word texts merged"; }
exit 0
