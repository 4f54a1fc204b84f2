#!/bin/sh
# vp-run writes, byte for byte, the count document of the chain
# vp-ingest | [vp-locate |] vp-normalise | vp-tag | vp-count with the same
# options: on every vp-ingest golden case that succeeds, the survey-tool
# exports, the corpora; with several --jobs and tiny batches so records are
# spread over workers and merged.  Then its errors.
. "$VP_ROOT/tests/lib.sh"
G=$VP_ROOT/tests/data/ingest-golden
P=$VP_ROOT/tests/data/ingest-presets
C=$VP_ROOT/corpora

# same ARGS COUNTOPTS [RUNOPTS PRE POST TAGOPTS]: the chain vp-ingest ARGS |
# PRE | vp-normalise | vp-tag TAGOPTS | POST | vp-count COUNTOPTS (PRE, POST:
# stages, or none) and vp-run RUNOPTS COUNTOPTS ARGS (in the current
# directory) agree.  One difference is meant: vp-run's "rejected" holds
# the rows its vp-ingest code skipped (--skip-bad), which the chain's
# vp-ingest says only on stderr (tests/e2e/run-rejected.sh); so the chain's
# document is given vp-ingest's count of them (add_ingest_rejected).
n=0
same() {
	args=$1 copts=$2 ropts=${3:-} pre=${4:-} post=${5:-} tagopts=${6:-}
	chain="vp-ingest $args 2>\"\$T/ingest.err\""
	[ -z "$pre" ] || chain="$chain | $pre"
	chain="$chain | vp-normalise | vp-tag $tagopts"
	[ -z "$post" ] || chain="$chain | $post"
	eval "$chain | vp-count $copts" > "$T/chain" || fail "chain: $chain | vp-count $copts"
	add_ingest_rejected "$T/ingest.err" "$T/chain"
	for j in "--jobs 1" "--jobs 3 --batch 1" "--jobs 2 --batch 700"; do
		eval "vp-run $j $ropts $copts $args" > "$T/run" 2>"$T/err" || { cat "$T/err" >&2; fail "vp-run $j $ropts $copts $args"; }
		cmp -s "$T/chain" "$T/run" || { diff "$T/chain" "$T/run" | head >&2; fail "vp-run $j $ropts $copts $args differs from the chain"; }
	done
	n=$((n + 1))
}
COUNTS='|--quotes 2|--by question|--by month --quotes 1|--by source|--nested'

cd "$G/in" || fail "no $G/in"
while read -r name args; do
	case $name in '#'*|'') continue ;; esac
	[ "$(cat "$G/expected/$name.rc")" = 0 ] || continue
	IFS='|'
	for c in $COUNTS; do
		unset IFS
		same "$args" "$c"
		IFS='|'
	done
	unset IFS
done < "$G/cases"

cd "$P" || fail "no $P"
for f in *.csv; do
	same "$f" ""
	same "$f" "--quotes 3 --by question"
done

cd "$C" || fail "no $C"
S='--locality-col "CCG area" --date-col Submitted --id-col "Response ID" survey-llr-2026.csv'
same "$S" "--quotes 3"
same "--fields all $S" '--by "fields.CCG area"'
same "$S" '--by id --quotes 1'
same "$S" '--by text'
same "$S" '--by locality:month'
# --fields takes vp-ingest's comma-separated lists (it took one name a --fields)
same "--fields 'Age band,CCG area' $S" '--by "fields.Age band"'
same "--fields 'Service used' --fields 'Age band,Satisfaction (1-5)' $S" '--by "fields.Age band"'
same "$S events-melton.txt events-leicester.txt online-form.ndjson" "--quotes 1"
# a source name JSON must escape: vp-run hands the counter the raw name
# (respondents are keyed with their source)
mkdir "$T/odd" && cp survey-llr-2026.csv "$T/odd/odd\"na\\me caf\303\251.csv" || fail "cp"
O="--locality-col 'CCG area' --date-col Submitted --id-col 'Response ID' 'odd\"na\\me caf\303\251.csv'"
(cd "$T/odd" && same "$O" "" && same "$O" "--by source") || exit 1
# with vp-locate, as corpora/demo.sh runs it
eval "vp-ingest $S events-melton.txt events-leicester.txt online-form.ndjson" 2>/dev/null | vp-locate |
	vp-normalise | vp-tag | vp-count --nested --quotes 1 --level place > "$T/chain" || fail "locate chain"
