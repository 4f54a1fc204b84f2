#!/bin/sh
# vp-ingest: error messages and exit codes users and scripts rely on.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/ingest

# Unterminated quote: names the file and the line where the field started.
cp "$D/unterminated.csv" "$T/survey.csv"
cd "$T" || fail "cd"
expect_exit 65 vp-ingest --text-col text survey.csv
expect_in "$T/err" 'vp-ingest: survey.csv:3: unterminated quoted field'
expect_in "$T/err" 'vp-ingest: survey.csv:3: unterminated quoted field: stray quote swallowed 2 lines; rows read again from line 5'
expect_exit 0 vp-ingest --skip-bad --text-col text survey.csv
expect_in "$T/err" 'survey.csv:3: unterminated quoted field: stray quote swallowed 2 lines; rows read again from line 5 (skipped)'
expect_in "$T/err" 'rejected 1 bad row of 3'

# Issue 16: a stray quote on line 17 of 10,016 lines.  Without --skip-bad:
# 65, naming where it opened; with it, the other 9,998 rows are read and
# the totals reconcile (rows = records + empty + rejected).
awk 'BEGIN { print "id,text"; for (i = 2; i <= 10016; i++)
	if (i == 17) print i ",\"a stray quote"; else print i ",comment " i }' >stray.csv
expect_exit 65 vp-ingest --text-col text stray.csv
expect_in "$T/err" 'vp-ingest: stray.csv:17: unterminated quoted field: stray quote swallowed 9,999 lines; rows read again from line 18'
expect_exit 0 vp-ingest -v --skip-bad --text-col text stray.csv
[ "$(wc -l <"$T/out")" = 10014 ] || fail "stray quote: $(wc -l <"$T/out") records, want 10014"
expect_in "$T/err" 'rejected 1 bad row of 10015'
expect_in "$T/err" 'rows 10015, records 10014, empty answers 0, rejected 1'
# Stopped (no --skip-bad): -v's totals reconcile too -- the row it stopped
# at is a row read, gave no record -- and say that the rest was not read
# (they said 'rows 15, records 15' for a run that read 15 of 10,015 rows).
expect_exit 65 vp-ingest -v --text-col text stray.csv
expect_in "$T/err" 'vp-ingest: rows 16, records 15, empty answers 0, rejected 0; stopped at the error above: the rest of the input was not read'
printf 'id,text\n1,hello there\n2,a,b,c,d\n3,fine\n' >fields.csv
expect_exit 65 vp-ingest -v --id-col id --text-col text fields.csv
expect_in "$T/err" 'vp-ingest: rows 2, records 1, empty answers 0, rejected 0; stopped at the error above'
printf '{"id":"1","text":"a"}\n{bad\n{"id":"3","text":"b"}\n' >bad.ndjson
expect_exit 65 vp-ingest -v bad.ndjson
expect_in "$T/err" 'vp-ingest: rows 2, records 1, empty answers 0, rejected 0; stopped at the error above'
expect_exit 65 vp-run -v --text-col text stray.csv
expect_in "$T/err" 'vp-run: rows 16, records 15, empty answers 0, rejected 0; stopped at the error above'

# Cannot open: 66, naming the file.
expect_exit 66 vp-ingest --text-col text no-such.csv
expect_in "$T/err" 'vp-ingest: no-such.csv: No such file or directory'

# Missing named column: 64, naming it and listing the headers.
expect_exit 64 vp-ingest --text-col Comments survey.csv
expect_in "$T/err" 'vp-ingest: survey.csv: --text-col "Comments": no such column (columns: "id", "text")'
expect_exit 64 vp-ingest --locality-col "CCG area" --text-col text survey.csv
expect_in "$T/err" '--locality-col "CCG area": no such column'

# Bad options: 64.
expect_exit 64 vp-ingest --format xml survey.csv
expect_exit 64 vp-ingest --encoding ebcdic survey.csv
expect_exit 64 vp-ingest --channel phone survey.csv
expect_exit 64 vp-ingest --skip-rows many survey.csv

