#!/bin/sh
# vp-ingest on the shipped corpora and on small files: records, ids, options.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/ingest
C=$VP_ROOT/corpora

# The survey corpus: free-text columns guessed and named on stderr, one
# record per non-empty answer, every line a JSON object with the contract keys.
expect_exit 0 vp-ingest -v --fields all --locality-col "CCG area" --date-col Submitted --id-col "Response ID" \
	"$C/survey-llr-2026.csv"
expect_in "$T/err" 'free-text columns (guessed): "What works well?", "What could we do better?", "Is there anything else you would like to tell us?"'
expect_in "$T/err" 'rows 220, records '
n=$(wc -l <"$T/out")
grep -q "records $n, " "$T/err" || fail "summary does not match $n records written"
[ "$n" -gt 300 ] || fail "only $n records from the survey corpus"
head -n 1 "$T/out" | grep -q '^{"id":"LLR-0001:q[123]","source":"survey-llr-2026.csv","channel":"survey","locality":"East Leicestershire and Rutland","date":"2026-04-14","respondent":"LLR-0001","question":"' ||
	fail "first record: $(head -n 1 "$T/out")"
expect_in "$T/out" '"CCG area":"LE13 0AB"'
cp "$T/out" "$T/first"

# Re-runs give the same ids (and records).
vp-ingest --fields all --locality-col "CCG area" --date-col Submitted --id-col "Response ID" \
	"$C/survey-llr-2026.csv" >"$T/second" 2>/dev/null || fail "second run"
cmp -s "$T/first" "$T/second" || fail "re-run differs"

# Without an id column: ids are source:line[:qN], stable.
expect_exit 0 vp-ingest --text-col "What could we do better?" "$C/survey-llr-2026.csv"
expect_in "$T/out" '"id":"survey-llr-2026.csv:2",'
expect_not_in "$T/err" 'guessed'
[ ! -s "$T/err" ] || fail "quiet by default, but printed: $(cat "$T/err")"

# Banner lines, forgiving header match, dates normalised, empty answers counted.
expect_exit 0 vp-ingest -v --fields all --skip-rows 2 --text-col "your comments" --locality-col AREA \
	--date-col submitted "$D/banner.csv"
expect_in "$T/out" '{"id":"banner.csv:4","source":"banner.csv","channel":"survey","locality":"Leicester City","date":"2026-03-14","respondent":"1","question":"Your comments","text":"The wait for a GP appointment is three weeks at least","fields":{"Respondent":"1","Area":"Leicester City","Submitted":"14/03/2026 10:32"}}'
expect_in "$T/out" '"id":"banner.csv:6","source":"banner.csv","channel":"survey","locality":"LE13 0AB","date":"2026-03-16"'
expect_in "$T/err" 'rows 3, records 2, empty answers 1, rejected 0'

# Standard input, --source, --channel.
vp-ingest --skip-rows 2 --text-col "Your comments" --source web.csv --channel form - \
	<"$D/banner.csv" >"$T/out" || fail "stdin"
expect_in "$T/out" '"id":"web.csv:4","source":"web.csv","channel":"form"'
vp-ingest --skip-rows 2 --text-col "Your comments" <"$D/banner.csv" >"$T/out" || fail "stdin"
expect_in "$T/out" '"id":"stdin:4","source":"stdin"'

# Event notes: header block, one record per paragraph.
expect_exit 0 vp-ingest --fields all "$D/notes.txt"
[ "$(wc -l <"$T/out")" = 2 ] || fail "want 2 paragraphs"
expect_in "$T/out" '{"id":"notes.txt:6","source":"notes.txt","channel":"event","locality":"East Leicestershire and Rutland","date":"2026-04-02","respondent":"notes.txt:6","question":"","text":"The bus from Uppingham does not get to Leicester in time for morning\nappointments.","fields":{"event":"Oakham library drop-in"}}'
expect_exit 0 vp-ingest "$C/events-melton.txt" "$C/events-leicester.txt"
expect_in "$T/out" '"source":"events-melton.txt","channel":"event","locality":"East Leicestershire and Rutland","date":"2026-03-14"'
expect_in "$T/out" '"source":"events-leicester.txt","channel":"event","locality":"Leicester City","date":"2026-03-21"'

