#!/bin/sh
# vp-sentiment: record and per-theme labels on comments written for voxpop
# (tests/data/sentiment), --explain, re-runs, odd records, errors; vp-eval
# --sentiment on a small hand-coded CSV.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/sentiment

vp-normalise "$D/comments.ndjson" | vp-tag >"$T/tagged" || fail "normalise | tag"
expect_exit 0 vp-sentiment "$T/tagged"
cp "$T/out" "$T/sent"
[ "$(wc -l <"$T/sent")" = "$(wc -l <"$D/comments.ndjson")" ] || fail "records lost"

# Expected labels: the record's, and each listed theme's.
command -v jq >/dev/null || skip "jq not installed"
jq -r '[.id, .sentiment.label] + [.themes[] | "\(.theme)=\(.sentiment.label)"] | @tsv' \
	"$T/sent" >"$T/got"
bad=0
while IFS=$(printf '\t') read -r id want rest; do
	case $id in '#'*|'') continue ;; esac
	line=$(grep "^$id	" "$T/got") || fail "$id: no record"
	got=$(printf '%s\n' "$line" | cut -f2)
	if [ "$got" != "$want" ] && ! grep -qx "$id" "$D/known-misses"; then
		echo "$id: record is $got, want $want" >&2; bad=1
	fi
	for tw in $rest; do
		printf '%s\n' "$line" | tr '\t' '\n' | grep -qx "$tw" ||
			{ echo "$id: want $tw, got: $line" >&2; bad=1; }
	done
done <"$D/expected.tsv"
[ $bad = 0 ] || fail "labels differ from tests/data/sentiment/expected.tsv"

# Pass-through: the line is kept as it was, with "sentiment" appended and
# "sentiment" added inside each theme.
printf '%s\n' '{"id":"x","z":[1,{"a":null}],"question":"How could we improve?","text":"More parking.","themes":[{"theme":"transport/parking","hits":["parking"]}],"w":true}' >"$T/one"
expect_exit 0 vp-sentiment "$T/one"
expect_in "$T/out" '{"id":"x","z":[1,{"a":null}],"question":"How could we improve?","text":"More parking.","themes":[{"theme":"transport/parking","hits":["parking"],"sentiment":{"label":"negative","score":-1}}],"w":true,"sentiment":{"label":"negative","score":-1,"hits":["more"]}}'
# Re-running replaces both in place.
vp-sentiment "$T/one" | vp-sentiment >"$T/again" || fail "re-run"
cmp -s "$T/out" "$T/again" || fail "a second run changed the record"
# An answer without a word ("-" typed past a required question) is neutral
# whatever the question, in vp-sentiment and in vp-run: it was negative to
# "What could be improved?" (plain=) and so counted as a complaint.
printf '%s\n' '{"id":"d","question":"What could be improved?","text":"-","themes":[]}' >"$T/dash"
expect_exit 0 vp-sentiment "$T/dash"
expect_in "$T/out" '{"id":"d","question":"What could be improved?","text":"-","themes":[],"sentiment":{"label":"neutral","score":0,"hits":[]}}'
printf 'Ref,What could be improved?\nr1,-\nr2,...\n' >"$T/dash.csv"
expect_exit 0 vp-run --sentiment --compact -t "What could be improved?" "$T/dash.csv"
expect_in "$T/out" '"sentiment":{"mixed":0,"negative":0,"neutral":2,"positive":0}'
# --question-field reads the question from "fields".
printf '%s\n' '{"id":"q","text":"Nothing.","fields":{"FFT question":"What could we do better?"}}' >"$T/q"
expect_exit 0 vp-sentiment --question-field "FFT question" "$T/q"
expect_in "$T/out" '"sentiment":{"label":"positive"'
expect_exit 0 vp-sentiment "$T/q"
expect_in "$T/out" '"sentiment":{"label":"neutral"'
# The jansson path (an escaped key) gives the same.
printf '%s\n' '{"id":"e","te\u0078t":"They were rude."}' >"$T/esc"
expect_exit 0 vp-sentiment "$T/esc"
expect_in "$T/out" '"sentiment":{"label":"negative","score":-1,"hits":["rude"]}'

# --explain names the entries (file:line) and the question rule.
expect_exit 0 vp-sentiment --explain "$T/one"
expect_in "$T/out" "\"entries\":[\"$VP_ROOT/lexicons/sentiment/wish.txt:"
expect_in "$T/out" "\"rule\":\"$VP_ROOT/lexicons/sentiment/questions.tsv:"
# --sentiment-lexicon picks another set.
expect_exit 0 vp-sentiment --sentiment-lexicon "$D/lex" --lexicon "$D/themes" "$T/one"
expect_in "$T/out" '"sentiment":{"label":"negative","score":-1,"hits":["more"]}'

