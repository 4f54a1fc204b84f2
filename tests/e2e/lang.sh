#!/bin/sh
# Non-English comments: vp-normalise writes "lang", vp-tag leaves records in
# another language than its lexicon's untagged ("untaggable": "language")
# and counts them on stderr; every other field passes through.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/lang
command -v python3 >/dev/null || skip "python3 not installed (make deps-test)"

expect_exit 0 vp-normalise "$D/mixed.ndjson"
mv "$T/out" "$T/norm"
[ "$(wc -l <"$T/norm")" = 14 ] || fail "want 14 records"
expect_exit 0 vp-tag "$T/norm"
mv "$T/out" "$T/tagged"
expect_in "$T/err" 'vp-tag: 7 records not tagged: language not English (cy Welsh 3, pa Punjabi 1, pl Polish 1, ro Romanian 1, ur Urdu 1)'
[ "$(wc -l <"$T/err")" = 1 ] || fail "want one line on stderr"

# Each record: the input line as it was, then tokens, lang, themes (and
# untaggable) and the lexicon's fingerprint spliced in; English comments
# all "en".
python3 - "$D/mixed.ndjson" "$T/tagged" <<'PY' || fail "records differ"
import json, sys
want = {"m1": "en", "m2": "cy", "m3": "pl", "m4": "en", "m5": "ur", "m6": "pa", "m7": "en",
        "m8": "cy", "m9": "und", "m10": "en", "m11": "ro", "m12": "und", "m13": "en", "m14": "cy"}
ins = open(sys.argv[1], encoding="utf-8").read().splitlines()
outs = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert len(ins) == len(outs) == len(want)
for i, o in zip(ins, outs):
    assert o.startswith(i[:-1] + ',"tokens":['), o
    a, b = json.loads(i), json.loads(o)
    added = {k: b.pop(k) for k in ("tokens", "lang", "themes", "untaggable", "lexicon") if k in b}
    assert a == b and list(a) == list(b), o
    lang = added["lang"]
    assert lang == want[a["id"]], (a["id"], lang)
    if lang in ("en", "und"):
        assert "untaggable" not in added, o
    else:
        assert added["themes"] == [] and added["untaggable"] == "language", o
    assert list(added)[-2] == ("untaggable" if "untaggable" in added else "themes"), o
    assert list(added)[-1] == "lexicon" and len(added["lexicon"]) == 16, o
PY
# The English ones are tagged as before (m7: the car park; carers too, for
# visitors).
expect_in "$T/tagged" '"lang":"en","themes":[{"theme":"carers","hits":["for visitors"]},{"theme":"transport","hits":["car park"]}'

# --lexicon-lang any: every record tagged, no message; cy: the others are
# the ones left out.
expect_exit 0 vp-tag --lexicon-lang any "$T/norm"
expect_not_in "$T/out" 'untaggable'
[ ! -s "$T/err" ] || fail "--lexicon-lang any: stderr not empty"
expect_exit 0 vp-tag --lexicon-lang cy "$T/norm"
expect_in "$T/err" 'vp-tag: 9 records not tagged: language not Welsh (en English 5, pa Punjabi 1, pl Polish 1, ro Romanian 1, ur Urdu 1)'
# --lang french (the stemmer) makes the lexicon French.
expect_exit 0 vp-tag --lang french "$T/norm"
expect_in "$T/err" 'language not French (en English 5, cy Welsh 3, pa Punjabi 1, pl Polish 1, ro Romanian 1, ur Urdu 1)'
expect_exit 64 vp-tag --lexicon-lang english "$T/norm"
expect_in "$T/err" "vp-tag: --lexicon-lang wants a language code like en or cy (or any), not 'english'"

# Re-tagging the tagged records gives the same; a record tagged now loses
# its "untaggable".
vp-tag "$T/tagged" >"$T/again" 2>/dev/null || fail "re-tag"
cmp -s "$T/again" "$T/tagged" || fail "re-tagging changed the records"
vp-tag --lexicon-lang any "$T/tagged" >"$T/any" 2>/dev/null || fail "re-tag any"
expect_not_in "$T/any" 'untaggable'

# Downstream: vp-sentiment gives the records it cannot read no sentiment, and
# vp-count counts them as not tagged, apart from the untagged.
vp-sentiment "$T/tagged" >"$T/sent" || fail "vp-sentiment"
[ "$(grep -c '"untaggable"' "$T/sent")" = 7 ] || fail "untaggable records lost"
grep '"untaggable"' "$T/sent" | grep -q '"sentiment"' && fail "sentiment given to an unread record"
vp-count "$T/sent" >"$T/counts" || fail "vp-count"
expect_in "$T/counts" '"not_tagged": {'
python3 - "$T/counts" <<'PY' || fail "not_tagged counts"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["total"]
assert t["not_tagged"]["language"] == 7, t
assert t["records"] == 14 and t["untagged"] + 7 <= 14, t
PY

# --no-detect-lang: no "lang", so nothing is left untagged.
expect_exit 0 vp-normalise --no-detect-lang "$D/mixed.ndjson"
expect_not_in "$T/out" '"lang"'
vp-tag "$T/out" >"$T/nolang" 2>"$T/err" || fail "tag without lang"
[ ! -s "$T/err" ] || fail "no lang: stderr not empty"

# A short answer in another script, too short for CLD2 to name its
# language ("the staff are very kind" in Arabic), was "und": tagged as
# English, and for "What could we do better?" read as a wish (negative).
# Its script is known: left untagged, counted, and given no sentiment.
printf '%s\n' '{"id":"ar1","question":"What could we do better?","text":"الموظفون لطيفون جدا"}' \
	'{"id":"en1","question":"What could we do better?","text":"more parking"}' >"$T/short.ndjson"
vp-normalise "$T/short.ndjson" | vp-tag 2>"$T/err" | vp-sentiment >"$T/sent" ||
	fail "short other-script chain"
expect_in "$T/err" "1 record not tagged: language not English (und-Arab Arabic script 1)"
expect_in "$T/sent" '"id":"ar1","question":"What could we do better?","text":"الموظفون لطيفون جدا","tokens"'
grep '"id":"ar1"' "$T/sent" | grep -q '"untaggable":"language"' || fail "ar1 not untaggable"
grep '"id":"ar1"' "$T/sent" | grep -q '"sentiment"' && fail "ar1 given a sentiment"
grep '"id":"en1"' "$T/sent" | grep -q '"label":"negative"' || fail "en1 lost its wish"
exit 0