# NDJSON form records: completed with source and channel, dates normalised.
expect_exit 0 vp-ingest -v "$C/online-form.ndjson"
expect_in "$T/out" '{"id":"F-2026-0001","date":"2026-03-02","locality":"Oakham",'
expect_in "$T/out" '"source":"online-form.ndjson","channel":"form"}'
expect_in "$T/err" 'rows 20, records 19, empty answers 1, rejected 0'

# Duplicate headers and ragged rows: short rows padded, empty extras ignored,
# a non-empty extra field is bad data (or skipped and reported).
expect_exit 65 vp-ingest --fields "Name,Name (2),Rating" --text-col Comment "$D/ragged.csv"
expect_in "$T/err" 'vp-ingest: '"$D"'/ragged.csv:4: row has 5 fields, header has 4'
[ "$(wc -l <"$T/out")" = 2 ] || fail "records before the bad row are written"
expect_in "$T/out" '"fields":{"Name":"Ann","Name (2)":"Smith","Rating":""}'
expect_exit 0 vp-ingest --skip-bad --text-col Comment "$D/ragged.csv"
[ "$(wc -l <"$T/out")" = 3 ] || fail "skip-bad keeps the 3 good rows"
expect_in "$T/err" 'ragged.csv:4: row has 5 fields, header has 4 (skipped)'
expect_in "$T/err" 'vp-ingest: rejected 1 bad row of 4'

# Questions that mention a personal word are free text like any other (their
# answers were lost); columns that name a personal detail are left out, and
# the guess says so on stderr.
cat >"$T/phone.csv" <<'CSV'
Ref,Home address,How easy was it to get through on the phone? Please explain
A1,"14 Example Road, Melton Mowbray, LE13 0AB",It rang for twenty minutes before anyone answered
A2,"3 Sample Close, Oakham, LE15 6XX",Easy enough but the hold music is far too loud
A3,"9 Test Street, Leicester, LE1 1AA",Nobody ever picks up after four in the afternoon
CSV
expect_exit 0 vp-ingest "$T/phone.csv"
[ "$(wc -l <"$T/out")" = 3 ] || fail "the phone question's 3 answers"
expect_in "$T/out" '"question":"How easy was it to get through on the phone? Please explain","text":"It rang for twenty minutes before anyone answered"'
expect_not_in "$T/out" '"text":"14 Example'
expect_in "$T/err" 'phone.csv: left out as personal details (not guessed as free text): "Home address"'

# NDJSON: a numeric respondent becomes a string, so vp-count and vp-run
# count the record (every one was rejected); numbers keep their text.
printf '{"id":"1","text":"The parking is awful","respondent":17}\n{"id":1.10,"text":"The bus never comes","respondent":1e3}\n' >"$T/num.ndjson"
expect_exit 0 vp-ingest "$T/num.ndjson"
expect_in "$T/out" '"respondent":"17"'
expect_in "$T/out" '{"id":"1.10",'
expect_in "$T/out" '"respondent":"1e3"'
vp-ingest "$T/num.ndjson" | vp-normalise | vp-tag | vp-count >"$T/counts.json" 2>"$T/err" ||
	fail "the chain on numeric respondents: $(cat "$T/err")"
expect_exit 0 vp-run "$T/num.ndjson"
printf '{"id":"a\\u0000b","text":"The parking is awful"}\n' >"$T/nul.ndjson"
expect_exit 65 vp-ingest "$T/nul.ndjson"
expect_in "$T/err" 'nul.ndjson:1: NUL byte in "id"'

# A UTF-8 byte order mark is proof of UTF-8: --encoding cp1252 does not
# garble it (read as UTF-8, said once on stderr).
printf '\357\273\277Ref,Comments\nA1,The caf\303\251 in the hospital is always closed\n' >"$T/bom.csv"
expect_exit 0 vp-ingest --encoding cp1252 -t Comments "$T/bom.csv"
expect_in "$T/out" '"text":"The café in the hospital is always closed"'
expect_in "$T/err" 'bom.csv: read as UTF-8, not --encoding cp1252: it starts with a UTF-8 byte order mark'
[ "$(grep -c 'byte order mark' "$T/err")" = 1 ] || fail "said once"
# ... and so is UTF-16 (Excel's "Unicode Text"): --encoding is for 8-bit
# input and was set aside without a word
printf 'Ref,Comments\r\nA1,The caf\303\251 in the hospital is always closed\r\n' |
	iconv -f UTF-8 -t UTF-16 >"$T/u16.csv"
