#!/bin/sh
# make demo's script runs the whole pipeline on corpora/, writes the records
# and counts to files, lists them and ends with the table (not the JSON).
. "$VP_ROOT/tests/lib.sh"
sh "$VP_ROOT/corpora/demo.sh" "$VP_BIN" "$T/demo" >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "demo failed"; }
expect_in "$T/err" 'voxpop demo: 540 records'
expect_in "$T/demo/counts.json" '"records": 540'
expect_in "$T/out" '540 records counted, 0 rejected'
expect_in "$T/out" '| All records |'
expect_in "$T/out" '| Transport and location |'   # the lexicon's @label
expect_in "$T/out" 'East Leicestershire and Rutland'
expect_not_in "$T/out" '"localities"'
[ "$(wc -l < "$T/out")" -lt 64 ] || fail "demo output is $(wc -l < "$T/out") lines, want a short listing and the table"
expect_in "$T/out" 'Columns: locality'
tail -n 1 "$T/out" | grep -q "Holm's correction" || { tail -n 3 "$T/out"; fail "demo does not end with the table and its notes"; }
# Messy values were resolved: no raw postcode or abbreviation becomes a column.
expect_not_in "$T/out" '| LE13 0AB |'
expect_not_in "$T/out" 'LE1 5WW'