for j in "--jobs 1" "--jobs 3 --batch 1"; do
	eval "vp-run $j --locate --nested --quotes 1 --level place $S events-melton.txt events-leicester.txt online-form.ndjson" \
		> "$T/run" 2>"$T/err" || { cat "$T/err" >&2; fail "vp-run --locate"; }
	cmp -s "$T/chain" "$T/run" || { diff "$T/chain" "$T/run" | head >&2; fail "vp-run $j --locate differs"; }
done
# NDJSON records that already have tokens or themes: recomputed, as the stages do
cd "$T" || fail "cd"
printf '%s\n' '{"id":"a","text":"The car park was full","tokens":["x"],"themes":[{"theme":"bogus"}],"locality":"Melton"}' \
	'{"id":"b","text":"waited weeks for a GP","themes":[],"locality":null}' \
	'{"id":"c","text":null,"locality":"Oakham"}' '{"id":"d","locality":"Oakham","text":"st\u00e6ff \"kind\""}' > odd.ndjson
same odd.ndjson "--quotes 2"
same odd.ndjson "--nested"
# a lone '&' is the token "and" (pushed without a stem-cache id, so vp-run's
# matcher takes it by its bytes): the same themes as the chain
printf '%s\n' '{"id":"a","text":"went above & beyond, kind & caring","locality":"A"}' \
	'{"id":"b","text":"A & E was busy & the wait was long","locality":"B"}' \
	'{"id":"c","text":"clean & tidy \uff06 helpful & friendly","locality":"A"}' '{"id":"d","text":"&","locality":"B"}' > amp.ndjson
same amp.ndjson "--quotes 2"
grep -q '"staff/staffing"' "$T/chain" || fail "amp.ndjson: 'above & beyond' was not read as 'above and beyond'"
# a record that has "sentiment" already: vp-count counts it (vp-run dropped it)
printf '%s\n' '{"id":"a","text":"The car park was full","sentiment":{"label":"negative"},"locality":"Melton"}' \
	'{"id":"b","text":"kind staff","sentiment":null,"locality":"Melton"}' '{"id":"c","text":"kind staff","locality":"Oakham"}' > sent.ndjson
same sent.ndjson "--quotes 1"
grep -q '"negative": 1' "$T/chain" || fail "sent.ndjson: the chain counted no sentiment"
# respondents whose records are not adjacent, their runs spread over workers:
# found again as one vp-count finds them (the workers share one set)
for i in 1 2 3 4 5 6 7 8 9; do
	for r in r1 r2 r3 r1 r4 r2 r5; do
		printf '{"id":"%s-%s","respondent":"%s","text":"waited weeks","locality":"L%s"}\n' "$i" "$r" "$r" "$i"
	done
done > apart.ndjson
same apart.ndjson ""
same apart.ndjson "--by respondent"
grep -q '"respondents_not_adjacent": 58' "$T/chain" || fail "apart.ndjson: the chain found $(grep not_adjacent "$T/chain")"
# the first respondent seen again is named, as vp-count names it -- by
# its line there (of its stdin), by its id here (masked, as every id vp-run
# says): once, whatever the jobs; with --jobs 1 the same record as the chain
vp-ingest apart.ndjson | vp-normalise | vp-tag | vp-count 2>"$T/err.chain" >/dev/null
expect_in "$T/err.chain" 'vp-count: -:4: warning: respondent seen again after other respondents'
for j in "--jobs 1" "--jobs 3 --batch 1" "--jobs 2 --batch 200"; do
	vp-run $j apart.ndjson 2>"$T/err" >/dev/null || fail "vp-run $j apart.ndjson"
	[ "$(grep -c 'warning: respondent seen again' "$T/err")" = 1 ] ||
		fail "vp-run $j apart.ndjson: not one 'seen again': $(cat "$T/err")"
	expect_in "$T/err" 'respondents were not adjacent'
