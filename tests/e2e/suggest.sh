#!/bin/sh
# vp-suggest on a small coded set of its own (tests/data/suggest): the
# expected top entries, the guards, --write, --untagged and the errors.
. "$(dirname "$0")/../lib.sh"
D="$VP_ROOT/tests/data/suggest"
vp-normalise "$D/comments.ndjson" | vp-tag --lexicon "$D/lexicon" --explain >"$T/tagged" ||
	fail "tagging the sample"

# Ranked by F1 gain: taxi catches 5 missed comments, "car" 4 more (tied with
# "park": the stems' spelling decides), and the ambulance driver (coded
# staff) is excluded from transport.
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/tagged"
grep -Eq '^ +1  taxi +7 +5 +0 +\+0\.3400' "$T/out" || { cat "$T/out"; fail "taxi first"; }
grep -Eq '^ +2  car +4 +4 +0 ' "$T/out" || { cat "$T/out"; fail "car second"; }
# nothing held back: no held-back F1 printed
grep -Eq '^   F1 now: 0\.300 fit part$' "$T/out" || { cat "$T/out"; fail "F1 now without a held-back part"; }
! grep -Eq 'F1 (now|with these):.*held back' "$T/out" || { cat "$T/out"; fail "a held-back F1 with nothing held back"; }
# nor "0 held back (0)" and a column of +0.0000 held-back gains, read as
# entries that gained nothing where they were tried
expect_in "$T/out" "== transport: 22 coded comments (14 of the theme)"
expect_not_in "$T/out" "held back"
grep -Eq '^ +3  !ambulance driver +3 +0 +-3 ' "$T/out" || { cat "$T/out"; fail "exclusion third"; }
expect_in "$T/out" 'e.g. c01: "The taxi was late and I missed my appointment."'
expect_in "$T/out" "F1 with these: 0.923 fit part"
# min support: "minibus" (2 comments) only with --min-support 2.
expect_not_in "$T/out" "minibus"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport --min-support 2 "$T/tagged"
expect_in "$T/out" "minibus"
# Ties are broken by the entries' words, not by which record came first:
# the same listing with the records in reverse order.
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/tagged"
cp "$T/out" "$T/forward"
awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }' "$T/tagged" >"$T/reversed"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/reversed"
grep -E '^ +[0-9]+  ' "$T/forward" >"$T/ranks.f"
grep -E '^ +[0-9]+  ' "$T/out" >"$T/ranks.r"
cmp -s "$T/ranks.f" "$T/ranks.r" || { diff "$T/ranks.f" "$T/ranks.r"; fail "ranking depends on record order"; }
expect_exit 0 vp-suggest --labels "$D/labels.csv" --min-support 1 "$T/tagged"
grep -E '^ +[0-9]+  ' "$T/out" >"$T/all.f"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --min-support 1 "$T/reversed"
grep -E '^ +[0-9]+  ' "$T/out" >"$T/all.r"
cmp -s "$T/all.f" "$T/all.r" || { diff "$T/all.f" "$T/all.r"; fail "ranking depends on record order (--min-support 1)"; }
# Held back: gains reported on the rows the split keeps out, which choose nothing.
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport --tuning 3 --min-support 2 "$T/tagged"
expect_in "$T/out" "14 coded comments (10 of the theme), 8 held back (4)"
grep -Eq 'taxi .*\| +2 +0 +\+0\.4167' "$T/out" || { cat "$T/out"; fail "held-back gain of taxi"; }
# JSON.
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport --json "$T/tagged"
expect_in "$T/out" '"entry": "taxi"'

