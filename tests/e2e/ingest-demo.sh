#!/bin/sh
# make demo's script runs the whole pipeline on corpora/ and prints counts and a table.
. "$VP_ROOT/tests/lib.sh"
sh "$VP_ROOT/corpora/demo.sh" "$VP_BIN" >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "demo failed"; }
expect_in "$T/err" 'voxpop demo: 540 records'
expect_in "$T/out" '"records": 540'
expect_in "$T/out" '| All records |'
expect_in "$T/out" '| transport |'
expect_in "$T/out" 'East Leicestershire and Rutland'
# Messy values were resolved: no raw postcode or abbreviation becomes a column.
expect_not_in "$T/out" '| LE13 0AB |'
expect_not_in "$T/out" 'LE1 5WW'