done
# the same with row numbers as respondents, which the set holds as
# ranges (in batches taken out of order by the workers): numbers met again
# in their range or past it, "07" not 7, and two files (two sources: the
# same numbers, other respondents)
awk 'BEGIN { print "Respondent ID,Comment,Area"
	for (i = 1; i <= 400; i++) {
		printf "%d,waited weeks for an appointment,L%d\n", i, i % 7
		if (i % 50 == 0) printf "%d,the staff were kind,L1\n", i - 31
		if (i == 120) printf "07,parking is awful,L2\n150,parking is awful,L2\n"
	} }' > rownum.csv
cp rownum.csv rownum2.csv
same "-t Comment --locality-col Area rownum.csv" ""
grep -q '"respondents_not_adjacent": 9' "$T/chain" || fail "rownum.csv: the chain found $(grep not_adjacent "$T/chain")"
same "-t Comment --locality-col Area rownum.csv rownum2.csv" "--per respondent"
grep -q '"respondents_not_adjacent": 18' "$T/chain" || fail "rownum.csv x2: the chain found $(grep not_adjacent "$T/chain")"
vp-run --jobs 1 apart.ndjson 2>"$T/err" >/dev/null
expect_in "$T/err" 'vp-run: record "1-r1": warning: respondent seen again after other respondents'"'"' records; respondents are counted per run of adjacent records, so may be counted twice'
# a member holding an integer beyond 64 bits: the chain passes it as its
# bytes, vp-run read it with jansson and refused the record (QA wave 2);
# a real's group is named by its shortest exact form
printf '%s\n' '{"id":"1","text":"The parking is awful","b":9223372036854775808}' \
	'{"id":"2","text":"The staff were rude","b":1234567.5,"respondent":"9223372036854775808"}' \
	'{"id":"3","text":"Parking again","b":1234568.25}' > bigint.ndjson
same bigint.ndjson "--by b"
same bigint.ndjson "--by respondent"
# --per (vp-count's; vp-run had none)
same apart.ndjson "--per respondent"
expect_exit 64 vp-run --per people apart.ndjson
# the same as table rows, whose runs vp-run's reader notes and its workers
# ask the set about a batch at a time; then two tables and the NDJSON
# between them (another source's "r1" is another person)
{
	echo 'id,respondent,text,locality'
	for i in 1 2 3 4 5 6 7 8 9; do
		for r in r1 r2 r3 r1 r4 r2 r5; do echo "$i-$r,$r,waited weeks,L$i"; done
	done
} > apart.csv
cp apart.csv apart2.csv
A='--respondent-col respondent --id-col id --text-col text --locality-col locality'
same "$A apart.csv" ""
grep -q '"respondents_not_adjacent": 58' "$T/chain" || fail "apart.csv: the chain found $(grep not_adjacent "$T/chain")"
same "$A apart.csv apart.ndjson apart2.csv" "--quotes 1"
for j in "--jobs 1" "--jobs 3 --batch 1"; do
	vp-run $j $A apart.csv 2>"$T/err" >/dev/null || fail "vp-run $j apart.csv"
	[ "$(grep -c 'warning: respondent seen again' "$T/err")" = 1 ] ||
		fail "vp-run $j apart.csv: not one 'seen again': $(cat "$T/err")"
done
vp-run --jobs 1 $A apart.csv 2>"$T/err" >/dev/null
expect_in "$T/err" 'vp-run: record "1-r1": warning: respondent seen again'
# comments in other languages: vp-normalise detects, vp-tag leaves them
# untagged (counted in "not_tagged"), as vp-run does (it did not, and tagged
# Welsh and Polish comments as if English); the records' own "lang" with
# --no-detect-lang; --lexicon-lang any; grouped by language
L=$VP_ROOT/tests/data/lang
awk -F '\t' 'BEGIN { print "id,text" } /^#/ || NF < 2 { next } { gsub(/"/, "\"\"", $2); print NR ",\"" $2 "\"" }' \
	"$L/comments.tsv" > langs.csv
same "--text-col text --id-col id langs.csv" ""
same "--text-col text --id-col id langs.csv" "--by lang --quotes 1"
same "$L/mixed.ndjson" "--quotes 2"
grep -q '"language": [1-9]' "$T/chain" || fail "mixed.ndjson: no record left untagged for its language"
vp-run --jobs 2 --batch 1 "$L/mixed.ndjson" 2>"$T/err" >/dev/null || fail "vp-run mixed.ndjson"
vp-ingest "$L/mixed.ndjson" | vp-normalise | vp-tag 2>"$T/err.chain" | vp-count >/dev/null
sed 's/^vp-tag: //' "$T/err.chain" > "$T/want"
grep 'not tagged' "$T/err" | sed 's/^vp-run: //' | cmp -s - "$T/want" ||
	fail "vp-run's message on records not tagged differs: $(cat "$T/err")"
