#!/bin/sh
# vp-eval on a hand-made gold file: scores, both output forms, --errors,
# the split options and file:line errors.
. "$(dirname "$0")/../lib.sh"
D="$VP_ROOT/tests/data/eval"
EV="vp-eval --gold $D/gold.csv --map $D/map.tsv --id-col ref"

# JSON (stdout is not a terminal): child implies parent, r5 has no record.
expect_exit 0 $EV "$D/tagged.ndjson"
expect_in "$T/err" "warning: 1 record with ids not in $D/gold.csv (first: 'zz')"
flat() { tr -d ' \n' <"$T/out"; }
json=$(flat)
case $json in *'"access":{"support":3,"predicted":2,"tp":2,"fp":0,"fn":1,"precision":1.0,"recall":0.667,"f1":0.8,'*) ;;
*) fail "access scores wrong: $json" ;; esac
case $json in *'"access/waiting":{"support":2,"predicted":2,"tp":1,"fp":1,"fn":1,'*) ;;
*) fail "access/waiting scores wrong: $json" ;; esac
case $json in *'"environment/food":{"support":1,"predicted":1,"tp":0,"fp":1,"fn":1,'*) ;;
*) fail "food scores wrong: $json" ;; esac
case $json in *'"missing":1,'*) ;; *) fail "missing row not counted: $json" ;; esac

# Table on request, read from stdin.
expect_exit 0 sh -c "$EV --table < '$D/tagged.ndjson'"
expect_in "$T/out" "access/waiting"
grep -Eq '^access +3 +2 +2 +0 +1 +1\.000 +0\.667 +0\.800 \*$' "$T/out" || { cat "$T/out"; fail "table row for access"; }
expect_in "$T/out" "rows scored: 5 (1 without a prediction record)"

# --errors: the false positive shows the entries that fired, the false
# negative what was tagged instead.
expect_exit 0 $EV --table --errors access/waiting "$D/tagged.ndjson"
expect_in "$T/out" 'FP r2  [fired access/waiting: "phone"]'
expect_in "$T/out" "Could not get through on the phone"
expect_in "$T/out" "FN r3  [tagged: staff, staff/attitude]"
# With vp-tag --explain records, the lexicon lines that fired are named.
printf '%s\n' '{"id":"r4","text":"Nothing to add","themes":[{"theme":"access","hits":["add"],"entries":["lex/access/waiting.txt:7"]},{"theme":"access/waiting","hits":["add"],"entries":["lex/access/waiting.txt:7"]}]}' >"$T/explained"
expect_exit 0 $EV --table --errors access/waiting "$T/explained"
expect_in "$T/out" 'FP r4  [fired access/waiting: "add" at lex/access/waiting.txt:7]'
expect_in "$T/out" "FN r1  [no prediction record]"
# --errors lists comments for people to read: as vp-redact writes them.
printf '%s\n' '{"id":"r2","text":"Could not get through to Dr Patel on 07700 900123","themes":[{"theme":"access","hits":["phone"]},{"theme":"access/waiting","hits":["phone"]}]}' \
	'{"id":"r3","text":"Lovely staff, Nurse Kelly, but a long wait","themes":[]}' >"$T/pii"
for f in --table --json; do
	expect_exit 0 $EV $f --errors access/waiting "$T/pii"
	for pii in Patel 900123 Kelly; do expect_not_in "$T/out" "$pii"; done
	expect_in "$T/out" "Could not get through to Dr [name] on [phone]"
	expect_in "$T/out" "Lovely staff, Nurse [name], but a long wait"
done
expect_exit 64 $EV --errors nosuch "$D/tagged.ndjson"
expect_in "$T/err" "theme 'nosuch' is not in $D/map.tsv"

# Split by a hashed column: the two parts add up to the whole file.
expect_exit 0 $EV --held-out 2 --hash-col person "$D/tagged.ndjson"
held=$(tr -d ' \n' <"$T/out" | sed 's/.*"rows":\([0-9]*\),.*/\1/')
expect_exit 0 $EV --tuning 2 --hash-col person "$D/tagged.ndjson"
rest=$(tr -d ' \n' <"$T/out" | sed 's/.*"rows":\([0-9]*\),.*/\1/')
[ $((held + rest)) = 5 ] || fail "held $held + tuning $rest rows != 5"
expect_not_in "$T/err" "warning: 5"
# N must be 2 or more: 0 scored every row as held back, silently.
for n in 0 1; do
	for o in --held-out --tuning; do
		expect_exit 64 $EV $o $n --hash-col person "$D/tagged.ndjson"
		expect_in "$T/err" "a split needs N >= 2 parts"
		expect_exit 64 vp-eval --gold "$D/gold.csv" --sentiment s $o $n "$D/tagged.ndjson"
		expect_in "$T/err" "a split needs N >= 2 parts"
	done
