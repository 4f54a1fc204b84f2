#!/bin/sh
# make demo's script runs the whole pipeline on corpora/ and prints a table.
. "$VP_ROOT/tests/lib.sh"
for s in vp-normalise vp-tag vp-count; do
	[ -x "$VP_BIN/$s" ] || skip "$s not built"
done
sh "$VP_ROOT/corpora/demo.sh" "$VP_BIN" >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "demo failed"; }
expect_in "$T/err" 'voxpop demo: 540 records'
if [ -x "$VP_BIN/vp-report" ]; then
	expect_in "$T/out" '| All records |'
	expect_in "$T/out" '| transport |'
else
	expect_in "$T/out" '"records": 540'
fi