expect_exit 0 vp-ingest --encoding cp1252 -t Comments "$T/u16.csv"
expect_in "$T/out" '"text":"The café in the hospital is always closed"'
expect_in "$T/err" 'u16.csv: read as UTF-16, not --encoding cp1252'
# ... but a UTF-8 file without a byte order mark (Google Forms, SurveyMonkey
# without one) read with --encoding cp1252 -- given for the Excel file read
# beside it -- had every accented letter and dash garbled ("café" as
# "cafÃ©") without a word: when every value with a byte beyond ASCII is
# valid UTF-8 (a cp1252 "é" alone never is), it is said at the end of the
# file, with the line and what a letter became; a real cp1252 file is not
# (its "CAFÉ…", C9 85, is valid UTF-8 by chance, its "é" is not).
printf 'Ref,Comments\nA1,The wait is awful\nA2,The caf\303\251 in the hospital \342\200\223 always closed\nA3,Fine\n' >"$T/u8.csv"
expect_exit 0 vp-ingest --encoding cp1252 -t Comments "$T/u8.csv"
expect_in "$T/err" "u8.csv: read as cp1252 (--encoding cp1252), but every value in it with a byte beyond ASCII is valid UTF-8 (first at line 3: 'é' read as 'Ã©'): the file is UTF-8, its accented letters and dashes garbled; read it without --encoding (in a vp-ingest of its own beside files that need it)"
[ "$(grep -c 'is valid UTF-8' "$T/err")" = 1 ] || fail "said once"
expect_exit 0 vp-run --encoding cp1252 -t Comments "$T/u8.csv"
expect_in "$T/err" "vp-run: $T/u8.csv: read as cp1252 (--encoding cp1252), but every value in it with a byte beyond ASCII is valid UTF-8 (first at line 3"
printf 'Ref,Comments\nA1,CAF\311\205 closed\nA2,The caf\351 is closed\n' >"$T/w.csv"
expect_exit 0 vp-ingest --encoding cp1252 -t Comments "$T/w.csv" "$T/u8.csv"
expect_in "$T/out" '"text":"The café is closed"'
expect_not_in "$T/err" "w.csv: read as cp1252"
expect_in "$T/err" "u8.csv: read as cp1252 (--encoding cp1252), but"
printf 'Notes from the Melton event\n\nThe caf\303\251 was shut\n' >"$T/u8.txt"
expect_exit 0 vp-ingest --encoding latin1 "$T/u8.txt"
expect_in "$T/err" "u8.txt: read as latin1 (--encoding latin1), but every value in it with a byte beyond ASCII is valid UTF-8 (first at line 3: 'é' read as 'Ã©')"
# plain ASCII says nothing
printf 'Ref,Comments\nA1,plain words only\n' >"$T/ascii.csv"
expect_exit 0 vp-ingest --encoding cp1252 -t Comments "$T/ascii.csv"
expect_not_in "$T/err" "valid UTF-8"

