#!/bin/sh
# vp-report --compare uses one denominator for both periods.  BEFORE counted
# per answer (vp-count's default) and AFTER with --per respondent -- someone
# added the option this quarter -- gave each period its own document's: the
# csv headed BEFORE's answers "before respondents", and the change in points
# was a share of respondents less a share of answers (the order of the two
# files changed what was compared).  Now --per, else AFTER's own, is used for
# both; when one period has no respondent counts, both are of answers and
# the notes say so.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
# r1 gave two answers raising t, r2 one raising nothing, r3 one raising t
rec() { printf '{"id":"%s","respondent":"%s","locality":"A","text":"x","themes":[%s]}\n' "$1" "$2" "$3"; }
T1='{"theme":"t","hits":["x"]}'
{ rec 1 r1 "$T1"; rec 2 r1 "$T1"; rec 3 r2 ""; rec 4 r3 "$T1"; } > p.ndjson
vp-count p.ndjson > ans.json || fail "count"                       # per answer: 3 of 4
vp-count --per respondent p.ndjson > resp.json || fail "count --per"  # per respondent: 2 of 3
sed 's/"respondent":"r[0-9]",//' p.ndjson | vp-count > none.json || fail "count none"
# the same records both periods: no change, whichever document says which --per
for pair in "ans.json resp.json" "resp.json ans.json"; do
	set -- $pair
	expect_exit 0 vp-report --suppress 0 --compare "$1" "$2"
	expect_in "$T/out" 't,t,A,'
	grep '^t,t,A,' "$T/out" > row
	# the change is 0.0 points: both shares of one denominator
	expect_in row ',0.0,'
done
# AFTER per respondent: both periods by respondents (2 of 3)
expect_exit 0 vp-report --suppress 0 --compare ans.json resp.json
expect_in "$T/out" 'before respondents,before respondents raising it'
expect_in "$T/out" 't,t,A,3,2,0.6667,3,2,0.6667,0.0,'
# AFTER per answer: both by answers (3 of 4)
expect_exit 0 vp-report --suppress 0 --compare resp.json ans.json
expect_in "$T/out" 't,t,A,4,3,0.7500,4,3,0.7500,0.0,'
# --per overrides both documents
expect_exit 0 vp-report --suppress 0 --per answer --compare ans.json resp.json
expect_in "$T/out" 't,t,A,4,3,0.7500,4,3,0.7500,0.0,'
# one period without respondent counts: both by answers, and said so
for pair in "none.json resp.json" "resp.json none.json"; do
	set -- $pair
	expect_exit 0 vp-report --suppress 0 --per respondent --compare "$1" "$2"
	expect_in "$T/out" 'before answers,before records'
	expect_in "$T/out" 't,t,A,4,3,0.7500,4,3,0.7500,0.0,'
	expect_in "$T/out" 'Respondents were asked for'
	expect_exit 0 vp-report --suppress 0 --per respondent -f markdown --compare "$1" "$2"
	expect_in "$T/out" 'share of answers before and after'
done
exit 0
