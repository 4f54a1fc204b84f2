#!/bin/sh
# vp-lexicon import/export: round trips through quanteda YAML, LIWC and
# WordStat; what cannot be expressed is reported and counted; check.
. "$(dirname "$0")/../lib.sh"
D="$VP_ROOT/tests/data/lexicon-interop"

# liwc_via SET OUT: SET exported to LIWC (kept as SET.dic), imported into OUT.
liwc_via() {
	expect_exit 0 vp-lexicon export --to liwc "$1"
	cp "$T/out" "$1.dic" || fail "cp"
	expect_exit 0 vp-lexicon import --from liwc "$1.dic" "$2"
}

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
liwc_via "$T/y" "$T/yl"
expect_exit 0 vp-lexicon export --to yaml "$T/yl"
cmp -s "$T/out" "$D/sample.yaml" || fail "set -> liwc -> set"
# LIWC with categories nested by indent under the one above ("1<TAB>funct",
# "<TAB>2<TAB>pronoun", spaces or TABs): sub-themes, as WordStat levels and
# YAML nesting are (they were flattened without a word: pronoun.txt).
expect_exit 0 vp-lexicon import --from liwc "$D/nested.dic" "$T/nd"
for f in funct funct/pronoun funct/pronoun/ppron funct/article affect affect/posemo \
	affect/negemo work; do
	[ -f "$T/nd/$f.txt" ] || { find "$T/nd" >&2; fail "nested.dic: no theme $f"; }
done
[ ! -e "$T/nd/pronoun.txt" ] && [ ! -e "$T/nd/negemo.txt" ] || fail "nested.dic flattened"
grep -qx she "$T/nd/funct/pronoun/ppron.txt" && grep -qxF 'sad*' "$T/nd/affect/negemo.txt" ||
	fail "nested.dic: entries not in their sub-themes"
expect_in "$T/nd/funct/pronoun.txt" "@label Pronouns"
expect_not_in "$T/err" "vp-lexicon"
# ... and back: set -> LIWC -> set is the same set.
expect_exit 0 vp-lexicon export --to yaml "$T/nd"
cp "$T/out" "$T/nd.yaml" || fail "cp"
liwc_via "$T/nd" "$T/ndl"
expect_exit 0 vp-lexicon export --to yaml "$T/ndl"
cmp -s "$T/out" "$T/nd.yaml" || { diff "$T/nd.yaml" "$T/out"; fail "nested liwc round trip"; }
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
# LIWC2007 writes a conditional with a space in its brackets: one item
# lost, named whole, not two halves (and the plain numbers still read).
printf '%%\n1\tpain\n2\taffect\n%%\nkind\t(02 134)125/464\t1\n' >"$T/cond.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/cond.dic" "$T/cond"
expect_in "$T/err" "cond.dic:5: 'kind': category '(02 134)125/464' (a conditional category): not imported"
expect_in "$T/err" "2 items of $T/cond.dic could not be expressed" # and affect: empty
expect_in "$T/cond/pain.txt" "kind"
expect_exit 0 vp-lexicon export --to yaml "$D/lossy-set"
expect_in "$T/err" "directive '@keep' has no equivalent"
expect_in "$T/err" "exclusion '!waiting room' (access/waiting)"
expect_in "$T/out" '- "took * hours"'
expect_in "$T/err" "2 items of $D/lossy-set could not be expressed in yaml"
expect_in "$T/out" '- "wait"'
expect_exit 0 vp-lexicon export --to liwc "$D/lossy-set"
expect_in "$T/err" "'took ? hours' (access/waiting): a '?' gap"
expect_in "$T/err" "3 items of $D/lossy-set could not be expressed in liwc"

# YAML double-quoted escapes decode to UTF-8 (they were dropped: cafxE9).
printf '%s\n' 'food:' '  - "caf\xE9"' '  - "na\u00efve"' '  - "\U0001F600 face"' \
	'  - "tab\there"' '  - "a\/b\"c\\d"' '  - "nbsp\_x"' >"$T/esc.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/esc.yaml" "$T/esc"
printf '%s\n' '# food: imported from '"$T"'/esc.yaml (quanteda YAML)' 'café' 'naïve' \
	'😀 face' 'tab	here' 'a/b"c\d' "$(printf 'nbsp\302\240x')" >"$T/want"