# Empty file and header-only file: no records, exit 0.
: >empty.csv
expect_exit 0 vp-ingest empty.csv
[ ! -s "$T/out" ] || fail "records from an empty file"
expect_in "$T/err" 'vp-ingest: empty.csv: empty file, no records'
# ... and so is a file of nothing but a byte order mark, blank lines, a
# lone CR, or Excel's sep= line: the same line, exit 0, never silent, and
# no --skip-rows never given
printf '\357\273\277' >bom.csv
printf '\n\n\n' >blank.csv
printf '\r' >cr.csv
printf '\377\376' >bom16.txt
printf 'sep=,\r\n' >sep.csv
printf '\357\273\277\r\n\r\n' >bomblank.txt
# (and NDJSON of blank lines, and a workbook of 0 bytes: it said "empty
# file, no records", then failed 65 "empty file")
printf '\n\n' >blank.ndjson
: >empty.xlsx
for f in bom.csv blank.csv cr.csv bom16.txt sep.csv bomblank.txt blank.ndjson empty.xlsx; do
	expect_exit 0 vp-ingest "$f"
	[ ! -s "$T/out" ] || fail "records from $f"
	expect_in "$T/err" "vp-ingest: $f: empty file, no records"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "$f: more than the one line: $(cat "$T/err")"
done
expect_exit 0 vp-ingest bom.csv empty.csv blank.csv
[ "$(grep -c 'empty file, no records' "$T/err")" = 3 ] || fail "three empty files: $(cat "$T/err")"
: >empty.txt
expect_exit 0 vp-ingest empty.txt
[ "$(wc -l <"$T/err")" = 1 ] || fail "empty.txt said more than once: $(cat "$T/err")"
# a --skip-rows given past the end is still the error it was
expect_exit 65 vp-ingest --skip-rows 2 sep.csv
expect_in "$T/err" '--skip-rows 2 is past the end of sep.csv (1 line)'
printf 'id,text\r\n' >head.csv
expect_exit 0 vp-ingest -v --text-col text head.csv
[ ! -s "$T/out" ] || fail "records from a header-only file"
expect_in "$T/err" 'rows 0, records 0, empty answers 0, rejected 0'

# NUL byte: an error unless --skip-bad.
printf 'id,text\n1,ok then\n2,bad\000byte\n' >nul.csv
expect_exit 65 vp-ingest --text-col text nul.csv
expect_in "$T/err" 'vp-ingest: nul.csv:3: NUL byte in field "text"'
expect_exit 0 vp-ingest --skip-bad --text-col text nul.csv
[ "$(wc -l <"$T/out")" = 1 ] || fail "one good record"

# Invalid UTF-8 names file and line; --encoding cp1252 converts.
printf 'id,text\n1,"It\222s \24315 to park,\nfar too much"\n' >win.csv
expect_exit 65 vp-ingest --text-col text win.csv
expect_in "$T/err" 'vp-ingest: win.csv:2: invalid UTF-8 (byte 0x92) in field "text"; try --encoding cp1252'
expect_exit 0 vp-ingest --encoding cp1252 --text-col text win.csv
expect_in "$T/out" '"text":"It’s £15 to park,\nfar too much"'
expect_exit 0 vp-ingest --encoding latin1 --text-col text win.csv
# Excel for Mac's "CSV (Macintosh)": lone CRs and MacRoman.  cp1252, the
# only 8-bit choice there was, read it without a word but wrongly ("CafŽ").
printf 'ID,Comment\r1,Caf\216 was closed \320 very \322annoying\323 indeed today\r' >mac.csv
expect_exit 65 vp-ingest mac.csv
expect_in "$T/err" 'try --encoding cp1252 (or macroman from a Mac)'
expect_exit 0 vp-ingest --encoding macroman mac.csv
expect_in "$T/out" '"text":"Café was closed – very “annoying” indeed today"'

# A field of several megabytes is read whole.
{ printf 'id,text\n1,"'; head -c 3000000 /dev/zero | tr '\0' 'a'; printf '"\n2,short one\n'; } >long.csv
expect_exit 0 vp-ingest --text-col text long.csv
[ "$(wc -l <"$T/out")" = 2 ] || fail "long field"
[ "$(head -n 1 "$T/out" | wc -c)" -gt 3000000 ] || fail "long field cut"
expect_exit 65 vp-ingest --max-field 1000 --text-col text long.csv
expect_in "$T/err" 'long.csv:2: field longer than 1000 bytes'