# --write: the chosen entries in lexicon syntax; re-tagging with them gives
# the F1 the listing promised.
cp -r "$D/lexicon" "$T/lex"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport --write "$T/new.txt" "$T/tagged"
expect_in "$T/new.txt" "# transport: entries proposed by vp-suggest from 22 coded comments"
grep -Eq '^taxi +# fires on 7 coded, dTP \+5 dFP \+0' "$T/new.txt" || { cat "$T/new.txt"; fail "written entry"; }
expect_in "$T/new.txt" "!ambulance driver"
# nothing held back: no held-back figures written (as in the listing)
expect_not_in "$T/new.txt" "held back"
grep -Eq '^taxi +# fires on 7 coded, dTP \+5 dFP \+0, F1 \+0\.340$' "$T/new.txt" || { cat "$T/new.txt"; fail "written entry without held back"; }
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport --tuning 3 --min-support 2 --write "$T/newh.txt" "$T/tagged"
grep -Eq '^# F1 on them [0-9.]+ -> [0-9.]+; on [1-9][0-9]* held back [0-9.]+ -> [0-9.]+\.' "$T/newh.txt" || { cat "$T/newh.txt"; fail "held-back F1 written with --tuning"; }
grep -Eq '; held back dTP [-+][0-9]+ dFP [-+][0-9]+$' "$T/newh.txt" || { cat "$T/newh.txt"; fail "held-back gains written with --tuning"; }
cat "$T/new.txt" >>"$T/lex/transport.txt"
expect_exit 0 vp-tag --lexicon "$T/lex" --check
vp-normalise "$D/comments.ndjson" | vp-tag --lexicon "$T/lex" --explain >"$T/retagged"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/retagged"
expect_in "$T/out" "F1 now: 0.923 fit part"
expect_exit 64 vp-suggest --labels "$D/labels.csv" --write "$T/x.txt" "$T/tagged"
expect_in "$T/err" "--write wants one theme"
# --write never overwrites a file: "--write lex/transport.txt" would have
# replaced the theme's own entries with the proposals.  The header says to
# append the lines kept (a file of its own is a theme of its own).
cp "$T/lex/transport.txt" "$T/transport.before"
expect_exit 73 vp-suggest --labels "$D/labels.csv" --theme transport --write "$T/lex/transport.txt" "$T/tagged"
expect_in "$T/err" "$T/lex/transport.txt: exists; vp-suggest does not overwrite it"
cmp -s "$T/transport.before" "$T/lex/transport.txt" || fail "--write changed an existing file"
expect_in "$T/new.txt" "# Append the lines you keep to the theme's file"

# Records without spans: additions only, and a warning.
vp-normalise "$D/comments.ndjson" | vp-tag --lexicon "$D/lexicon" >"$T/plain"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/plain"
expect_in "$T/err" "have no spans (tag with vp-tag --explain)"
expect_not_in "$T/out" "!ambulance"

# Emerging themes: phrases of the untagged comments, keyness against the rest.
expect_exit 0 vp-suggest --untagged --min-support 2 "$T/tagged"
expect_in "$T/out" "== emerging: phrases of the 14 comments no theme caught, against the 8 tagged"
grep -Eq '^ +1  the car park ' "$T/out" || { cat "$T/out"; fail "untagged ranking"; }

# Errors.
expect_exit 64 vp-suggest "$T/tagged"
expect_exit 64 vp-suggest --labels "$D/labels.csv" --gold x.csv --map y.tsv "$T/tagged"
expect_exit 64 vp-suggest --labels "$D/labels.csv" --theme nosuch "$T/tagged"
expect_in "$T/err" "theme 'nosuch' is not in the coded set"
expect_exit 64 vp-suggest --labels "$D/labels.csv" --min-support 0 "$T/tagged"
expect_exit 66 vp-suggest --labels "$T/nonexistent" "$T/tagged"
printf '{"id":"c01","text":"x"}\n' >"$T/notokens"
expect_exit 65 vp-suggest --labels "$D/labels.csv" "$T/notokens"
expect_in "$T/err" "notokens:1: record 'c01' has no \"tokens\""
printf 'just-an-id\n' >"$T/badlabels"
expect_exit 65 vp-suggest --labels "$T/badlabels" "$T/tagged"
expect_in "$T/err" "badlabels:1: expected id,theme"
# One theme a line: "c09,transport,waiting" was id "c09,transport", theme waiting.
printf 'c01,transport\nc09,transport,waiting\n' >"$T/badlabels"
expect_exit 65 vp-suggest --labels "$T/badlabels" "$T/tagged"
expect_in "$T/err" "badlabels:2: expected id,theme (one theme a line, or \"a; b\"), not 3 fields"
printf 'c01\ttransport\tx\n' >"$T/badlabels"
expect_exit 65 vp-suggest --labels "$T/badlabels" "$T/tagged"
expect_in "$T/err" "badlabels:1: expected id,theme (one theme a line, or \"a; b\"), not 3 fields"
# Coded ids no record has are counted on stderr (they score as untagged).
{ cat "$D/labels.csv"; printf 'zz1,transport\nzz2,\n'; } >"$T/morelabels"
expect_exit 0 vp-suggest --labels "$T/morelabels" --theme transport "$T/tagged"
expect_in "$T/err" "2 coded ids have no tagged record (first: 'zz1'): counted as untagged"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/tagged"
expect_not_in "$T/err" "no tagged record"