cmp -s "$T/esc/food.txt" "$T/want" || { diff "$T/want" "$T/esc/food.txt"; fail "yaml escapes"; }
printf '%s\n' 'food:' '  - "ok"' '  - "bad\qx"' >"$T/bad.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/bad.yaml" "$T/bad"
expect_in "$T/err" "bad.yaml:3: unknown escape '\\q' in a double-quoted scalar"
[ ! -e "$T/bad" ] || fail "a failed import wrote files"
for esc in '\x4' '\uD800' '\U00110000' '\0'; do
	printf 'food:\n  - "x%sy"\n' "$esc" >"$T/bad.yaml"
	expect_exit 65 vp-lexicon import --from yaml "$T/bad.yaml" "$T/bad"
	expect_in "$T/err" "bad.yaml:2: "
done
printf 'food:\n  - "two\\nlines"\n  - ok\n' >"$T/nl.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/nl.yaml" "$T/nl"
expect_in "$T/err" "nl.yaml:2: "
expect_not_in "$T/nl/food.txt" "two"

# LIWC: a category number used twice, an entry with no category: reported.
printf '%%\n1\ttransport\n1\tparking\n2\tstaff\n%%\nbus\t1\nnurse\nmatron\t\ndoctor\t2\n' >"$T/d.dic"
expect_exit 65 vp-lexicon import --from liwc "$T/d.dic" "$T/d"
expect_in "$T/err" "d.dic:3: category number 1 is used twice (line 2: transport)"
printf '%%\n1\ttransport\n2\tstaff\n%%\nbus\t1\nnurse\nmatron\t\ndoctor\t2\n' >"$T/d.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/d.dic" "$T/d"
expect_in "$T/err" "d.dic:6: 'nurse' has no category: not imported"
expect_in "$T/err" "d.dic:7: 'matron' has no category: not imported"
expect_in "$T/err" "2 items of $T/d.dic could not be expressed"

# Not UTF-8 (cp1252 'é'): an error naming the line, nothing written.
printf 'food:\n  - caf\351\n' >"$T/l1.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/l1.yaml" "$T/l1"
expect_in "$T/err" "l1.yaml:2: invalid UTF-8"
printf '%%\n1\tfood\n%%\ncaf\351\t1\n' >"$T/l1.dic"
expect_exit 65 vp-lexicon import --from liwc "$T/l1.dic" "$T/l1"
expect_in "$T/err" "l1.dic:4: invalid UTF-8"
printf 'FOOD\n\tCAF\311 (1)\n' >"$T/l1.cat"
expect_exit 65 vp-lexicon import --from wordstat "$T/l1.cat" "$T/l1"
expect_in "$T/err" "l1.cat:2: invalid UTF-8"
[ ! -e "$T/l1" ] || fail "a non-UTF-8 import wrote files"

# A NUL byte in an entry (a damaged file) is an error naming the line, in
# every format; it cut the entry short ('wait' for 'wait\0ing') or dropped
# it with a wrong reason, without a word.
printf 'DicTerm,health\nwait\000ing,X\ndoctor,X\n' >"$T/n1.dicx"
expect_exit 65 vp-lexicon import --from liwc "$T/n1.dicx" "$T/n1"
expect_in "$T/err" "n1.dicx:2: a NUL byte"
printf '%%\n1\thealth\n%%\nwait\000ing\t1\ndoctor\t1\n' >"$T/n1.dic"
expect_exit 65 vp-lexicon import --from liwc "$T/n1.dic" "$T/n1"
expect_in "$T/err" "n1.dic:4: a NUL byte"
printf 'health:\n  - wait\000ing\n  - doctor\n' >"$T/n1.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/n1.yaml" "$T/n1"
expect_in "$T/err" "n1.yaml:2: a NUL byte"
printf 'HEALTH\n\tWAIT\000ING (1)\n' >"$T/n1.cat"
expect_exit 65 vp-lexicon import --from wordstat "$T/n1.cat" "$T/n1"
expect_in "$T/err" "n1.cat:2: a NUL byte"
[ ! -e "$T/n1" ] || fail "an import with a NUL byte wrote files"

