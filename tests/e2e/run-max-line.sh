#!/bin/sh
# vp-run --max-line N refuses the records the chain
# vp-ingest --max-line N | [vp-redact --max-line N |] [vp-locate --max-line N |]
# vp-normalise --max-line N | vp-tag --max-line N | vp-count --max-line N
# refuses, at the same byte: a row whose record is too long only with the
# other columns in "fields" (vp-ingest's default, which vp-run does not
# build), a record its "tokens" (and "lang") take past the limit, which
# vp-normalise refuses, and one its "themes" take past it, which vp-tag
# refuses (vp-run counted all three).  Table rows (vp-run's parts), NDJSON
# lines, and lines through --locate and --redact.
. "$VP_ROOT/tests/lib.sh"
cd "$T" || fail "cd"

# chain_vs_run MAX INGEST-ARGS [RUN-OPTS PRE POST]: the same exit status, the same
# document when both succeed, the same message (but the program's name and
# where it is: the chain's vp-normalise names its stdin's line, vp-run the
# record's id) when both fail.  PRE: stages before vp-normalise, POST: one
# after vp-tag, each given --max-line MAX.
chain_vs_run() {
	max=$1 args=$2 ropts=${3:-} pre=${4:-} post=${5:-}
	chain="vp-ingest --max-line $max $args"
	[ -z "$pre" ] || chain="$chain | $pre --max-line $max"
	chain="$chain | vp-normalise --max-line $max | vp-tag --max-line $max"
	[ -z "$post" ] || chain="$chain | $post --max-line $max"
	chain="$chain | vp-count --max-line $max"
	# a stage that fails for length fails the chain (the status of the
	# pipe is vp-count's)
	eval "$chain" 2>"$T/cerr" >"$T/chain"
	crc=$?
	! grep -q 'max-line' "$T/cerr" || crc=65
	for j in "--jobs 1" "--jobs 2 --batch 1"; do
		eval "vp-run $j --max-line $max $ropts $args" >"$T/run" 2>"$T/rerr"
		rrc=$?
		[ "$rrc" = "$crc" ] || { cat "$T/cerr" "$T/rerr" >&2; fail "vp-run $j --max-line $max $ropts $args: exit $rrc, the chain $crc"; }
		if [ "$crc" = 0 ]; then
			cmp -s "$T/chain" "$T/run" || { diff "$T/chain" "$T/run" | head >&2; fail "vp-run --max-line $max $args differs"; }
		else
			want=$(sed -n 's/.*: \(\(record\|line\) [wl].*max-line.*\)/\1/p' "$T/cerr")
			got=$(sed -n 's/.*: \(\(record\|line\) [wl].*max-line.*\)/\1/p' "$T/rerr")
			# two stages of the chain may each refuse a record
			# (vp-tag the first, vp-normalise the second): vp-run
			# stops at the first, with one of theirs
			[ -n "$got" ] && printf '%s\n' "$want" | grep -qxF -- "$got" || { cat "$T/cerr" "$T/rerr" >&2; fail "vp-run --max-line $max $args: message '$got', the chain's '$want'"; }
		fi
	done
}

# row 2: an ingest line of 229 bytes with "fields" (without: 158), 317 with
# its tokens and lang (without "fields": 246; through vp-locate: 334, 422)
a16="a a a a a a a a a a a a a a a a"
x40=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
printf 'id,text,other\n1,%s,%s\n2,fine,x\n' "$a16" "$x40" > toks.csv
[ "$(vp-ingest --fields all --text-col text toks.csv | head -1 | wc -c)" = 230 ] || fail "toks.csv: not the line expected"
[ "$(vp-ingest --fields all --text-col text toks.csv | vp-normalise | head -1 | wc -c)" = 318 ] || fail "toks.csv: not the tokens expected"
for max in 228 229 316 317; do
	chain_vs_run $max "--fields all --text-col text toks.csv"