done
printf 'r1\nr3\n' >"$T/ids"
expect_exit 0 $EV --ids "$T/ids" --table "$D/tagged.ndjson"
expect_in "$T/out" "rows scored: 2 (0 without a prediction record)"

# Gold files as spreadsheets export them score as gold.csv does: theme
# names in another case than the records' ("Access"), ids typed with spaces
# around them, an --ids file with a BOM and CRLF.
expect_exit 0 $EV --table "$D/tagged.ndjson"
grep -E '^(access|staff|environment|micro|rows)' "$T/out" | tr 'A-Z' 'a-z' >"$T/table.base"
sed 's/^access/Access/; s/^staff/Staff/' "$D/map.tsv" >"$T/map-case.tsv"
expect_exit 0 vp-eval --gold "$D/gold.csv" --map "$T/map-case.tsv" --id-col ref --table "$D/tagged.ndjson"
tr 'A-Z' 'a-z' <"$T/out" | grep -E '^(access|staff|environment|micro|rows)' >"$T/table.case"
grep -Eiq '^access +3 +2 +2 +0 +1 ' "$T/out" || { cat "$T/out"; fail "map theme Access scored against records' access"; }
sed 's/^\(r[0-9]\),/ \1 ,/' "$D/gold.csv" >"$T/gold-spaces.csv"
expect_exit 0 vp-eval --gold "$T/gold-spaces.csv" --map "$D/map.tsv" --id-col ref --table "$D/tagged.ndjson"
grep -E '^(access|staff|environment|micro|rows)' "$T/out" >"$T/table.spaces"
for f in case spaces; do
	cmp -s "$T/table.base" "$T/table.$f" || { diff "$T/table.base" "$T/table.$f"; fail "gold as $f: other scores"; }
done
printf '\357\273\277r1\r\nr3\r\n' >"$T/ids-bom"
expect_exit 0 $EV --ids "$T/ids-bom" --table "$D/tagged.ndjson"
expect_in "$T/out" "rows scored: 2 (0 without a prediction record)"
# Ids Excel rewrote (r1 -> R-1 here; 1 -> 1.0, 0001 -> 1 in life): when no
# record's id is in the gold file, the scores would all be 0 -- an error
# naming an id of each side instead.
sed '2,$ s/^r/R-/' "$D/gold.csv" >"$T/gold-ids.csv"
expect_exit 65 vp-eval --gold "$T/gold-ids.csv" --map "$D/map.tsv" --id-col ref "$D/tagged.ndjson"
expect_in "$T/err" "vp-eval: no record read has an id in $T/gold-ids.csv (read: 'r1'; gold: 'R-1')"
test ! -s "$T/out" || { cat "$T/out"; fail "scores with no record matched"; }
# a gold file with a header and no rows scored nothing, silently
head -n 1 "$D/gold.csv" >"$T/gold-empty.csv"
expect_exit 65 vp-eval --gold "$T/gold-empty.csv" --map "$D/map.tsv" --id-col ref "$D/tagged.ndjson"
expect_in "$T/err" "vp-eval: $T/gold-empty.csv: no rows after the header"

# One-hot cells as coders and Excel write them: TRUE/FALSE, x, yes/no, y/n
# in any case, spaces around; gold-excel.csv codes what gold.csv does.
expect_exit 0 vp-eval --gold "$D/gold-excel.csv" --map "$D/map.tsv" --id-col ref --table "$D/tagged.ndjson"
grep -E '^(access|staff|environment|micro|rows)' "$T/out" >"$T/table.excel"
cmp -s "$T/table.base" "$T/table.excel" || { diff "$T/table.base" "$T/table.excel"; fail "gold with TRUE/x/yes cells: other scores"; }
# nothing said on stderr but the record zz not in the gold file
only_zz() { ! grep -v "1 record with ids not in" "$T/err" || fail "$1: more said on stderr"; }
only_zz "gold with TRUE/x/yes cells"
# 1.0 and 0.0 as pandas writes a 0/1 column with blanks in it (a float
# column), 1.00 as a spreadsheet formats it: 1 and 0
sed '4s/,X,/,1.0,/; 5s/,FALSE,/,0.0,/; 6s/,Yes$/, 1.00 /' "$D/gold-excel.csv" >"$T/gold-float.csv"
expect_exit 0 vp-eval --gold "$T/gold-float.csv" --map "$D/map.tsv" --id-col ref --table "$D/tagged.ndjson"
grep -E '^(access|staff|environment|micro|rows)' "$T/out" >"$T/table.float"
cmp -s "$T/table.base" "$T/table.float" || { diff "$T/table.base" "$T/table.float"; fail "gold with 1.0/0.0 cells: other scores"; }
only_zz "gold with 1.0/0.0 cells"
# anything else is still an error at its line and column
for v in maybe 2 -1 yess 1.5 2.0 .0 1.; do
	sed "4s/,X,/,$v,/" "$D/gold-excel.csv" >"$T/gold-bad.csv"
	expect_exit 65 vp-eval --gold "$T/gold-bad.csv" --map "$D/map.tsv" --id-col ref "$D/tagged.ndjson"
	expect_in "$T/err" "vp-eval: $T/gold-bad.csv:4: label column 'Manner' holds '$v', want"
