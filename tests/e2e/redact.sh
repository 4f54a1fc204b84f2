#!/bin/sh
# vp-redact: placeholders in text, "redacted" counts, other fields untouched,
# --keep, --list, --text-field, --types, bad input and exit codes.
. "$VP_ROOT/tests/lib.sh"

cat >"$T/in.ndjson" <<'NDJSON'
{"id":"r1","source":"s.csv","text":"Mrs Janet Smith, NHS No: 9434765919, ring 07700 900123","fields":{"Ward":"ward 7","note":"Dr Patel"},"extra":[1,{"a":null}]}
{"id":"r2","text":"The 47 bus at 10:30 costs \u00a32.40; Glenfield Hospital, ward 7, 111.","date":"2026-04-03"}
{"id":3,"text":"I live at 14 Example Road, LE2\u00a01AB; DOB 12/03/1956, e-mail jo@example.org"}
{"id":"r4"}
{"id":"r5","text":null}
NDJSON
expect_exit 0 vp-redact "$T/in.ndjson"
[ "$(wc -l <"$T/out")" = 5 ] || fail "want 5 records"
# the text redacted, counts added last, every other byte as it was
expect_in "$T/out" '{"id":"r1","source":"s.csv","text":"Mrs [name], NHS No: [NHS number], ring [phone]","fields":{"Ward":"ward 7","note":"Dr Patel"},"extra":[1,{"a":null}],"redacted":{"nhs_number":1,"phone":1,"name":1}}'
# nothing personal: the line unchanged, no "redacted"
sed -n 2p "$T/in.ndjson" >"$T/l2"
sed -n 2p "$T/out" >"$T/o2"
cmp -s "$T/l2" "$T/o2" || fail "record without personal data changed"
expect_in "$T/out" '{"id":3,"text":"I live at [address], [postcode]; DOB [date of birth], e-mail [email]","redacted":{"email":1,"postcode":1,"address":1,"date_of_birth":1}}'
expect_in "$T/out" '{"id":"r4"}'
expect_in "$T/out" '{"id":"r5","text":null}'
for s in Janet 9434765919 900123 Example 1AB 1956 jo@; do expect_not_in "$T/out" "$s"; done
# every line valid JSON, valid UTF-8
jq -c . "$T/out" >/dev/null || fail "output is not JSON"
iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null || fail "output is not UTF-8"
# stdin and '-' the same
vp-redact <"$T/in.ndjson" >"$T/stdin" && cmp -s "$T/stdin" "$T/out" || fail "stdin differs"
vp-redact - <"$T/in.ndjson" >"$T/dash" && cmp -s "$T/dash" "$T/out" || fail "'-' differs"
# several files, in order
expect_exit 0 vp-redact "$T/in.ndjson" "$T/in.ndjson"
[ "$(wc -l <"$T/out")" = 10 ] || fail "two files: want 10 records"

# A "redacted" naming a type twice is a bad record: its counts were added to
# both, and the line written with the key twice (readers take either).
printf '%s\n' '{"id":"d","text":"call 07700 900461","redacted":{"phone":1,"phone":2}}' >"$T/dupr.ndjson"
expect_exit 65 vp-redact "$T/dupr.ndjson"
expect_in "$T/err" "vp-redact: $T/dupr.ndjson:1: duplicate key \"redacted.phone\""
expect_exit 0 vp-redact --skip-bad "$T/dupr.ndjson"
[ ! -s "$T/out" ] || fail "a bad record was written"

# a writer introducing themselves and signing off (the fixredact probe):
# the name goes, the cue and the look-alikes stay
cat >"$T/intro.ndjson" <<'NDJSON'
{"id":"p1","text":"This is Sarah Jones writing on behalf of my father."}
{"id":"p2","text":"Dad was looked after so well on ward 7.\n-- Sarah (daughter)"}
{"id":"p3","text":"Please pass on our thanks to the stroke unit. From Sarah and Tom"}
{"id":"p4","text":"Hi, Jo Bloggs here. My mum (Joan Harris, 87) waited 6 hours."}
{"id":"p5","text":"this is Leicester, we deserve better. It's Thursday and still no call. Regards to all the staff."}
NDJSON
expect_exit 0 vp-redact "$T/intro.ndjson"
expect_in "$T/out" '{"id":"p1","text":"This is [name] writing on behalf of my father.","redacted":{"name":1}}'
expect_in "$T/out" '{"id":"p2","text":"Dad was looked after so well on ward 7.\n-- [name] (daughter)","redacted":{"name":1}}'
expect_in "$T/out" '{"id":"p3","text":"Please pass on our thanks to the stroke unit. From [name] and [name]","redacted":{"name":2}}'
expect_in "$T/out" '{"id":"p4","text":"Hi, [name] here. My mum ([name], 87) waited 6 hours.","redacted":{"name":2}}'
sed -n 5p "$T/intro.ndjson" >"$T/l5"
sed -n 5p "$T/out" >"$T/o5"
cmp -s "$T/l5" "$T/o5" || fail "look-alikes of an introduction or sign-off changed"

