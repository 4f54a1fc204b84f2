#!/bin/sh
# vp-tag: themes from a lexicon set, --explain, errors and exit codes.
. "$VP_ROOT/tests/lib.sh"
L=$VP_ROOT/tests/data/lexicons

printf '%s\n' \
 '{"id":"a","x":{"y":[1,2]},"text":"The car park was full and I waited 3 hours for the bus.","z":null}' \
 '{"id":"b","text":"Patient transport service staff were rude"}' \
 '{"id":"c","text":"Nothing to say"}' >"$T/in.ndjson"
vp-normalise "$T/in.ndjson" >"$T/norm.ndjson" || fail "normalise"

expect_exit 0 vp-tag --lexicon "$L/basic" "$T/norm.ndjson"
[ "$(wc -l <"$T/out")" = 3 ] || fail "want 3 records"
# Pass-through of unknown fields in order; themes appended (then the
# lexicon's fingerprint, below); parents listed.
expect_in "$T/out" '{"id":"a","x":{"y":[1,2]},"text":"The car park was full and I waited 3 hours for the bus.","z":null,"tokens":['
expect_in "$T/out" '"themes":[{"theme":"access","hits":["waited ? hours"]},{"theme":"access/waiting","hits":["waited ? hours"]},{"theme":"transport","hits":["car park","bus"]},{"theme":"transport/parking","hits":["car park"]},{"theme":"transport/travel","hits":["bus"]}],"lexicon":"'
# The exclusion "!patient transport service" keeps transport quiet.
expect_in "$T/out" '"themes":[{"theme":"staff","hits":["staff","rude"]}],"lexicon":"'
expect_in "$T/out" '{"id":"c","text":"Nothing to say","tokens":["noth","to","say"],"lang":"en","themes":[],"lexicon":"'

# --explain: token spans and the file:line of each entry that fired.
expect_exit 0 vp-tag --explain --lexicon "$L/basic" "$T/norm.ndjson"
expect_in "$T/out" '{"theme":"transport/parking","hits":["car park"],"spans":[[1,3]],"entries":["'"$L"'/basic/transport/parking.txt:1"]}'

# Re-tagging replaces themes in place.
vp-tag --lexicon "$L/basic" "$T/norm.ndjson" | vp-tag --lexicon "$L/paths" >"$T/re" || fail "retag"
expect_in "$T/re" '"tokens":["noth","to","say"],"lang":"en","themes":[],"lexicon":"'
expect_not_in "$T/re" 'hits'

# --list-themes: name and own entries.
expect_exit 0 vp-tag --lexicon "$L/basic" --list-themes
expect_in "$T/out" "$(printf 'access\t0')"
expect_in "$T/out" "$(printf 'transport/parking\t2')"

# The default set is found without a flag and loads cleanly.
expect_exit 0 vp-tag --list-themes
expect_in "$T/out" "$(printf 'transport/parking\t')"
expect_exit 0 vp-tag "$T/norm.ndjson"

# The shipped set: "!kind of" (a sort) once also dropped "the kindness of the
# staff" (both stem to "kind of"); the sorts are excluded by their determiner.
printf '%s\n' '{"id":"k1","text":"The kindness of the nurses got me through."}' \
	'{"id":"k2","text":"What kind of service is this?"}' | vp-normalise >"$T/kind.ndjson"
expect_exit 0 vp-tag "$T/kind.ndjson"
expect_in "$T/out" '"id":"k1"'
grep '"id":"k1"' "$T/out" | grep -q '"theme":"staff/attitude"' || fail "the kindness of the nurses is not staff/attitude"
grep '"id":"k2"' "$T/out" | grep -q '"theme":"staff/attitude"' && fail "what kind of service is staff/attitude"

# --check: the shipped set has no entry that cannot work as written (a
# wildcard the stemmer shortens, a repeat, an entry an exclusion blocks);
# a set with them lists each as file:line and exits 78.
expect_exit 0 vp-tag --check
[ ! -s "$T/out" ] || fail "vp-tag --check finds problems in the shipped lexicons"
expect_exit 78 vp-tag --check --lexicon "$L/check"
expect_in "$T/out" "$L/check/care.txt:2: 'ambulance*' misses 'ambulance' itself"
expect_in "$T/out" "$L/check/care/waiting.txt:3: 'waiting' repeats line 1"
expect_in "$T/err" "vp-tag: $L/check: 5 problems to fix"

# Lexicon errors: file:line and 78; a missing set 66.
expect_exit 78 vp-tag --lexicon "$L/bad-star" "$T/norm.ndjson"
expect_in "$T/err" "vp-tag: $L/bad-star/theme.txt:2: '*' may only end a word: 'phy*sio'"
[ ! -s "$T/out" ] || fail "output despite a broken lexicon"
expect_exit 78 vp-tag --lexicon "$L/bad-utf8" "$T/norm.ndjson"
expect_in "$T/err" "vp-tag: $L/bad-utf8/t.txt:2: invalid UTF-8"
expect_exit 66 vp-tag --lexicon "$L/no-such-set" "$T/norm.ndjson"
expect_in "$T/err" "vp-tag: $L/no-such-set: No such file or directory"

# Records without tokens: say to run vp-normalise (65), or skip them.
expect_exit 65 vp-tag --lexicon "$L/basic" "$T/in.ndjson"
expect_in "$T/err" "vp-tag: $T/in.ndjson:1: record has no \"tokens\" (run vp-normalise before vp-tag)"
{ head -n 1 "$T/norm.ndjson"; echo '{"tokens":[1]}'; head -n 1 "$T/in.ndjson"; echo '{"tokens":"x"}'; } >"$T/mixed"
expect_exit 0 vp-tag --skip-bad --lexicon "$L/basic" "$T/mixed"
[ "$(wc -l <"$T/out")" = 1 ] || fail "skip-bad: want 1 record"
expect_in "$T/err" 'skipped 3 bad records of 4'
expect_in "$T/err" ':2: "tokens" holds something other than strings (skipped)'

