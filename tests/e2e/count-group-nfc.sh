#!/bin/sh
# vp-count: a group name is one name however its accents were encoded.
# "Ynys Môn" typed on Windows (o with circumflex, U+00F4) and pasted from a
# Mac or a web form (o + combining circumflex, U+0302) were two groups that
# read the same, so vp-report showed two "Ynys Môn" columns each with part of
# the island's answers.  Group names are composed (Unicode NFC) as they are
# trimmed and masked -- vp-count, vp-merge (a document from an older
# vp-count), --by a field as a locality.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
NFC=$(printf 'Ynys M\303\264n')
NFD=$(printf 'Ynys Mo\314\202n')
[ "$NFC" != "$NFD" ] || fail "the two spellings are the same bytes"
rec() { printf '{"id":"%s","locality":"%s","question":"%s","text":"x","themes":[{"theme":"t","hits":["x"]}]}\n' "$1" "$2" "$2"; }
{ rec 1 "$NFC"; rec 2 "$NFD"; rec 3 "$NFC"; rec 4 Melton; } > r.ndjson
vp-count r.ndjson > c.json || fail "vp-count"
[ "$(grep -c '^    "Ynys M' c.json)" = 1 ] || { cat c.json >&2; fail "vp-count: Ynys Môn is more than one group"; }
grep -A1 "^    \"$NFC\"" c.json | grep -q '"records": 3' || { cat c.json >&2; fail "vp-count: Ynys Môn is not 3 records (NFC)"; }
vp-count --by question r.ndjson > q.json || fail "vp-count --by question"
[ "$(grep -c '^    "Ynys M' q.json)" = 1 ] || fail "vp-count --by question: Ynys Môn is more than one group"
# the report: one column
expect_exit 0 vp-report --suppress 0 c.json
expect_in "$T/out" "theme,label,Melton records,Melton share,$NFC records,$NFC share,Total records"
# vp-merge: a document written before (the NFD spelling a group of its own)
sed "s/\"$NFC\"/\"$NFD\"/" c.json > old.json
grep -q "$NFD" old.json || fail "no NFD group in old.json"
printf '%s\n' '{"id":"9","locality":"Melton","text":"x","themes":[]}' | vp-count > m.json || fail "count m"
expect_exit 0 vp-merge old.json m.json
expect_not_in "$T/out" "$NFD"
expect_in "$T/out" "\"$NFC\": {"
exit 0