# WordStat: a weight other than 1, a category with no entries: reported;
# non-ASCII letters are lower-cased too (CAFÉ was written cafÉ).
printf 'ACCESS\n\tWAIT (1)\n\tQUEUE (3)\n\tDELAY\n\tCAF\303\211 (1)\nEMPTY\n' >"$T/w.cat"
expect_exit 0 vp-lexicon import --from wordstat "$T/w.cat" "$T/wc"
expect_in "$T/err" "w.cat:3: 'queue': weight 3 has no equivalent (an entry counts once): imported"
# DELAY, a word with no weight under a category, is read as an empty
# sub-category: the message says what an entry would look like.
expect_in "$T/err" "w.cat:4: category 'access/delay' has no entries: no theme file (an entry? WordStat writes one with its weight: 'DELAY (1)')"
expect_in "$T/err" "w.cat:6: category 'empty' has no entries: no theme file"
grep -q "w.cat:6: .*an entry?" "$T/err" && fail "a top-level empty category was taken for an entry"
expect_in "$T/err" "3 items of $T/w.cat could not be expressed"
expect_in "$T/wc/access.txt" "café"
expect_in "$T/wc/access.txt" "queue"
# A '/' in a name would make a sub-theme: written as '_' and said, in
# WordStat's categories as in YAML's keys.
printf 'A&E/UCC\n\tWAIT (1)\n' >"$T/s.cat"
expect_exit 0 vp-lexicon import --from wordstat "$T/s.cat" "$T/sc"
expect_in "$T/err" "s.cat:1: category 'a&e/ucc': '/' would make a sub-theme; written as '_'"
expect_in "$T/sc/a&e_ucc.txt" "wait"
printf 'A&E/UCC:\n  - wait\n' >"$T/s.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/s.yaml" "$T/sy"
expect_in "$T/err" "s.yaml:1: key 'A&E/UCC': '/' would make a sub-theme; written as '_'"
expect_in "$T/sy/A&E_UCC.txt" "wait"

# Never overwrite; bad formats and commands.
expect_exit 73 vp-lexicon import --from yaml "$D/sample.yaml" "$T/y"
# A set where only a later theme is already there: 73 before any file is written.
mkdir -p "$T/part"
printf 'x\n' >"$T/part/transport.txt"
expect_exit 73 vp-lexicon import --from yaml "$D/sample.yaml" "$T/part"
expect_in "$T/err" "part/transport.txt: File exists"
[ "$(find "$T/part" -type f | wc -l)" = 1 ] || { find "$T/part"; fail "an import that failed wrote files"; }
# Into a lexicon already there with no theme in common: written beside its
# themes (one lexicon then), and said -- not mixed in without a word.
mkdir -p "$T/mix"
printf 'x\n' >"$T/mix/estates.txt"
expect_exit 0 vp-lexicon import --from yaml "$D/sample.yaml" "$T/mix"
expect_in "$T/err" "mix already held a lexicon (1 theme file or folder at its top): the imported themes were added to it"
expect_in "$T/mix/estates.txt" "x"
[ -f "$T/mix/transport.txt" ] || fail "the import into a lexicon wrote no theme"
expect_exit 0 vp-lexicon import --from yaml "$D/sample.yaml" "$T/fresh"
expect_not_in "$T/err" "already held"
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
expect_in "$T/err" "5 findings (0 from vp-tag --check, 3 stem collisions, 2 never fired, 0 taken)"
# taken: a longer entry of another theme takes a shorter one's words
# (longest match wins across themes). Reported where the shorter entry's
# theme then has nothing else in the record -- once per pair of entries,
# with how often and the first such record -- not where it fires anyway.
mkdir -p "$T/tk"
printf 'female nurse\nwoman doctor\n' >"$T/tk/equality.txt"
printf 'nurse for the\n' >"$T/tk/staffing.txt"
echo xyzzy >"$T/nowords"
printf '%s\n' '{"id":"a","text":"offered a female nurse for the ecg"}' \
	'{"id":"b","text":"a female nurse for the scan and a woman doctor"}' \
	'{"id":"c","text":"one nurse for the whole ward"}' \
	'{"text":"female nurse for the bloods"}' \
	'{"id":"e","text":"asked for a female nurse"}' | vp-normalise >"$T/tkcorpus"
