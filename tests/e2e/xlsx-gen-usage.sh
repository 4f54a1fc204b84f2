#!/bin/sh
# The test tool xlsx-gen: --help / -h print the usage (exit 0), an unknown
# option is a usage error (64); neither writes fixtures into a directory
# named after the option.
. "$VP_ROOT/tests/lib.sh"
GEN=$VP_TOOLS/xlsx-gen
[ -x "$GEN" ] || fail "no $GEN"
cd "$T" || fail "cd $T"
for h in --help -h; do
	expect_exit 0 "$GEN" "$h"
	expect_in "$T/out" "usage: xlsx-gen DIR [NAME...]"
	[ ! -e "$T/$h" ] || fail "xlsx-gen $h made $T/$h"
done
expect_exit 64 "$GEN" --frobnicate
expect_in "$T/err" "xlsx-gen: unknown option '--frobnicate'"
[ ! -e "$T/--frobnicate" ] || fail "xlsx-gen --frobnicate made a directory"
expect_exit 64 "$GEN" --bench
expect_exit 64 "$GEN"
# still: fixtures into DIR
mkdir d && expect_exit 0 "$GEN" d basic.xlsx
[ -s d/basic.xlsx ] || fail "no d/basic.xlsx"
exit 0
