#!/bin/sh
# The lexicon fingerprint end to end: vp-tag writes its set's into every
# record, vp-count into its document; records tagged with two lexicon sets
# (January's, and February's after an edit) are not counted together, nor
# their documents merged -- both refused with exit 65 naming both
# fingerprints -- while records and documents of one set (wherever it is)
# count and merge as before, vp-merge --part and vp-run included.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"

# Two tiny sets: February's is January's with one entry added.
mkdir -p jan/transport
printf 'car park\nparking\n' >jan/transport/parking.txt
printf '# people\nrude\n' >jan/staff.txt
cp -R jan feb
echo 'bus' >>feb/transport/parking.txt
mkdir -p copy/of
cp -R jan copy/of/jan
FJ=$(vp-tag --fingerprint --lexicon jan) || fail "--fingerprint"
FF=$(vp-tag --fingerprint --lexicon feb) || fail "--fingerprint"
[ "$FJ" != "$FF" ] || fail "two sets, one fingerprint"
[ "$(vp-tag --fingerprint --lexicon "$T/copy/of/jan")" = "$FJ" ] || fail "a copy elsewhere differs"

printf '%s\n' '{"id":"1","locality":"A","text":"The car park was full"}' \
	'{"id":"2","locality":"B","text":"Rude staff and no parking"}' \
	'{"id":"3","locality":"A","text":"The bus was late"}' >jan.ndjson
printf '%s\n' '{"id":"4","locality":"A","text":"Parking was easy"}' \
	'{"id":"5","locality":"B","text":"The bus driver was rude"}' >feb.ndjson
vp-normalise jan.ndjson >jan.norm && vp-normalise feb.ndjson >feb.norm || fail "normalise"
vp-tag --lexicon jan jan.norm >jan.tagged || fail "tag jan"
vp-tag --lexicon feb feb.norm >feb.tagged || fail "tag feb"
vp-tag --lexicon copy/of/jan feb.norm >feb-jan.tagged || fail "tag feb with jan's"

# vp-count: the document carries the records' lexicon, after "level".
expect_exit 0 vp-count jan.tagged
expect_in "$T/out" "\"level\": \"locality\",
  \"lexicon\": \"$FJ\","
mv "$T/out" jan.json
vp-count feb.tagged >feb.json || fail "count feb"
vp-count feb-jan.tagged >feb-jan.json || fail "count feb-jan"

# Records of two lexicons: 65, naming both fingerprints and the lines where
# each was first seen; --skip-bad does not pick one.
expect_exit 65 vp-count jan.tagged feb.tagged
expect_in "$T/err" "vp-count: feb.tagged:1: tagged with lexicon $FF; jan.tagged:1 with $FJ -- tag them all with the same lexicons"
[ ! -s "$T/out" ] || fail "a document of two lexicons"
expect_exit 65 vp-count --skip-bad jan.tagged feb.tagged
expect_in "$T/err" "vp-count: feb.tagged:1: tagged with lexicon $FF; jan.tagged:1 with $FJ"
expect_exit 65 sh -c 'cat jan.tagged feb.tagged | vp-count'
expect_in "$T/err" "vp-count: -:4: tagged with lexicon $FF; -:1 with $FJ"
# the first record rejected (--skip-bad): the first counted names the lexicon
{ echo '{"id":"0","themes":"x"}'; cat jan.tagged feb.tagged; } >skip.ndjson
expect_exit 65 vp-count --skip-bad skip.ndjson
expect_in "$T/err" "vp-count: skip.ndjson:5: tagged with lexicon $FF; skip.ndjson:2 with $FJ"

# Records without one (a tagger of one's own): a document without, as
# before; mixed with vp-tag's records, 65 either way round (the figures
# would mix provenance).
sed 's/,"lexicon":"[0-9a-f]*"//' feb.tagged >own.ndjson
expect_exit 0 vp-count own.ndjson
expect_not_in "$T/out" '"lexicon"'
mv "$T/out" own.json
expect_exit 65 vp-count jan.tagged own.ndjson
expect_in "$T/err" "vp-count: own.ndjson:1: tagged with no \"lexicon\" (not tagged by vp-tag, or by an older one); jan.tagged:1 with $FJ -- tag them all with the same lexicons"
expect_exit 65 vp-count own.ndjson jan.tagged
expect_in "$T/err" "vp-count: jan.tagged:1: tagged with lexicon $FJ; own.ndjson:1 with none (not tagged by vp-tag, or by an older one) -- tag them all with the same lexicons"
# a "lexicon" that is no fingerprint is a bad record
sed '2s/"lexicon":"[0-9a-f]*"/"lexicon":"January"/' jan.tagged >badlex.ndjson
expect_exit 65 vp-count badlex.ndjson
expect_in "$T/err" 'vp-count: badlex.ndjson:2: "lexicon" is not a lexicon fingerprint (16 lower-case hex digits, as vp-tag writes it)'
expect_exit 0 vp-count --skip-bad badlex.ndjson
expect_in "$T/out" "\"lexicon\": \"$FJ\""