expect_exit 0 vp-lexicon check "$T/tk" --words "$T/nowords" --corpus "$T/tkcorpus"
expect_in "$T/out" "equality.txt:1: 'female nurse' (equality) lost its words to $T/tk/staffing.txt:1: 'nurse for the' (staffing) in 2 of the 5 records, with nothing else of equality found (first: a)"
[ "$(grep -c "lost its words" "$T/out")" = 1 ] || fail "a taken pair reported more than once"
expect_in "$T/err" "1 finding (0 from vp-tag --check, 0 stem collisions, 0 never fired, 1 taken)"
# A word of a list member collides at the member's own line, once, not at
# each line written with the list; a pattern's own words at its line.
mkdir -p "$T/cl"
printf '# roles\ndoctor\ntraining nurse\n' >"$T/cl/roles.list"
printf '{roles} parking\n{roles} ? wait\n' >"$T/cl/staff.txt"
expect_exit 0 vp-lexicon check "$T/cl" --words "$T/words"
expect_in "$T/out" "roles.list:3: 'training' (stem 'train') also matches train"
expect_in "$T/out" "staff.txt:1: 'parking' (stem 'park') also matches park"
expect_not_in "$T/out" "staff.txt:1: 'training'"
expect_not_in "$T/out" "staff.txt:2: 'training'"
[ "$(grep -c "'training'" "$T/out")" = 1 ] || fail "a member's collision reported more than once"
expect_in "$T/err" "2 stem collisions"
if [ -r /usr/share/dict/british-english ]; then
	expect_exit 0 vp-lexicon check "$T/c"
	expect_in "$T/out" "'training' (stem 'train') also matches"
else
	echo "wbritish not installed: the default word list not tested"
fi
# YAML plain scalars may hold an apostrophe: it opens no quote, so the
# comment after "don't care" is cut and a key "patient's view:" is a key
# (the entry was lost as holding '#', the key an error, 65). A TAB may
# separate a key's colon from its value.
printf '%s\n' 'staff:' "  - don't care  # unsure" '  - kind' "patient's view:" '  - voice' \
	"access:	[wait, queue]" >"$T/apos.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/apos.yaml" "$T/apos"
grep -qx "don't care" "$T/apos/staff.txt" || { cat "$T/apos/staff.txt"; fail "apostrophe in an entry"; }
grep -qx "voice" "$T/apos/patient's_view.txt" || fail "apostrophe in a key"
grep -qx "queue" "$T/apos/access.txt" || fail "TAB after a key's colon"
# (the key's space, made '_', is the one item said)
expect_in "$T/err" "apos.yaml:4: key 'patient's view': a space in a theme name"
expect_in "$T/err" "1 item of $T/apos.yaml could not be expressed"

# YAML anchors and aliases: '&name' is no part of an entry (it was imported
# as "&acc"), and '*name' repeats the anchored list or item (it was reported
# as a '*' inside a word); an alias of a key with sub-keys copies them.
printf '%s\n' 'access: &acc' '  - wait' '  - &q queue' 'both: *acc' 'more:' '  - *q' \
	'grp: &g' '  sub:' '    - bed' 'copy: *g' >"$T/anchor.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/anchor.yaml" "$T/anchor"
printf '%s\n' '# access: imported from '"$T"'/anchor.yaml (quanteda YAML)' wait queue >"$T/want"
cmp -s "$T/anchor/access.txt" "$T/want" || { diff "$T/want" "$T/anchor/access.txt"; fail "anchor in entries"; }
grep -qx queue "$T/anchor/both.txt" && grep -qx wait "$T/anchor/both.txt" || fail "alias of a list"
grep -qx queue "$T/anchor/more.txt" || fail "alias of an item"
grep -qx bed "$T/anchor/copy/sub.txt" || fail "alias of a key with sub-keys"
expect_not_in "$T/err" "could not be expressed"
printf 'a:\n  - *nope\n' >"$T/alias.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/alias.yaml" "$T/alias"
expect_in "$T/err" "alias.yaml:2: alias '*nope' names no anchor defined before it"

# A flow list's comma inside quotes is not a separator ('"long' was imported).
printf 'access: [wait, "long, long time", '"'"'a, b'"'"']\n' >"$T/flow.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/flow.yaml" "$T/flow"
grep -qx 'long, long time' "$T/flow/access.txt" || { cat "$T/flow/access.txt"; fail "quoted comma in a flow list"; }
grep -qx 'a, b' "$T/flow/access.txt" || { cat "$T/flow/access.txt"; fail "single-quoted comma in a flow list"; }

