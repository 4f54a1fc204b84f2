#!/bin/sh
# Bad command-line inputs, the same way in every stage: a directory, a
# missing, unreadable or empty file where a file is expected, a file where a
# directory is expected.  Each gives one line "prog: path: reason" on stderr
# and its sysexits code, nothing on stdout; never a crash, never a silent
# success.  Also --help (0, usage on stdout) and an unknown option (64, a
# pointer to --help on stderr) for every stage, and junk in every stage's
# whole-number options.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data

DIR=$T/dir MISSING=$T/missing EMPTY=$T/empty UNREAD=$T/unreadable NOTXT=$T/notxt
mkdir "$DIR" "$NOTXT" && echo "not a lexicon" >"$NOTXT/README" || fail "setup"
: >"$EMPTY"
echo x >"$UNREAD" && chmod 000 "$UNREAD" || fail "setup"
# root reads anything: rows about $UNREAD are skipped then
unread_testable=1
[ -r "$UNREAD" ] && unread_testable=0
TAGGED=$D/count/tagged.ndjson DOC=$D/count/expected.json
EVAL="vp-eval --gold $D/eval/gold.csv --map $D/eval/map.tsv --id-col ref"
FETCH="vp-fetch --max-retries 0 --url http://127.0.0.1:9/r --records /r --id /id --text /t --date /d"

# EXIT|first line of stderr (exact)|command (eval'd; stdin is /dev/null)
# A row with exit 0 is an accepted input that must still say something on
# stderr; a row with exit 64 must also point at --help on its second line;
# any other row must print that one line only, and nothing on stdout.
table() {
	for s in ingest normalise tag locate count merge report; do
		cat <<-EOF
		66|vp-$s: \$DIR: Is a directory|vp-$s \$DIR
		66|vp-$s: \$MISSING: No such file or directory|vp-$s \$MISSING
		66|vp-$s: \$UNREAD: Permission denied|vp-$s \$UNREAD
		EOF
	done
	cat <<-'EOF'
	0|vp-ingest: $EMPTY: empty file, no records|vp-ingest $EMPTY
	0|vp-normalise: $EMPTY: empty file, no records|vp-normalise $EMPTY
	0|vp-tag: $EMPTY: empty file, no records|vp-tag $EMPTY
	0|vp-locate: $EMPTY: empty file, no records|vp-locate $EMPTY
	0|vp-count: $EMPTY: empty file, no records|vp-count $EMPTY
	65|vp-merge: $EMPTY: empty file|vp-merge $EMPTY
	65|vp-report: $EMPTY: empty file|vp-report $EMPTY
	66|vp-count: $DIR: Is a directory|vp-count $TAGGED $DIR
	66|vp-merge: $DIR: Is a directory|vp-merge $DOC $DIR
	66|vp-merge: $MISSING: No such file or directory|vp-merge $DOC $MISSING
	65|vp-merge: $EMPTY: empty file|vp-merge $DOC $EMPTY
	66|vp-tag: $EMPTY: Not a directory|vp-tag --lexicon $EMPTY $TAGGED
	66|vp-tag: $MISSING: No such file or directory|vp-tag --lexicon $MISSING $TAGGED
	66|vp-tag: $NOTXT: no lexicon files (*.txt) in this directory|vp-tag --lexicon $NOTXT $TAGGED
	66|vp-locate: $MISSING: No such file or directory|vp-locate --gazetteer $MISSING $TAGGED
	66|vp-locate: $NOTXT: no gazetteer files (*.txt) in this directory|vp-locate --gazetteer $NOTXT $TAGGED
	66|vp-locate: $UNREAD: Permission denied|vp-locate --gazetteer $UNREAD $TAGGED
	78|vp-locate: $EMPTY: no localities in the gazetteer|vp-locate --gazetteer $EMPTY $TAGGED
	66|vp-eval: $DIR: Is a directory|vp-eval --gold $DIR --map $D/eval/map.tsv
	66|vp-eval: $DIR: Is a directory|vp-eval --gold $D/eval/gold.csv --map $DIR
	66|vp-eval: $MISSING: No such file or directory|vp-eval --gold $MISSING --map $D/eval/map.tsv
	66|vp-eval: $MISSING: No such file or directory|vp-eval --gold $D/eval/gold.csv --map $MISSING
	66|vp-eval: $UNREAD: Permission denied|vp-eval --gold $UNREAD --map $D/eval/map.tsv
	66|vp-eval: $UNREAD: Permission denied|vp-eval --gold $D/eval/gold.csv --map $UNREAD
	65|vp-eval: $EMPTY: empty file|vp-eval --gold $EMPTY --map $D/eval/map.tsv
	65|vp-eval: $EMPTY: empty file|vp-eval --gold $D/eval/gold.csv --map $EMPTY
	66|vp-eval: $DIR: Is a directory|$EVAL --ids $DIR $D/eval/tagged.ndjson
	66|vp-eval: $DIR: Is a directory|$EVAL $DIR
	66|vp-eval: $MISSING: No such file or directory|$EVAL $MISSING
	66|vp-eval: $UNREAD: Permission denied|$EVAL $UNREAD
	66|vp-fetch: $DIR: Is a directory|$FETCH --token-file $DIR
	66|vp-fetch: $MISSING: No such file or directory|$FETCH --token-file $MISSING
	66|vp-fetch: $UNREAD: Permission denied|$FETCH --token-file $UNREAD
	65|vp-fetch: $EMPTY: token file is empty|$FETCH --token-file $EMPTY
	66|vp-fetch: $DIR: Is a directory|$FETCH --state $DIR
	66|vp-fetch: $UNREAD: Permission denied|$FETCH --state $UNREAD
	66|vp-fetch: $DIR: Is a directory|$FETCH --cacert $DIR
	66|vp-fetch: $MISSING: No such file or directory|$FETCH --cacert $MISSING
	65|vp-fetch: $EMPTY: empty file|$FETCH --cacert $EMPTY
	EOF
	for s in ingest normalise tag locate count merge report eval fetch; do
		cat <<-EOF
		64|vp-$s: unknown option '--no-such-option'|vp-$s --no-such-option
		64|vp-$s: unknown option '-Z'|vp-$s -Z
		EOF
	done
}