# A repeated header's new name never takes a real header's: -t 'Comments (2)'
# is the column headed so (it took the second "Comments").
printf 'Ref,Comments,Comments,Comments (2)\nA1,first comment text is here,second comment text here,third comment text here\n' >"$T/dup2.csv"
expect_exit 0 vp-ingest --fields all -t 'Comments (2)' "$T/dup2.csv"
expect_in "$T/out" '"question":"Comments (2)","text":"third comment text here"'
expect_in "$T/out" '"Comments (3)":"second comment text here"'
expect_not_in "$T/err" 'columns headed so'
# A column option naming a header the file repeats (Google Forms' "Please
# explain your answer" under each question) takes the first, and says so,
# naming the others as they are read; naming them all is said nothing of.
expect_exit 0 vp-ingest -t Comments "$T/dup2.csv"
expect_in "$T/err" 'dup2.csv: --text-col "Comments" reads the first of 2 columns headed so; the other is "Comments (3)": name it with --text-col too to read its answers'
expect_exit 0 vp-run -t Comments "$T/dup2.csv"
expect_in "$T/err" 'vp-run: '
expect_in "$T/err" 'dup2.csv: --text-col "Comments" reads the first of 2 columns headed so'
expect_exit 0 vp-ingest -t Comments -t 'Comments (3)' "$T/dup2.csv"
expect_not_in "$T/err" 'columns headed so'
printf 'Ref,Why?,Rate,Why?,Why?\nA1,first answer words here,3,second answer words here,third answer words\n' >"$T/dup3.csv"
expect_exit 0 vp-ingest -t 'why?' --id-col Ref "$T/dup3.csv"
expect_in "$T/err" '--text-col "why?" reads the first of 3 columns headed so; the others are "Why? (2)", "Why? (3)": name them with --text-col too to read their answers'
expect_exit 0 vp-ingest -t 'Why? (3)' --locality-col 'Why?' "$T/dup3.csv"
expect_in "$T/err" '--locality-col "Why?" reads the first of 3 columns headed so; the others are "Why? (2)", "Why? (3)": name one with --locality-col to take it instead'

# A stray quote in the header: nothing can be read again (no header), so the
# message must not promise it, with or without --skip-bad.
printf 'Ref,"Comments\nA1,first comment words here\nA2,second\n' >"$T/hq.csv"
for sb in "" --skip-bad; do
	expect_exit 65 vp-ingest $sb "$T/hq.csv"
	expect_in "$T/err" 'hq.csv:1: unterminated quoted field in the header: stray quote swallowed 2 lines; nothing after it can be read (fix the quote)'
	expect_not_in "$T/err" 'read again'
done

# A value repeated in the id column is written as it is (the ids are the
# user's), but never without a word: counted at the end, the first named
# (as ids in scientific notation are), exit 0.  Rows with no record and
# empty ids (source:LINE) are no repeats; a later file starts afresh.
printf 'Ref,Comment\nA1,The bus service is terrible and needs more routes\nA1,I like the new library opening hours very much\n,Parking near the surgery is impossible on weekdays\nB2,\nB2,The car park is always full by nine in the morning\nA1,Another answer from the same reference number here\n' >"$T/dupid.csv"
expect_exit 0 vp-ingest --id-col Ref -t Comment "$T/dupid.csv"
[ "$(wc -l <"$T/out")" = 5 ] || fail "dupid.csv: $(wc -l <"$T/out") records, not 5"
[ "$(grep -c '"id":"A1"' "$T/out")" = 3 ] || fail "dupid.csv: the A1 records not all written"
expect_in "$T/err" "vp-ingest: \"Ref\": 2 rows with an id an earlier row of the file has (their records written with the same id), first at $T/dupid.csv:3: A1"
[ "$(wc -l <"$T/err")" = 1 ] || fail "dupid.csv: $(cat "$T/err")"
printf 'Ref,Comment\nA1,The bus service is terrible and needs more routes\n' >"$T/one.csv"
expect_exit 0 vp-ingest --id-col Ref -t Comment "$T/one.csv"
[ ! -s "$T/err" ] || fail "one.csv: $(cat "$T/err")"
expect_exit 0 vp-run --id-col Ref -t Comment "$T/dupid.csv"
expect_in "$T/err" "vp-run: \"Ref\": 2 rows with an id an earlier row of the file has"
# Row numbers as ids (each one more than the last: held as a range, not
# hashed) repeat the same way, in the range or out of it; "07" is not 7.
printf 'Ref,Comment\n5,a\n6,b\n7,c\n9,d\n07,e\n8,f\n9,g\n10,h\n6,i\n' >"$T/dupnum.csv"
expect_exit 0 vp-ingest --id-col Ref -t Comment "$T/dupnum.csv"
expect_in "$T/err" "vp-ingest: \"Ref\": 2 rows with an id an earlier row of the file has (their records written with the same id), first at $T/dupnum.csv:8: 9"
[ "$(wc -l <"$T/err")" = 1 ] || fail "dupnum.csv: $(cat "$T/err")"