done
# the chain's messages: the row too long for vp-ingest, the tokens for vp-normalise
# With --jobs > 1, the error of the first record that fails, as the chain
# says it, not of whichever worker failed first: row 2's tokens are too long
# for vp-normalise, every later row's themes (and "lexicon") for vp-tag.
{ printf 'id,text,other\n1,%s,%s\n' "$a16" "$x40"; seq 2 400 | sed 's/$/,fine,x/'; } > many.csv
for i in 1 2 3 4 5 6 7 8 9 10; do
	vp-run --jobs 2 --batch 1 --max-line 229 --fields all --text-col text many.csv 2>"$T/err" >/dev/null
	expect_in "$T/err" 'vp-run: record "many.csv:2": record with its tokens longer than 229 bytes (--max-line)'
done
vp-run --max-line 228 --fields all --text-col text toks.csv 2>"$T/err" >/dev/null
expect_in "$T/err" 'vp-run: toks.csv:2: record longer than 228 bytes (--max-line)'
vp-run --max-line 316 --fields all --text-col text toks.csv 2>"$T/err" >/dev/null
expect_in "$T/err" 'vp-run: record "toks.csv:2": record with its tokens longer than 316 bytes (--max-line)'
# --skip-bad: the row too long skipped and reported as vp-ingest does (row
# 2: 269 bytes with "fields"; row 3 235 once tagged, its "lexicon" too, so
# within the limit at every stage, as vp-run applies it)
printf 'id,text,other\n1,%s,%s\n2,fine,x\n' "$a16" "$x40$x40" > skip.csv
vp-ingest --skip-bad --max-line 240 --fields all --text-col text skip.csv 2>"$T/cerr" | vp-normalise | vp-tag | vp-count > "$T/chain"
add_ingest_rejected "$T/cerr" "$T/chain" # vp-run's "rejected" holds the row
vp-run --skip-bad --max-line 240 --fields all --text-col text skip.csv 2>"$T/rerr" > "$T/run" || fail "vp-run --skip-bad"
cmp -s "$T/chain" "$T/run" || fail "vp-run --skip-bad --max-line 240 differs from the chain"
expect_in "$T/rerr" 'skip.csv:2: record longer than 240 bytes (--max-line) (skipped)'
sed 's/^vp-ingest: //' "$T/cerr" > "$T/want"
sed 's/^vp-run: //' "$T/rerr" | cmp -s - "$T/want" || { cat "$T/cerr" "$T/rerr" >&2; fail "vp-run --skip-bad: other messages"; }
# themes: "parking" is two themes, 143 more bytes
printf 'id,text\n1,%s parking\n2,x\n' "$a16" > themes.csv
L=$(vp-ingest --text-col text themes.csv | vp-normalise | head -1 | wc -c)
M=$(vp-ingest --text-col text themes.csv | vp-normalise | vp-tag | head -1 | wc -c)
[ "$M" -gt $((L + 50)) ] || fail "themes.csv: not the themes expected"
for max in $((L - 1)) $((M - 2)) $((M - 1)); do
	chain_vs_run $max "--text-col text themes.csv"
	chain_vs_run $max "--fields none --text-col text themes.csv"
done
vp-run --max-line $((M - 2)) --text-col text themes.csv 2>"$T/err" >/dev/null
expect_in "$T/err" "vp-run: record \"themes.csv:2\": record with its themes longer than $((M - 2)) bytes (--max-line)"
vp-ingest --text-col text themes.csv > themes.ndjson
for max in $((M - 2)) $((M - 1)); do
	chain_vs_run $max themes.ndjson
done
# a record not tagged (another language): "themes": [] and "untaggable"
printf '%s\n' '{"id":"w","text":"Mae parcio yn ofnadwy yn y dref a does dim lle i barcio"}' > cy.ndjson
M=$(vp-normalise cy.ndjson | vp-tag | wc -c)
vp-normalise cy.ndjson | vp-tag | grep -q untaggable || fail "cy.ndjson: tagged"
for max in $((M - 2)) $((M - 1)); do
	chain_vs_run $max cy.ndjson
done

# given --fields, vp-ingest writes those: the same in vp-run
for max in 157 158 245 246; do
	chain_vs_run $max "--fields none --text-col text toks.csv"
