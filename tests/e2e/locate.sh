# vp-locate end to end: fields written, postcodes never leaked, report,
# gazetteer errors, --skip-bad accounting, options.
. "$VP_ROOT/tests/lib.sh"

cat >"$T/in.ndjson" <<'J'
{"id":"1","locality":"Melton Mowbray","text":"a"}
{"id":"2","locality":"le11 3ab","text":"b"}
{"id":"3","locality":"Oakham, Rutland","text":"c"}
{"id":"4","locality":"LE2 4AB","text":"d"}
{"id":"5","locality":"Sheffield","text":"e"}
{"id":"6","locality":"","text":"f","fields":{"Postcode":"HA9 0WS"}}
{"id":"7","text":"Went to the clinic in Hounslow"}
{"id":"8","locality":"sheffield","text":"g"}
J

expect_exit 0 vp-locate --postcode-field Postcode --from-text --report "$T/in.ndjson"
out=$T/out
[ "$(wc -l <"$out")" -eq 8 ] || fail "8 records in, $(wc -l <"$out") out"
expect_in "$out" '{"id":"1","locality":"East Leicestershire and Rutland","text":"a","locality_raw":"Melton Mowbray","place":"Leicestershire","system":"Leicester, Leicestershire and Rutland","locality_source":"locality","locality_ambiguous":false}'
expect_in "$out" '"id":"2","locality":"West Leicestershire"'
expect_in "$out" '"locality_raw":"LE11"'
expect_in "$out" '"id":"3","locality":"East Leicestershire and Rutland","text":"c","locality_raw":"Oakham, Rutland","place":"Rutland"'
expect_in "$out" '"id":"4","locality":"Unassigned","text":"d","locality_raw":"LE2","place":"Unassigned","system":"Leicester, Leicestershire and Rutland","locality_source":"locality","locality_ambiguous":true'
expect_in "$out" '"id":"5","locality":"Unassigned","text":"e","locality_raw":"Sheffield","place":"Unassigned","system":"Unassigned","locality_source":"none"'
expect_in "$out" '"fields":{"Postcode":"HA9"},"place":"Brent"'
expect_in "$out" '"id":"7","text":"Went to the clinic in Hounslow","locality":"Hounslow","place":"Hounslow","system":"North West London","locality_source":"text"'
# No full postcode anywhere in the output.
for pc in '3ab' '3AB' '4AB' '0WS'; do expect_not_in "$out" "$pc"; done
expect_in "$T/err" 'vp-locate: 8 records: 5 located, 1 partly located (ambiguous), 2 unresolved, 0 outside (known places in no system), 0 with no value; 0 located after correcting a spelling'
printf '      2\tSheffield\n' >"$T/want"
grep -qF "$(cat "$T/want")" "$T/err" || { cat "$T/err" >&2; fail "report lacks Sheffield count"; }

# Without --report nothing on stderr.
expect_exit 0 vp-locate "$T/in.ndjson"
[ -s "$T/err" ] && fail "stderr without --report: $(cat "$T/err")"

# A single gazetteer file: LLR names are unknown to NWL.
expect_exit 0 vp-locate --gazetteer "$VP_ROOT/lexicons/localities/nwl.txt" "$T/in.ndjson"
expect_in "$T/out" '"id":"1","locality":"Unassigned"'

# Malformed gazetteer lines name file and line.
printf 'system S\nplace P\nlocalty L\n' >"$T/bad.txt"
expect_exit 78 vp-locate --gazetteer "$T/bad.txt" "$T/in.ndjson"
expect_in "$T/err" "vp-locate: $T/bad.txt:3: unknown keyword 'localty'"
printf 'system S\nplace P\nlocality A\narea Town\nlocality B\narea Town\n' >"$T/bad.txt"
expect_exit 78 vp-locate --gazetteer "$T/bad.txt" "$T/in.ndjson"
expect_in "$T/err" "vp-locate: $T/bad.txt:4: 'Town' is in A (P) and also in B (P)"
expect_exit 66 vp-locate --gazetteer "$T/nope" "$T/in.ndjson"
expect_in "$T/err" "vp-locate: $T/nope: No such file or directory"

# Bad records: stop at the first, or skip and account for them.
printf '%s\n' '{"id":"1","locality":"Oakham"}' '{"id":"2","locality":5}' 'not json' \
	'{"id":"4","locality":"Harrow"}' >"$T/bad.ndjson"
expect_exit 65 vp-locate "$T/bad.ndjson"
expect_in "$T/err" "vp-locate: $T/bad.ndjson:2: field 'locality' is not a string"
expect_exit 0 vp-locate --skip-bad "$T/bad.ndjson"
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "--skip-bad kept $(wc -l <"$T/out") records, want 2"
expect_in "$T/err" "skipped 2 bad records of 4"