# Bad records and errors.
printf '%s\n' '{"id":"n"}' '{"id":"m","text":3}' 'nope' '{"id":"k","text":"good"}' >"$T/bad"
expect_exit 65 vp-sentiment "$T/bad"
expect_in "$T/err" ':2: "text" is not a string'
expect_exit 0 vp-sentiment --skip-bad "$T/bad"
# a record with no text is passed on as it is (nothing to read), not a bad one
[ "$(wc -l <"$T/out")" = 2 ] || fail "--skip-bad: want 2 records"
expect_in "$T/out" '{"id":"n"}'
expect_in "$T/err" 'skipped 2 bad records of 4'
expect_exit 66 vp-sentiment --sentiment-lexicon "$T/none" "$T/one"
expect_exit 78 vp-sentiment --sentiment-lexicon "$VP_ROOT/lexicons/engagement" "$T/one"
expect_exit 64 vp-sentiment --no-such-option
expect_exit 0 vp-sentiment --help
expect_in "$T/out" 'questions.tsv'
: >"$T/empty"
expect_exit 0 vp-sentiment "$T/empty"
# The shipped sentiment set has no entry that cannot work as written.
expect_exit 0 vp-tag --check --lexicon "$VP_ROOT/lexicons/sentiment"
# ... and no entry in two weight files (QA: "worst" in negative.txt and
# negative/strong.txt made "not the worst" score 3).
expect_exit 0 vp-sentiment --check
printf '%s\n' '{"id":"w","text":"Not the worst."}' '{"id":"m","text":"More staff."}' >"$T/dup"
expect_exit 0 vp-sentiment "$T/dup"
expect_in "$T/out" '"sentiment":{"label":"positive","score":2,"hits":["not+worst"]}'
expect_in "$T/out" '"sentiment":{"label":"negative","score":-1,"hits":["more staff"]}'
# A set with such an entry: --check lists it (exit 78); scoring warns and
# counts it once, at the stronger weight.
cp -r "$D/lex" "$T/duplex"
mkdir -p "$T/duplex/negative"
printf 'dreadful\n' >>"$T/duplex/negative.txt"
printf '# strong\ndreadful\n' >"$T/duplex/negative/strong.txt"
expect_exit 78 vp-sentiment --check --sentiment-lexicon "$T/duplex"
expect_in "$T/out" "$T/duplex/negative/strong.txt:2: 'dreadful' is also in $T/duplex/negative.txt:"
printf '%s\n' '{"id":"d","text":"Dreadful."}' >"$T/dread"
expect_exit 0 vp-sentiment --sentiment-lexicon "$T/duplex" --lexicon "$D/themes" "$T/dread"
expect_in "$T/out" '"score":-2,"hits":["dreadful"]'
expect_in "$T/err" "vp-sentiment: warning: $T/duplex/negative/strong.txt:2: 'dreadful' is also in"

# vp-eval --sentiment: 1-2 positive, 3 neutral, 4-5 negative, blank not
# scored, a coded row without a prediction is wrong.
printf '%s\n' 'Comment ID,Respondent,Sentiment' 's1,r1,1' 's2,r2,2' 's3,r3,5' 's11,r4,3' \
	's5,r5,4' 's7,r6,' 'zz,r7,4' >"$T/gold.csv"
expect_exit 0 vp-eval --gold "$T/gold.csv" --id-col "Comment ID" --sentiment Sentiment --json "$T/sent"
expect_in "$T/out" '"rows": 6'
expect_in "$T/out" '"missing": 1'
expect_in "$T/out" '"blank": 1'
expect_in "$T/out" '"accuracy": 0.833'
expect_in "$T/err" 'with ids not in'
expect_exit 0 vp-eval --gold "$T/gold.csv" --id-col "Comment ID" --sentiment Sentiment --table "$T/sent"
expect_in "$T/out" 'accuracy 0.833  macro-F1 0.933'
expect_in "$T/out" 'negative          0         0         2         1'
# --errors lists the misread comments as vp-redact writes them.
printf '%s\n' '{"id":"s1","text":"Dr Patel was rude to me","sentiment":"negative"}' >"$T/psent"
printf '%s\n' 'Comment ID,Sentiment' 's1,1' >"$T/pgold.csv"
for f in --table --json; do
	expect_exit 0 vp-eval --gold "$T/pgold.csv" --id-col "Comment ID" --sentiment Sentiment --errors all $f "$T/psent"
	expect_not_in "$T/out" Patel
	expect_in "$T/out" "Dr [name] was rude to me"
done
printf '%s\n' 'Comment ID,Sentiment' 's1,7' >"$T/badgold.csv"
expect_exit 65 vp-eval --gold "$T/badgold.csv" --id-col "Comment ID" --sentiment Sentiment "$T/sent"
expect_in "$T/err" 'badgold.csv:2: column'
expect_exit 64 vp-eval --gold "$T/gold.csv" --map x --sentiment Sentiment "$T/sent"
# Malformed "themes" is a bad record, as in vp-count (one check): the same
# message, 65, or skipped and counted with --skip-bad.
for th in '"x"' '[5]' '[{"x":1}]' '[{"theme":""}]' '[{"theme":"a\u0000b"}]' '{"theme":"t"}'; do
	printf '%s\n' '{"id":"1","text":"good","themes":[]}' \
		"{\"id\":\"2\",\"text\":\"awful service\",\"themes\":$th}" >"$T/th.ndjson"
	vp-count "$T/th.ndjson" >/dev/null 2>"$T/cerr" && fail "vp-count took themes $th"
	expect_exit 65 vp-sentiment "$T/th.ndjson"
	sed 's/^vp-count: //' "$T/cerr" >"$T/cmsg"
	sed 's/^vp-sentiment: //' "$T/err" >"$T/smsg"
	cmp -s "$T/cmsg" "$T/smsg" || { diff "$T/cmsg" "$T/smsg" >&2; fail "themes $th: messages differ"; }
	expect_exit 0 vp-sentiment --skip-bad "$T/th.ndjson"
	[ "$(wc -l <"$T/out")" = 1 ] || fail "themes $th --skip-bad: want 1 record"
	expect_in "$T/err" 'skipped 1 bad record of 2'
done
# the jansson path (an escaped key) checks the same
printf '%s\n' '{"id":"2","te\u0078t":"awful","themes":[5]}' >"$T/th.ndjson"
expect_exit 65 vp-sentiment "$T/th.ndjson"
expect_in "$T/err" 'themes[0] has no "theme" name'
exit 0