printf '%s\n' '{"id":"a","text":"the parking was awful","lang":"cy"}' \
	'{"id":"b","text":"the parking was awful","lang":"en"}' '{"id":"c","text":"the parking","lang":7}' > own.ndjson
vp-ingest own.ndjson | vp-normalise --no-detect-lang | vp-tag | vp-count > "$T/chain"
for j in "--jobs 1" "--jobs 2 --batch 1"; do
	vp-run $j --no-detect-lang own.ndjson > "$T/run" || fail "vp-run --no-detect-lang"
	cmp -s "$T/chain" "$T/run" || { diff "$T/chain" "$T/run" | head >&2; fail "vp-run --no-detect-lang differs"; }
done
vp-ingest "$L/mixed.ndjson" | vp-normalise | vp-tag --lexicon-lang any | vp-count > "$T/chain"
vp-run --lexicon-lang any "$L/mixed.ndjson" > "$T/run" || fail "vp-run --lexicon-lang any"
cmp -s "$T/chain" "$T/run" || fail "vp-run --lexicon-lang any differs"

# --redact: vp-redact after vp-ingest, the text masked before anything reads
# it (tokens, themes, quotes, --by text, vp-locate --from-text)
cd "$C" || fail "cd"
same "$S" "--quotes 3" "--redact" "vp-redact"
same "$S" "--by text" "--redact" "vp-redact"
same "$S events-melton.txt online-form.ndjson" "--quotes 1 --by source" "--redact --keep phone" "vp-redact --keep phone"
R=$VP_ROOT/tests/data/redact/comments.txt
cd "$T" || fail "cd"
grep -v '^#' "$R" | sed 's/{{[a-z_]*://g; s/}}//g; s/<<//g; s/>>//g' | sed G > red.txt
awk 'BEGIN { print "id,text" } NF { gsub(/"/, "\"\""); print NR ",\"" $0 "\"" }' red.txt > red.csv
same "--text-col text --id-col id red.csv" "--quotes 2" "--redact" "vp-redact"
vp-run --quotes 2 --text-col text --id-col id red.csv > "$T/plain" || fail "vp-run red.csv"
! cmp -s "$T/chain" "$T/plain" || fail "red.csv: the same counts without --redact"
same "--text-col text --id-col id red.csv" "--by text" "--redact --keep name --keep address" \
	"vp-redact --keep name --keep address"
same red.txt "--quotes 1" "--redact" "vp-redact"
# vp-redact's --given-names FILE: a list of one's own (here names the
# shipped list lacks) masks as the chain's vp-redact masks with it, the
# quotes and groups of the rest of the chain still masked with the shipped
# list; only with --redact (vp-run had no --given-names: 64, unknown option)
printf '%s\n' 'id,text' '1,Thanks to Zebedee for the parking permit' \
	'2,Ermintrude on reception was rude about the car park' '3,The bus was late' > own.csv
printf '%s\n' '# given names of our own' zebedee ermintrude > own-names.txt
same "--text-col text --id-col id own.csv" "--quotes 2" "--redact --given-names own-names.txt" \
	"vp-redact --given-names own-names.txt"
same "--text-col text --id-col id own.csv" "--by text" "--redact --given-names own-names.txt" \
	"vp-redact --given-names own-names.txt"