# The same check for NDJSON records: an "id" (or --id-col key) an earlier
# record of the file had is said the same way; records without one
# (source:LINE ids) are no repeats.
printf '%s\n' '{"id":"A1","text":"The bus service is terrible"}' '{"text":"no id here"}' \
	'{"id":"A1","text":"Parking is awful"}' '{"id":7,"text":"a number id"}' '{"id":7,"text":"again"}' >"$T/dupid.ndjson"
expect_exit 0 vp-ingest "$T/dupid.ndjson"
[ "$(wc -l <"$T/out")" = 5 ] || fail "dupid.ndjson: $(wc -l <"$T/out") records, not 5"
expect_in "$T/err" "vp-ingest: \"id\": 2 rows with an id an earlier row of the file has (their records written with the same id), first at $T/dupid.ndjson:3: A1"
[ "$(wc -l <"$T/err")" = 1 ] || fail "dupid.ndjson: $(cat "$T/err")"
printf '%s\n' '{"ref":"R1","text":"one"}' '{"ref":"R1","text":"two"}' >"$T/dupref.ndjson"
expect_exit 0 vp-run --id-col ref "$T/dupref.ndjson"
expect_in "$T/err" "vp-run: \"ref\": 1 row with an id an earlier row of the file has"
# Across files an id repeats lawfully (two forms both number from 1, and
# their records keep apart by source): two exports with the same ids are
# no repeat.  The same file given twice (by any path, or as stdin) is: its
# records are written twice, said once at the end -- with an id column or
# without one (source:LINE ids), CSV or NDJSON.
printf 'Ref,Comment\nA1,The library is lovely\nB2,More buses please\n' >"$T/other.csv"
expect_exit 0 vp-ingest --id-col Ref -t Comment "$T/dupid.csv" "$T/other.csv"
expect_not_in "$T/err" "read again"
expect_not_in "$T/err" "other.csv"
for idcol in "--id-col Ref" ""; do
	expect_exit 0 vp-ingest $idcol -t Comment "$T/other.csv" "$T/other.csv"
	[ "$(wc -l <"$T/out")" = 4 ] || fail "other.csv twice: $(wc -l <"$T/out") records"
	expect_in "$T/err" "vp-ingest: $T/other.csv: the same file as $T/other.csv, read again: its 2 records written twice (counted twice by what reads them; give each file once)"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "other.csv twice: $(cat "$T/err")"
