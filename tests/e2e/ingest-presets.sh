#!/bin/sh
# vp-ingest on exports laid out as survey tools write them (issue 12):
# tests/data/ingest-presets/*.csv (made by make.py there).  Each layout is
# recognised from its header with no options and gives exactly the records
# in expected/: the questions, dates, localities and respondents checked
# one by one below as well.  Then --preset, --date-order, --strict-dates,
# --list-columns, overrides, --progress, and a 100,000-column header.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/ingest-presets
cd "$D" || fail "no $D"

for p in surveymonkey qualtrics google-forms ms-forms smartsurvey citizenspace excel; do
	expect_exit 0 vp-ingest -v --fields all "$p.csv"
	cmp -s "$T/out" "expected/$p.ndjson" ||
		{ diff "expected/$p.ndjson" "$T/out" >&2; fail "$p: records differ"; }
	if [ $p = excel ]; then
		expect_in "$T/err" "$p.csv: layout excel (no survey tool recognised)"
	else
		expect_in "$T/err" "$p.csv: layout $p (recognised from the header)"
	fi
	# --preset gives the same as recognising it
	expect_exit 0 vp-ingest --fields all --preset "$p" "$p.csv"
	cmp -s "$T/out" "expected/$p.ndjson" || fail "$p: --preset $p differs"
done
# a record, as in the README: what every field says
rec() { grep -F "\"id\":\"$2\"" "expected/$1.ndjson" || fail "$1: no record $2"; }
has() { printf '%s\n' "$1" | grep -qF -- "$2" || fail "record lacks $2: $1"; }

# SurveyMonkey: two header rows; US dates (03/04/2026 is 4 March); the
# "Other (please specify)" column of a multi-column question keeps the
# question; option-label and "Response" columns are not free text.
r=$(rec surveymonkey 114367892302:q2)
has "$r" '"locality":"Leicester City","date":"2026-03-04","respondent":"114367892302","question":"What could we do better?","text":"The wait for a GP appointment is three weeks, at least."'
has "$r" '"Which services have you used in the last year? - GP":"GP","Which services have you used in the last year? - Pharmacy":""'
r=$(rec surveymonkey 114367892303:q1)
has "$r" '"date":"2026-03-14","respondent":"114367892303","question":"Which services have you used in the last year?","text":"Community dentist, which closed in January"'
rec surveymonkey 114367892304:q2 | grep -qF '"text":"Two lines\r\nabout the car park being full"' || fail "quoted newline"
expect_not_in expected/surveymonkey.ndjson 'Open-Ended Response"'
expect_not_in expected/surveymonkey.ndjson '"text":"GP"'
expect_not_in expected/surveymonkey.ndjson '"text":"Dissatisfied"'
[ "$(wc -l <expected/surveymonkey.ndjson)" = 3 ] || fail "surveymonkey: 3 answers"

# Qualtrics: the question-text row names the columns, the ImportId row is
# not data, ISO dates; a text-entry question and an "Other" text box.
r=$(rec qualtrics R_1DkA2b3C4d5E6f7:q1)
has "$r" '"locality":"Leicester City","date":"2026-03-14","respondent":"R_1DkA2b3C4d5E6f7","question":"What could we do better?","text":"Open the walk-in centre at weekends, please."'
has "$r" '"Which services have you used? - Selected Choice":"GP,Pharmacy"'
r=$(rec qualtrics R_2XyZ9w8V7u6T5s4:q2)
has "$r" '"date":"2026-04-01","respondent":"R_2XyZ9w8V7u6T5s4","question":"Which services have you used?","text":"The mobile breast screening unit"'
expect_not_in expected/qualtrics.ndjson 'ImportId'
expect_not_in expected/qualtrics.ndjson '"question":"Q'