done
# Header cells with a space before or after the name (typed in a
# spreadsheet): the same columns, said nothing about.
sed '1s/^ref,/ref ,/; 1s/,Phone,/, Phone,/; 1s/,Food$/,Food /' "$D/gold.csv" >"$T/gold-header.csv"
expect_exit 0 vp-eval --gold "$T/gold-header.csv" --map "$D/map.tsv" --id-col ref --table "$D/tagged.ndjson"
grep -E '^(access|staff|environment|micro|rows)' "$T/out" >"$T/table.header"
cmp -s "$T/table.base" "$T/table.header" || { diff "$T/table.base" "$T/table.header"; fail "gold header with spaces: other scores"; }
only_zz "gold header with spaces"
sed '1s/^ref,/ref ,/; 1s/,mood$/, mood /' "$D/sentiment.csv" >"$T/sent-header.csv"
expect_exit 0 vp-eval --gold "$T/sent-header.csv" --id-col ref --sentiment mood --table "$D/tagged.ndjson"
expect_in "$T/out" "(4 coded rows, 4 without a prediction; 1 blank rows not scored)"

# --sentiment as the themes: when no record's id is in the gold file, an
# error naming an id of each side, not scores of 0.
expect_exit 0 vp-eval --gold "$D/sentiment.csv" --id-col ref --sentiment mood "$D/tagged.ndjson"
cp "$T/out" "$T/sent.base"
# codes as spreadsheets write them, "5.0", " 4 ", "2.00": the same scores
sed 's/^r1,5$/r1,5.0/; s/^r2,4$/r2, 4 /; s/^r3,2$/r3,2.00/' "$D/sentiment.csv" >"$T/sent-dec.csv"
grep -q '^r1,5.0$' "$T/sent-dec.csv" || fail "sent-dec.csv: sed matched nothing"
expect_exit 0 vp-eval --gold "$T/sent-dec.csv" --id-col ref --sentiment mood "$D/tagged.ndjson"
cmp -s "$T/sent.base" "$T/out" || { diff "$T/sent.base" "$T/out"; fail "sentiment gold codes 5.0, 2.00: other scores"; }
# not a whole number 1-5: an error at its line, as before
for v in 2.5 6 x 0.0 5.01 .5 3.0.0; do
	sed "3s/,4\$/,$v/" "$D/sentiment.csv" >"$T/sent-bad.csv"
	expect_exit 65 vp-eval --gold "$T/sent-bad.csv" --id-col ref --sentiment mood "$D/tagged.ndjson"
	expect_in "$T/err" "vp-eval: $T/sent-bad.csv:3: column 'mood' holds '$v', want 1-5 or empty"
done
# ids typed with spaces around them are trimmed, as for themes
sed 's/^r\([0-9]\),/ r\1 ,/' "$D/sentiment.csv" >"$T/sent-spaces.csv"
expect_exit 0 vp-eval --gold "$T/sent-spaces.csv" --id-col ref --sentiment mood "$D/tagged.ndjson"
expect_in "$T/err" "1 record with ids not in"
cmp -s "$T/sent.base" "$T/out" || { diff "$T/sent.base" "$T/out"; fail "sentiment gold ids with spaces: other scores"; }
sed '2,$ s/^r/R-/' "$D/sentiment.csv" >"$T/sent-ids.csv"
expect_exit 65 vp-eval --gold "$T/sent-ids.csv" --id-col ref --sentiment mood "$D/tagged.ndjson"
expect_in "$T/err" "vp-eval: no record read has an id in $T/sent-ids.csv (read: 'r1'; gold: 'R-1')"
test ! -s "$T/out" || { cat "$T/out"; fail "sentiment scores with no record matched"; }

