#!/bin/sh
# vp-count --dedup counts a campaign by its first record, which vp-dedup
# leaves unmarked, and skips its copies.  When that first record was
# filtered out between vp-dedup and vp-count (grep, a filter stage), the
# campaign was counted zero times -- listed in "campaigns", its copies
# "duplicates", its themes nowhere -- without a word.  Now vp-count says how
# many campaigns had no first record among its records, naming the first,
# so the figure is not silently wrong; with --part (a split, whose first
# record may be in another split) it says nothing.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
L='I object to the closure of the community hospital minor injuries unit, which serves thousands of residents in the rural villages around us every week'
M='Please keep the maternity unit open at the general hospital so that mothers from the market towns do not have to travel forty miles to give birth'
{
	printf '{"id":"r1","locality":"Melton","text":"%s."}\n' "$L"
	printf '{"id":"r2","locality":"Oakham","text":"%s!"}\n' "$L"
	printf '{"id":"r3","locality":"Oakham","text":"the car park is always full"}\n'
	printf '{"id":"r4","locality":"Melton","text":"%s."}\n' "$M"
	printf '{"id":"r5","locality":"Oakham","text":"%s"}\n' "$M"
	printf '{"id":"r6","locality":"Melton","text":"%s"}\n' "$L"
} > camp.ndjson
vp-dedup camp.ndjson | vp-normalise | vp-tag > tagged.ndjson || fail "chain"
[ "$(grep -c '"campaign"' tagged.ndjson)" = 3 ] || fail "vp-dedup: want 3 copies in two campaigns"

# every first record there: no warning
expect_exit 0 vp-count --dedup tagged.ndjson
expect_not_in "$T/err" 'first record'
# the same records in another order (a first record after its copies): the
# same document, no warning
tac tagged.ndjson > reversed.ndjson
cp "$T/out" whole.json
expect_exit 0 vp-count --dedup reversed.ndjson
cmp -s whole.json "$T/out" || fail "reversed: another document"
expect_not_in "$T/err" 'first record'

# r1, the first record of the hospital campaign, filtered out upstream
grep -v '^{"id":"r1",' tagged.ndjson > nofirst.ndjson
expect_exit 0 vp-count --dedup nofirst.ndjson
expect_in "$T/err" 'vp-count: warning: 1 campaign counted 0 times: its first record (the one vp-dedup leaves unmarked, counted for it) is not among the records ("r1")'
# both campaigns' first records gone, and a --compact document: both said
grep -v -e '^{"id":"r1",' -e '^{"id":"r4",' tagged.ndjson > nofirst2.ndjson
expect_exit 0 vp-count --dedup --compact nofirst2.ndjson
expect_in "$T/err" 'vp-count: warning: 2 campaigns counted 0 times: '
expect_in "$T/err" '("r1", ...)'
# from stdin, and in reverse order: the same
tac nofirst.ndjson | vp-count --dedup >/dev/null 2>"$T/err" || fail "stdin"
expect_in "$T/err" 'warning: 1 campaign counted 0 times'
# an id of personal data is masked as the campaign's id is
sed 's/"r1"/"jo@example.org"/g' nofirst.ndjson > mail.ndjson
expect_exit 0 vp-count --dedup mail.ndjson
expect_in "$T/err" '("[email]")'
expect_not_in "$T/err" 'jo@example.org'
# --part: the first record may be in another split; vp-merge of the splits
# is the whole count (dedup.sh), so nothing is said
expect_exit 0 vp-count --dedup --part nofirst.ndjson
expect_not_in "$T/err" 'first record'
# without --dedup campaigns are not counted apart: nothing to say
expect_exit 0 vp-count nofirst.ndjson
expect_not_in "$T/err" 'first record'
# --help and the man page say it
vp-count --help > help || fail "--help"
expect_in help 'counted 0 times'
expect_in "$VP_ROOT/man/vp-count.1" 'counted 0 times'
exit 0