# Coded sets as spreadsheets export them: each is read as labels.csv is, so
# the listing is the same -- never a theme of its own, nor ids that match
# nothing.  Theme names in another case ("Transport": the records have
# "transport"); a header "ID,Theme"; every field quoted (R's write.csv); a
# trailing empty column; several themes in one cell, "a; b" or quoted "a ,
# b"; a BOM and CRLF.
expect_exit 0 vp-suggest --labels "$D/labels.csv" --min-support 2 "$T/tagged"
grep -E '^ +[0-9]+  ' "$T/out" >"$T/ranks.base"
grep -Eq '^ +1  taxi ' "$T/ranks.base" || { cat "$T/out"; fail "base listing"; }
grep -v '^#' "$D/labels.csv" | grep -v '^id,theme' >"$T/plainlabels"
sed 's/,transport$/,Transport/; s/,staff/,STAFF/' "$T/plainlabels" >"$T/xl-case.csv"
{ echo 'ID,Theme'; cat "$T/plainlabels"; } >"$T/xl-header.csv"
sed 's/^\([^,]*\),\(.*\)$/"\1","\2"/' "$T/plainlabels" >"$T/xl-quoted.csv"
sed 's/$/,/' "$T/plainlabels" >"$T/xl-trailing.csv"
sed 's/^\(c0[1-6]\),transport$/\1,transport; staff/' "$T/plainlabels" >"$T/xl-semi.csv"
sed 's/^\(c0[1-6]\),transport$/\1,"transport , staff"/' "$T/plainlabels" >"$T/xl-comma.csv"
{ printf '\357\273\277id,theme\r\n'; sed 's/$/\r/' "$T/plainlabels"; } >"$T/xl-bom.csv"
# the header as the export named its columns: a header, not a comment
# "Comment ID" coded with a theme "Theme"
{ printf '\357\273\277Comment ID,Theme\r\n'; sed 's/$/\r/' "$T/plainlabels"; } >"$T/xl-named.csv"
{ echo 'Response,Codes'; cat "$T/plainlabels"; } >"$T/xl-codes.csv"
for f in case header quoted trailing bom named codes; do
	expect_exit 0 vp-suggest --labels "$T/xl-$f.csv" --min-support 2 "$T/tagged"
	expect_not_in "$T/err" "no tagged record"
	expect_not_in "$T/out" "== Theme"
	expect_not_in "$T/out" "== Codes"
	grep -E '^ +[0-9]+  ' "$T/out" >"$T/ranks.$f"
	cmp -s "$T/ranks.base" "$T/ranks.$f" || { diff "$T/ranks.base" "$T/ranks.$f"; fail "labels as xl-$f.csv: another listing"; }
done
expect_exit 0 vp-suggest --labels "$T/xl-case.csv" --theme transport --min-support 2 "$T/tagged"
grep -Eq '^ +1  taxi +7 +5 +0 +\+0\.3400' "$T/out" || { cat "$T/out"; fail "Transport coded, transport tagged: taxi first"; }
for f in semi comma; do
	expect_exit 0 vp-suggest --labels "$T/xl-$f.csv" --theme transport --min-support 2 "$T/tagged"
	grep -Eq '^ +1  taxi +7 +5 +0 +\+0\.3400' "$T/out" || { cat "$T/out"; fail "xl-$f.csv: transport not read from 'transport; staff'"; }
	expect_exit 0 vp-suggest --labels "$T/xl-$f.csv" --theme staff --min-support 2 "$T/tagged"
	expect_in "$T/out" "== staff: 22 coded comments (11 of the theme)"
