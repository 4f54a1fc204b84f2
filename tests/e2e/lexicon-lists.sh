#!/bin/sh
# Word lists: NAME.list members stand in for "{NAME}" in entries, through
# vp-tag (hits and --explain), vp-tag --check, vp-lexicon check and export.
. "$(dirname "$0")/../lib.sh"
L="$VP_ROOT/tests/data/lexicons/lists"

printf '%s\n' 'id,comment' '1,The health visitor was a star' '2,my physiotherapist is brilliant' \
	'3,nice nurse is rubbish' '4,the porter was brilliant' >"$T/in.csv"
vp-ingest --id-col id --text-col comment "$T/in.csv" | vp-normalise >"$T/norm" ||
	fail "ingest | normalise"
expect_exit 0 vp-tag --lexicon "$L" --explain "$T/norm"
expect_in "$T/out" '"hits":["health visitor ? a star"]'
expect_in "$T/out" "\"entries\":[\"$L/staff.txt:2\"]"
expect_in "$T/out" '"hits":["physio* ? brilliant"]'
# the exclusion written once with the list blocks "nice nurse"; no role, no hit
[ "$(grep -c '"theme":"staff"' "$T/out")" = 2 ] || fail "only records 1 and 2 are staff"

# --check: a member that is another once stemmed
expect_exit 78 vp-tag --lexicon "$L" --check
expect_in "$T/out" "$L/people.list:6: 'doctors' repeats line 2 (the same words once stemmed)"

# never fired: a line with lists is one finding, not one per member
printf '%s\n' '{"id":"1","tokens":["the","porter","was","nice"]}' >"$T/corpus"
expect_exit 0 vp-lexicon check "$L" --words /dev/null --corpus "$T/corpus"
expect_in "$T/out" "staff.txt:2: '{people} ? {praise}' (none of its 8 entries) fired on none of the 1 records"
expect_in "$T/out" "staff.txt:3: 'nice {people}' (none of its 4 entries) fired on none"
[ "$(grep -c 'staff.txt:2:' "$T/out")" = 1 ] || fail "one finding for line 2"
printf '%s\n' '{"id":"1","tokens":["a","nice","nurs"]}' >"$T/corpus"
expect_exit 0 vp-lexicon check "$L" --words /dev/null --corpus "$T/corpus"
expect_not_in "$T/out" "staff.txt:3:"

# export writes what the lists stand for (LIWC has no lists)
expect_exit 0 vp-lexicon export --to liwc "$L"
expect_in "$T/out" "nice health visitor	1"
expect_in "$T/out" "nice physio*	1"

# errors name the file and line
mkdir "$T/bad" && printf 'doctor\n' >"$T/bad/people.list" && printf 'kind\n{peple} ? great\n' >"$T/bad/t.txt"
expect_exit 78 vp-tag --lexicon "$T/bad" "$T/norm"
expect_in "$T/err" "$T/bad/t.txt:2: no word list '{peple}' in this set (its lists: {people})"
exit 0
