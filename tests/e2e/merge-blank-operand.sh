#!/bin/sh
# vp-merge: every operand must hold a document.  An empty file is refused
# ("empty file", 65), but a file of nothing but white space or a byte order
# mark -- a part whose job wrote only a newline -- and an empty stdin beside
# other files ('... | vp-merge base.json -' when every mapper upstream
# failed) were passed over: the merge wrote the other documents' counts,
# exit 0, a part missing without a word.  Now each is refused (65), naming
# the operand.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"
printf '%s\n' '{"id":"1","locality":"A","text":"x","themes":[{"theme":"t","hits":["x"]}]}' |
	vp-count > a.json || fail "vp-count"
printf '\n  \n' > blank.json
printf '\357\273\277\n' > bom.json
for f in blank.json bom.json; do
	expect_exit 65 vp-merge a.json "$f"
	expect_in "$T/err" "vp-merge: $f: no vp-count document in it"
	expect_exit 65 vp-merge "$f" a.json
	expect_in "$T/err" "vp-merge: $f: no vp-count document in it"
done
printf '\n' > nl
expect_exit 65 sh -c 'vp-merge a.json - < nl'
expect_in "$T/err" "vp-merge: -: no vp-count document in it"
expect_exit 65 sh -c 'vp-merge a.json - < /dev/null'
expect_in "$T/err" "vp-merge: -: no vp-count document in it"
# alone, as before: nothing to merge
expect_exit 65 sh -c 'vp-merge < /dev/null'
expect_in "$T/err" "vp-merge: no vp-count documents to merge"
expect_exit 65 vp-merge blank.json
expect_in "$T/err" "vp-merge: no vp-count documents to merge"
# documents as before: stdin of several, and a file of one
cat a.json a.json > two.json
expect_exit 0 sh -c 'vp-merge - < two.json'
expect_in "$T/out" '"records": 2,'
exit 0