done
# two text columns: each answer's record measured
printf 'id,q1,q2\n1,parking,%s\n' "$a16" > two.csv
for max in 200 230 260 300; do
	chain_vs_run $max "--text-col q1 --text-col q2 two.csv"
done

# NDJSON lines: measured as they are
vp-ingest --fields all --text-col text toks.csv > toks.ndjson
for max in 228 229 316 317; do
	chain_vs_run $max toks.ndjson
done
# through vp-locate (lines, with "fields"), and vp-redact (the masked text)
for max in 334 421 422; do
	chain_vs_run $max "--fields all --text-col text toks.csv" "--locate" "vp-locate"
done
# a record located before (its "place" since edited): vp-locate replaces
# its members in place; vp-run builds only those read after it (here
# "locality"), but measures the line with them all
vp-ingest --fields all --text-col text toks.csv | vp-locate |
	sed 's/"place":"Unassigned"/"place":"Somewhere with a far longer name"/' > located.ndjson
grep -q 'far longer' located.ndjson || fail "located.ndjson: no place to edit"
L=$(vp-locate < located.ndjson | head -1 | wc -c)
N=$(vp-locate < located.ndjson | vp-normalise | head -1 | wc -c)
for max in $((L - 2)) $((L - 1)) $((N - 2)) $((N - 1)); do
	chain_vs_run $max located.ndjson "--locate" "vp-locate"
done
printf 'id,text\n1,call 07700 900123 %s\n' "$a16" > red.csv
L=$(vp-ingest red.csv | vp-redact | vp-normalise | head -1 | wc -c)
for max in $((L - 2)) $((L - 1)); do
	chain_vs_run $max red.csv "--redact" "vp-redact"
	chain_vs_run $max "--fields none red.csv" "--redact" "vp-redact"
done
# a line vp-redact makes longer ("Al Li" is "[name]", and "redacted" is
# added): past the limit, vp-redact refuses it
printf 'id,text\n1,Dr Al Li was kind a a\n' > red3.csv
L=$(vp-ingest red3.csv | vp-redact | wc -c)
[ "$L" -gt "$(vp-ingest red3.csv | wc -c)" ] || fail "red3.csv: vp-redact made no longer line"
vp-ingest red3.csv > red3.ndjson
for max in $((L - 2)) $((L - 1)) 400; do
	chain_vs_run $max red3.csv "--redact" "vp-redact"
	chain_vs_run $max red3.ndjson "--redact" "vp-redact"
done
vp-run --redact --max-line $((L - 2)) red3.csv 2>"$T/err" >/dev/null
expect_in "$T/err" "vp-run: record \"red3.csv:2\": record written longer than $((L - 2)) bytes (--max-line)"
# --sentiment: a record vp-sentiment's labels (the record's and each
# theme's) take past the limit, which vp-sentiment refuses in the chain
# (vp-run counted it)
printf 'id,text\n1,The staff were kind but the parking was awful %s\n2,x\n' "$a16" > sent.csv
M=$(vp-ingest sent.csv | vp-normalise | vp-tag | head -1 | wc -c)
S=$(vp-ingest sent.csv | vp-normalise | vp-tag | vp-sentiment | head -1 | wc -c)
[ "$S" -gt $((M + 100)) ] || fail "sent.csv: not the sentiment expected"
vp-ingest sent.csv > sent.ndjson
for max in $((M - 1)) $((S - 2)) $((S - 1)); do
	chain_vs_run $max sent.csv "--sentiment" "" "vp-sentiment"
	chain_vs_run $max "--fields none sent.csv" "--sentiment" "" "vp-sentiment"
	chain_vs_run $max sent.ndjson "--sentiment" "" "vp-sentiment"
	chain_vs_run $max "--fields none sent.csv" "--sentiment --redact" "vp-redact" "vp-sentiment"
done
vp-run --sentiment --max-line $((S - 2)) sent.csv 2>"$T/err" >/dev/null
expect_in "$T/err" "vp-run: record \"sent.csv:2\": record with its sentiment longer than $((S - 2)) bytes (--max-line)"
exit 0