done
# A comment coded both "c01," (no theme) and "c01,transport": the theme is
# kept, and said so with both lines (and how many more ids are so coded).
expect_exit 0 vp-suggest --labels "$D/labels-both.csv" --min-support 2 "$T/tagged"
expect_in "$T/err" "vp-suggest: note: $D/labels-both.csv:3: id 'c01' is coded with no theme, and with a theme at line 4: the theme is kept (so are 1 more id)"
grep -E '^ +[0-9]+  ' "$T/out" >"$T/ranks.both"
cmp -s "$T/ranks.base" "$T/ranks.both" || { diff "$T/ranks.base" "$T/ranks.both"; fail "labels-both.csv: another listing"; }
expect_exit 0 vp-suggest --labels "$D/labels.csv" --min-support 2 "$T/tagged"
expect_not_in "$T/err" "note:"
# a theme name no lexicon could have is an error at its line, not a theme
printf 'c01,transport\nc02,waiting time\n' >"$T/badlabels"
expect_exit 65 vp-suggest --labels "$T/badlabels" "$T/tagged"
expect_in "$T/err" "badlabels:2: bad theme name 'waiting time'"
# Ids Excel rewrote (1.0 for 1, leading zeros gone): when no coded id is a
# record's, nothing can be learnt -- an error naming an id of each side,
# not a listing of F1 0.
sed 's/^c/C-/' "$T/plainlabels" >"$T/xl-ids.csv"
expect_exit 65 vp-suggest --labels "$T/xl-ids.csv" "$T/tagged"
expect_in "$T/err" "vp-suggest: no coded id in $T/xl-ids.csv is the id of a record read (coded: 'C-01'; read: 'c01')"
test ! -s "$T/out" || { cat "$T/out"; fail "a listing with no coded id matched"; }
# Records no one coded are not used: counted on stderr, as coded ids with
# no record are (a partial mismatch of ids shows on both sides).
grep -v '^c2' "$T/plainlabels" >"$T/part.csv"
expect_exit 0 vp-suggest --labels "$T/part.csv" --theme transport "$T/tagged"
expect_in "$T/err" "vp-suggest: 3 records read have no coded id (first: 'c20'): not used"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/tagged"
expect_not_in "$T/err" "no coded id"
# No record at all (an empty file from a step that failed upstream): no
# coded id is a record's either -- an error, not a listing of 'F1 now:
# 0.000' per theme, as if the lexicon caught nothing (it was exit 0).
: >"$T/norecs"
expect_exit 65 vp-suggest --labels "$D/labels.csv" --theme transport --write "$T/norecs.txt" "$T/norecs"
expect_in "$T/err" "vp-suggest: no record read: nothing to weigh the coded comments of $D/labels.csv against"
test ! -s "$T/out" || { cat "$T/out"; fail "a listing with no records"; }
[ ! -e "$T/norecs.txt" ] || fail "--write wrote a file with no records"
expect_exit 65 vp-suggest --gold "$VP_ROOT/tests/data/eval/gold.csv" --map "$VP_ROOT/tests/data/eval/map.tsv" \
	--id-col ref "$T/norecs"
expect_in "$T/err" "vp-suggest: no record read: nothing to weigh the coded comments of"
# A second record with a coded id already read (two exports put together,
# ids begun again) was left out without a word: counted and named.
cat "$T/tagged" "$T/tagged" >"$T/twice"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/twice"
expect_in "$T/err" "vp-suggest: 22 records repeat a coded id read before (first: 'c01'): only the first record of an id is used"
expect_exit 0 vp-suggest --labels "$D/labels.csv" --theme transport "$T/tagged"
expect_not_in "$T/err" "repeat"

# Entries chosen after an exclusion are scored as vp-tag will tag with both:
# "driver was" gains nothing where "!bus driver" (chosen before it) blocks
# it, so re-tagging with what --write wrote gives the F1 the listing claimed.
X="$VP_ROOT/tests/data/suggest-excl"
cp -r "$X/lexicon" "$T/lexx"
vp-normalise "$X/comments.ndjson" | vp-tag --lexicon "$X/lexicon" --explain >"$T/taggedx" ||
	fail "tagging suggest-excl"
expect_exit 0 vp-suggest --labels "$X/labels.csv" --theme transport --write "$T/newx.txt" "$T/taggedx"
claimed=$(sed -n 's/.*F1 with these: \([0-9.]*\) fit part.*/\1/p' "$T/out")
test -n "$claimed" || { cat "$T/out"; fail "no F1 claimed"; }
cat "$T/newx.txt" >>"$T/lexx/transport.txt"
vp-normalise "$X/comments.ndjson" | vp-tag --lexicon "$T/lexx" --explain >"$T/retaggedx"
expect_exit 0 vp-suggest --labels "$X/labels.csv" --theme transport "$T/retaggedx"
expect_in "$T/out" "F1 now: $claimed fit part"

