#!/bin/sh
# vp-report with vp-sentiment's labels: diverging bars, praised / want-changed
# quotes, sentiment columns, and records not tagged (a Welsh comment).
. "$VP_ROOT/tests/lib.sh"
IN=$VP_ROOT/tests/data/report/sentiment.ndjson
vp-normalise "$IN" | vp-tag 2>"$T/tag.err" | vp-sentiment |
	vp-count --quotes 2 --quote-polarity >"$T/c.json" || fail "pipeline"
expect_in "$T/tag.err" "not tagged"
grep -q '"quotes_positive"' "$T/c.json" || fail "vp-count wrote no quotes_positive"
rep() { vp-report --lexicon "$VP_ROOT/tests/data/lexicons/paths" "$@" "$T/c.json"; }

# html: the diverging bars (negative left of the axis, positive right), the
# sentiment table, both quote lists (escaped), the not-tagged row.
rep --suppress 0 -f html >"$T/r.html" || fail "html"
expect_in "$T/r.html" 'class="sentiment-chart"'
expect_in "$T/r.html" '<rect class="bar pos"'
expect_in "$T/r.html" '<rect class="bar neg"'
expect_in "$T/r.html" 'neutral, '
expect_in "$T/r.html" '<table id="sentiment">'
expect_in "$T/r.html" '<h4>What people praised</h4>'
expect_in "$T/r.html" '<h4>What people want changed</h4>'
expect_in "$T/r.html" 'lovely &lt;b&gt;and&lt;/b&gt; caring'
expect_not_in "$T/r.html" '<b>and'
expect_not_in "$T/r.html" '<script'
expect_in "$T/r.html" '<tr class="records" id="not-tagged"><td>Not tagged: other language</td>'
expect_in "$T/r.html" 'Records = tagged + untagged + not tagged: of 8 records, 0 matched no theme (untagged) and 1 were not tagged'
# a negative bar starts left of the axis, a positive one on it
neg=$(grep -o '<rect class="bar neg" x="[0-9.]*"' "$T/r.html" | head -1 | sed 's/.*x="//; s/"//')
pos=$(grep -o '<rect class="bar pos" x="[0-9.]*"' "$T/r.html" | head -1 | sed 's/.*x="//; s/"//')
awk -v n="$neg" -v p="$pos" 'BEGIN { exit !(n + 0 < p + 0) }' || fail "bars: neg at $neg, pos at $pos"

# csv: the four columns per column, the Total's included; the two records rows
rep --suppress 0 >"$T/r.csv" || fail "csv"
head -n 1 "$T/r.csv" >"$T/head"
expect_in "$T/head" ",Total positive,Total negative,Total neutral,Total mixed"
expect_in "$T/head" ",Rutland positive,Rutland negative,"
expect_in "$T/r.csv" "(not tagged: language),Not tagged: other language,1,0.2500,0,0.0000,1,0.1250,"
expect_in "$T/r.csv" "(untagged),Untagged: no theme,0,"
# records = tagged + untagged + not tagged
expect_in "$T/r.csv" "(all records),,4,,4,,8,"
# every theme row has its columns: 2 + 3 x 2 + 3 x 4 = 20 fields
awk -F, 'NR > 1 && /^[a-z(]/ && !/^note,/ && NF != 20 { print; bad = 1 } END { exit bad }' "$T/r.csv" ||
	fail "csv rows of the wrong width"

# --suppress: small sentiment counts are <N in every format
rep --suppress 5 >"$T/s.csv" || fail "csv suppress"
grep '^access/waiting,' "$T/s.csv" | grep -q ',<5,<5,<5,<5$' || fail "sentiment not suppressed"
rep -f md >"$T/r.md" || fail "markdown"
expect_in "$T/r.md" "| Theme | Negative | Positive | Neutral | Mixed |"
expect_in "$T/r.md" '\<5'
expect_in "$T/r.md" "| Not tagged: other language |"
# every count here is below 5: no group's comments are quoted under it, and
# the notes say how many are withheld (report-quotes-suppressed.sh)
expect_not_in "$T/r.md" 'lovely \<b\>and\</b\> caring'
expect_in "$T/r.md" "quotes of counts shown as \\<5 or [c]"
rep --suppress 0 -f md >"$T/r0.md" || fail "markdown 0"
expect_in "$T/r0.md" "What people praised:"
expect_in "$T/r0.md" "What people want changed:"
expect_in "$T/r0.md" 'lovely \<b\>and\</b\> caring'
expect_in "$T/r0.md" "| Not tagged: other language | 1 (25.0%) | 0 (0.0%) | 1 (12.5%) |"

# xlsx: the Sentiment sheet, with a chart, and the polarity column
rep --suppress 0 -f xlsx -o "$T/r.xlsx" || fail "xlsx"
unzip -l "$T/r.xlsx" >"$T/zip" 2>&1 || skip "no unzip"
unzip -p "$T/r.xlsx" xl/workbook.xml >"$T/wb.xml"
expect_in "$T/wb.xml" 'name="Sentiment"'
unzip -p "$T/r.xlsx" xl/sharedStrings.xml >"$T/ss.xml"
expect_in "$T/ss.xml" "want changed"
expect_in "$T/ss.xml" "Not tagged: other language"
n=$(unzip -p "$T/r.xlsx" 'xl/charts/*.xml' | grep -c '<c:grouping val="stacked"/>')
[ "$n" -ge 1 ] || fail "no stacked bar chart"

# without sentiment: none of it
vp-normalise "$IN" | vp-tag 2>/dev/null | vp-count --quotes 2 >"$T/plain.json" || fail "plain"
vp-report --suppress 0 -f html "$T/plain.json" >"$T/p.html" || fail "plain html"
expect_not_in "$T/p.html" 'sentiment-chart'
expect_not_in "$T/p.html" 'What people praised'
echo ok