# vp-merge: documents of one set (tagged from two directories) merge as
# counting them together, the result carrying it; of two sets, 65 naming
# both files and both fingerprints.
vp-count jan.tagged feb-jan.tagged >together.json || fail "count together"
expect_exit 0 vp-merge jan.json feb-jan.json
cmp -s "$T/out" together.json || { diff together.json "$T/out" >&2; fail "merge differs from counting together"; }
expect_exit 65 vp-merge jan.json feb.json
expect_in "$T/err" "vp-merge: feb.json: counted with lexicon $FF; jan.json with $FJ -- tag both with the same lexicons"
[ ! -s "$T/out" ] || fail "a merge of two lexicons"
expect_exit 65 sh -c 'cat jan.json feb.json | vp-merge'
expect_in "$T/err" "vp-merge: -:$(($(wc -l <jan.json) + 1)): counted with lexicon $FF; - with $FJ"
expect_exit 65 vp-merge jan.json own.json
expect_in "$T/err" "vp-merge: own.json: counted with no \"lexicon\" (its records not tagged by vp-tag, or by an older one); jan.json with $FJ -- tag both with the same lexicons"
expect_exit 65 vp-merge own.json feb.json
expect_in "$T/err" "vp-merge: feb.json: counted with lexicon $FF; own.json with none (its records not tagged by vp-tag, or by an older one) -- tag both with the same lexicons"
# a document of no records (an empty split) has none and takes any
vp-count </dev/null >empty.json 2>/dev/null || fail "count nothing"
expect_not_in empty.json '"lexicon"'
cp empty.json empty2.json
expect_exit 0 vp-merge empty.json jan.json empty2.json
cmp -s "$T/out" jan.json || fail "an empty split changed the merge"
expect_exit 0 vp-merge empty.json own.json
expect_not_in "$T/out" '"lexicon"'
# an edited document's "lexicon" that is no fingerprint: refused
sed "s/\"lexicon\": \"$FJ\"/\"lexicon\": 7/" jan.json >edited.json
expect_exit 65 vp-merge edited.json
expect_in "$T/err" 'vp-merge: edited.json: bad "lexicon": not a lexicon fingerprint'
# --part: a node of a tree of reducers passes it on
vp-count --part --compact jan.tagged >p1.json && vp-count --part --compact feb-jan.tagged >p2.json || fail "parts"
vp-merge --part p1.json >n1.json && vp-merge --part p2.json >n2.json || fail "merge --part"
expect_in n1.json "\"lexicon\": \"$FJ\""
expect_exit 0 vp-merge n1.json n2.json
cmp -s "$T/out" together.json || fail "a tree of reducers differs from counting together"
vp-count --part --compact feb.tagged >p3.json || fail "part feb"
expect_exit 65 vp-merge --part p1.json p3.json
expect_in "$T/err" "vp-merge: p3.json: counted with lexicon $FF; p1.json with $FJ"

# vp-report reads documents that carry it and says which lexicons tagged
# them; two periods of two sets are compared with a note that says so.
expect_exit 0 vp-report --format markdown jan.json
expect_in "$T/out" "Lexicons: the records were tagged with lexicon set $FJ"
expect_exit 0 vp-report --format markdown own.json
expect_not_in "$T/out" "Lexicons:"
expect_exit 0 vp-report --format csv --compare jan.json feb.json
expect_in "$T/out" "Lexicons: before $FJ, after $FF: the two periods were not tagged with one lexicon set"
expect_exit 0 vp-report --format html --compare own.json jan.json
expect_in "$T/out" "Lexicons: before none, after $FJ"
expect_exit 0 vp-report --format csv --compare jan.json together.json
expect_in "$T/out" "Lexicons: both periods tagged with lexicon set $FJ"