n=0 bad=0
table >"$T/table" || fail "table"
while IFS='|' read -r want msg cmd; do
	case $msg in *'$UNREAD'*) [ $unread_testable = 1 ] || continue ;; esac
	n=$((n + 1))
	eval "msg=\"$msg\""
	eval "$cmd" </dev/null >"$T/out" 2>"$T/err"
	got=$?
	first=$(sed -n 1p "$T/err")
	lines=$(wc -l <"$T/err")
	why=
	if [ "$got" != "$want" ]; then why="exit $got, want $want"
	elif [ "$first" != "$msg" ]; then why="stderr '$first', want '$msg'"
	elif [ "$want" = 64 ]; then
		sed -n 2p "$T/err" | grep -qF -- "--help" || why="no pointer to --help"
		[ -s "$T/out" ] && why="output on stdout"
	elif [ "$want" != 0 ]; then
		[ "$lines" = 1 ] || why="$lines lines on stderr, want 1"
		[ -s "$T/out" ] && why="output on stdout"
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "FAIL: $cmd: $why" >&2
		sed 's/^/    /' "$T/err" | head -5 >&2
	fi
done <"$T/table"

# --help: exit 0, usage on stdout, nothing on stderr
for s in ingest normalise tag locate count merge report eval fetch; do
	n=$((n + 1))
	vp-$s --help >"$T/out" 2>"$T/err"
	got=$?
	if [ $got != 0 ] || ! head -n 1 "$T/out" | grep -q "^Usage: vp-$s " || [ -s "$T/err" ]; then
		bad=$((bad + 1))
		echo "FAIL: vp-$s --help: exit $got, stdout '$(head -n 1 "$T/out")'" >&2
	fi
done

# Every whole-number option (N, BYTES, SECONDS, K, M, PCT in --help) of
# every stage refuses junk, a sign and overflow: 64, naming the option.
for s in $(cd "$VP_ROOT/pipeline" && ls vp-*.c | sed 's/\.c$//'); do
	for o in $("$s" --help | grep -oE -- '--[a-z-]+ (N|BYTES|SECONDS|K|M|PCT)( |$)' | cut -d' ' -f1); do
		for v in 3x -1 ' 5' 99999999999999999999999; do
			n=$((n + 1))
			"$s" "$o" "$v" </dev/null >"$T/out" 2>"$T/err"
			got=$?
			if [ $got != 64 ] || ! head -n 1 "$T/err" | grep -qF -- "$s: $o" || [ -s "$T/out" ]; then
				bad=$((bad + 1))
				echo "FAIL: $s $o '$v': exit $got, stderr '$(head -n 1 "$T/err")'" >&2
			fi
		done
	done
done

[ $unread_testable = 1 ] || echo "(running as root: unreadable-file rows skipped)"
[ $bad = 0 ] || fail "$bad of $n bad-input checks"
echo "$n bad-input checks passed"