# --keep: staff names stay, and are not counted
expect_exit 0 vp-redact --keep name --keep phone "$T/in.ndjson"
expect_in "$T/out" '"text":"Mrs Janet Smith, NHS No: [NHS number], ring 07700 900123"'
expect_in "$T/out" '"redacted":{"nhs_number":1}}'
expect_exit 64 vp-redact --keep nonsense "$T/in.ndjson"
expect_in "$T/err" "unknown type 'nonsense'"

# --list: an audit of what was removed, to a file or stderr, never into records
expect_exit 0 vp-redact --list "$T/audit" "$T/in.ndjson"
expect_in "$T/audit" '{"line":1,"id":"r1","type":"name","text":"Janet Smith"}'
expect_in "$T/audit" '{"line":3,"id":3,"type":"date_of_birth","text":"12/03/1956"}'
expect_in "$T/audit" "{\"line\":3,\"id\":3,\"type\":\"postcode\",\"text\":\"$(printf 'LE2\302\2401AB')\"}"
[ "$(wc -l <"$T/audit")" = 7 ] || fail "want 7 audit lines"
jq -c . "$T/audit" >/dev/null || fail "audit is not JSON"
expect_not_in "$T/out" 'Janet'
expect_exit 0 vp-redact --list - "$T/in.ndjson"
expect_in "$T/err" '"type":"phone","text":"07700 900123"'
expect_exit 73 vp-redact --list "$T/no/such/dir/audit" "$T/in.ndjson"

# --text-field
echo '{"id":1,"comment":"my son Jack","text":"my son Jack"}' >"$T/f.ndjson"
expect_exit 0 vp-redact --text-field comment "$T/f.ndjson"
expect_in "$T/out" '{"id":1,"comment":"my son [name]","text":"my son Jack","redacted":{"name":1}}'

# an existing "redacted" is added to (a second pass over other text)
echo '{"text":"Dr Patel","redacted":{"name":2,"phone":1}}' | vp-redact >"$T/again" || fail "again"
expect_in "$T/again" '{"text":"Dr [name]","redacted":{"name":3,"phone":1}}'
# redacting twice changes nothing more
vp-redact "$T/in.ndjson" | vp-redact >"$T/twice" || fail "twice"
vp-redact "$T/in.ndjson" >"$T/once"
cmp -s "$T/once" "$T/twice" || fail "second pass changed records"

# --types, --help, --version
expect_exit 0 vp-redact --types
expect_in "$T/out" 'nhs_number'
expect_in "$T/out" '[date of birth]'
expect_exit 0 vp-redact --help
expect_in "$T/out" '--keep TYPE'
expect_exit 0 vp-redact --version
expect_exit 64 vp-redact --bogus

# bad records: stop at file:line with 65, or skip and report
printf '%s\n' '{"text":"ok"}' '{"text":5}' 'nope' '{"text":"Dr Who"}' '{"text":"x","redacted":3}' >"$T/bad.ndjson"
expect_exit 65 vp-redact "$T/bad.ndjson"
expect_in "$T/err" "vp-redact: $T/bad.ndjson:2: \"text\" is not a string"
expect_exit 0 vp-redact --skip-bad "$T/bad.ndjson"
[ "$(wc -l <"$T/out")" = 2 ] || fail "skip-bad: want 2 records out"
expect_in "$T/err" 'skipped 3 bad records of 5'
expect_exit 66 vp-redact "$T/missing.ndjson"
expect_in "$T/err" 'missing.ndjson'

# a closed pipe downstream is an I/O error
yes '{"text":"Dr Patel on 07700 900123"}' | head -n 200000 >"$T/many.ndjson"
vp-redact "$T/many.ndjson" 2>"$T/err" | head -n 1 >/dev/null
expect_in "$T/err" 'vp-redact: write error'