done
(cd "$T" && vp-ingest -t Comment other.csv one.csv ./other.csv - <other.csv) >"$T/out" 2>"$T/err" || fail "other.csv thrice"
expect_in "$T/err" "vp-ingest: ./other.csv: the same file as other.csv, read again (as was 1 other file): their 4 records written twice"
expect_exit 0 vp-ingest "$T/dupid.ndjson" "$T/dupid.ndjson"
expect_in "$T/err" "vp-ingest: $T/dupid.ndjson: the same file as $T/dupid.ndjson, read again: its 5 records written twice"
[ "$(wc -l <"$T/err")" = 2 ] || fail "dupid.ndjson twice: $(cat "$T/err")"
expect_exit 0 vp-run -t Comment "$T/other.csv" "$T/other.csv"
expect_in "$T/err" "vp-run: $T/other.csv: the same file as $T/other.csv, read again: its 2 records written twice"
# A copy under another name (cp a.csv b.csv) is the same bytes, found as
# they are read (size and a hash, no second read): said the same way,
# naming both; a file of other bytes (the same size) is not.
cp "$T/other.csv" "$T/copy.csv"
expect_exit 0 vp-ingest -t Comment "$T/other.csv" "$T/copy.csv"
[ "$(wc -l <"$T/out")" = 4 ] || fail "other.csv and its copy: $(wc -l <"$T/out") records"
expect_in "$T/err" "vp-ingest: $T/copy.csv: the same bytes as $T/other.csv (a copy), read again: its 2 records written twice (counted twice by what reads them; give each file once)"
[ "$(wc -l <"$T/err")" = 1 ] || fail "other.csv and its copy: $(cat "$T/err")"
sed 's/lovely/LOVELY/' "$T/other.csv" >"$T/notcopy.csv"
expect_exit 0 vp-ingest -t Comment "$T/other.csv" "$T/notcopy.csv"
[ ! -s "$T/err" ] || fail "other.csv and notcopy.csv: $(cat "$T/err")"
cat "$T/dupid.ndjson" | vp-ingest "$T/dupid.ndjson" - >"$T/out" 2>"$T/err" || fail "ndjson copy on stdin"
expect_in "$T/err" "vp-ingest: -: the same bytes as $T/dupid.ndjson (a copy), read again: its 5 records written twice"
expect_exit 0 vp-run -t Comment "$T/copy.csv" "$T/other.csv"
expect_in "$T/err" "vp-run: $T/other.csv: the same bytes as $T/copy.csv (a copy), read again: its 2 records written twice"
# Two files of the same name in different folders (2025/survey.csv,
# 2026/survey.csv) make records of the same source, so their source:LINE
# ids and respondents repeat; ids leave the folder out (a file counted
# alone gets the ids it gets in a run over all files, and a gold file's
# ids stay right), so it is said at the end, naming both (exit 0).
mkdir -p "$T/2025" "$T/2026"
printf 'Ref,Comment\nA1,The library is lovely and quiet\n' >"$T/2025/survey.csv"
printf 'Ref,Comment\nA1,More buses please to the hospital\n' >"$T/2026/survey.csv"
expect_exit 0 vp-ingest -t Comment "$T/2025/survey.csv" "$T/2026/survey.csv"
expect_in "$T/out" '"id":"survey.csv:2","source":"survey.csv"'
expect_in "$T/err" "vp-ingest: $T/2026/survey.csv: the same name as $T/2025/survey.csv: the records of both have source \"survey.csv\", so their source:LINE ids and respondents can be the same (ids leave out the folder); give each file a name of its own"
[ "$(wc -l <"$T/err")" = 1 ] || fail "2025 and 2026 survey.csv: $(cat "$T/err")"
expect_exit 0 vp-run -t Comment "$T/2025/survey.csv" "$T/2026/survey.csv"
expect_in "$T/err" "vp-run: $T/2026/survey.csv: the same name as $T/2025/survey.csv"
# Short answers (an FFT export's "ok", "good", "The nurse was kind") do not
# look like free text: a column whose header names free text is taken when
# no column's answers look like it, and the note says why; a rating beside
# it is not taken, nor a "Comments" column of numbers (64, as before).
printf 'id,comment\n1,The nurse was kind\n2,ok\n3,good\n' >"$T/short.csv"
for prog in vp-ingest vp-run; do
	expect_exit 0 $prog "$T/short.csv"
	expect_in "$T/err" "$prog: $T/short.csv: free-text column (guessed from its name): \"comment\"; choose with --text-col"
done
expect_exit 0 vp-ingest "$T/short.csv"
[ "$(wc -l <"$T/out")" = 3 ] || fail "short.csv: want 3 records: $(cat "$T/out")"
expect_in "$T/out" '"question":"comment","text":"ok"}'
printf 'Comment\nok\n' | vp-ingest >"$T/out" 2>"$T/err" || fail "Comment/ok on stdin: $(cat "$T/err")"
expect_in "$T/err" 'vp-ingest: -: free-text column (guessed from its name): "Comment"; choose with --text-col'
expect_in "$T/out" '"text":"ok"}'
printf '%s\n' 'id,Overall how was your experience?,Response,Comment' '1,Very good,Very good,ok' \
	'2,Good,Good,good' '3,Very good,Very good,The nurse was kind' '4,Poor,Poor,n/a' >"$T/rated.csv"
expect_exit 0 vp-ingest "$T/rated.csv"
expect_in "$T/err" "vp-ingest: $T/rated.csv: free-text column (guessed from its name): \"Comment\"; choose with --text-col"
[ "$(wc -l <"$T/out")" = 4 ] || fail "rated.csv: want 4 records: $(cat "$T/out")"
expect_not_in "$T/out" '"text":"Very good"'
printf 'id,Comments\n1,5\n2,10\n3,7\n' >"$T/numbers.csv"
expect_exit 64 vp-ingest "$T/numbers.csv"
expect_in "$T/err" "vp-ingest: $T/numbers.csv: no column looks like free text; name it with --text-col (columns: \"id\", \"Comments\")"
[ ! -s "$T/out" ] || fail "numbers.csv: records written: $(cat "$T/out")"
