#!/bin/sh
# The filter stages' output, byte for byte, on the committed sample inputs:
# tests/data/golden/run.sh's every run (stdout by SHA-256, stderr and exit
# status in full) against tests/data/golden/expected/, made by the stages
# before the record-filter driver, so refactoring keeps output identical.
. "$VP_ROOT/tests/lib.sh"
G=$VP_ROOT/tests/data/golden
sh "$G/run.sh" "$VP_BIN" "$T/got" || fail "run.sh failed"
for f in "$G"/expected/*.err; do
	n=$(basename "$f")
	cmp -s "$f" "$T/got/$n" || { diff "$f" "$T/got/$n" >&2; fail "$n differs"; }
done
[ "$(ls "$G"/expected/*.err | wc -l)" = "$(ls "$T"/got/*.err | wc -l)" ] || fail "runs differ"
cmp -s "$G/expected/SHA256SUMS" "$T/got/SHA256SUMS" ||
	{ diff "$G/expected/SHA256SUMS" "$T/got/SHA256SUMS" >&2; fail "outputs differ"; }
exit 0