# Google Forms: Timestamp is the date (dd/mm/yyyy), e-mail is not a
# question, no respondent column: the row is the respondent.
r=$(rec google-forms google-forms.csv:3:q2)
has "$r" '"locality":"Melton","date":"2026-03-14","respondent":"google-forms.csv:3","question":"Is there anything else you would like to tell us?"'
expect_not_in expected/google-forms.ndjson '"question":"Timestamp"'
expect_not_in expected/google-forms.ndjson '"question":"Email address"'

# MS Forms, SmartSurvey, Citizen Space, a plain table.
has "$(rec ms-forms 2)" '"locality":"Melton","date":"2026-03-14","respondent":"2","question":"What could we do better?"'
has "$(rec smartsurvey 98765003)" '"locality":"Oakham","date":"2026-03-16","respondent":"98765003"'
has "$(rec citizenspace ANON-5F6G-7H8J-K)" '"locality":"Melton","date":"2026-03-15","respondent":"ANON-5F6G-7H8J-K","question":"Please tell us why you agree or disagree with the proposal"'
expect_not_in expected/citizenspace.ndjson '"question":"What is your name?"'
has "$(rec excel excel.csv:2)" '"date":"2026-03-14","respondent":"excel.csv:2","question":"Comments"'

# Dates never silently wrong: a US date among UK ones is kept as written,
# counted and reported with a hint; --strict-dates makes it bad data.
expect_exit 0 vp-ingest google-forms.csv
expect_in "$T/out" '"date":"03/16/2026 14:00:00"'
expect_in "$T/err" 'vp-ingest: date: 1 value not read in dmy order, first at google-forms.csv:5: 03/16/2026 14:00:00; try --date-order mdy'
expect_exit 65 vp-ingest --strict-dates google-forms.csv
expect_in "$T/err" 'vp-ingest: google-forms.csv:5: date "03/16/2026 14:00:00" is not a date in dmy order; try --date-order mdy'
[ "$(wc -l <"$T/out")" = 5 ] || fail "records before the bad date are written"
expect_exit 0 vp-ingest --strict-dates --skip-bad google-forms.csv
expect_in "$T/err" 'google-forms.csv:5: date "03/16/2026 14:00:00" is not a date in dmy order; try --date-order mdy (skipped)'
[ "$(wc -l <"$T/out")" = 7 ] || fail "the row with the bad date is skipped"
# the other way round: 4 UK dates (rows) not read as US ones
expect_exit 0 vp-ingest --date-order mdy google-forms.csv
expect_in "$T/out" '"date":"2026-03-16"'
expect_in "$T/out" '"date":"14/03/2026 10:32:11"'
expect_in "$T/err" 'vp-ingest: date: 4 values not read in mdy order, first at google-forms.csv:2: 14/03/2026 10:32:11; try --date-order dmy'
# SurveyMonkey read as dmy by hand: 03/14/2026 is not a date, 03/04/2026 is 3 April
expect_exit 0 vp-ingest --date-order dmy surveymonkey.csv
expect_in "$T/out" '"date":"2026-04-03"'
expect_in "$T/err" 'vp-ingest: date: 3 values not read in dmy order, first at surveymonkey.csv:4: 03/14/2026 09:15:40 PM; try --date-order mdy'
# Excel's d-mmm-yy dates are read; a value that is no date at all ("soon",
# a serial number, 20260314, a five-digit year) is unreadable like one in
# the wrong order: kept as written, counted, bad data under --strict-dates.
printf 'Ref,Date,Comments\nA1,14-Mar-26,The bus never comes\nA2,03-Apr-26,Parking is awful\nA3,2026-04-05,Open on Sundays\n' >"$T/mmm.csv"
expect_exit 0 vp-ingest --strict-dates --fields none --date-col Date -t Comments "$T/mmm.csv"
expect_in "$T/out" '"date":"2026-03-14"'
expect_in "$T/out" '"date":"2026-04-03"'
expect_in "$T/out" '"date":"2026-04-05"'
printf 'Ref,Date,Comments\nA1,45000,The bus never comes\nA2,20260314,Parking is awful\nA3,soon,Open on Sundays\nA4,14/03/99999,Shut on Mondays\nA5,,Nothing to add here\n' >"$T/nodate.csv"
expect_exit 0 vp-ingest --fields none --date-col Date -t Comments "$T/nodate.csv"
expect_in "$T/out" '"date":"45000"'
expect_in "$T/out" '"date":"soon"'
expect_in "$T/err" 'nodate.csv:2: 45000'
expect_in "$T/err" 'vp-ingest: date: 4 values not read in dmy order, first at '
expect_exit 65 vp-ingest --strict-dates --fields none --date-col Date -t Comments "$T/nodate.csv"
expect_in "$T/err" 'nodate.csv:2: date "45000" is not a date in dmy order'
expect_exit 0 vp-ingest --strict-dates --skip-bad --fields none --date-col Date -t Comments "$T/nodate.csv"
[ "$(wc -l <"$T/out")" = 1 ] || fail "only the row with no date is kept"
expect_in "$T/err" 'rejected 4 bad rows of 5'