# vp-run writes the chain's document, the lexicon too -- also for records
# that come tagged with another set (vp-tag replaces it) and for none.
for lex in jan feb; do
	for in in jan.ndjson feb.tagged; do
		vp-ingest "$in" | vp-normalise | vp-tag --lexicon $lex | vp-count >chain.json || fail "chain $lex $in"
		for j in 1 2; do
			vp-run --jobs $j --lexicon $lex "$in" >run.json || fail "vp-run --lexicon $lex $in"
			cmp -s chain.json run.json || { diff chain.json run.json >&2; fail "vp-run --jobs $j --lexicon $lex $in differs from the chain"; }
		done
	done
done
expect_in run.json "\"lexicon\": \"$FF\""
: >none.ndjson
vp-ingest none.ndjson 2>/dev/null | vp-normalise | vp-tag --lexicon jan | vp-count >chain.json || fail "chain of nothing"
vp-run --lexicon jan none.ndjson >run.json 2>/dev/null || fail "vp-run of nothing"
cmp -s chain.json run.json || fail "vp-run of nothing differs from the chain"
expect_not_in run.json '"lexicon"'
# vp-sentiment finds each theme's clauses with its own --lexicon: records
# tagged with another set would get each theme's sentiment silently wrong
# (a theme it does not find takes the record's label), so it refuses them
# at once, naming both; --skip-bad does not skip a whole stream's lexicon.
expect_exit 0 vp-sentiment --lexicon jan jan.tagged
expect_in "$T/out" '"theme":"staff","hits":["rude"],"sentiment":{"label":"negative"'
expect_exit 0 vp-sentiment --lexicon copy/of/jan jan.tagged
expect_exit 65 vp-sentiment --lexicon jan feb.tagged
expect_in "$T/err" "vp-sentiment: feb.tagged:1: tagged with lexicon $FF, but --lexicon jan is $FJ -- give vp-sentiment the lexicon vp-tag used"
[ ! -s "$T/out" ] || fail "vp-sentiment wrote records of another lexicon"
cat jan.tagged feb.tagged >mixed.tagged
expect_exit 65 vp-sentiment --skip-bad --lexicon jan mixed.tagged
expect_in "$T/err" "vp-sentiment: mixed.tagged:4: tagged with lexicon $FF, but --lexicon jan is $FJ"
[ "$(wc -l <"$T/out")" = 3 ] || fail "vp-sentiment: the records before the other lexicon's"
# the default set named as such
expect_exit 65 vp-sentiment jan.tagged
expect_in "$T/err" "vp-sentiment: jan.tagged:1: tagged with lexicon $FJ, but the default lexicon set (lexicons/engagement) is $(vp-tag --fingerprint)"
# records without one (a stage of the user's own) are read as before
expect_exit 0 vp-sentiment --lexicon jan own.ndjson
# one that is no fingerprint is a bad record, as vp-count says
expect_exit 65 vp-sentiment --lexicon jan badlex.ndjson
expect_in "$T/err" 'vp-sentiment: badlex.ndjson:2: "lexicon" is not a lexicon fingerprint (16 lower-case hex digits, as vp-tag writes it)'
expect_exit 0 vp-sentiment --skip-bad --lexicon jan badlex.ndjson
[ "$(wc -l <"$T/out")" = 2 ] || fail "vp-sentiment --skip-bad: not the two good records"
sed '1s/"lexicon":"[0-9a-f]*"/"lexicon":null/' jan.tagged >nulllex.ndjson
expect_exit 0 vp-sentiment --lexicon jan nulllex.ndjson
# The stemmer decides which words an entry matches, so a set loaded with
# another one (vp-tag --lang) has another fingerprint, and records tagged
# both ways are not added up; "en" and "eng" are libstemmer's names for
# English, which keeps the value it had.
[ "$(vp-tag --fingerprint --lang en --lexicon jan)" = "$FJ" ] || fail "--lang en changed the fingerprint"
[ "$(vp-tag --fingerprint --lang eng --lexicon jan)" = "$FJ" ] || fail "--lang eng changed the fingerprint"
FP=$(vp-tag --fingerprint --lang porter --lexicon jan) || fail "--fingerprint --lang porter"
[ "$FP" != "$FJ" ] || fail "the porter stemmer, one fingerprint with English"
vp-tag --lang porter --lexicon jan feb.norm >feb-porter.tagged || fail "tag with porter"
expect_exit 65 vp-count jan.tagged feb-porter.tagged
expect_in "$T/err" "vp-count: feb-porter.tagged:1: tagged with lexicon $FP; jan.tagged:1 with $FJ"
expect_exit 65 vp-sentiment --lang porter --lexicon jan jan.tagged
expect_in "$T/err" "vp-sentiment: jan.tagged:1: tagged with lexicon $FJ, but --lexicon jan with --lang porter is $FP"
exit 0