# An entry vp-tag would refuse (a web address, no words) is reported and not
# imported: the set was written and then vp-tag refused to load it (78).
printf 'digital:\n  - www.nhs.uk\n  - online\n  - "..."\n' >"$T/web.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/web.yaml" "$T/web"
expect_in "$T/err" "web.yaml:2: 'www.nhs.uk' (digital): 'www.nhs.uk' is a web address"
expect_in "$T/err" "web.yaml:4: '...' (digital): entry has no words: not imported"
expect_in "$T/err" "2 items of $T/web.yaml could not be expressed"
expect_exit 0 vp-tag --lexicon "$T/web" --check

# LIWC 2015 headers carry a description after the name: the theme is the
# name ("function", not "function_(Function_Words)"), the description its @label.
printf '%%\n1\tfunction\t(Function Words)\n2\tpronoun\t(Total pronouns)\n%%\nhe\t1\t2\nkind of\t1\n' >"$T/l15.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/l15.dic" "$T/l15"
grep -qx 'kind of' "$T/l15/function.txt" || { find "$T/l15"; fail "LIWC 2015 category name"; }
grep -qx '@label Function Words' "$T/l15/function.txt" || fail "LIWC 2015 description"
grep -qx 'he' "$T/l15/pronoun.txt" || fail "LIWC 2015 second category"
expect_exit 0 vp-tag --lexicon "$T/l15" --check

# ... and export writes a theme's @label back in the same form (it was named
# as a directive not exported), so LIWC -> set -> LIWC and set -> LIWC -> set
# keep the labels; @describe has no place in LIWC, nor @label in quanteda
# YAML: named and counted.
expect_exit 0 vp-lexicon import --from liwc "$D/labels.dic" "$T/lab"
grep -qx '@label Waiting times (GP)' "$T/lab/access/waiting.txt" || fail "LIWC 2015 label in parentheses"
expect_exit 0 vp-lexicon export --to liwc "$T/lab"
cmp -s "$T/out" "$D/labels.dic" || { diff "$D/labels.dic" "$T/out"; fail "liwc labels round trip"; }
expect_not_in "$T/err" "could not be expressed"
expect_exit 0 vp-lexicon export --to yaml "$T/lab"
expect_in "$T/err" "lab/access/waiting.txt:3: directive '@label Waiting times (GP)' has no equivalent: not exported"
# (access's own entry, beside its sub-themes, goes under quanteda's "__")
expect_in "$T/err" "3 items of $T/lab could not be expressed in yaml"
expect_not_in "$T/err" "access to care"
mkdir -p "$T/ls" || fail "mkdir"
printf '@label Old name\n@label Function Words\n@describe Little words\nhe\n' >"$T/ls/function.txt"
printf 'bus\n' >"$T/ls/transport.txt"
expect_exit 0 vp-lexicon export --to liwc "$T/ls"
grep -qx "$(printf '1\tfunction\t(Function Words)')" "$T/out" || { cat "$T/out"; fail "liwc export of a label"; }
grep -qx "$(printf '2\ttransport')" "$T/out" || { cat "$T/out"; fail "liwc export without a label"; }
expect_in "$T/err" "ls/function.txt:3: directive '@describe Little words' has no equivalent"
expect_not_in "$T/err" "@label"
expect_in "$T/err" "1 item of $T/ls could not be expressed in liwc"
cp "$T/out" "$T/ls.dic" || fail "cp"
expect_exit 0 vp-lexicon import --from liwc "$T/ls.dic" "$T/ls2"
grep -qx '@label Function Words' "$T/ls2/function.txt" || fail "set -> liwc -> set lost the @label"
printf '@label Tab\there\nx\n' >"$T/ls/tab.txt"
expect_exit 0 vp-lexicon export --to liwc "$T/ls"
grep -qx "$(printf '2\ttab')" "$T/out" || { cat "$T/out"; fail "a label holding a TAB"; }
expect_in "$T/err" "ls/tab.txt:1: directive '@label Tab"
expect_in "$T/err" "holds a TAB, which would end the LIWC description: not exported"
expect_in "$T/err" "2 items of $T/ls could not be expressed in liwc"
# A label of a theme whose entries are all in its sub-themes (a file of
# only "@label Access") is kept too: the import dropped it without a word.
mkdir -p "$T/lp/access" || fail "mkdir"
printf '@label Access\n' >"$T/lp/access.txt"
printf 'wait\n' >"$T/lp/access/waiting.txt"
liwc_via "$T/lp" "$T/lp2"
grep -qx '@label Access' "$T/lp2/access.txt" || fail "set -> liwc -> set lost a parent's @label"
expect_not_in "$T/err" "could not be expressed"
expect_exit 0 vp-tag --lexicon "$T/lp2" --check
expect_exit 0 vp-lexicon export --to liwc "$T/lp2"
cmp -s "$T/out" "$T/lp.dic" || { diff "$T/lp.dic" "$T/out"; fail "liwc -> set -> liwc with a parent's label"; }