grep -q '\[name\]' "$T/run" || fail "--given-names: nothing masked with the list"
expect_exit 64 vp-run --given-names own-names.txt own.csv
expect_in "$T/err" '--given-names needs --redact'
expect_exit 66 vp-run --redact --given-names "$T/none.txt" own.csv
expect_in "$T/err" "vp-run: $T/none.txt: No such file or directory"
# NDJSON lines: escapes, an escaped key (jansson), "redacted" already, no text
vp-ingest red.txt | head -40 | sed '3s/"text"/"t\\u0065xt"/; 5s/}$/,"redacted":{"name":1}}/; 7s/"text":"[^"]*"/"text":null/' > red.ndjson
grep -q 'u0065' red.ndjson || fail "red.ndjson has no escaped key"
same red.ndjson "--quotes 2" "--redact" "vp-redact"
same red.ndjson "--nested --quotes 1" "--redact --locate --from-text" "vp-redact | vp-locate --from-text"
# --by redacted: vp-redact's "redacted" (an object: Unassigned, as vp-count
# names a group from an object) is there on the records it masked, as in
# the chain (vp-run left it out and said 'no record has "redacted"', 65);
# with none masked, both say so
printf '%s\n' 'id,Comment' '1,"Thanks Dr Patel, the nurse was kind"' \
	'2,ring 07700 900123 about the parking' '3,The parking is awful' \
	'4,Waiting times are too long' > byred.csv
same "--text-col Comment --id-col id byred.csv" "--by redacted" "--redact" "vp-redact"
same "--text-col Comment --id-col id byred.csv" "--by redacted --quotes 1" "--redact --locate" "vp-redact | vp-locate"
same red.ndjson "--by redacted --quotes 1" "--redact" "vp-redact"
same "--text-col text --id-col id red.csv" "--by redacted:month" "--redact" "vp-redact"
sed -n '1p;4,5p' byred.csv > byred-none.csv
vp-ingest --text-col Comment byred-none.csv 2>/dev/null | vp-redact | vp-normalise | vp-tag |
	vp-count --by redacted > "$T/chain" 2>"$T/chainerr" && fail "chain: --by redacted with none masked exited 0"
expect_exit 65 vp-run --redact --by redacted --text-col Comment byred-none.csv
expect_in "$T/err" "vp-run: $(sed 's/^vp-count: //' "$T/chainerr")"
printf '%s\n' '{"id":"a","text":"Dr Smith was kind","redacted":7}' > badred.ndjson
expect_exit 65 vp-run --redact badred.ndjson
expect_in "$T/err" '"redacted" is not an object'
expect_exit 64 vp-run --keep name badred.ndjson
expect_exit 64 vp-run --redact --keep nobody badred.ndjson

# --sentiment: vp-sentiment after vp-tag, its labels counted per group and
# theme (and --quote-polarity's quotes), the same as the chain's
cd "$C" || fail "cd"
same "$S" "--quotes 3 --quote-polarity" "--sentiment" "" "vp-sentiment"
grep -q '"quotes_negative"' "$T/chain" || fail "the corpus: no quotes_negative"
grep -q '"mixed": [1-9]' "$T/chain" || fail "the corpus: no sentiment counted"
same "$S events-melton.txt events-leicester.txt online-form.ndjson" "--by question --quotes 1" \
	"--sentiment" "" "vp-sentiment"
same "--fields all $S" '--by "fields.CCG area" --quotes 1 --quote-polarity' "--sentiment --redact" "vp-redact" "vp-sentiment"
same "$S events-melton.txt online-form.ndjson" "--nested --level place --quotes 1" "--sentiment --locate" \
	"vp-locate" "vp-sentiment"
same "$S" "--by id" "--sentiment" "" "vp-sentiment"
same "$S" "--by sentiment" "--sentiment" "" "vp-sentiment"
same "$S" "--quotes 2 --quote-polarity" "" # without sentiment: empty polarity lists
cd "$P" || fail "no $P"
for f in *.csv; do
	same "$f" "--quotes 3 --by question --quote-polarity" "--sentiment" "" "vp-sentiment"
done
D=$VP_ROOT/tests/data/sentiment
cd "$T" || fail "cd"
same "$D/comments.ndjson" "--quotes 2 --quote-polarity --by question" \
	"--sentiment --sentiment-lexicon $D/lex --lexicon $D/themes" "" \
	"vp-sentiment --sentiment-lexicon $D/lex --lexicon $D/themes" "--lexicon $D/themes"
same "$D/comments.ndjson" "--quotes 1" "--sentiment" "" "vp-sentiment"
# the question in a column (--question-field), from NDJSON and from a CSV
sed 's/"question":\("[^"]*"\)/"fields":{"Q":\1}/' "$D/comments.ndjson" > qf.ndjson
same qf.ndjson "--quotes 1 --quote-polarity" "--sentiment --question-field Q" "" "vp-sentiment --question-field Q"
sed -n 's/^{"id":"\([^"]*\)","question":"\([^"]*\)","text":"\(.*\)"}$/\1,"\2","\3"/p' "$D/comments.ndjson" |
	sed '1i id,Question,Answer' > qf.csv
