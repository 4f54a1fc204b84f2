#!/bin/sh
# The bad-input catalogue: every tests/bad/*.case is one bad (or borderline)
# input and what a stage must do with it.  Format (tests/bad/README):
#   # cmd: vp-count --skip-bad        command, eval'd by sh; stdin is the input
#   # exit: 65                        expected exit status
#   # stderr: text                    stderr contains text (fixed string; repeatable)
#   # stderr-re: regex                stderr matches an extended regex (repeatable)
#   # stderr-not: text                stderr does not contain text (repeatable)
#   # stdout: text                    stdout contains text (repeatable)
#   # stdout-not: text                stdout does not contain text (repeatable)
#   # no-stdout                       stdout must be empty
#   # file: name.csv                  name of the input file $IN (default input)
#   # decode                          the input holds printf %b escapes (\0NNN;
#                                     \c at its end: no final newline)
#   # ---                             end of header; the rest is the input
# In cmd: $IN (the input file), $D (tests/data), $DIR (a directory), $MISSING
# (no such file), $EMPTY (an empty file), $T (a scratch directory; also in
# expected stderr/stdout text).
# A case that runs longer than VP_CASE_TIMEOUT seconds (default 60) fails.
# tests/bad/pending/*.case are known bugs awaiting a fix in a file this
# branch does not own: they are run and listed, never counted as failures.
. "$VP_ROOT/tests/lib.sh"
D=$VP_ROOT/tests/data
C=$VP_ROOT/tests/bad
DIR=$T/dir MISSING=$T/missing EMPTY=$T/empty
mkdir "$DIR" && : >"$EMPTY" || fail "setup"
export D T DIR MISSING EMPTY IN cmd

# run_case FILE: 0 if it behaves as the header says; else prints why, returns 1
run_case() {
	f=$1
	cmd= want= name=input decode=0 nostdout=0
	: >"$T/checks"
	hdr=$(sed -n '/^# ---$/q;p' "$f")
	grep -q '^# ---$' "$f" || { echo "no '# ---' line"; return 1; }
	while IFS= read -r line; do
		case $line in
		'# cmd: '*) cmd=${line#'# cmd: '} ;;
		'# exit: '*) want=${line#'# exit: '} ;;
		'# file: '*) name=${line#'# file: '} ;;
		'# decode') decode=1 ;;
		'# no-stdout') nostdout=1 ;;
		'# stderr: '*|'# stderr-re: '*|'# stderr-not: '*|'# stdout: '*|'# stdout-not: '*)
			# a literal $T in an expectation stands for the scratch directory
			printf '%s\n' "${line#'# '}" | sed "s#\\\$T#$T#g" >>"$T/checks" ;;
		'#'*) ;;
		*) echo "bad header line: $line"; return 1 ;;
		esac
	done <<-HDR
	$hdr
	HDR
	[ -n "$cmd" ] && [ -n "$want" ] || { echo "needs '# cmd:' and '# exit:'"; return 1; }
	rm -rf "$T/w" && mkdir "$T/w" || return 1
	IN=$T/w/$name
	if [ $decode = 1 ]; then
		# \c at the end of the input drops its final newline
		printf '%b\n' "$(sed '1,/^# ---$/d' "$f")" >"$IN"
	else
		sed '1,/^# ---$/d' "$f" >"$IN"
	fi
	# nothing hangs: a case gets $VP_CASE_TIMEOUT seconds (default 60)
	timeout -k 5 "${VP_CASE_TIMEOUT:-60}" sh -c 'cd "$T/w" && eval "$cmd"' \
		<"$IN" >"$T/out" 2>"$T/err"
	got=$?
	[ $got != 124 ] && [ $got != 137 ] || { echo "timed out (exit $got)"; return 1; }
	[ "$got" = "$want" ] || { echo "exit $got, want $want"; return 1; }
	[ $nostdout = 0 ] || [ ! -s "$T/out" ] || { echo "output on stdout"; return 1; }
	while IFS= read -r chk; do
		case $chk in
		'stderr: '*) grep -qF -- "${chk#stderr: }" "$T/err" || { echo "stderr lacks '${chk#stderr: }'"; return 1; } ;;
		'stderr-re: '*) grep -qE -- "${chk#stderr-re: }" "$T/err" || { echo "stderr does not match /${chk#stderr-re: }/"; return 1; } ;;
		'stderr-not: '*) ! grep -qF -- "${chk#stderr-not: }" "$T/err" || { echo "stderr has '${chk#stderr-not: }'"; return 1; } ;;
		'stdout-not: '*) ! grep -qF -- "${chk#stdout-not: }" "$T/out" || { echo "stdout has '${chk#stdout-not: }'"; return 1; } ;;
		'stdout: '*) grep -qF -- "${chk#stdout: }" "$T/out" || { echo "stdout lacks '${chk#stdout: }'"; return 1; } ;;
		esac
	done <"$T/checks"
	return 0
}

n=0 bad=0 pend=0 fixed=0
for f in "$C"/*.case; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	if ! why=$(run_case "$f"); then
		bad=$((bad + 1))
		echo "FAIL: ${f#$VP_ROOT/}: $why" >&2
		sed 's/^/    /' "$T/err" | head -5 >&2
	fi
done
for f in "$C"/pending/*.case; do
	[ -f "$f" ] || continue
	if why=$(run_case "$f"); then
		fixed=$((fixed + 1))
		echo "PENDING NOW PASSES (move it to tests/bad/): ${f#$VP_ROOT/}"
	else
		pend=$((pend + 1))
		echo "pending: ${f#$VP_ROOT/}: $why"
	fi
done
[ $bad = 0 ] || fail "$bad of $n catalogue cases"
echo "$n catalogue cases passed; $pend pending (known bugs), $fixed pending now pass"