# A category with no entries is named (it was only in WordStat): YAML, LIWC.
printf 'empty:\nfull:\n  - x\n' >"$T/empty.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/empty.yaml" "$T/empty"
expect_in "$T/err" "empty.yaml:1: category 'empty' has no entries: no theme file"
printf '%%\n1\tfood\n2\tunused\n%%\nbread\t1\n' >"$T/empty.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/empty.dic" "$T/emptyd"
expect_in "$T/err" "empty.dic:3: category 'unused' has no entries: no theme file"

# The same entry twice in one category (a LIWC category number repeated, a
# YAML key given twice) is written once: twice, vp-tag --check called the
# imported set's second copy a repeat.
printf '%%\n1\tfood\n%%\nmeal*\t1 1\nbread\t1\n' >"$T/dup.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/dup.dic" "$T/dupd"
[ "$(grep -cx 'meal\*' "$T/dupd/food.txt")" = 1 ] || { cat "$T/dupd/food.txt"; fail "LIWC duplicate"; }
printf 'food:\n  - bread\nfood:\n  - bread\n  - jam\n' >"$T/dup.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/dup.yaml" "$T/dupy"
[ "$(grep -cx bread "$T/dupy/food.txt")" = 1 ] || { cat "$T/dupy/food.txt"; fail "YAML duplicate"; }
grep -qx jam "$T/dupy/food.txt" || fail "second YAML key's entries"
expect_exit 0 vp-tag --lexicon "$T/dupy" --check

# A block scalar is not read: named, not imported; a flow mapping's keys are
# sub-themes (the text "{waiting: [wait]}" was imported as an entry; then it
# was named and not imported: lexicon-names-flow.sh reads them).
printf 'access: {waiting: [wait]}\nstaff: |\n  kind\nfood:\n  - bread\n' >"$T/map.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/map.yaml" "$T/map"
grep -qx wait "$T/map/access/waiting.txt" || fail "a flow mapping's key"
expect_in "$T/err" "map.yaml:2: '|' (staff): a block scalar"
[ ! -e "$T/map/access.txt" ] || { cat "$T/map/access.txt"; fail "a flow mapping imported as an entry"; }
# Words of an entry parted by a TAB or by several spaces are one phrase to
# vp-tag: exported as one phrase (LIWC's TAB ends an entry: "car<TAB>park"
# was written as the entry "car" with a category "park"), and a gap parted so
# is a gap, named and not exported.
mkdir -p "$T/tabs" || fail "mkdir"
printf 'car\tpark\nwaited\t?\thours\nbus  stop\n' >"$T/tabs/transport.txt"
expect_exit 0 vp-lexicon export --to liwc "$T/tabs"
grep -qx "$(printf 'car park\t1')" "$T/out" || { cat -A "$T/out"; fail "liwc export of a TAB-parted phrase"; }
grep -qx "$(printf 'bus stop\t1')" "$T/out" || { cat -A "$T/out"; fail "liwc export of a spaced phrase"; }
expect_not_in "$T/out" "waited"
expect_in "$T/err" "'waited ? hours' (transport): a '?' gap has no equivalent"
expect_exit 0 vp-lexicon export --to yaml "$T/tabs"
expect_in "$T/out" '- "car park"'
# LIWC lists an entry's category numbers TAB-separated (readers such as
# liwc-python split the line on TABs: "happy<TAB>1 3" was written, and read
# as one category "1 3"), so LIWC -> set -> LIWC gives the file back.
expect_exit 0 vp-lexicon import --from liwc "$D/multi.dic" "$T/multi"
expect_exit 0 vp-lexicon export --to liwc "$T/multi"
cmp -s "$T/out" "$D/multi.dic" || { diff "$D/multi.dic" "$T/out" | cat -A; fail "liwc numbers TAB-separated"; }
# Category numbers are numbers: "01" in the header or an entry is 1 (every
# entry of zeros.dic was lost as "category '01' is not in the header").
expect_exit 0 vp-lexicon import --from liwc "$D/zeros.dic" "$T/zeros"
expect_not_in "$T/err" "not in the header"
grep -qx he "$T/zeros/funct.txt" && grep -qx the "$T/zeros/funct.txt" || { cat "$T/zeros/funct.txt"; fail "leading zeros"; }
grep -qx he "$T/zeros/pronoun.txt" && grep -qx it "$T/zeros/pronoun.txt" || fail "leading zeros (pronoun)"
printf '%%\n1\ta\n01\tb\n%%\nx\t1\n' >"$T/z2.dic"
expect_exit 65 vp-lexicon import --from liwc "$T/z2.dic" "$T/z2"
expect_in "$T/err" "z2.dic:3: category number 01 is used twice (line 2: a)"
# A header whose closing '%' is missing: the first entry line is named (it
# was "no '%' ... '%' category header" at the file's last line).
expect_exit 65 vp-lexicon import --from liwc "$D/unclosed.dic" "$T/unclosed"
expect_in "$T/err" "unclosed.dic:4: 'happy' is not a category number (is the '%' that ends the header missing?)"