# digits as NFKC will read them (QA): vp-normalise makes full-width digits
# ASCII, so what vp-redact leaves must not hold them -- nor other scripts'
# digits, nor full-width letters of a postcode
cat >"$T/wide.ndjson" <<'NDJSON'
{"id":"w1","text":"my NHS number is \uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19, call \uff10\uff11\uff11\uff16 \uff14\uff19\uff16 \uff10\uff11\uff12\uff13"}
{"id":"w2","text":"\u0669\u0664\u0663 \u0664\u0667\u0666 \u0665\u0669\u0661\u0669 at \uff2c\uff25\uff11\u3000\uff16\uff25\uff2a, Ward \uff17"}
NDJSON
expect_exit 0 vp-redact "$T/wide.ndjson"
expect_in "$T/out" '"text":"my NHS number is [NHS number], call [phone]","redacted":{"nhs_number":1,"phone":1}}'
expect_in "$T/out" '"text":"[NHS number] at [postcode], Ward ７","redacted":{"nhs_number":1,"postcode":1}}'
vp-normalise <"$T/out" >"$T/norm" || fail "vp-normalise failed"
for s in 943 476 5919 0116 496 0123 le1 6ej; do
	expect_not_in "$T/norm" "\"$s\""
done

# given names with no cue word (the fixnames probe): found with the list of
# given names vp-redact reads (lexicons/names/given.txt); names that are
# words too only where a name is signed or thanked
cat >"$T/given.ndjson" <<'NDJSON'
{"id":"g1","text":"It's Tom, room 4. Thank you to Bev on ward 7"}
{"id":"g2","text":"Thanks Kevin and all the team.\nJohn and Mary Wilson"}
{"id":"g3","text":"From Tom Smith, Bay 2"}
{"id":"g4","text":"The doctor was rude. - Paul"}
{"id":"g5","text":"Yours, John"}
{"id":"g6","text":"I will come back in May. Grace period, Bill was wrong. Mark my words. Holly bushes, Summer holidays in Oakham."}
NDJSON
expect_exit 0 vp-redact "$T/given.ndjson"
expect_in "$T/out" '{"id":"g1","text":"It'"'"'s [name], room 4. Thank you to [name] on ward 7","redacted":{"name":2}}'
expect_in "$T/out" '{"id":"g2","text":"Thanks [name] and all the team.\n[name] and [name]","redacted":{"name":3}}'
expect_in "$T/out" '{"id":"g3","text":"From [name], Bay 2","redacted":{"name":1}}'
expect_in "$T/out" '{"id":"g4","text":"The doctor was rude. - [name]","redacted":{"name":1}}'
expect_in "$T/out" '{"id":"g5","text":"Yours, [name]","redacted":{"name":1}}'
sed -n 6p "$T/given.ndjson" >"$T/g6"
sed -n 6p "$T/out" >"$T/o6"
cmp -s "$T/g6" "$T/o6" || fail "a look-alike of a given name changed"
# --given-names FILE: another list; a bad one names its file and line
printf '# mine\nZebedee\n' >"$T/given.txt"
echo '{"text":"Zebedee was kind. Janet too."}' >"$T/z.ndjson"
expect_exit 0 vp-redact --given-names "$T/given.txt" "$T/z.ndjson"
expect_in "$T/out" '{"text":"[name] was kind. Janet too.","redacted":{"name":1}}'
printf 'Anna\nBob maybe\n' >"$T/bad-given.txt"
expect_exit 78 vp-redact --given-names "$T/bad-given.txt" "$T/z.ndjson"
expect_in "$T/err" "vp-redact: $T/bad-given.txt:2: "
expect_exit 66 vp-redact --given-names "$T/none.txt" "$T/z.ndjson"
# the list not found: an error that says how to give it (a copy of the
# binary away from its data; not when vp-redact is tests/valgrind.sh's
# wrapper script, whose copy would still run the binary where it is)
if [ "$(head -c 4 "$VP_BIN/vp-redact" | od -An -c | tr -d ' ')" = '177ELF' ]; then
	mkdir -p "$T/bin" && cp "$VP_BIN/vp-redact" "$T/bin/"
	VOXPOP_DATADIR=$T/nowhere "$T/bin/vp-redact" "$T/z.ndjson" >"$T/out" 2>"$T/err"; rc=$?
	[ "$rc" = 66 ] || fail "no list: exit $rc, want 66"
	expect_in "$T/err" 'set VOXPOP_DATADIR or use --given-names FILE'
