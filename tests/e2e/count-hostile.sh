#!/bin/sh
# Issue 16 (hostile-input audit) reproducers for vp-count, vp-merge and the
# record reader: #8 line length, #11 untagged records, #12 NUL in strings,
# #13 vp-merge validation, #14 impossible dates under --by month.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data/count

# #8: a line longer than --max-line is a 65 naming file:line; with
# --skip-bad it is rejected and the next line is read.
{ head -n 2 "$D/tagged.ndjson"
  awk 'BEGIN { s = "{\"id\":\"long\",\"themes\":[],\"text\":\""; for (i = 0; i < 3000; i++) s = s "xxxxxxxxxx"; print s "\"}" }'
  tail -n 6 "$D/tagged.ndjson"; } >"$T/long.ndjson"
expect_exit 65 vp-count --max-line 1000 "$T/long.ndjson"
expect_in "$T/err" "vp-count: $T/long.ndjson:3: line longer than 1000 bytes"
expect_exit 0 vp-count --max-line 1000 --skip-bad "$T/long.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"records":8,"rejected":1'
expect_in "$T/err" ":3: line longer than 1000 bytes"
expect_exit 0 vp-count "$T/long.ndjson"        # 30 kB is far below the default
expect_exit 64 vp-count --max-line 0 "$T/long.ndjson"
# every record filter has the option (the driver's)
for s in vp-normalise vp-tag vp-locate; do
	expect_exit 65 $s --max-line 1000 "$T/long.ndjson"
	expect_in "$T/err" "$s: $T/long.ndjson:3: line longer than 1000 bytes"
done

# #11: a record that never went through vp-tag (no "themes") is an error.
{ head -n 2 "$D/tagged.ndjson"; echo '{"id":"raw","text":"never tagged"}'; } >"$T/raw.ndjson"
expect_exit 65 vp-count "$T/raw.ndjson"
expect_in "$T/err" "vp-count: $T/raw.ndjson:3: no \"themes\": run vp-tag first"
expect_exit 0 vp-count --skip-bad "$T/raw.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"records":2,"rejected":1'
# "themes": null is no themes either; [] is a tagged record with none
echo '{"id":"n","themes":null}' >"$T/null.ndjson"
expect_exit 65 vp-count "$T/null.ndjson"
echo '{"id":"n","themes":[]}' >"$T/empty.ndjson"
expect_exit 0 vp-count "$T/empty.ndjson"

# #12: \u0000 inside id, locality or theme is rejected, never cut.
for rec in '{"id":"a","locality":"Leic\u0000ester","themes":[]}' \
           '{"id":"a","themes":[{"theme":"tra\u0000nsport"}]}' \
           '{"id":"a\u0000b","text":"x","themes":[{"theme":"transport"}]}'; do
	echo "$rec" >"$T/nul.ndjson"
	expect_exit 65 vp-count --quotes 1 "$T/nul.ndjson"
	expect_in "$T/err" "$T/nul.ndjson:1: "
	expect_in "$T/err" "NUL"
	expect_exit 0 vp-count --quotes 1 --skip-bad "$T/nul.ndjson"
	tr -d ' \n' <"$T/out" >"$T/flat"
	expect_in "$T/flat" '"records":0,"rejected":1'
done
echo '{"id":"a","locality":"Leic\u0000ester","themes":[]}' >"$T/nul.ndjson"
expect_exit 65 vp-count --by locality "$T/nul.ndjson"

# #14: impossible dates are Unassigned under --by month / year.
for d in 2026-13-01 0000-00-00 2026-02-30 2026-13 0000-00 2026-00-10; do
	echo "{\"id\":\"d\",\"date\":\"$d\",\"themes\":[]}"
done >"$T/dates.ndjson"
echo '{"id":"ok","date":"2024-02-29","themes":[]}' >>"$T/dates.ndjson"
expect_exit 0 vp-count --by month "$T/dates.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"groups":{"2024-02":{"records":1,'
expect_in "$T/flat" '"Unassigned":{"records":6,'
expect_not_in "$T/flat" '2026-13'
expect_not_in "$T/flat" '0000'
expect_exit 0 vp-count --by year "$T/dates.ndjson"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"Unassigned":{"records":6,'

# #13: vp-merge validates documents.
doc() { # doc GROUP_RECORDS THEME_RECORDS TOTAL_RECORDS
	printf '{"level":"locality","localities":{"A":{"records":%s,"themes":{"t":{"records":%s,"share":1}},"untagged":0}},"records":%s,"rejected":0,"total":{"records":%s,"themes":{"t":{"records":%s,"share":1}},"untagged":0}}\n' "$1" "$2" "$3" "$3" "$2"
}
doc 17 5 17 >"$T/good.json"
doc 17 50 17 >"$T/over.json"
expect_exit 65 vp-merge "$T/over.json"
expect_in "$T/err" "vp-merge: $T/over.json: A: theme \"t\" has more records (50) than its group (17)"
doc 0 1 0 >"$T/zero.json"
expect_exit 65 vp-merge "$T/zero.json"
expect_not_in "$T/err" "out of memory"
doc 9223372036854775807 5 9223372036854775807 >"$T/big.json"
cp "$T/big.json" "$T/big2.json"  # (the same file twice is refused before any sum)
expect_exit 65 vp-merge "$T/big.json" "$T/big2.json"
expect_in "$T/err" "too large"
doc 17 -1 17 >"$T/neg.json"
expect_exit 65 vp-merge "$T/neg.json"
# an error in the second document of a stream names it and its line
{ doc 17 5 17; doc 17 50 17; } >"$T/two.json"
expect_exit 65 vp-merge "$T/two.json"
expect_in "$T/err" "vp-merge: $T/two.json:2: A: theme \"t\" has more records (50) than its group (17)"
{ doc 17 5 17; printf '{\n"level":\n'; } >"$T/trunc.json"
expect_exit 65 vp-merge "$T/trunc.json"
expect_in "$T/err" "vp-merge: $T/trunc.json:4: not JSON: unexpected token near end of file"
# shares are recomputed from the counts, not copied
sed 's/"share":1/"share":0.9/g' "$T/good.json" >"$T/share.json"
expect_exit 0 vp-merge "$T/share.json"
tr -d ' \n' <"$T/out" >"$T/flat"
expect_in "$T/flat" '"share":0.2941'
exit 0