# Lines the scanner leaves to jansson (an escaped key, a repeated member in
# "fields") come out the same way (the key as it was written), and no
# earlier copy keeps a full postcode.  A repeated member of the record's
# own that vp-locate reads or writes is a bad record.
printf '%s\n' '{"id":"1","locality":"LE13 0AB","locality":"Oakham"}' \
	'{"id":"2","loc\u0061lity":"LE2 4AB"}' '{"id":"3","locality":"LE11 3AB"}  ' \
	'{"id":"4","fields":{"P":"LE11 3AB","P":"W6 9AB"}}' >"$T/odd.ndjson"
expect_exit 65 vp-locate --postcode-field P "$T/odd.ndjson"
expect_in "$T/err" "vp-locate: $T/odd.ndjson:1: duplicate key \"locality\""
expect_exit 0 vp-locate --skip-bad --postcode-field P --report "$T/odd.ndjson"
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "3 good odd records in, $(wc -l <"$T/out") out"
for pc in 0AB 4AB 3AB 9AB; do expect_not_in "$T/out" "$pc"; done
expect_in "$T/out" '{"id":"2","loc\u0061lity":"Unassigned","locality_raw":"LE2"'
expect_in "$T/out" '{"id":"3","locality":"West Leicestershire","locality_raw":"LE11"'
expect_in "$T/out" '{"id":"4","fields":{"P":"W6"},"locality":"Hammersmith and Fulham"'
expect_in "$T/err" 'vp-locate: 3 records: 2 located, 1 partly located (ambiguous)'

# A misspelling is corrected and says so; an outside place stays Unassigned.
printf '%s\n' '{"locality":"Hinkley"}' '{"locality":"Leicester Road, Nottingham"}' >"$T/fix.ndjson"
expect_exit 0 vp-locate --report "$T/fix.ndjson"
expect_in "$T/out" '{"locality":"West Leicestershire","locality_raw":"Hinkley","place":"Leicestershire","system":"Leicester, Leicestershire and Rutland","locality_source":"locality (corrected)","locality_ambiguous":false}'
expect_in "$T/out" '{"locality":"Unassigned","locality_raw":"Leicester Road, Nottingham"'
expect_in "$T/err" '1 outside (known places in no system)'
expect_in "$T/err" '1 located after correcting a spelling'

# --report's unresolved values go to stderr (which cron mails to people):
# a locality column holding an address, a name or an e-mail is listed as
# vp-redact would write it; a place worth adding is listed as written.
printf '%s\n' '{"locality":"12 Oak Road, Nowhere"}' '{"locality":"Mrs Jane Hobbs, Flat 2"}' \
	'{"locality":"jo.bloggs@example.org"}' '{"locality":"Tel 07700 900123"}' \
	'{"locality":"Little Snoring"}' >"$T/pii.ndjson"
expect_exit 0 vp-locate --report "$T/pii.ndjson"
for pii in "Oak Road" Hobbs bloggs 900123; do expect_not_in "$T/err" "$pii"; done
expect_in "$T/err" "	[address], Nowhere"
expect_in "$T/err" "	Mrs [name], Flat 2"
expect_in "$T/err" "	[email]"
expect_in "$T/err" "	Little Snoring"

# Standard input, and --help naming every option.
expect_exit 0 sh -c "printf '{\"locality\":\"W6 9AB\"}\n' | vp-locate"
expect_in "$T/out" '"locality":"Hammersmith and Fulham"'
expect_not_in "$T/out" '9AB'
expect_exit 0 vp-locate --help
for o in --field --postcode-field --from-text --gazetteer --report --report-top --skip-bad; do
	expect_in "$T/out" "$o"
done
expect_exit 64 vp-locate --no-such-option

# A closed pipe downstream is an I/O error, not a silent death.
i=0; while [ $i -lt 2000 ]; do cat "$T/in.ndjson"; i=$((i + 1)); done >"$T/many.ndjson"
rc=$( { vp-locate "$T/many.ndjson" 2>"$T/err"; echo $? >"$T/rc"; } | head -n 1 >/dev/null; cat "$T/rc")
[ "$rc" = 74 ] || fail "closed pipe: exit $rc, want 74"
expect_in "$T/err" "vp-locate: write error"

# --from-text reads vp-redact's list of given names (fixnames): a place
# after a capitalised word not on it is the place ("Beautiful Oakham"),
# after a given name a surname ("Sarah Stapleton on reception")
printf '%s\n' '{"id":"b","text":"Beautiful Oakham is where we live."}' \
	'{"id":"l","text":"Love Oakham but the bus is awful."}' \
	'{"id":"s","text":"Sarah Stapleton on reception was kind."}' >"$T/given.ndjson"
expect_exit 0 vp-locate --from-text "$T/given.ndjson"
expect_in "$T/out" '"id":"b","text":"Beautiful Oakham is where we live.","locality":"East Leicestershire and Rutland"'
expect_in "$T/out" '"id":"l","text":"Love Oakham but the bus is awful.","locality":"East Leicestershire and Rutland"'
expect_in "$T/out" '"id":"s","text":"Sarah Stapleton on reception was kind.","locality":"Unassigned"'