# A YAML quoted scalar that does not end on its line is an error naming it
# (the entry '"wait' was imported, quote and all).
printf 'access:\n  - "wait\n  - queue\n' >"$T/uq.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/uq.yaml" "$T/uq"
expect_in "$T/err" "uq.yaml:2: a quoted scalar that does not end on its line"
[ ! -e "$T/uq" ] || fail "an unterminated quote wrote files"
# A key inside a list ("- taxes:") is a sub-theme: it was imported as the
# entry "taxes:", and its own items as the outer key's.
expect_exit 0 vp-lexicon import --from yaml "$D/listkeys.yaml" "$T/lk"
printf '%s\n' "# economy: imported from $D/listkeys.yaml (quanteda YAML)" jobs growth >"$T/want"
cmp -s "$T/lk/economy.txt" "$T/want" || { diff "$T/want" "$T/lk/economy.txt"; fail "a key inside a list"; }
grep -qx vat "$T/lk/economy/taxes.txt" && grep -qx duty "$T/lk/economy/taxes.txt" || fail "a list key's items"
grep -qx roads "$T/lk/economy/spending.txt" || fail "a list key's flow list"
expect_exit 0 vp-tag --lexicon "$T/lk" --check
# A list item that belongs to no list -- after a key whose value is on its
# line, or beside a sub-key's deeper list -- is an error naming it (it was
# added to the key above without a word).
printf 'health:\n  waiting: [wait, queue]\n  - orphan\n' >"$T/mi1.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/mi1.yaml" "$T/mi1"
expect_in "$T/err" "mi1.yaml:3: a list item under 'health/waiting', whose value is on line 2"
printf 'health:\n  nhs:\n    - doctor\n  - orphan\n' >"$T/mi2.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/mi2.yaml" "$T/mi2"
expect_in "$T/err" "mi2.yaml:4: a list item indented 2, but the items of 'health/nhs' are indented 4 (line 3)"
# quanteda's compact form (items as far in as their key) is still a list
printf 'opposition:\n  Labour:\n  - Labour\n  - Corbyn\n  Tory:\n  - Tory\n' >"$T/compact.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/compact.yaml" "$T/compact"
grep -qx Corbyn "$T/compact/opposition/Labour.txt" && grep -qx Tory "$T/compact/opposition/Tory.txt" || fail "compact YAML"
# quanteda's as.yaml writes the entries of a key that also has sub-keys
# under a key "__": they are that key's own (a theme "access/__" was made).
expect_exit 0 vp-lexicon import --from yaml "$D/quanteda-own.yaml" "$T/qo"
grep -qx 'access to care' "$T/qo/access.txt" || { find "$T/qo"; fail "quanteda's __ key"; }
[ ! -e "$T/qo/access/__.txt" ] || fail "a theme named __"
grep -qx queue "$T/qo/access/waiting.txt" && grep -qx bus "$T/qo/transport.txt" || fail "beside a __ key"
expect_not_in "$T/err" "could not be expressed"
# check: a word list saved with a BOM (Notepad, Excel) -- its first word was
# read with the BOM glued on, so an entry of that very word "also matched"
# it ("'train' (stem 'train') also matches <BOM>train").
mkdir -p "$T/bw"
printf 'train\n' >"$T/bw/a.txt"
printf '\357\273\277train\r\ntrains\r\n' >"$T/bomwords"
expect_exit 0 vp-lexicon check "$T/bw" --words "$T/bomwords"
expect_not_in "$T/out" "also matches"
expect_in "$T/err" "0 stem collisions"