same "--fields Question --text-col Answer --id-col id qf.csv" "--quotes 1 --quote-polarity" "--sentiment --question-field Question" \
	"" "vp-sentiment --question-field Question"
cmp -s "$T/chain" "$T/run" && ! vp-run --sentiment --quotes 1 --quote-polarity --text-col Answer --id-col id qf.csv |
	cmp -s - "$T/chain" || fail "qf.csv: --question-field made no difference"
# other languages get no sentiment (vp-tag left them untagged); --by lang
# (the jansson path); records with "sentiment" already, or no text
same "$L/mixed.ndjson" "--quotes 2 --quote-polarity" "--sentiment" "" "vp-sentiment"
same "--text-col text --id-col id langs.csv" "--by lang" "--sentiment" "" "vp-sentiment"
printf '%s\n' '{"id":"a","text":null,"sentiment":{"label":"negative"},"locality":"M"}' \
	'{"id":"b","text":"The staff were kind","sentiment":{"label":"negative"},"locality":"M"}' \
	'{"id":"c","text":"Dr Smith was rude","question":7,"locality":"O"}' \
	'{"id":"d","text":"The staff were kind","untaggable":"language","locality":"O"}' \
	'{"id":"e","text":"Nothing","question":"What could we do better?","locality":"O"}' > sent2.ndjson
same sent2.ndjson "--quotes 1 --quote-polarity" "--sentiment" "" "vp-sentiment"
same odd.ndjson "--nested --quotes 2" "--sentiment" "" "vp-sentiment"
same apart.ndjson "--by respondent" "--sentiment" "" "vp-sentiment"
expect_exit 64 vp-run --question-field Q qf.ndjson
expect_exit 64 vp-run --sentiment-lexicon "$D/lex" qf.ndjson
expect_exit 64 vp-run --quote-polarity qf.ndjson
expect_exit 66 vp-run --sentiment --sentiment-lexicon "$T/none" qf.ndjson
# a workbook whose responses are on its second sheet: --sheet, by name and
# by number (vp-run had no --sheet, so it could only be counted by the chain)
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	/usr/bin/python3 -c '
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Notes"; ws.append(["nothing here"])
ws2 = wb.create_sheet("Responses")
ws2.append(["ID", "Area", "What could we do better?"])
ws2.append([1, "Melton", "The car park is far too small and the staff were rude"])
ws2.append([2, "Oakham", "Waiting times for appointments are far too long"])
ws2.append([3, "Melton", "Reception staff were kind and the parking was easy"])
wb.save(sys.argv[1])' "$T/two.xlsx"
	same "--sheet Responses --id-col ID --locality-col Area $T/two.xlsx" "--quotes 1"
	same "--sheet 2 --id-col ID $T/two.xlsx" "--by question"
	expect_exit 64 vp-run --sheet Answers "$T/two.xlsx"
	expect_in "$T/err" 'no sheet "Answers"; the sheets are "Notes", "Responses"'
	# the first sheet, taken by default, holds no rows: an error naming the
	# sheets, not a silent run of no records (QA wave 2)
	expect_exit 65 vp-run "$T/two.xlsx"
	expect_in "$T/err" 'sheet "Notes" has no rows below its header; the sheets are "Notes", "Responses"'
	expect_exit 65 vp-ingest "$T/two.xlsx"
	expect_in "$T/err" 'choose one with --sheet'
else
	echo "run: python3-openpyxl missing, the --sheet case not run"