# A closed pipe downstream is an I/O error (74), not a silent death.
awk 'BEGIN { print "id,text"; for (i = 0; i < 50000; i++) print i ",comment number " i " about the car park" }' >many.csv
rc=$( { vp-ingest --text-col text many.csv 2>"$T/pipe.err"; echo $? >"$T/rc"; } | head -n 1 >/dev/null; cat "$T/rc")
[ "$rc" = 74 ] || fail "closed pipe: exit $rc, want 74"
expect_in "$T/pipe.err" 'vp-ingest: write error: Broken pipe'

# --help documents every option, the record and the exit codes.
expect_exit 0 vp-ingest --help
for o in --text-col --id-col --locality-col --date-col --skip-rows --channel --format \
	--encoding --delimiter --source --max-field --skip-bad --verbose --help --version \
	'Exit status' '"fields"' 'Examples'; do
	expect_in "$T/out" "$o"
done

# Issue 16: --skip-rows past the end of the file says so (65), not exit 0.
printf 'Export\nid,text\n1,a comment\n' >short.csv
expect_exit 65 vp-ingest --skip-rows 50 short.csv
expect_in "$T/err" 'vp-ingest: --skip-rows 50 is past the end of short.csv (3 lines)'
expect_exit 65 vp-ingest --skip-rows 3 short.csv
expect_in "$T/err" 'vp-ingest: --skip-rows 3 is past the end of short.csv (3 lines)'
expect_exit 0 vp-ingest --skip-rows 1 --text-col text short.csv
expect_in "$T/out" '"id":"short.csv:3"'

# Issues 12 and 16: Excel "Unicode Text" (UTF-16 LE, BOM, TABs) is read as the
# table it is, not refused nor read as event notes; UTF-16 CSV keeps its commas.
printf '\377\376i\000d\000\t\000t\000e\000x\000t\000\r\000\n\0001\000\t\000h\000i\000\r\000\n\000' >survey.txt
expect_exit 0 vp-ingest -v --text-col text survey.txt
expect_in "$T/err" "vp-ingest: survey.txt: read as a tab-separated table (UTF-16: Excel's Unicode Text)"
expect_in "$T/out" '"channel":"survey"'
expect_in "$T/out" '"text":"hi"'
expect_exit 0 vp-ingest --text-col text --delimiter tab - <survey.txt
expect_in "$T/out" '"text":"hi"'
# Excel "Text (Tab delimited)" (.txt, CRLF) with a quoted cell holding a
# line break: still the table it is (its TABs counted per row, as the CSV
# reader reads the quotes), not one event record of the whole file.
printf 'ID\tComment\tArea\r\n1\tThe bus service is terrible and needs more routes\tLeicester\r\n2\t"Two lines\nabout the car park being full every day"\tMelton\r\n3\tParking near the surgery is impossible on weekdays\tOadby\r\n' >xtab.txt
expect_exit 0 vp-ingest -v xtab.txt
expect_in "$T/err" 'vp-ingest: xtab.txt: read as a tab-separated table (TABs on its first lines)'
expect_in "$T/err" 'rows 3, records 3, empty answers 0, rejected 0'
expect_in "$T/out" '"id":"xtab.txt:3","source":"xtab.txt","channel":"survey"'
expect_in "$T/out" '"text":"Two lines\nabout the car park being full every day"'
vp-ingest --format csv --delimiter tab xtab.txt >"$T/want" 2>/dev/null || fail "xtab.txt as csv"
cmp -s "$T/out" "$T/want" || fail "xtab.txt: not the records of --format csv --delimiter tab"
# notes whose lines are indented with a TAB, paragraphs between blank lines,
# stay notes
printf '\tThe bus from Uppingham is late\n\n\tParking at the surgery is hard\n' >tabnotes.txt
expect_exit 0 vp-ingest tabnotes.txt
expect_in "$T/out" '"channel":"event"'
# bad UTF-16 names itself, not "read error"
printf '\377\376i\000d\000,\000t\000e\000x\000t\000\n\0001\000,\000\000\330x\000\n\000' >bad16.csv
expect_exit 65 vp-ingest --text-col text bad16.csv
expect_in "$T/err" "invalid UTF-16LE (an unpaired surrogate)"