expect_exit 64 vp-tag --nope
expect_exit 0 vp-tag --help
expect_in "$T/out" '--lexicon DIR'
expect_in "$T/out" '--explain'

# Escaped tokens (not what vp-normalise writes, but valid JSON) match the same.
echo '{"tokens":["car","p\u0061rk"]}' | vp-tag --lexicon "$L/basic" >"$T/esc" || fail "escaped tokens"
expect_in "$T/esc" '{"theme":"transport/parking","hits":["car park"]}'

# The lexicon fingerprint: every record vp-tag writes carries "lexicon", the
# set's (vp-tag --fingerprint prints it), after "themes" -- on the fast path
# and on jansson's (escaped tokens), tagged or not for its language.
expect_exit 0 vp-tag --fingerprint --lexicon "$L/basic"
FP=$(cat "$T/out")
echo "$FP" | grep -qx '[0-9a-f]\{16\}' || fail "--fingerprint printed '$FP'"
expect_exit 0 vp-tag --fingerprint --lexicon "$L/paths"
FP2=$(cat "$T/out")
[ "$FP" != "$FP2" ] || fail "two sets, one fingerprint $FP"
expect_exit 0 vp-tag --lexicon "$L/basic" "$T/norm.ndjson"
[ "$(grep -c ",\"lexicon\":\"$FP\"}\$" "$T/out")" = 3 ] || fail "not every record ends in its lexicon"
expect_in "$T/out" '"themes":[{"theme":"staff","hits":["staff","rude"]}],"lexicon":"'"$FP"'"}'
printf '%s\n' '{"id":"e","tokens":["car","p\u0061rk"]}' \
	'{"id":"w","tokens":["car","park"],"lang":"cy"}' \
	'{"id":"w2","tokens":["car","p\u0061rk"],"lang":"cy"}' >"$T/fp-odd.ndjson"
expect_exit 0 vp-tag --lexicon "$L/basic" "$T/fp-odd.ndjson"
expect_in "$T/out" '"hits":["car park"]}],"lexicon":"'"$FP"'"}'
expect_in "$T/out" '{"id":"w","tokens":["car","park"],"lang":"cy","themes":[],"untaggable":"language","lexicon":"'"$FP"'"}'
expect_in "$T/out" '{"id":"w2","tokens":["car","p\u0061rk"],"lang":"cy","themes":[],"untaggable":"language","lexicon":"'"$FP"'"}'
# The same files anywhere give the same value; a copy with one entry
# changed another.
mkdir -p "$T/else/where"
cp -R "$L/basic" "$T/else/where/set"
expect_exit 0 vp-tag --fingerprint --lexicon "$T/else/where/set/"
[ "$(cat "$T/out")" = "$FP" ] || fail "the same set elsewhere: $(cat "$T/out"), not $FP"
echo 'car parks' >>"$T/else/where/set/transport/parking.txt"
expect_exit 0 vp-tag --fingerprint --lexicon "$T/else/where/set"
[ "$(cat "$T/out")" != "$FP" ] || fail "an entry added, the same fingerprint"
# vp-tag owns "lexicon": re-tagging replaces it, as it replaces "themes" --
# removed and appended on the fast path, replaced in place on jansson's.
vp-tag --lexicon "$L/basic" "$T/norm.ndjson" | vp-tag --lexicon "$L/paths" >"$T/re" || fail "retag"
[ "$(grep -c ",\"lexicon\":\"$FP2\"}\$" "$T/re")" = 3 ] || fail "re-tagging did not replace the lexicon"
expect_not_in "$T/re" "$FP\""
echo '{"id":"o","lexicon":"0000000000000000","tokens":["car","p\u0061rk"],"z":1}' |
	vp-tag --lexicon "$L/basic" >"$T/re" || fail "retag jansson"
expect_in "$T/re" '{"id":"o","lexicon":"'"$FP"'","tokens":["car","p\u0061rk"],"z":1,"themes":['
# A record repeating it is bad, as one repeating any member vp-tag owns.
echo '{"id":"d","tokens":["car"],"lexicon":"a","lexicon":"b"}' >"$T/dup.ndjson"
expect_exit 65 vp-tag --lexicon "$L/basic" "$T/dup.ndjson"
expect_in "$T/err" 'vp-tag: '"$T"'/dup.ndjson:1: duplicate key "lexicon"'

# HTML pasted from a web form is read as shown: "car <b>park</b> full" is
# tagged as "car park full" is, and the record's text is kept as it came.
printf '%s\n' '{"id":"h","text":"car <b>park</b> full"}' '{"id":"p","text":"car park full"}' |
	vp-normalise | vp-tag --lexicon "$L/basic" >"$T/html" || fail "normalise | tag html"
expect_in "$T/html" '{"id":"h","text":"car <b>park</b> full","tokens":["car","park","full"],"lang":"en","themes":[{"theme":"transport","hits":["car park"]},{"theme":"transport/parking","hits":["car park"]}],"lexicon":"'
expect_in "$T/html" '{"id":"p","text":"car park full","tokens":["car","park","full"],"lang":"en","themes":[{"theme":"transport","hits":["car park"]},{"theme":"transport/parking","hits":["car park"]}],"lexicon":"'