# An exclusion blocks the theme's matches it overlaps, and a shorter entry
# of the theme under a blocked one then fires: "!me feel" blocks "feel safe"
# in "made me feel safe", but "safe" (not in the record: the longer match
# hid it) tags safety again.  Only an exclusion covering the whole match is
# sure to drop it, so the F1 claimed is what re-tagging gives.
S="$VP_ROOT/tests/data/suggest-shadow"
cp -r "$S/lexicon" "$T/lexs"
vp-normalise "$S/comments.ndjson" | vp-tag --lexicon "$S/lexicon" --explain >"$T/taggeds" ||
	fail "tagging suggest-shadow"
expect_exit 0 vp-suggest --labels "$S/labels.csv" --theme safety --write "$T/news.txt" "$T/taggeds"
! grep -Eq '!me feel +[0-9]' "$T/out" || { cat "$T/out"; fail "'!me feel' proposed: it does not drop 'safe'"; }
grep -Eq '^ +1  !me feel safe +6 +0 +-6 ' "$T/out" || { cat "$T/out"; fail "'!me feel safe' not first"; }
claimed=$(sed -n 's/.*F1 with these: \([0-9.]*\) fit part.*/\1/p' "$T/out")
test -n "$claimed" || { cat "$T/out"; fail "no F1 claimed (suggest-shadow)"; }
cat "$T/news.txt" >>"$T/lexs/safety.txt"
vp-normalise "$S/comments.ndjson" | vp-tag --lexicon "$T/lexs" --explain >"$T/retaggeds"
expect_exit 0 vp-suggest --labels "$S/labels.csv" --theme safety "$T/retaggeds"
expect_in "$T/out" "F1 now: $claimed fit part"

# A name in the coded comments never becomes an entry, a phrase or an
# example: an entry written to a lexicon would be matched (and listed in
# every record's "hits") from then on, and the examples are read by people.
awk 'BEGIN {
	for (i = 0; i < 12; i++) printf "{\"id\":\"k%02d\",\"text\":\"Thanks to Nurse Kelly, who sorted everything out on visit %d\"}\n", i, i
	for (i = 12; i < 24; i++) printf "{\"id\":\"k%02d\",\"text\":\"The car park was full again on day %d\"}\n", i, i
	for (i = 0; i < 12; i++) printf "k%02d,staff/attitude\n", i >"/dev/stderr"
	for (i = 12; i < 24; i++) printf "k%02d,transport\n", i >"/dev/stderr"
}' >"$T/kelly.ndjson" 2>"$T/kelly.csv"
vp-normalise "$T/kelly.ndjson" | vp-tag --explain >"$T/kellyt" || fail "tagging kelly"
expect_exit 0 vp-suggest --labels "$T/kelly.csv" --theme staff/attitude --min-support 3 --write "$T/kelly.txt" "$T/kellyt"
expect_in "$T/out" "Nurse [name], who sorted"
for f in "$T/out" "$T/kelly.txt"; do expect_not_in "$f" Kelly; expect_not_in "$f" kelly; done
expect_exit 0 vp-suggest --labels "$T/kelly.csv" --theme staff/attitude --json "$T/kellyt"
expect_not_in "$T/out" Kelly
expect_not_in "$T/out" kelly
expect_exit 0 vp-suggest --untagged "$T/kellyt"
expect_not_in "$T/out" Kelly
expect_not_in "$T/out" kelly
# --lexicon: words for the set's word lists.  "sonographer" in {roles}
# would make "{roles} was {praise}" catch three missed staff comments;
# "weather" would be wrong each time, "doctor" is a member and "porter" under
# "port*": neither is proposed.  --write gives it as a comment naming the list.
L="$VP_ROOT/tests/data/suggest-lists"
vp-normalise "$L/comments.ndjson" | vp-tag --lexicon "$L/lexicon" --explain >"$T/ltagged" ||
	fail "tagging the lists sample"
