# vp-run --locate had no way to ask for vp-locate's --report: a team moving
# from the chain to vp-run lost the one place that says how many records were
# located and which locality values no gazetteer knows (what to add to
# lexicons/localities/).  vp-run --locate-report (--locate-report-top N)
# prints, on stderr at the end, the report the chain's vp-locate --report
# prints: the same lines, with every worker's records added up, so with one
# worker or two the text is the chain's, byte for byte.
. "$VP_ROOT/tests/lib.sh"

# localities the gazetteer knows, misspelt, unknown (one an e-mail address:
# the report masks it), repeated so the table's order is by count, and
# text naming places for --from-text
{
	printf 'id,Locality,Comment\n'
	i=0
	for loc in Oakham Oakham Hinkley "Melton Mowbray" Narnia Narnia Narnia Gondor \
		"jo.bloggs@example.com" "" "Loughborough" "Atlantis" "Atlantis" "n/a" \
		"Leicester" "Oadby" "Gondor" "Narnia" "Rohan" ""; do
		i=$((i + 1))
		printf '%d,%s,comment %d about the waiting times\n' "$i" "$loc" "$i"
	done
	printf '%d,,I have to travel 25 miles to Leicester for my scans\n' $((i + 1))
	printf '%d,,I live in Melton and the bus is awful\n' $((i + 2))
	printf '%d,,Leicester is fine but I live in Oakham\n' $((i + 3))
} >"$T/in.csv"

for ft in "" "--from-text"; do
	vp-ingest --id-col id --locality-col Locality --text-col Comment "$T/in.csv" 2>/dev/null |
		vp-locate $ft --report 2>"$T/chain.err" >/dev/null || fail "chain vp-locate $ft --report"
	grep '^vp-locate: [0-9]* records: ' "$T/chain.err" >/dev/null || { cat "$T/chain.err" >&2; fail "no report from the chain"; }
	# the report: its first line on, with the program's name as vp-run says it
	sed -n '/^vp-locate: [0-9]* records: /,$p' "$T/chain.err" | sed 's/^vp-locate: /vp-run: /' >"$T/want"
	expect_in "$T/want" "Narnia"
	expect_not_in "$T/want" "jo.bloggs"
	for j in 1 2; do
		vp-run --jobs $j --batch 64 --locate $ft --locate-report --id-col id --locality-col Locality \
			--text-col Comment "$T/in.csv" >"$T/doc" 2>"$T/run.err" ||
			{ cat "$T/run.err" >&2; fail "vp-run --jobs $j --locate $ft --locate-report"; }
		sed -n '/^vp-run: [0-9]* records: /,$p' "$T/run.err" >"$T/got"
		cmp -s "$T/want" "$T/got" ||
			{ diff "$T/want" "$T/got" >&2; fail "vp-run --jobs $j $ft: report differs from the chain's"; }
	done
done
expect_in "$T/want" "text naming only places travelled to"

# --locate-report-top N lists N values, the rest on one "(other values)" line
vp-ingest --id-col id --locality-col Locality --text-col Comment "$T/in.csv" 2>/dev/null |
	vp-locate --report --report-top 2 2>&1 >/dev/null | sed -n '/^vp-locate: [0-9]* records: /,$p' |
	sed 's/^vp-locate: /vp-run: /' >"$T/want"
vp-run --jobs 2 --batch 64 --locate --locate-report --locate-report-top 2 --id-col id \
	--locality-col Locality --text-col Comment "$T/in.csv" 2>&1 >/dev/null |
	sed -n '/^vp-run: [0-9]* records: /,$p' >"$T/got"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" >&2; fail "--locate-report-top 2 differs"; }
expect_in "$T/got" "(other values)"

# without --locate-report nothing of it is printed; without --locate it is a usage error
vp-run --locate --id-col id --locality-col Locality --text-col Comment "$T/in.csv" 2>"$T/err" >/dev/null ||
	fail "vp-run --locate"
expect_not_in "$T/err" "records: "
expect_exit 64 vp-run --locate-report --id-col id --text-col Comment "$T/in.csv"
expect_exit 64 vp-run --locate --locate-report-top x --id-col id --text-col Comment "$T/in.csv"
echo ok