# The --tuning split hashes an id as trimmed, as vp-suggest does: " r3 "
# falls in the part "r3" falls in (it fell by its spaces), for the themes
# and for --sentiment.
sed '2,$ s/^\(r[0-9]\),/ \1 ,/' "$D/gold.csv" >"$T/gold-sp.csv"
sed '2,$ s/^\(r[0-9]\),/ \1 ,/' "$D/sentiment.csv" >"$T/sent-sp.csv"
for part in tuning held-out; do
	expect_exit 0 vp-eval --gold "$D/gold.csv" --map "$D/map.tsv" --id-col ref --$part 3 --table "$D/tagged.ndjson"
	cp "$T/out" "$T/split.base"
	expect_exit 0 vp-eval --gold "$T/gold-sp.csv" --map "$D/map.tsv" --id-col ref --$part 3 --table "$D/tagged.ndjson"
	cmp -s "$T/split.base" "$T/out" || { diff "$T/split.base" "$T/out"; fail "--$part 3: ids with spaces split elsewhere"; }
	expect_exit 0 vp-eval --gold "$D/sentiment.csv" --id-col ref --sentiment mood --$part 3 "$D/tagged.ndjson"
	cp "$T/out" "$T/split.base"
	expect_exit 0 vp-eval --gold "$T/sent-sp.csv" --id-col ref --sentiment mood --$part 3 "$D/tagged.ndjson"
	cmp -s "$T/split.base" "$T/out" || { diff "$T/split.base" "$T/out"; fail "--sentiment --$part 3: ids with spaces split elsewhere"; }
done

# A map theme no record read is tagged with (parking_fees: not a theme of
# the lexicon, or misspelt) scores 0 as it should, and a note names it.
expect_exit 0 vp-eval --gold "$D/gold.csv" --map "$D/map-typo.tsv" --id-col ref --table "$D/tagged.ndjson"
grep -Eq '^parking_fees +1 +0 +0 +0 +1 ' "$T/out" || { cat "$T/out"; fail "parking_fees scores"; }
expect_in "$T/err" "vp-eval: note: no record read is tagged with parking_fees (nor a theme under it): is it a theme of the lexicon, spelt so?"
expect_exit 0 $EV "$D/tagged.ndjson"
expect_not_in "$T/err" "note:"
# Access in the map is the records' access: not a theme never tagged
expect_exit 0 vp-eval --gold "$D/gold.csv" --map "$T/map-case.tsv" --id-col ref "$D/tagged.ndjson"
expect_not_in "$T/err" "note:"

# Errors in the inputs, with file:line.
expect_exit 65 vp-eval --gold "$D/gold.csv" --map "$D/bad-map.tsv" --id-col ref "$D/tagged.ndjson"
expect_in "$T/err" "vp-eval: $D/bad-map.tsv:2: label 'Manners' (theme staff/attitude) is not a column of $D/gold.csv"
expect_exit 65 vp-eval --gold "$D/dup-gold.csv" --map "$D/map.tsv" --id-col ref "$D/tagged.ndjson"
expect_in "$T/err" "vp-eval: $D/dup-gold.csv:5: duplicate id 'r1'"
printf '{"id":"r1","themes":[]}\n{"themes":[]}\n' >"$T/bad.ndjson"
expect_exit 65 $EV "$T/bad.ndjson"
expect_in "$T/err" "vp-eval: $T/bad.ndjson:2: record has no \"id\" string"
expect_exit 66 $EV "$T/nonexistent"

# No record at all (an earlier stage failed, a filter let nothing through):
# every gold row would score as missed, figures silently 0 -- an error, for
# the themes and for --sentiment.
: >"$T/empty.ndjson"
expect_exit 65 $EV "$T/empty.ndjson"
expect_in "$T/err" "vp-eval: no record read: nothing to score against $D/gold.csv"
expect_exit 65 vp-eval --gold "$D/sentiment.csv" --id-col ref --sentiment mood "$T/empty.ndjson"
expect_in "$T/err" "vp-eval: no record read: nothing to score against $D/sentiment.csv"

# Two records with one gold id (two exports joined whose ids start again):
# scored once, as the first; said, with the first such id.
{ cat "$D/tagged.ndjson"; grep '"id":"r3"' "$D/tagged.ndjson" |
	sed 's/"themes":\[.*\]/"themes":[{"theme":"access","hits":[]}],"sentiment":{"label":"positive"}/'; } >"$T/repeat.ndjson"
expect_exit 0 $EV --table "$T/repeat.ndjson"
expect_in "$T/err" "warning: 1 record repeats an id read before (first: 'r3'): only the first record of an id is scored"
$EV --table "$D/tagged.ndjson" >"$T/once" 2>/dev/null
cmp -s "$T/once" "$T/out" || { diff "$T/once" "$T/out" >&2; fail "a repeated id changed the scores"; }
expect_exit 0 vp-eval --gold "$D/sentiment.csv" --id-col ref --sentiment mood --table "$T/repeat.ndjson"
expect_in "$T/err" "warning: 1 record repeats an id read before (first: 'r3')"
expect_exit 64 vp-eval --map "$D/map.tsv"
expect_in "$T/err" "--gold and --map are both required"
exit 0