fi
# today's stage features, each with records of one row or one respondent
# spread over batches (same runs --jobs 3 --batch 1 and --jobs 2 --batch 700):
# a pasted copy of a header row (bad, or skipped with --skip-bad) and Excel's
# scientific-notation respondents -- both said as vp-ingest says them; group
# names (a locality, a --by column, --by text) trimmed and masked with
# vp-redact, quote ids masked; --by a personal column refused
cd "$T" || fail "cd"
{
	echo 'Response ID,Respondent ID,Area,Staff,Email address,What could we do better?'
	echo '1,1.14368E+11,Melton ,Dr Patel,a@b.com,"The car park is always full. Thanks, Jane"'
	echo '2,1.14368E+11, Melton,Dr Khan,c@d.com,Waiting times too long and the staff were rude'
	echo 'Response ID,Respondent ID,Area,Staff,Email address,What could we do better?'
	echo 'jane@nhs.net,114368000001,LE13 0AB,Nurse Smith ,x@y.com,"My NHS number is 943 476 5919, nobody rang back. Kind regards Bob Jones"'
	echo '4,2.5E+10,jo(at)nhs.net,Dr Patel,z@y.com,"Parking awful at LE16 EJ. Love from Mary xx"'
	echo '5,2.5E+10,Oakham,Mr Brown,q@y.com,"I live in Leicester and my mum lives in Oakham; reception lovely"'
} > pasted.csv
H='--id-col "Response ID" --respondent-col "Respondent ID" --locality-col Area --text-col "What could we do better?"'
same "--skip-bad $H pasted.csv" "--quotes 2"
grep -q '"\[email\]"' "$T/chain" || fail "pasted.csv: no masked group or quote id in $(cat "$T/chain")"
same "--fields Staff --skip-bad $H pasted.csv" "--by fields.Staff --quotes 1 --per respondent"
grep -q '"Dr \[name\]"' "$T/chain" || fail "pasted.csv: the staff column's groups not masked"
same "--skip-bad $H pasted.csv" "--by text" "--redact" "vp-redact"
same "--skip-bad $H pasted.csv" "--by respondent --quotes 1 --quote-polarity" "--sentiment --redact" "vp-redact" "vp-sentiment"
same "--skip-bad $H pasted.csv" "--nested --quotes 1" "--redact --locate --from-text" "vp-redact | vp-locate --from-text"
eval "vp-run --jobs 3 --batch 1 --skip-bad $H pasted.csv" >/dev/null 2>"$T/err" || fail "vp-run pasted.csv"
eval "vp-ingest --skip-bad $H pasted.csv" 2>"$T/err.chain" >/dev/null
sed 's/^vp-ingest: /vp-run: /' "$T/err.chain" | cmp -s - "$T/err" ||
	{ diff "$T/err.chain" "$T/err" >&2; fail "pasted.csv: vp-run's notes differ from vp-ingest's"; }
expect_in "$T/err" 'pasted.csv:4: a copy of the header row'
expect_in "$T/err" "\"Respondent ID\": 4 values in Excel's scientific notation"
for j in "--jobs 1" "--jobs 3 --batch 1"; do
	eval "expect_exit 65 vp-run $j $H pasted.csv"
	expect_in "$T/err" 'vp-run: pasted.csv:4: a copy of the header row (pasted with the rows below it?), not a response'
	eval "expect_exit 64 vp-run $j --skip-bad --by 'fields.Email address' $H pasted.csv"
	expect_in "$T/err" '"Email address" names a personal detail'
done
# a lone-CR file (Excel for Mac), sniffed as vp-ingest sniffs it: a
# ';' table, and one whose text columns are guessed
printf 'id;area;text\r1;Melton;The car park is always full and nobody helps\r2;Oakham;"Waiting times\rtoo long"\r3;Melton;staff were rude at reception today\r' > lonecr.csv
same lonecr.csv "--quotes 1"
same "- < lonecr.csv" ""
# vp-locate --from-text: places that disagree, settled by home cues (or none)
{
	echo 'id,Comment'
	echo '1,"I live in Leicester and my mum lives in Oakham; the car park is always full"'
	echo '2,"travel from Leicester to Melton for appointments, waiting times too long"'
	echo '3,"I live in Leicester but the clinic moved to Loughborough, staff were rude"'
	echo '4,"used to live in Melton, now based in Hinckley; nobody rang back"'
	echo '5,"here in Market Harborough the GP is great but I moved from Oadby"'
} > places.csv
same "--id-col id --text-col Comment places.csv" "--nested --quotes 1" "--locate --from-text" "vp-locate --from-text"
# --postcode-field with no --fields: vp-run keeps every column for vp-locate,
# the postcode too (a personal detail vp-ingest --fields all leaves out):
# the chain that names it
printf '%s\n' 'Timestamp,Email address,Postcode,What could be improved?' \
	'14/03/2026 10:32:11,ann@example.org,LE1 5WW,Answer the phone before half past eight in the morning' \
	'15/03/2026 10:32:11,bob@example.org,LE13 0AB,The car park at the General is full by nine every day' >"$T/pc.csv"
