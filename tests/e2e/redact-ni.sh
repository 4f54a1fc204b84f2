#!/bin/sh
# Probe (personal22): a UK National Insurance number ("QQ 12 34 56 C",
# "qq123456c") reached vp-redact's output, vp-count's quotes, vp-report,
# vp-dedup's report and vp-locate's messages as written.  It is a type of
# its own: [NI number], "ni_number" (--types, --keep, "redacted").
. "$VP_ROOT/tests/lib.sh"

printf '%s\n' \
	'{"id":"n1","text":"They asked for my NI number QQ 12 34 56 C at the desk, then again qq123456c"}' \
	'{"id":"n2","text":"Beds AB 12 34 56 and wards on 12 34 56 a floor were full"}' >"$T/in.ndjson"
expect_exit 0 vp-redact "$T/in.ndjson"
expect_in "$T/out" '{"id":"n1","text":"They asked for my NI number [NI number] at the desk, then again [NI number]","redacted":{"ni_number":2}}'
# no suffix letter and no cue, or a word before the digits: not one
sed -n 2p "$T/in.ndjson" >"$T/l2"
sed -n 2p "$T/out" >"$T/o2"
cmp -s "$T/l2" "$T/o2" || fail "a number that is no NI number changed"
expect_exit 0 vp-redact --keep ni_number "$T/in.ndjson"
expect_in "$T/out" 'QQ 12 34 56 C'
expect_not_in "$T/out" 'redacted'
expect_exit 0 vp-redact --list - "$T/in.ndjson"
expect_in "$T/err" '{"line":1,"id":"n1","type":"ni_number","text":"QQ 12 34 56 C"}'
expect_exit 0 vp-redact --types
expect_in "$T/out" 'ni_number'
expect_in "$T/out" '[NI number]'
expect_exit 0 vp-redact --help
expect_in "$T/out" '[NI number]'

# the stages that mask through the same core
cat >"$T/s.csv" <<'CSV'
id,comment
1,"The receptionist wanted my national insurance number QQ123456C before the nurse would see me, rude staff"
2,"The staff were rude and the wait was long"
CSV
vp-ingest --text-col comment "$T/s.csv" | vp-normalise | vp-tag | vp-count --quotes 3 \
	>"$T/counts.json" || fail "chain failed"
expect_in "$T/counts.json" 'national insurance number [NI number] before'
expect_not_in "$T/counts.json" 'QQ123456C'
expect_not_in "$T/counts.json" 'qq123456c'
sed 's/\[NI number\]/QQ123456C/' "$T/counts.json" >"$T/old.json"
expect_in "$T/old.json" QQ123456C
expect_exit 0 vp-report -f html --suppress 0 "$T/old.json"
expect_in "$T/out" 'national insurance number [NI number] before'
expect_not_in "$T/out" QQ123456C
printf '%s\n' '{"id":"a","text":"My NI number is QQ 12 34 56 C and I was kept waiting for hours"}' \
	'{"id":"b","text":"My NI number is QQ 12 34 56 C and I was kept waiting for hours"}' >"$T/dup.ndjson"
expect_exit 0 vp-dedup --min-words 5 --report "$T/campaigns.json" "$T/dup.ndjson"
expect_in "$T/campaigns.json" 'My NI number is [NI number] and'
expect_not_in "$T/campaigns.json" '34 56'
printf '%s\n' '{"id":"a","text":"x","locality":"QQ 12 34 56 C"}' >"$T/loc.ndjson"
expect_exit 0 vp-locate --report "$T/loc.ndjson"
expect_in "$T/err" '[NI number]'
expect_not_in "$T/err" '34 56'
exit 0
