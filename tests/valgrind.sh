#!/bin/sh
# tests/valgrind.sh [E2E-SCRIPT]... - every stage under valgrind memcheck
# (--error-exitcode=1 --leak-check=full).  Slow (minutes); not part of
# `make check`.  Run from the source tree after `make all`:
#
#   sh tests/valgrind.sh                       # the cases below
#   sh tests/valgrind.sh tests/e2e/locate.sh   # ... and e2e scripts, whose
#                                              # stages then run under valgrind
#
# Each vp-* is replaced by a wrapper that runs it under valgrind, logging
# to $LOGS/vp-<stage>.<pid>.log; the cases are normal input, bad input (a
# directory, a missing file, an empty file, a malformed JSON line, with and
# without --skip-bad), a closed output pipe (| head -1), vp-tag --check and
# vp-locate.  The stages are the vp-* in $BIN: each gets the bad-input
# cases, and a stage no case ran at all is reported as an error (give a
# new stage its normal cases below).  Exit codes are not checked here (the e2e tests do that): what
# fails is any log with an error or leak, or an e2e script given that
# fails under valgrind.  Exit 0 clean, 1 errors found.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${VP_BIN:-$ROOT/bin}
command -v valgrind >/dev/null || { echo "valgrind not installed" >&2; exit 77; }
[ -x "$BIN/vp-tag" ] || { echo "no $BIN/vp-tag: run make all first" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/vp-valgrind.XXXXXX")
LOGS=${VP_VALGRIND_LOGS:-$T/logs}
mkdir -p "$LOGS" "$T/bin"
STAGES=
for b in "$BIN"/vp-*; do
	s=$(basename "$b")
	STAGES="$STAGES ${s#vp-}"
	cat >"$T/bin/$s" <<-EOF
	#!/bin/sh
	exec valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect \
	  --errors-for-leak-kinds=definite,indirect --track-origins=yes \
	  --log-file="$LOGS/$s.%p.log" "$b" "\$@"
	EOF
	chmod +x "$T/bin/$s"
done
# VP_VALGRIND: e2e scripts whose checks are timed wait longer
export PATH="$T/bin:$PATH" VOXPOP_DATADIR="$ROOT" VP_VALGRIND=1
cd "$ROOT" || exit 1
D=tests/data
n=0
# run CMD...: one case (sh -c), output kept in $T/out.<n>
run() {
	n=$((n + 1))
	sh -c "$*" >"$T/out.$n" 2>&1 </dev/null
	echo "$n: exit $? $*" >>"$T/cases"
}

mkdir "$T/dir"
: >"$T/empty"
BAD="$T/bad.ndjson"
{ head -3 "$D/text/records.ndjson"; echo '{"id":"x","text":"unterminated'; echo '[1,2]';
  echo '{"id":"y","text":5,"tokens":7}'; tail -2 "$D/text/records.ndjson"; } >"$BAD"
# input big enough that `| head -1` closes the pipe before the stage is done
BIG="$T/big.ndjson"
i=0; while [ $i -lt 40 ]; do cat corpora/online-form.ndjson; i=$((i + 1)); done >"$BIG"

run vp-ingest corpora/survey-llr-2026.csv ">$T/in.ndjson"
run vp-ingest corpora/events-leicester.txt corpora/online-form.ndjson
run vp-ingest --help
run vp-normalise "$T/in.ndjson" ">$T/norm.ndjson"
run vp-tag "$T/norm.ndjson" ">$T/tag.ndjson"
run vp-tag --explain "$T/norm.ndjson"
run vp-tag --list-themes
run vp-tag --check
run vp-tag --check --lexicon $D/lexicons/check
run vp-tag --lexicon $D/lexicons/bad-star "$T/norm.ndjson"
run vp-locate --postcode-field Postcode --from-text --report "$T/in.ndjson" ">$T/loc.ndjson"
run vp-locate --report "$D/count/tagged.ndjson"
run vp-locate --report "$T/loc.ndjson"
run vp-count "$T/tag.ndjson" ">$T/count.json"
run vp-count --by date:month --quotes 2 "$T/tag.ndjson"
run vp-merge "$T/count.json" "$D/count/expected.json" ">$T/merged.json"
run vp-report "$T/count.json"
run vp-report --format html "$T/merged.json"
run vp-eval --gold $D/eval/gold.csv --map $D/eval/map.tsv --id-col ref $D/eval/tagged.ndjson
run vp-eval --gold $D/eval/dup-gold.csv --map $D/eval/bad-map.tsv $D/eval/tagged.ndjson
run vp-fetch --max-retries 0 --connect-timeout 1 --url http://127.0.0.1:9/r --records /r \
	--id /id --text /t
run vp-redact "$T/in.ndjson" ">$T/red.ndjson"
run vp-redact --help
run vp-dedup --report "$T/camp.json" "$T/in.ndjson"
run vp-dedup "$BIG" "| head -1"
run vp-sentiment "$T/tag.ndjson"
run vp-latest -v "$T/in.ndjson" "$T/in.ndjson"
run vp-latest "$BIG" "| head -1"
run vp-sentiment --explain $D/sentiment/comments.ndjson
run "vp-normalise $D/suggest/comments.ndjson | vp-tag --lexicon $D/suggest/lexicon --explain >$T/sugg.ndjson"
run vp-suggest --labels $D/suggest/labels.csv --theme transport "$T/sugg.ndjson"
run vp-suggest --labels $D/suggest/labels.csv --theme transport --tuning 3 --json "$T/sugg.ndjson"
run vp-suggest --untagged "$T/sugg.ndjson"
# records without tokens: an error
run vp-suggest --gold $D/eval/gold.csv --map $D/eval/map.tsv --id-col ref $D/eval/tagged.ndjson
run vp-lexicon import --from yaml $D/lexicon-interop/sample.yaml "$T/lexy"
run vp-lexicon export --to liwc "$T/lexy"
run vp-lexicon import --from liwc $D/lexicon-interop/lossy.dic "$T/lexl"
run vp-lexicon check "$T/lexy"
run vp-lexicon check "$T/lexy" --corpus "$T/sugg.ndjson"
# the stages that take no FILE operand, on bad files given to their options
run vp-suggest --labels "$T/missing" --theme transport "$T/sugg.ndjson"
run vp-suggest --labels "$T/empty" --theme transport "$T/sugg.ndjson"
run vp-suggest --labels $D/suggest/labels.csv --theme transport "$BAD"
run vp-eval --gold "$T/empty" --map $D/eval/map.tsv $D/eval/tagged.ndjson
run vp-lexicon import --from yaml "$T/empty" "$T/lexe"
run vp-lexicon import --from liwc "$BAD" "$T/lexb"
run vp-lexicon check "$T/missing"
# every stage: a directory, a missing file, an empty file, a bad option
for s in $STAGES; do
	run vp-$s "$T/dir"
	run vp-$s "$T/missing"
	run vp-$s "$T/empty"
	run vp-$s --no-such-option
done
for s in normalise tag locate count redact dedup sentiment latest; do
	run vp-$s "$BAD"
	run vp-$s --skip-bad "$BAD"
done
run vp-ingest "$D/ingest/unterminated.csv"
run vp-ingest --skip-bad "$D/ingest/ragged.csv"
run vp-merge "$BAD"
run vp-report "$BAD"
run vp-ingest "$BIG" "| head -1"
run vp-normalise "$BIG" "| head -1"
run "vp-normalise $BIG >$T/bignorm.ndjson"
run vp-tag "$T/bignorm.ndjson" "| head -1"
run vp-tag --explain "$T/bignorm.ndjson" "| head -1"
run vp-locate "$BIG" "| head -1"
run vp-tag --list-themes "| head -1"
run vp-tag --check "| head -1"

# e2e scripts: their stages under valgrind; a script that fails counts too
# (the fetch tests need the test tools: make e2e builds them)
e2e_failed=0
for t in "$@"; do
	VP_BIN="$T/bin" VP_TOOLS="$ROOT/build/rel/tools" VP_ROOT="$ROOT" sh "$t" >"$T/e2e.out" 2>&1
	rc=$?
	echo "e2e $t: exit $rc" >>"$T/cases"
	case $rc in
	0|77) ;;
	*) e2e_failed=$((e2e_failed + 1)); tail -20 "$T/e2e.out" | sed "s|^|    $t: |" ;;
	esac
done

cat "$T/cases"
bad=$e2e_failed
for s in $STAGES; do
	ls "$LOGS"/vp-$s.*.log >/dev/null 2>&1 && continue
	echo "== vp-$s: no case ran it (add one to tests/valgrind.sh)"
	bad=$((bad + 1))
done
for f in "$LOGS"/*.log; do
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "== $f"
	head -40 "$f"
done
runs=$(ls "$LOGS" | wc -l)
echo "valgrind: $runs runs, $((bad - e2e_failed)) with errors, $e2e_failed e2e scripts failed ($n cases; logs in $LOGS)"
[ $bad = 0 ] && rm -rf "$T"
[ $bad = 0 ]