expect_exit 64 vp-ingest --date-order ydm excel.csv
expect_in "$T/err" "vp-ingest: --date-order must be dmy, mdy or ymd, not 'ydm'"

# A layout's own free-text column that asks for a personal detail (an
# "Open-Ended Response" or "_TEXT" box under "What is your postcode?") is
# not read as free text: the full postcode would be a record's text.  Left
# out and said, as a guessed column is.
printf '%s\n' 'Respondent ID,Collector ID,End Date,What is your postcode?,What could we do better?' \
	',,,Open-Ended Response,Open-Ended Response' \
	'114367892302,405123987,03/04/2026 10:41:55 AM,LE1 5WW,The wait for a GP appointment is three weeks' >"$T/smpc.csv"
expect_exit 0 vp-ingest "$T/smpc.csv"
expect_not_in "$T/out" 'LE1 5WW'
expect_in "$T/out" '"question":"What could we do better?"'
[ "$(wc -l <"$T/out")" = 1 ] || fail "smpc: the one answer that is not a postcode"
expect_in "$T/err" 'smpc.csv: left out as personal details (not read as free text): "What is your postcode?"; name a column with --text-col to read it'
printf '%s\n' 'StartDate,ResponseId,RecordedDate,Q1,Q2' \
	'Start Date,Response ID,Recorded Date,What is your postcode?,Any other comments?' \
	'{"ImportId":"startDate"},{"ImportId":"_recordId"},{"ImportId":"recordedDate"},{"ImportId":"QID1_TEXT"},{"ImportId":"QID2_TEXT"}' \
	'2026-03-14 10:32:11,R_1DkA2b3C4d5E6f7,2026-03-14 10:40:03,LE13 0AB,I was treated kindly by everyone there' >"$T/qpc.csv"
expect_exit 0 vp-ingest "$T/qpc.csv"
expect_not_in "$T/out" 'LE13 0AB'
expect_in "$T/out" '"question":"Any other comments?"'
expect_in "$T/err" 'qpc.csv: left out as personal details (not read as free text): "What is your postcode?"'
# named, it is read (the user asked)
expect_exit 0 vp-ingest -t "What is your postcode?" "$T/qpc.csv"
expect_in "$T/out" '"text":"LE13 0AB"'