fi
# characters no reader sees (soft hyphen, zero-width space and joiners,
# direction marks) inside personal data: read as nothing, so all of it is
# masked, not none or a part ("Dr [name]\u00ADel")
cat >"$T/invisible.ndjson" <<'NDJSON'
{"id":"i1","text":"call 07700\u00AD900123 or 943\u200D476\u200D5919, email jo.bloggs@\u200Bgmail.com"}
{"id":"i2","text":"seen by Dr Pat\u00ADel\u200E at LE1 6\u00ADEJ"}
NDJSON
expect_exit 0 vp-redact "$T/invisible.ndjson"
expect_in "$T/out" '{"id":"i1","text":"call [phone] or [NHS number], email [email]","redacted":{"nhs_number":1,"phone":1,"email":1}}'
expect_in "$T/out" '"id":"i2","text":"seen by Dr [name]'
expect_in "$T/out" ' at [postcode]","redacted":{"postcode":1,"name":1}}'

# a lowercase given name on the shipped list after a role or family cue
# (personal22): "nurse jane" kept the name that "Nurse Jane" lost
printf '%s\n' '{"id":"l1","text":"thank you nurse jane, and my daughter sarah says thanks too"}' \
	'{"id":"l2","text":"a nurse led clinic, the nurse will ring"}' >"$T/lower.ndjson"
expect_exit 0 vp-redact "$T/lower.ndjson"
expect_in "$T/out" '{"id":"l1","text":"thank you nurse [name], and my daughter [name] says thanks too","redacted":{"name":2}}'
expect_in "$T/out" '{"id":"l2","text":"a nurse led clinic, the nurse will ring"}'

# redact25: a lowercase given name that is a word too after a family cue
# before on, at, is, was, has, and or the end; a lowercase name after a
# role written in capitals (GP, HCA) or after porter, receptionist; a
# lowercase address after other words.  The verbs, idioms and road signs
# like them stay.
cat >"$T/r25.ndjson" <<'NDJSON'
{"id":"a1","text":"my son will on 07700 900123"}
{"id":"a2","text":"the GP khan was great, the gp okafor, our GP smith"}
{"id":"a3","text":"our house is 12 oak road, my address is 4 mill lane, i'm at 7 the crescent"}
{"id":"a4","text":"my husband frank and i, my daughter lily is 5, my kids tom and amy"}
{"id":"a5","text":"the porter dave and the HCA sarah, the receptionist sue was rude"}
{"id":"k1","text":"my son will be fine, my son will need help, the GP surgery, the gp practice was shut"}
{"id":"k2","text":"ward 12 road works outside, bay 4 lane closed, at 7 the road was closed"}
{"id":"k3","text":"my mum may at times forget, my son will at least try, my wife rose at 6, the nurse will ring back"}
NDJSON
expect_exit 0 vp-redact "$T/r25.ndjson"
expect_in "$T/out" '{"id":"a1","text":"my son [name] on [phone]","redacted":{"phone":1,"name":1}}'
expect_in "$T/out" '{"id":"a2","text":"the GP [name] was great, the gp [name], our GP [name]","redacted":{"name":3}}'
expect_in "$T/out" '{"id":"a3","text":"our house is [address], my address is [address], i'"'"'m at [address]","redacted":{"address":3}}'
expect_in "$T/out" '{"id":"a4","text":"my husband [name] and i, my daughter [name] is 5, my kids [name] and [name]","redacted":{"name":4}}'
expect_in "$T/out" '{"id":"a5","text":"the porter [name] and the HCA [name], the receptionist [name] was rude","redacted":{"name":3}}'
for k in 6 7 8; do
	sed -n ${k}p "$T/r25.ndjson" >"$T/l$k"
	sed -n ${k}p "$T/out" >"$T/o$k"
	cmp -s "$T/l$k" "$T/o$k" || fail "redact25 look-alike changed: $(cat "$T/o$k")"
done
# a job before "called" ("a carer called jo"), and a weekday after a role
# is no name ("the nurse Monday": it was masked)
printf '%s\n' '{"id":"c1","text":"it was a carer called jo, then a porter called dave"}' \
	'{"id":"c2","text":"I saw the nurse Monday and the GP Tuesday"}' >"$T/r25b.ndjson"
expect_exit 0 vp-redact "$T/r25b.ndjson"
expect_in "$T/out" '{"id":"c1","text":"it was a carer called [name], then a porter called [name]","redacted":{"name":2}}'
expect_in "$T/out" '{"id":"c2","text":"I saw the nurse Monday and the GP Tuesday"}'