# A flow list wrapped over several lines, as PyYAML writes a long one
# (yaml.dump, default_flow_style=None) and people write by hand: its items
# are read up to the ']' (it was 'a flow list that does not end on its
# line', then 65 at the next line).
printf '%s\n' 'access: [wait, queue, long wait, "waiting list",  # the common ones' \
	'  physio, appointment,' '  delay]' 'staff: [nurse]' >"$T/wrap.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/wrap.yaml" "$T/wrap"
printf '%s\n' "# access: imported from $T/wrap.yaml (quanteda YAML)" wait queue 'long wait' \
	'waiting list' physio appointment delay >"$T/want"
cmp -s "$T/wrap/access.txt" "$T/want" || { diff "$T/want" "$T/wrap/access.txt"; fail "a wrapped flow list"; }
grep -qx nurse "$T/wrap/staff.txt" || fail "the key after a wrapped flow list"
expect_not_in "$T/err" "could not be expressed"
# ... and one that never ends is an error naming the line it opened on.
printf 'access: [wait,\n  queue\nstaff: [nurse]\n' >"$T/open.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/open.yaml" "$T/open"
expect_in "$T/err" "open.yaml:1: a flow list or mapping whose ']' or '}' never comes"
[ ! -e "$T/open" ] || fail "an unended flow list wrote files"

# A '*' that is a whole word of a phrase matches any one word in quanteda's
# glob patterns (as a LIWC or quanteda user writes "waited * hours"): it is
# voxpop's '?' gap, both ways (it was reported and not imported, and a gap
# not exported to YAML). LIWC has no such word: a gap is still named there.
printf 'access:\n  - "waited * hours"\n  - "* miles"\n  - "*"\n' >"$T/gap.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/gap.yaml" "$T/gap"
grep -qx 'waited ? hours' "$T/gap/access.txt" || { cat "$T/gap/access.txt"; fail "'*' word imported as a gap"; }
grep -qx '? miles' "$T/gap/access.txt" || { cat "$T/gap/access.txt"; fail "'* miles' imported as a gap"; }
expect_in "$T/err" "gap.yaml:4: '*' (access):"
expect_in "$T/err" "1 item of $T/gap.yaml could not be expressed"
expect_exit 0 vp-tag --lexicon "$T/gap" --check
expect_exit 0 vp-lexicon export --to yaml "$T/gap"
expect_in "$T/out" '- "waited * hours"'
expect_in "$T/out" '- "* miles"'
expect_not_in "$T/err" "could not be expressed"
cp "$T/out" "$T/gap2.yaml" || fail "cp"
expect_exit 0 vp-lexicon import --from yaml "$T/gap2.yaml" "$T/gap2"
grep -qx 'waited ? hours' "$T/gap2/access.txt" || fail "set -> yaml -> set lost a gap"
expect_exit 0 vp-lexicon export --to liwc "$T/gap"
expect_in "$T/err" "'waited ? hours' (access): a '?' gap has no equivalent"

# A YAML directive before the document's '---' ("%YAML 1.2", as some
# writers start a file) is not a key (it was 65, "expected 'key:'").
printf '%%YAML 1.2\n---\naccess:\n  - wait\n...\n' >"$T/dir.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/dir.yaml" "$T/dir"
grep -qx wait "$T/dir/access.txt" || fail "a YAML directive"

exit 0