# Presets refuse an export that is not laid out as they say.
expect_exit 65 vp-ingest --preset surveymonkey excel.csv
expect_in "$T/err" 'vp-ingest: excel.csv:1: surveymonkey layout: no "Respondent ID" column in row 1 (not this tool'"'"'s export? try --preset excel)'
sed 2d surveymonkey.csv >"$T/sm1.csv"
expect_exit 65 vp-ingest "$T/sm1.csv"
expect_in "$T/err" 'sm1.csv:2: surveymonkey layout: row 2 is data, not the answer-label row (a one-row header? try --preset excel)'
expect_exit 0 vp-ingest --preset excel "$T/sm1.csv"
expect_exit 65 vp-ingest --preset qualtrics surveymonkey.csv
expect_in "$T/err" 'surveymonkey.csv:1: qualtrics layout: no "StartDate" column in row 1'
expect_exit 65 vp-ingest --preset qualtrics google-forms.csv
expect_in "$T/err" 'google-forms.csv:1: qualtrics layout: no "StartDate" column in row 1'
expect_exit 65 vp-ingest --preset surveymonkey ms-forms.csv
expect_in "$T/err" 'ms-forms.csv:1: surveymonkey layout: no "Respondent ID" column in row 1'
# every preset checks its layout: a plain one-row preset too (a SurveyMonkey
# file read as SmartSurvey made a junk record of the answer-label row)
for pr in google-forms ms-forms smartsurvey citizenspace; do
	for f in surveymonkey qualtrics google-forms ms-forms smartsurvey citizenspace excel; do
		[ "$f" = "$pr" ] && continue
		expect_exit 65 vp-ingest --preset "$pr" "$f.csv"
		expect_in "$T/err" "vp-ingest: $f.csv:1: $pr layout: "
		expect_in "$T/err" "(not this tool's export? try --preset excel)"
		[ ! -s "$T/out" ] || fail "--preset $pr $f.csv wrote records"
	done
	expect_exit 0 vp-ingest --preset "$pr" "$pr.csv"
done
expect_exit 65 vp-ingest --preset smartsurvey surveymonkey.csv
expect_in "$T/err" 'vp-ingest: surveymonkey.csv:1: smartsurvey layout: column 1 is "Respondent ID", not "UserID", "User ID" or "UserNo" (not this tool'"'"'s export? try --preset excel)'
sed 3d qualtrics.csv >"$T/legacy.csv"
expect_exit 65 vp-ingest "$T/legacy.csv"
expect_in "$T/err" 'legacy.csv:3: qualtrics layout: row 3 is not the {"ImportId": ...} row (a legacy export? try --preset excel)'
expect_exit 64 vp-ingest --preset typeform excel.csv
expect_in "$T/err" "vp-ingest: --preset must be surveymonkey, surveymonkey-condensed, qualtrics, google-forms, ms-forms, smartsurvey, citizenspace or excel, not 'typeform'"
# forced plain: SurveyMonkey's answer-label row becomes a data row (why presets exist)
expect_exit 0 vp-ingest --preset excel --text-col "What could we do better?" surveymonkey.csv
expect_in "$T/out" '"text":"Open-Ended Response"'

# The user's options override the layout's choices; Qualtrics tags work too.
expect_exit 0 vp-ingest --date-col "Start Date" --respondent-col "Collector ID" \
	--text-col "What could we do better?" surveymonkey.csv
expect_in "$T/out" '"id":"114367892302","source":"surveymonkey.csv","channel":"survey","locality":"Leicester City","date":"2026-03-04","respondent":"405123987","question":"What could we do better?"'
expect_exit 0 vp-ingest --text-col Q2 --id-col ResponseId qualtrics.csv
expect_in "$T/out" '"id":"R_1DkA2b3C4d5E6f7","source":"qualtrics.csv"'
[ "$(wc -l <"$T/out")" = 2 ] || fail "qualtrics: Q2 answered twice"

