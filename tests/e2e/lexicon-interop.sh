#!/bin/sh
# vp-lexicon import/export: round trips through quanteda YAML, LIWC and
# WordStat; what cannot be expressed is reported and counted; check.
. "$(dirname "$0")/../lib.sh"
D="$VP_ROOT/tests/data/lexicon-interop"

# YAML -> set -> YAML is the identity (the sample is in the exporter's form).
expect_exit 0 vp-lexicon import --from yaml "$D/sample.yaml" "$T/y"
[ -f "$T/y/access/waiting.txt" ] && [ -f "$T/y/transport.txt" ] || fail "import wrote no theme files"
expect_in "$T/y/access/waiting.txt" "waiting list"
expect_exit 0 vp-tag --lexicon "$T/y" --check
expect_exit 0 vp-lexicon export --to yaml "$T/y"
cmp -s "$T/out" "$D/sample.yaml" || { diff "$D/sample.yaml" "$T/out"; fail "yaml round trip"; }
# LIWC -> set -> LIWC likewise, and the same set as the YAML's.
expect_exit 0 vp-lexicon import --from liwc "$D/sample.dic" "$T/l"
expect_exit 0 vp-lexicon export --to liwc "$T/l"
cmp -s "$T/out" "$D/sample.dic" || { diff "$D/sample.dic" "$T/out"; fail "liwc round trip"; }
expect_exit 0 vp-lexicon export --to yaml "$T/l"
cmp -s "$T/out" "$D/sample.yaml" || fail "liwc and yaml imports differ"
# Set -> LIWC -> set -> YAML.
expect_exit 0 vp-lexicon export --to liwc "$T/y"
cp "$T/out" "$T/y.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/y.dic" "$T/yl"
expect_exit 0 vp-lexicon export --to yaml "$T/yl"
cmp -s "$T/out" "$D/sample.yaml" || fail "set -> liwc -> set"
# WordStat: levels become sub-themes; a proximity rule is reported.
expect_exit 0 vp-lexicon import --from wordstat "$D/sample.cat" "$T/w"
expect_in "$T/err" "sample.cat:13: 'HOSPITAL NEAR PARKING': a WordStat rule"
expect_in "$T/err" "1 item of $D/sample.cat could not be expressed"
expect_exit 0 vp-lexicon export --to yaml "$T/w"
cmp -s "$T/out" "$D/sample.yaml" || { diff "$D/sample.yaml" "$T/out"; fail "wordstat import"; }

# Lossy both ways: reported per item, counted.
expect_exit 0 vp-lexicon import --from yaml "$D/lossy.yaml" "$T/ly"
expect_in "$T/err" "lossy.yaml:3: '*ache' (pain)"
expect_in "$T/err" "lossy.yaml:4: 'colo?r' (pain)"
expect_in "$T/err" "2 items of $D/lossy.yaml could not be expressed"
expect_in "$T/ly/pain.txt" "headache"
expect_exit 0 vp-lexicon import --from liwc "$D/lossy.dic" "$T/ld"
expect_in "$T/err" "'like': category '134/125' (a conditional category)"
expect_exit 0 vp-lexicon export --to yaml "$D/lossy-set"
expect_in "$T/err" "directive '@keep' has no equivalent"
expect_in "$T/err" "exclusion '!waiting room' (access/waiting)"
expect_in "$T/err" "'took ? hours' (access/waiting): a '?' gap"
expect_in "$T/err" "3 items of $D/lossy-set could not be expressed in yaml"
expect_in "$T/out" '- "wait"'
expect_exit 0 vp-lexicon export --to liwc "$D/lossy-set"
expect_in "$T/err" "3 items of $D/lossy-set could not be expressed in liwc"

# Never overwrite; bad formats and commands.
expect_exit 73 vp-lexicon import --from yaml "$D/sample.yaml" "$T/y"
expect_exit 64 vp-lexicon export --to wordstat "$T/y"
expect_exit 64 vp-lexicon frobnicate "$T/y"
expect_exit 66 vp-lexicon import --from yaml "$T/nonexistent" "$T/z"

# check: stem collisions from the word list, entries that never fire.
mkdir -p "$T/c"
printf 'training\nParking\nwait\n!kind of\n' >"$T/c/staff.txt"
printf 'train\ntrains\ntrained\npark\nparking\nwait\nwaited\nwaiting\nkind\nkindness\n' >"$T/words"
expect_exit 0 vp-lexicon check "$T/c" --words "$T/words"
expect_in "$T/out" "staff.txt:1: 'training' (stem 'train') also matches train"
expect_in "$T/out" "staff.txt:2: 'Parking' (stem 'park', a name) also matches park"
expect_not_in "$T/out" "'wait'"
# an exclusion's words collide too: "!kind of" also drops "the kindness of"
expect_in "$T/out" "staff.txt:4: 'kind' (stem 'kind', in an exclusion) also matches kindness"
printf '%s\n' '{"id":"1","tokens":["the","train","was","late"]}' >"$T/corpus"
expect_exit 0 vp-lexicon check "$T/c" --words "$T/words" --corpus "$T/corpus"
expect_in "$T/out" "staff.txt:2: 'Parking' fired on none of the 1 records"
expect_not_in "$T/out" "'training' fired"
expect_in "$T/err" "5 findings (0 from vp-tag --check, 3 stem collisions, 2 never fired)"
if [ -r /usr/share/dict/british-english ]; then
	expect_exit 0 vp-lexicon check "$T/c"
	expect_in "$T/out" "'training' (stem 'train') also matches"
else
	echo "wbritish not installed: the default word list not tested"
fi
exit 0
