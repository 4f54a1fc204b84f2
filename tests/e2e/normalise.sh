#!/bin/sh
# vp-normalise: tokens added, everything else passed through, errors and exit codes.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/text

expect_exit 0 vp-normalise "$D/records.ndjson"
[ "$(wc -l <"$T/out")" = 6 ] || fail "want 6 records"
# Unknown fields pass through untouched and in order, tokens go last.
expect_in "$T/out" '{"id":"r1","source":"s.csv","locality":"Leicester City","text":"The Car-Park was FULL; I waited 3 hours.","fields":{"tokens_note":"x"},"extra":[1,{"a":null}],"tokens":["the","car","park","was","full","i","wait","3","hour"],"lang":"en"}'
# E-mail addresses and URLs never reach tokens; apostrophes.
expect_in "$T/out" '"tokens":["contact","me","<email>","or","<url>","dont"],"lang":"en"}'
expect_not_in "$T/out" 'bloggs"'
# No text, empty or null text: an empty list.
expect_in "$T/out" '{"id":"r3","text":"","tokens":[],"lang":"und"}'
expect_in "$T/out" '{"id":"r4","tokens":[],"lang":"und"}'
# Unicode: NFKC, case folding; an existing "tokens" is replaced.
expect_in "$T/out" '"tokens":["café","strass","ab","fine"],"lang":"und"}'
expect_not_in "$T/out" 'stale'
# stdin and "-" give the same as a file argument.
vp-normalise <"$D/records.ndjson" >"$T/stdin" || fail "stdin"
cmp -s "$T/stdin" "$T/out" || fail "stdin output differs"
vp-normalise - <"$D/records.ndjson" >"$T/dash" || fail "dash"
cmp -s "$T/dash" "$T/out" || fail "'-' output differs"

# --text-field picks another field.
echo '{"id":1,"comment":"Waiting lists","text":"other"}' >"$T/f.ndjson"
expect_exit 0 vp-normalise --text-field comment "$T/f.ndjson"
expect_in "$T/out" '"tokens":["wait","list"]'

# --lang: another stemmer; 'help' lists them; unknown is a usage error.
echo '{"text":"continuellement"}' | vp-normalise --lang french >"$T/fr" || fail "french"
expect_in "$T/fr" '"tokens":["continuel"]'
expect_exit 0 vp-normalise --lang help
expect_in "$T/out" 'english'
expect_exit 64 vp-normalise --lang klingon "$D/records.ndjson"
expect_in "$T/err" "vp-normalise: unknown stemmer language 'klingon'"
expect_exit 64 vp-normalise --bogus
expect_exit 0 vp-normalise --help
expect_in "$T/out" '--text-field NAME'
expect_in "$T/out" '--skip-bad'

# Bad records: non-string text, bad JSON; stop with file:line and 65, or skip.
printf '%s\n' '{"text":"ok"}' '{"text":5}' 'nope' '{"text":"fine"}' >"$T/bad.ndjson"
expect_exit 65 vp-normalise "$T/bad.ndjson"
expect_in "$T/err" "vp-normalise: $T/bad.ndjson:2: \"text\" is not a string"
expect_exit 0 vp-normalise --skip-bad "$T/bad.ndjson"
[ "$(wc -l <"$T/out")" = 2 ] || fail "skip-bad: want 2 records out"
expect_in "$T/err" ':2: "text" is not a string (skipped)'
expect_in "$T/err" ':3: bad JSON'
expect_in "$T/err" 'skipped 2 bad records of 4'

# A NUL in a nested key is bad JSON to jansson: the fast path took it (fuzz_locate)
printf '%s\n' '{"text":"x","f":{"a\u0000b":1}}' >"$T/nulkey.ndjson"
expect_exit 65 vp-normalise "$T/nulkey.ndjson"
expect_in "$T/err" "$T/nulkey.ndjson:1: bad JSON at column 27: NUL byte in object key"

expect_exit 66 vp-normalise "$T/missing.ndjson"
expect_in "$T/err" 'missing.ndjson: No such file or directory'

# A closed pipe downstream is an I/O error (74), not a silent death.
yes '{"text":"a b c d e f g h"}' | head -n 200000 >"$T/many.ndjson"
vp-normalise "$T/many.ndjson" 2>"$T/err" | head -n 1 >/dev/null
# (exit status of the middle of a pipe is not portable in sh; check stderr)
expect_in "$T/err" 'vp-normalise: write error'

# NDJSON saved by a Windows tool -- a byte order mark, CRLF line ends -- reads
# as the same records: the same output, no CR left in it.  Many lines with a
# long "fields" object, so that some are whole in the stream's buffer (used
# where they lie) and some fall across a refill (copied).
awk 'BEGIN { f = "{"; for (i = 0; i < 40; i++) f = f (i ? "," : "") "\"Q" i " a question\":\"" i "\""
	f = f "}"; for (r = 1; r <= 3000; r++)
	printf "{\"id\":\"r%d\",\"text\":\"waited %d hours for the car park\",\"fields\":%s}\n", r, r, f }' \
	>"$T/lf.ndjson"
{ printf '\357\273\277'; sed 's/$/\r/' "$T/lf.ndjson"; } >"$T/crlf.ndjson"
vp-normalise "$T/lf.ndjson" >"$T/lf.out" || fail "LF records"
vp-normalise "$T/crlf.ndjson" >"$T/crlf.out" || fail "BOM and CRLF records"
cmp -s "$T/lf.out" "$T/crlf.out" || fail "BOM and CRLF records read differently"
vp-normalise <"$T/crlf.ndjson" >"$T/crlf.stdin" || fail "BOM and CRLF records on stdin"
cmp -s "$T/lf.out" "$T/crlf.stdin" || fail "BOM and CRLF records on stdin read differently"
[ "$(wc -l <"$T/lf.out")" = 3000 ] || fail "want 3000 records"
! grep -q "$(printf '\r')" "$T/crlf.out" || fail "a CR left in the output"