# --list-columns: the plan, no records.
expect_exit 0 vp-ingest --list-columns surveymonkey.csv qualtrics.csv
cat >"$T/want" <<'END'
surveymonkey.csv: layout surveymonkey (recognised from the header)
  id: "Respondent ID"
  respondent: "Respondent ID"
  date: "End Date" (mdy order, the layout's)
  locality: "Which area do you live in?"
  text q1: "Which services have you used in the last year? - Other (please specify)" (question "Which services have you used in the last year?")
  text q2: "What could we do better?"
qualtrics.csv: layout qualtrics (recognised from the header)
  id: "Response ID"
  respondent: "Response ID"
  date: "Recorded Date" (ymd order, the layout's)
  locality: "Which area do you live in?"
  text q1: "What could we do better?"
  text q2: "Which services have you used? - Other (please specify) - Text" (question "Which services have you used?")
END
cmp -s "$T/want" "$T/out" || { diff "$T/want" "$T/out" >&2; fail "--list-columns"; }
expect_exit 0 vp-ingest --list-columns excel.csv
expect_in "$T/out" '  date: "Date" (dmy order, the only column named like a date)'
expect_in "$T/out" '  respondent: source:LINE (no respondent column)'

# Progress: nothing when stderr is not a terminal; --progress forces it
# (rows and MB, the line cleared at the end).  The pause in the input must
# outlast the program's start: longer under tests/valgrind.sh, which starts
# each stage slowly (VP_VALGRIND set).
expect_exit 0 vp-ingest surveymonkey.csv
[ ! -s "$T/err" ] || fail "quiet when stderr is not a terminal: $(cat "$T/err")"
{ head -n 2 citizenspace.csv; sleep ${VP_VALGRIND:+6}${VP_VALGRIND:-1}; tail -n +3 citizenspace.csv; } |
	vp-ingest --progress --fields all --source citizenspace.csv --text-col "Please tell us why you agree or disagree with the proposal" \
	>"$T/out" 2>"$T/err" || fail "--progress"
grep -q 'vp-ingest: [0-9]* rows, 0.0 MB read' "$T/err" || fail "no progress: $(od -c "$T/err" | head)"
# (the note on the personal columns --fields all leaves out comes after the
# line is cleared)
expect_in "$T/err" 'citizenspace.csv: --fields all: left out as personal details: "What is your name?", "What is your email address?"'
[ "$(printf '%s' "$(sed 's/vp-ingest: citizenspace.csv: --fields all: .*//' "$T/err")" | tail -c 4 |
	od -An -c | tr -d ' ')" = '\r033[K' ] || fail "progress line not cleared"
cmp -s "$T/out" expected/citizenspace.ndjson || fail "--progress changed the records"

# Issue 16 #9: a 100,000-column header (4,000 of one name) is read.
awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "%s%s", (i > 1 ? "," : ""), (i <= 4000 ? "x" : "c" i); print "";
             for (i = 1; i <= 100000; i++) printf "%s%s", (i > 1 ? "," : ""), (i == 99999 ? "a long enough answer" : i); print "" }' >"$T/wide.csv"
expect_exit 0 vp-ingest --fields all --text-col c99999 "$T/wide.csv"
expect_in "$T/out" '"question":"c99999","text":"a long enough answer","fields":{"x":"1","x (2)":"2","x (3)":"3",'
expect_in "$T/out" '"x (4000)":"4000","c4001":"4001",'
expect_in "$T/out" '"c99998":"99998","c100000":"100000"}}'

# --list-columns writes no records for any format.
G=$VP_ROOT/tests/data/ingest-golden/in
expect_exit 0 vp-ingest --list-columns "$G/notes.txt" "$G/online-form.ndjson"
expect_not_in "$T/out" '"id"'
expect_in "$T/out" 'notes.txt: layout fixed (the format'"'"'s)'
expect_in "$T/out" 'online-form.ndjson: format ndjson: the text from key "text"'

# --help lists the layouts and the date orders, from the table.
expect_exit 0 vp-ingest --help
for p in surveymonkey surveymonkey-condensed qualtrics google-forms ms-forms smartsurvey citizenspace excel; do
	expect_in "$T/out" "  $p "
done
expect_in "$T/out" '  surveymonkey           SurveyMonkey, "all responses" expanded CSV (two header rows); dates mdy'
expect_in "$T/out" '  surveymonkey-condensed SurveyMonkey, "all responses" condensed CSV (one header row); dates mdy'
expect_in "$T/out" 'Date orders (--date-order): dmy 14/03/2026 (default), mdy 03/14/2026,'