# Old Mac line ends (a lone CR) inside a quoted answer: data, but a line
# end too, as an editor shows it -- ids and messages after it give the
# line an editor shows, as a LF there does.
printf 'ID,Comment\r1,"two\rlines"\r2,bad\377byte\r' >maccr.csv
expect_exit 65 vp-ingest -t Comment maccr.csv
expect_in "$T/err" 'vp-ingest: maccr.csv:4: invalid UTF-8 (byte 0xFF) in field "Comment"'
printf 'ID,Comment\r1,"two\rlines"\r2,"three\rgood\rlines"\r3,after them\r' >maccr2.csv
expect_exit 0 vp-ingest -t Comment maccr2.csv
expect_in "$T/out" '"id":"maccr2.csv:4",'
expect_in "$T/out" '"id":"maccr2.csv:7",'
printf 'ID,Comment\r1,"two\rli\377nes"\r' >maccr3.csv
expect_exit 65 vp-ingest -t Comment maccr3.csv
expect_in "$T/err" 'vp-ingest: maccr3.csv:3: invalid UTF-8 (byte 0xFF) in field "Comment"'
# a stray quote in such a file swallows lines as in any other, and they
# are read again (it lost the rest of the file)
printf 'ID,Comment\r1,"oops\r2,fine answer here\r3,another answer\r' >maccr4.csv
expect_exit 0 vp-ingest -t Comment --skip-bad maccr4.csv
expect_in "$T/err" 'vp-ingest: maccr4.csv:2: unterminated quoted field: stray quote swallowed 2 lines; rows read again from line 3 (skipped)'
expect_in "$T/out" '"id":"maccr4.csv:4",'

# Issues 12 and 16: a semicolon (TAB, |) export is read with its separator,
# and said; below a banner line it is named with the --delimiter to give.
printf 'UserID;Name;Comment\n1;Ann;the bus is always late in the morning\n' >semi.csv
expect_exit 0 vp-ingest --text-col Comment semi.csv
expect_in "$T/err" "vp-ingest: semi.csv: read with --delimiter ';' (its header has no comma; give --delimiter to choose)"
expect_in "$T/out" '"text":"the bus is always late in the morning"'
printf 'Export\nUserID;Name;Comment\n1;Ann;the bus\n' >banner-semi.csv
expect_exit 64 vp-ingest --skip-rows 1 --text-col Comment banner-semi.csv
expect_in "$T/err" "vp-ingest: banner-semi.csv:2: the header is one column, \"UserID;Name;Comment\"; try --delimiter ';'"
expect_exit 0 vp-ingest --delimiter ';' --text-col Comment semi.csv
expect_in "$T/out" '"text":"the bus is always late in the morning"'
# A one-column CSV whose header holds a ';' (and no comma) is split on ';'
# only when its rows have the header's number of ';'-separated fields (the
# row check a header with a comma gets): an answer's "; trains too" is
# kept, and the one column said.
printf 'Any other comments? (e.g. parking; buses)\nThe bus service is terrible at night; trains too\nI like the new library opening hours very much\n' >onecol.csv
expect_exit 0 vp-ingest -v onecol.csv
expect_in "$T/out" '"question":"Any other comments? (e.g. parking; buses)","text":"The bus service is terrible at night; trains too"'
expect_in "$T/out" '"text":"I like the new library opening hours very much"'
expect_in "$T/err" "vp-ingest: onecol.csv: read as one column, not with --delimiter ';' (its rows do not all have its header's 2 ';'-separated fields; give --delimiter to choose)"
expect_in "$T/err" 'rows 2, records 2, empty answers 0, rejected 0'
# ... and an answer's comma is kept too: one column has no separator
printf 'Any other comments? (e.g. parking; buses)\nThe bus, at night; trains too\nI like the new library opening hours very much\n' >onecol2.csv
expect_exit 0 vp-ingest onecol2.csv
expect_in "$T/out" '"text":"The bus, at night; trains too"'
expect_in "$T/err" "vp-ingest: onecol2.csv: read as one column, not with --delimiter ';'"
# A one-column CSV whose header has no separator at all ("comment"), its
# answers typed by hand with commas unquoted: one column, each row's whole
# text its answer (quotes honoured), said -- not "row has 2 fields".
printf 'comment\nfriendly, helpful staff\nGreat service, "really" good\n"quoted, with a\nline break"\nThe parking was a nightmare again\n' >commas.csv
expect_exit 0 vp-ingest -v -t comment commas.csv
expect_in "$T/out" '{"id":"commas.csv:2","source":"commas.csv","channel":"survey","locality":"","date":"","respondent":"commas.csv:2","question":"comment","text":"friendly, helpful staff"}'
expect_in "$T/out" '"text":"Great service, \"really\" good"'
expect_in "$T/out" '"text":"quoted, with a\nline break"'
expect_in "$T/out" '"id":"commas.csv:6",'
expect_in "$T/err" "vp-ingest: commas.csv: read as one column, commas and all (its header has no ',', ';', TAB or '|'; give --delimiter to choose)"
expect_in "$T/err" 'rows 4, records 4, empty answers 0, rejected 0'
expect_exit 0 vp-ingest commas.csv
[ "$(wc -l <"$T/out")" = 4 ] || fail "commas.csv guessed: $(cat "$T/err")"
# ... also when every answer holds as many commas (three rows running
# looked like a table under a title): typed, a space after each comma and
# words between them, they are answers
printf 'Comment\nGood service, fast and friendly staff\nSlow to answer, rude on the phone\nFine overall, parking was ok though\n' >commas3.csv
expect_exit 0 vp-ingest -t Comment commas3.csv
expect_in "$T/out" '"id":"commas3.csv:2","source":"commas3.csv","channel":"survey","locality":"","date":"","respondent":"commas3.csv:2","question":"Comment","text":"Good service, fast and friendly staff"}'
[ "$(wc -l <"$T/out")" = 3 ] || fail "commas3.csv: $(cat "$T/err")"
expect_in "$T/err" "vp-ingest: commas3.csv: read as one column, commas and all"
# a header alone is said as such, no more
printf 'comment\n' >commas0.csv
expect_exit 0 vp-ingest -t comment commas0.csv
expect_not_in "$T/err" 'one column'
# --delimiter given is used as it is
expect_exit 65 vp-ingest --delimiter , -t comment commas.csv
expect_in "$T/err" 'commas.csv:2: row has 2 fields, header has 1'
# rows that do have them: ';' as before, also with one row, or none
printf 'UserID;Comment\n1;the bus is late\n' >semi1.csv
expect_exit 0 vp-ingest --text-col Comment semi1.csv
expect_in "$T/out" '"text":"the bus is late"'