vp-ingest --fields Postcode "$T/pc.csv" 2>/dev/null | vp-locate --postcode-field Postcode | vp-normalise |
	vp-tag | vp-count --nested > "$T/chain" || fail "chain with --postcode-field"
vp-run --locate --postcode-field Postcode --nested "$T/pc.csv" > "$T/run" 2>"$T/err" || fail "vp-run --postcode-field"
cmp -s "$T/chain" "$T/run" || fail "vp-run --locate --postcode-field differs from the chain naming the column"
expect_not_in "$T/run" 'Unassigned'
expect_not_in "$T/err" 'left out as personal'
grep -q '"Leicester City"' "$T/chain" || fail "places.csv: no home cue read"
# vp-count's --compact: the same document on one line
same "--skip-bad $H pasted.csv" "--compact --quotes 1"
cd "$C" || fail "cd"
echo "run: $n comparisons with the chain, all the same bytes"

# errors: as the stages
expect_exit 66 vp-run no-such-file.csv
expect_in "$T/err" 'vp-run: no-such-file.csv: No such file or directory'
expect_exit 64 vp-run --text-col Nope survey-llr-2026.csv
expect_exit 64 vp-run --jobs 0 survey-llr-2026.csv
expect_exit 64 vp-run --by month --level place survey-llr-2026.csv
printf 'id,text\n1,"never closed\n' > "$T/bad.csv"
expect_exit 65 vp-run --text-col text "$T/bad.csv"
expect_exit 66 vp-run --lexicon "$T/none" survey-llr-2026.csv
# a worker's error stops the reader and is the one reported
expect_exit 70 vp-run --jobs 3 --batch 100 --by id --max-groups 5 survey-llr-2026.csv
expect_in "$T/err" 'more than 5 groups'
# with 2 jobs the reader counts batches too (one worker thread): its error the same
expect_exit 70 vp-run --jobs 2 --batch 100 --by id --max-groups 5 survey-llr-2026.csv
expect_in "$T/err" 'more than 5 groups'

# a file the kernel reports as 0 bytes but that reads (procfs: a mount's
# files are so) is not said to be empty: vp-run and vp-ingest said "empty
# file, no records" and then read and counted its record
if [ "$(cat /proc/version 2>/dev/null | wc -c)" -gt 0 ]; then
	vp-run --format text /proc/version >"$T/out" 2>"$T/err" || fail "vp-run /proc/version"
	grep -q '"records": 1' "$T/out" || fail "/proc/version: not one record"
	! grep -q 'empty file' "$T/err" || fail "/proc/version: said to be empty: $(cat "$T/err")"
	vp-ingest --format text /proc/version >/dev/null 2>"$T/err" || fail "vp-ingest /proc/version"
	! grep -q 'empty file' "$T/err" || fail "vp-ingest /proc/version: said to be empty"
fi

# No list of given names to redact with: vp-run says what vp-redact says
# (one message, vp_data_default's), 66.  Copies of the binaries away from
# the build tree, VOXPOP_DATADIR empty: nowhere to find it.
mkdir -p "$T/lone/bin" "$T/nodata"
cp "$VP_BIN/vp-run" "$VP_BIN/vp-redact" "$T/lone/bin/"
printf 'id,text\n1,hello\n' >"$T/lone.csv"
VOXPOP_DATADIR="$T/nodata" expect_exit 66 "$T/lone/bin/vp-redact" "$T/lone.csv"
expect_in "$T/err" "vp-redact: cannot find the default list of given names lexicons/names/given.txt (set VOXPOP_DATADIR or use --given-names FILE)"
VOXPOP_DATADIR="$T/nodata" expect_exit 66 "$T/lone/bin/vp-run" --redact \
	--lexicon "$VP_ROOT/lexicons/engagement" "$T/lone.csv"
expect_in "$T/err" "vp-run: cannot find the default list of given names lexicons/names/given.txt (set VOXPOP_DATADIR or use --given-names FILE)"
exit 0
