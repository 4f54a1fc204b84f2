#!/bin/sh
# Chaos: vp-fetch --state against a server (fakeapi -c SEED) whose responses
# grow while they are read and shift its newest-first pages, that stalls,
# drops connections, truncates bodies and answers 429/500/503 at random;
# the client is killed (kill -9) at random points.  VP_CHAOS_RUNS runs
# (default 30; 200 for the full run), then faults and growth stop and runs
# go on until one ends well.  The union of the outputs must hold every
# response the server made exactly once.  VP_CHAOS_SEED picks the seed
# (default 16; the figures are printed).
# Twice: following the pages' "next" links with a "since" filter, and by
# --offset-param without one (each page's predecessor read again after it,
# the run giving up with 75 when more than a page moved).
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
RUNS=${VP_CHAOS_RUNS:-30}
SEED=${VP_CHAOS_SEED:-16}
for mode in next offset; do
if [ $mode = next ]; then
	set -- --next /next --since-param since
else
	set -- --offset-param offset --limit 4
fi
rm -f "$T/calm" "$T/s" "$T/o.ndjson" "$T/errs"
start_server -t 3600 -c "$SEED" -C "$T/calm" "$D/chaos.routes"
fetch() {
	vp-fetch --url "$BASE/chaos" --records /results "$@" --id /ref --date /created \
		--text /comments --state "$T/s" --output "$T/o.ndjson" \
		--token-env VOXPOP_TEST_TOKEN --max-backoff 0 --max-retries 3 --timeout 5 \
		--connect-timeout 5 2>>"$T/errs"
}
# kill points: awk's seeded rand, 0-100 ms (mostly early: a run takes some
# tens of ms), one run in five not killed
awk -v n="$RUNS" -v s="$SEED" 'BEGIN { srand(s); for (i = 0; i < n; i++) {
	r = rand(); printf "%d %.3f\n", rand() < 0.2, r * r * 0.1 } }' >"$T/plan"
kills=0 ok=0 tempfail=0 i=0
while read -r nokill delay; do
	i=$((i + 1))
	vp-fetch --url "$BASE/chaos" --records /results "$@" --id /ref --date /created \
		--text /comments --state "$T/s" --output "$T/o.ndjson" \
		--token-env VOXPOP_TEST_TOKEN --max-backoff 0 --max-retries 3 --timeout 5 \
		--connect-timeout 5 2>>"$T/errs" &
	pid=$!
	if [ "$nokill" = 0 ]; then
		sleep "$delay"
		kill -9 $pid 2>/dev/null
	fi
	wait $pid 2>/dev/null
	rc=$?
	case $rc in
	0) ok=$((ok + 1)) ;;
	75) tempfail=$((tempfail + 1)) ;;
	137) kills=$((kills + 1)) ;;
	*) cat "$T/errs" >&2; fail "$mode: run $i exited $rc" ;;
	esac
done <"$T/plan"
# calm: no faults, no growth; the next run that ends well has everything
touch "$T/calm"
n=0
until fetch "$@"; do
	n=$((n + 1)); [ $n -lt 3 ] || { cat "$T/errs" >&2; fail "calm runs fail"; }
done
fetch "$@" || fail "$mode: a last calm run failed"
total=$(sed -n 's/^CHAOS total=//p' "$T/log" | tail -n 1)
requests=$(grep -c '^REQUEST' "$T/log")
sed 's/^{"id":"\(c-[0-9]*\)\/comments".*/\1/' "$T/o.ndjson" | sort >"$T/ids"
emitted=$(wc -l <"$T/ids")
dups=$(uniq -d "$T/ids" | wc -l)
awk -v n="$total" 'BEGIN { for (k = 0; k < n; k++) print "c-" k }' | sort >"$T/want"
lost=$(sort -u "$T/ids" | comm -23 "$T/want" - | wc -l)
extra=$(sort -u "$T/ids" | comm -13 "$T/want" - | wc -l)
echo "chaos ($mode): seed $SEED, $RUNS runs, $kills killed (-9) midway, $ok ended well, $tempfail gave up (75);" \
	"$requests requests; responses served $total, emitted $emitted, duplicates $dups, lost $lost"
[ "$dups" = 0 ] && [ "$lost" = 0 ] && [ "$extra" = 0 ] && [ "$emitted" = "$total" ] ||
	fail "$mode: not exactly once: served $total, emitted $emitted, duplicates $dups, lost $lost, unknown $extra"
no_leak "$T/errs" "$T/s" "$T/o.ndjson"
done
exit 0