expect_exit 0 vp-suggest --labels "$L/labels.csv" --lexicon "$L/lexicon" --theme staff "$T/ltagged"
expect_in "$T/out" "word-list members, each weighed alone against the comments as tagged:"
expect_in "$T/out" "   1  sonographer -> {roles}                3     3     0  +0.4286"
expect_in "$T/out" "        via $L/lexicon/staff.txt:2 \"{roles} was {praise}\""
expect_not_in "$T/out" "held back"
expect_not_in "$T/out" "weather ->"
expect_not_in "$T/out" "porter ->"
expect_not_in "$T/out" "doctor ->"
expect_exit 0 vp-suggest --labels "$L/labels.csv" --lexicon "$L/lexicon" --theme staff --write "$T/members.txt" "$T/ltagged"
expect_in "$T/members.txt" "# roles.list: sonographer"
expect_exit 0 vp-suggest --labels "$L/labels.csv" --lexicon "$L/lexicon" --theme staff --json "$T/ltagged"
expect_in "$T/out" '"member": "sonographer"'
# the member taken: re-tagged, nothing more is proposed for it
cp -r "$L/lexicon" "$T/llex"
echo sonographer >>"$T/llex/roles.list"
vp-normalise "$L/comments.ndjson" | vp-tag --lexicon "$T/llex" --explain >"$T/lretagged" || fail "re-tag"
expect_exit 0 vp-suggest --labels "$L/labels.csv" --lexicon "$T/llex" --theme staff "$T/lretagged"
expect_in "$T/out" "no word-list member gains F1"
# records tagged with another set than --lexicon: refused, naming both
expect_exit 65 vp-suggest --labels "$L/labels.csv" --lexicon "$T/llex" --theme staff "$T/ltagged"
expect_in "$T/err" "vp-suggest: $T/ltagged:1: tagged with lexicon $(vp-tag --fingerprint --lexicon "$L/lexicon"), but --lexicon $T/llex is $(vp-tag --fingerprint --lexicon "$T/llex")"
expect_exit 64 vp-suggest --untagged --lexicon "$L/lexicon" "$T/ltagged"

# --untagged where no comment is tagged (a lexicon that catches nothing
# yet): every phrase is the untagged comments' own, ranked by how many hold
# it -- not an empty listing.
mkdir "$T/nolex"
echo 'zzqqxx' >"$T/nolex/none.txt"
vp-normalise "$D/comments.ndjson" | vp-tag --lexicon "$T/nolex" --explain >"$T/nonetagged" ||
	fail "tagging with nothing to match"
expect_exit 0 vp-suggest --untagged --min-support 2 "$T/nonetagged"
expect_in "$T/out" "== emerging: phrases of the 22 comments no theme caught, against the 0 tagged"
grep -Eq '^ +1  taxi +7 +0 ' "$T/out" || { cat "$T/out"; fail "untagged ranking with nothing tagged"; }

# A coded set with no theme in it ("id," lines only): nothing to propose,
# an error -- not exit 0 with nothing written.
printf 'id,theme\nc01,\nc02,\n' >"$T/blanklabels"
expect_exit 65 vp-suggest --labels "$T/blanklabels" "$T/tagged"
expect_in "$T/err" "vp-suggest: $T/blanklabels: no comment is coded with a theme"

# Comments vp-tag could not read ("untaggable": another language) are
# tagged by no entry: none is proposed from them (re-tagged with "navette"
# they stay untagged), and --untagged leaves them out, counted.
printf '%s\n' '{"id":"f1","text":"La navette pour l'"'"'hôpital était encore en retard ce matin."}' \
	'{"id":"f2","text":"La navette n'"'"'est jamais venue, personne ne nous a prévenus."}' \
	'{"id":"f3","text":"Il n'"'"'y a pas de navette le dimanche, nous devons attendre des heures."}' >"$T/fr.ndjson"
cat "$D/comments.ndjson" "$T/fr.ndjson" | vp-normalise | vp-tag --lexicon "$D/lexicon" --explain >"$T/frtagged" ||
	fail "tagging with French comments"
grep -c '"untaggable":"language"' "$T/frtagged" | grep -qx 3 || fail "French comments not untaggable"
{ cat "$D/labels.csv"; printf 'f1,transport\nf2,transport\nf3,transport\n'; } >"$T/frlabels"
expect_exit 0 vp-suggest --labels "$T/frlabels" --theme transport --min-support 2 "$T/frtagged"
expect_not_in "$T/out" "navette"
expect_in "$T/out" "== transport: 25 coded comments (17 of the theme)"
expect_in "$T/err" "vp-suggest: 3 coded comments were not tagged (\"untaggable\": not in the lexicon's language): no entry can tag them"
expect_exit 0 vp-suggest --untagged --min-support 2 "$T/frtagged"
expect_not_in "$T/out" "navett"
expect_in "$T/out" "== emerging: phrases of the 14 comments no theme caught, against the 8 tagged"
expect_in "$T/err" "vp-suggest: 3 records were not tagged (\"untaggable\": not in the lexicon's language): left out"
exit 0