# Issue 16: an NDJSON record with several --text-col is written whole or
# not at all: a bad later answer rejects it without its earlier answers.
printf '%s\n' '{"id":"A","a":"first answer","b":5}' '{"id":"B","a":"x","b":"y"}' >multi.ndjson
expect_exit 0 vp-ingest -v --skip-bad --text-col a --text-col b multi.ndjson
[ "$(wc -l <"$T/out")" = 2 ] || fail "multi.ndjson: want B's 2 records, got $(cat "$T/out")"
expect_not_in "$T/out" '"id":"A:q1"'
expect_in "$T/err" 'rows 2, records 2, empty answers 0, rejected 1'

# Issue 16: --text-col naming a record key (id, locality...) keeps that key.
printf '%s\n' '{"id":"A1","locality":"Oakham","text":"hello"}' >keys.ndjson
expect_exit 0 vp-ingest --text-col id keys.ndjson
expect_in "$T/out" '{"id":"A1","locality":"Oakham","text":"A1",'
expect_exit 0 vp-ingest --text-col locality keys.ndjson
expect_in "$T/out" '{"id":"A1","locality":"Oakham","text":"Oakham",'
expect_exit 65 vp-ingest --skip-rows 9 - <short.csv
expect_in "$T/err" 'vp-ingest: --skip-rows 9 is past the end of stdin (3 lines)'

# A date cell that is no date is named on stderr (which cron mails to
# people): people type anything into a field, so it is shown as vp-redact
# would write it; a date in the other order is shown as written.
printf 'ID,Date,Comment\n1,call Mrs Jones on 07700 900123,The parking is awful here\n2,12/03/2026,Fine service\n' >pdate.csv
expect_exit 0 vp-ingest --date-col Date --text-col Comment pdate.csv
expect_in "$T/err" 'first at pdate.csv:2: call Mrs [name] on [phone]'
expect_exit 65 vp-ingest --date-col Date --text-col Comment --strict-dates pdate.csv
expect_in "$T/err" 'pdate.csv:2: date "call Mrs [name] on [phone]" is not a date in dmy order'
for pii in Jones 900123; do expect_not_in "$T/err" "$pii"; done