# redact26: names that reached the text -- after "was called" / "was named"
# far from the role word (or after she, he, 's), after a/the ROLE called|named
# unlisted ("a nurse called mo"), after a neighbour, friend, mate, lodger,
# fiancé and an in-law, addressed at the end after a comma or after thanks,
# thank you, cheers, or at the start before a comma; "by the name of".  Each
# line's look-alikes stay (the k lines whole).
cat >"$T/r26.ndjson" <<'NDJSON'
{"id":"c1","text":"the nurse who looked after me was called jo, the lady on reception was called sue"}
{"id":"c2","text":"the midwife who delivered my baby was named sarah. she was called kate, he was called tom i think"}
{"id":"c3","text":"my son's called jack and a nurse by the name of tiwa helped"}
{"id":"c4","text":"a nurse called mo, a doctor named tiwa, a student nurse called femi and an hca called bob"}
{"id":"c5","text":"a man called bob and a lady called sue was kind, the nurse called ade was lovely"}
{"id":"f1","text":"my next door neighbour bob, my next-door neighbour sue took me, my best friend dave"}
{"id":"f2","text":"my lodger tom, my fiancé tom came, my mate dave drove me, my sister-in-law kate came"}
{"id":"t1","text":"call me back on 07700 900123, sue"}
{"id":"t2","text":"thanks sue you were great. thank you kate! cheers dave, you were a star"}
{"id":"t3","text":"jo, thank you for everything. sarah, you were amazing"}
{"id":"t4","text":"Call me back, Sue. Bob, you were a star"}
{"id":"k1","text":"it was called the discharge lounge, i was called back, i was called in, we were called in at 3, he was called away, the doctor was called to another emergency, the clinic was called off"}
{"id":"k2","text":"a nurse called me back, the nurse called the doctor, a nurse called back, a doctor called in sick, the nurse called out, a nurse called to say, a nurse named in the complaint, the nurse called security, a doctor called today"}
{"id":"k3","text":"my neighbour will drive me, my friend said, my best friend will come, my mate said, my lodger is away, my next door neighbour was kind"}
{"id":"k4","text":"thanks all, thanks so much, thanks again, thank you all, thanks everyone, cheers mate, thanks mum, thanks for nothing, well done, all"}
{"id":"k5","text":"i was called stupid by the receptionist, it is called the hub, the ward was called ward 7, my son was called up"}
{"id":"k6","text":"ent dr found the lump gp called glands. the receptionist helped when i struggled, angel. we waited in march, april, may. Grace, we said"}
NDJSON
expect_exit 0 vp-redact "$T/r26.ndjson"
expect_in "$T/out" '{"id":"c1","text":"the nurse who looked after me was called [name], the lady on reception was called [name]","redacted":{"name":2}}'
expect_in "$T/out" '{"id":"c2","text":"the midwife who delivered my baby was named [name]. she was called [name], he was called [name] i think","redacted":{"name":3}}'
expect_in "$T/out" '{"id":"c3","text":"my son'"'"'s called [name] and a nurse by the name of [name] helped","redacted":{"name":2}}'
expect_in "$T/out" '{"id":"c4","text":"a nurse called [name], a doctor named [name], a student nurse called [name] and an hca called [name]","redacted":{"name":4}}'
expect_in "$T/out" '{"id":"c5","text":"a man called [name] and a lady called [name] was kind, the nurse called [name] was lovely","redacted":{"name":3}}'
expect_in "$T/out" '{"id":"f1","text":"my next door neighbour [name], my next-door neighbour [name] took me, my best friend [name]","redacted":{"name":3}}'
expect_in "$T/out" '{"id":"f2","text":"my lodger [name], my fiancé [name] came, my mate [name] drove me, my sister-in-law [name] came","redacted":{"name":4}}'
expect_in "$T/out" '{"id":"t1","text":"call me back on [phone], [name]","redacted":{"phone":1,"name":1}}'
expect_in "$T/out" '{"id":"t2","text":"thanks [name] you were great. thank you [name]! cheers [name], you were a star","redacted":{"name":3}}'
expect_in "$T/out" '{"id":"t3","text":"[name], thank you for everything. [name], you were amazing","redacted":{"name":2}}'
expect_in "$T/out" '{"id":"t4","text":"Call me back, [name]. [name], you were a star","redacted":{"name":2}}'
for k in 12 13 14 15 16 17; do
	sed -n ${k}p "$T/r26.ndjson" >"$T/l$k"
	sed -n ${k}p "$T/out" >"$T/o$k"
	cmp -s "$T/l$k" "$T/o$k" || fail "redact26 look-alike changed: $(cat "$T/o$k")"
done