# HTML a web form left in a value or a text is read as a browser shows it
# (vp_text_markup_at, as vp-normalise reads it): a character reference is
# the character it names ("Ashby&nbsp;Magna" is Ashby Magna in Harborough
# district, not Ashby de la Zouch; "Dr&nbsp;Ashby" a person), a tag breaks
# words (an inline one only: "Sarah <b>Stapleton</b>" a person), a block
# one a sentence too ("Sarah<br>Oakham" is not a surname); "AT&T" and
# "a < b" stay text
printf '%s\n' '{"id":"m1","text":"I live in Market&nbsp;Harborough"}' \
	'{"id":"m2","text":"I live in Ashby&nbsp;Magna"}' \
	'{"id":"m3","text":"<p>Thanks Sarah</p><p>Oakham is where I live</p>"}' \
	'{"id":"m4","text":"Thanks Sarah<br>Oakham is where I live"}' \
	'{"id":"m5","text":"fish &amp; chips in Melton"}' \
	'{"id":"m6","text":"Thanks to Dr&nbsp;Ashby, lovely"}' \
	'{"id":"m7","text":"Sarah <b>Stapleton</b> on reception was kind."}' \
	'{"id":"m8","text":"I live in St&nbsp;John&rsquo;s Wood"}' \
	'{"id":"m9","text":"AT&T and a < b in Melton"}' \
	'{"id":"f1","locality":"Ashby&nbsp;Magna","text":"x"}' \
	'{"id":"f2","locality":"Melton<br>","text":"x"}' \
	'{"id":"f3","locality":"H&amp;F","text":"x"}' >"$T/html.ndjson"
expect_exit 0 vp-locate --from-text "$T/html.ndjson"
elr='"locality":"East Leicestershire and Rutland"'
expect_in "$T/out" "\"id\":\"m1\",\"text\":\"I live in Market&nbsp;Harborough\",$elr,\"place\":\"Leicestershire\""
expect_in "$T/out" "\"id\":\"m2\",\"text\":\"I live in Ashby&nbsp;Magna\",$elr,\"place\":\"Leicestershire\""
expect_in "$T/out" "\"id\":\"m3\",\"text\":\"<p>Thanks Sarah</p><p>Oakham is where I live</p>\",$elr,\"place\":\"Rutland\""
expect_in "$T/out" "\"id\":\"m4\",\"text\":\"Thanks Sarah<br>Oakham is where I live\",$elr,\"place\":\"Rutland\""
expect_in "$T/out" "\"id\":\"m5\",\"text\":\"fish &amp; chips in Melton\",$elr,\"place\":\"Leicestershire\""
expect_in "$T/out" '"id":"m6","text":"Thanks to Dr&nbsp;Ashby, lovely","locality":"Unassigned","place":"Unassigned","system":"Unassigned","locality_source":"none"'
expect_in "$T/out" '"id":"m7","text":"Sarah <b>Stapleton</b> on reception was kind.","locality":"Unassigned","place":"Unassigned","system":"Unassigned","locality_source":"none"'
expect_in "$T/out" '"id":"m8","text":"I live in St&nbsp;John&rsquo;s Wood","locality":"Central London","place":"Westminster"'
expect_in "$T/out" "\"id\":\"m9\",\"text\":\"AT&T and a < b in Melton\",$elr,\"place\":\"Leicestershire\""
expect_in "$T/out" "\"id\":\"f1\",$elr,\"text\":\"x\",\"locality_raw\":\"Ashby&nbsp;Magna\",\"place\":\"Leicestershire\""
expect_in "$T/out" "\"id\":\"f2\",$elr,\"text\":\"x\",\"locality_raw\":\"Melton<br>\",\"place\":\"Leicestershire\""
expect_in "$T/out" '"id":"f3","locality":"Hammersmith and Fulham","text":"x","locality_raw":"H&amp;F","place":"Hammersmith and Fulham"'
# Unicode a spreadsheet or a paste leaves in a value: a no-break or narrow
# no-break space between a postcode's codes is a space (the full postcode
# was written back whole, and nothing placed), a soft hyphen inside a name
# is read as nothing ("Mel<SHY>ton Mowbray" was Unassigned).
printf '{"id":"u1","locality":"LE13\302\2400AB","postcode":"LE13\342\200\2570AB","text":"x"}\n' >"$T/uni.ndjson"
printf '{"id":"u2","locality":"Mel\302\255ton Mowbray","text":"x"}\n' >>"$T/uni.ndjson"
expect_exit 0 vp-locate --postcode-field postcode "$T/uni.ndjson"
expect_in "$T/out" "\"id\":\"u1\",$elr,\"postcode\":\"LE13\",\"text\":\"x\",\"locality_raw\":\"LE13\",\"place\":\"Leicestershire\""
expect_not_in "$T/out" "0AB"
expect_in "$T/out" "\"id\":\"u2\",$elr,\"text\":\"x\""
exit 0
