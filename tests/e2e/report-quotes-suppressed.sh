#!/bin/sh
# vp-report: the comments quoted for a count that is suppressed are not
# published.  A locality of one answer shows "<5" for its count, and must not
# show that one answer, with its locality, underneath; nor may a [c] cell
# (hidden to guard a smaller one), or a sentiment count shown as <5
# ("what people want changed" of one answer).  Withheld quotes are counted
# in the notes, never dropped silently.
. "$VP_ROOT/tests/lib.sh"
IN=$VP_ROOT/tests/data/report/quotes-small.ndjson
# Anstey 10 (7 positive, 1 negative "elder", 2 neutral), Barwell 7, Stapleton 1
# ("cherry"), Twycross 2 ("damson"): staff for every record.
vp-count --quotes 3 --quote-polarity "$IN" >"$T/c.json" || fail "vp-count"
for w in apple banana cherry damson elder; do expect_in "$T/c.json" "$w"; done
rep() { vp-report --lexicon "$VP_ROOT/tests/data/lexicons/paths" "$@" "$T/c.json"; }

# html: every group's quotes under "What people said" and the polarity lists;
# Stapleton's one (also praised), Twycross's two and Anstey's one negative
# answer are withheld: 4 comments.
expect_exit 0 rep -f html
expect_in "$T/out" "staff apple one"      # Anstey 10: shown
expect_in "$T/out" "staff banana one"     # Barwell 7: shown
expect_not_in "$T/out" "cherry"           # Stapleton 1: <5
expect_not_in "$T/out" "damson"           # Twycross 2: <5
expect_not_in "$T/out" "elder"            # Anstey's one negative answer: <5
expect_in "$T/out" "Quotes: 4 quotes of counts shown as &lt;5 or [c]"
# markdown: only the polarity lists.  Barwell's 7 positive answers are [c]
# (shown, they would say its other labels are all 0), so its praised quotes
# go too: 7 withheld.
expect_exit 0 rep -f markdown
expect_in "$T/out" "staff apple one"
for w in banana cherry damson elder; do expect_not_in "$T/out" "$w"; done
expect_in "$T/out" "Quotes: 7 quotes of counts shown as \\<5 or [c]"
# csv shows no quotes: no note about them
expect_exit 0 rep
expect_not_in "$T/out" "Quotes:"
# off: every quote shown, none withheld
for f in html markdown; do
	expect_exit 0 rep --suppress 0 -f $f
	for w in apple banana cherry damson elder; do expect_in "$T/out" "$w"; done
	expect_not_in "$T/out" "Quotes:"
done

# xlsx: the Quotes sheet and the Summary's notes
if command -v unzip >/dev/null; then
	expect_exit 0 rep -f xlsx -o "$T/q.xlsx"
	unzip -p "$T/q.xlsx" xl/sharedStrings.xml >"$T/q.xml"
	expect_in "$T/q.xml" "staff apple one"
	for w in cherry damson elder; do expect_not_in "$T/q.xml" "$w"; done
	expect_in "$T/q.xml" "Quotes: 4 quotes of counts shown as &lt;5 or [c]"
fi

# a [c] cell: Stapleton alone below 5 would be the Total less the others, so
# the smallest other (Barwell, 7) is hidden too, and its quotes with it.
grep -v '"locality":"Twycross"' "$IN" | vp-count --quotes 3 --quote-polarity >"$T/c.json" ||
	fail "vp-count"
expect_exit 0 rep -f markdown
expect_in "$T/out" "| staff | 10 (100.0%) | [c] | \\<5 | 18 (100.0%) |"
expect_exit 0 rep -f html
expect_in "$T/out" "staff apple one"
expect_not_in "$T/out" "banana"
expect_not_in "$T/out" "cherry"
