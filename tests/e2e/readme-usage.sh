#!/bin/sh
# The README's usage line of a stage (an indented "vp-X [" block under its
# "## vp-X" heading) names every option its --help lists (--help and
# --version aside), so neither drifts from the other.
. "$VP_ROOT/tests/lib.sh"
R=$VP_ROOT/README.md
n=0
for s in $(grep -oE '^    vp-[a-z]+ \[' "$R" | sed 's/^ *//; s/ \[$//' | sort -u); do
	# the usage block: the "    vp-X [" lines (and "    vp-X --mode" ones)
	# and the more-indented lines after them
	awk -v h="## $s" -v s="$s" '
		$0 == h { f = 1; next }
		f && /^## / { exit }
		f && (index($0, "    " s " [") == 1 || index($0, "    " s " --") == 1) { u = 1; print; next }
		u && /^     +[[(-]/ { print; next }
		u { u = 0 }' "$R" >"$T/usage"
	[ -s "$T/usage" ] || fail "$s: no usage block under '## $s'"
	# "--long" or "-s --long" per option (a short form will do in the
	# usage); vp-run's usage stands for the stages' options by stage
	# (INGEST-OPTION...): only its own, those not described as a stage's
	"$s" --help | awk '/^ +(-[A-Za-z], )?--[a-z][^ ]*( [A-Z|]+)?$/ { w = $0; next }
		w != "" { $0 = w " " $0; w = "" } { print }' |
		grep -E '^ +(-[A-Za-z], )?--[a-z]' |
		if [ "$s" = vp-run ]; then grep -vE -e '--[a-z-]+( [A-Z|]+)? +vp-'; else cat; fi |
		grep -oE '^ +(-[A-Za-z], )?--[a-z][a-z-]*' | sed 's/^ *//; s/,//' |
		grep -v -e '--help$' -e '--version$' >"$T/opts"
	while read -r a b; do
		if [ -n "$b" ]; then o=$b alt="$b|$a"; else o=$a alt=$a; fi
		grep -qE -- "(^|[[ (|])($alt)([] |=|)]|$)" "$T/usage" ||
			{ cat "$T/usage" >&2; fail "README's usage of $s lacks $o (in its --help)"; }
	done <"$T/opts"
	n=$((n + 1))
done
[ "$n" -ge 4 ] || fail "found only $n usage lines in README.md"

# Every option a stage's --help lists is named in the stage's README section
# ("## vp-X", long or short form).  vp-run's section names the stages'
# options by stage, with "...": only its own are checked, above.
k=0
for s in $(cd "$VP_ROOT/pipeline" && ls vp-*.c | sed 's/\.c$//'); do
	[ "$s" = vp-run ] && continue
	awk -v h="## $s" '$0 == h { f = 1; next } f && /^## / { exit } f' "$R" >"$T/sec"
	[ -s "$T/sec" ] || fail "README has no '## $s' section"
	"$s" --help | grep -oE '^ +(-[A-Za-z], )?--[a-z][a-z-]*' | sed 's/^ *//; s/,//' |
		grep -v -e '--help$' -e '--version$' >"$T/opts"
	while read -r a b; do
		if [ -n "$b" ]; then o=$b alt="$b|$a"; else o=$a alt=$a; fi
		grep -qE -- "(^|[^a-z-])($alt)([^a-z-]|$)" "$T/sec" ||
			fail "README's $s section does not mention $o (in its --help)"
	done <"$T/opts"
	k=$((k + 1))
done
[ "$k" -ge 10 ] || fail "checked only $k README sections"

# The README's commands on corpora/: indented "vp-" lines (with their "\"
# continuation lines) naming corpora/, run in a scratch directory.
mkdir "$T/run" && ln -s "$VP_ROOT/corpora" "$T/run/corpora" || fail "setup"
awk '/^    vp-/ || c { c = /\\$/; sub(/^ +/, ""); sub(/\\$/, ""); l = l $0; if (!c) { print l; l = "" } }' "$R" |
	grep 'corpora/' >"$T/cmds"
m=0
while IFS= read -r cmd; do
	m=$((m + 1))
	out=$T/run/out.$m
	(cd "$T/run" && eval "$cmd") >"$out" 2>"$T/err" </dev/null ||
		{ cat "$T/err" >&2; fail "README command failed: $cmd"; }
	case $cmd in *'> '*) out=$T/run/${cmd##*> } ;; esac
	[ -s "$out" ] || fail "README command wrote nothing: $cmd"
	if grep -q '"localities"' "$out"; then
		recs=$(sed -n 's/^  "records": \([0-9]*\),*$/\1/p' "$out")
		un=$(awk '/^    "Unassigned": \{/ { u = 1; next } u && /"records":/ { gsub(/[^0-9]/, ""); print; exit }' "$out")
		[ -n "$recs" ] || fail "no records count in the output of: $cmd"
		[ $((${un:-0} * 2)) -lt "$recs" ] ||
			fail "README command leaves ${un:-0} of $recs records Unassigned: $cmd"
	fi
done <"$T/cmds"
[ "$m" -ge 3 ] || fail "found only $m README commands on corpora/"
# Every exit status a stage's --help gives ("Exit status: ..." to the end)
# has a row in the README's table of exit codes ("## Errors and exit codes"),
# and a row that names stages (`vp-X`) names every stage whose --help gives
# that code (73 once named vp-fetch alone, where five stages exit 73).
awk '$0 == "## Errors and exit codes" { f = 1; next } f && /^## / { exit } f && /^\| [0-9]+ \|/' "$R" >"$T/codes"
[ -s "$T/codes" ] || fail "README has no table of exit codes under '## Errors and exit codes'"
e=0
for s in $(cd "$VP_ROOT/pipeline" && ls vp-*.c | sed 's/\.c$//'); do
	for c in $("$s" --help | sed -n '/^Exit status:/,/^$/p' | grep -oE '(^|[^0-9.])(6[4-9]|7[0-9])( |[,;.]|$)' |
		grep -oE '[0-9]+' | sort -u); do
		row=$(grep -E "^\| $c \|" "$T/codes") || fail "README's exit codes have no row for $c ($s --help gives it)"
		case $row in *vp-*)
			printf '%s\n' "$row" | grep -qE "(^|[^a-z-])$s([^a-z-]|\$)" ||
				fail "README's row for exit $c names stages but not $s, whose --help gives $c: $row" ;;
		esac
		e=$((e + 1))
	done
done
[ "$e" -ge 40 ] || fail "found only $e exit codes in the stages' --help"
# The vp-count section's example document has the keys the chain it shows
# writes (at the top, in a group, in a theme): vp-ingest gives every record a
# respondent, so "respondents", "respondent_share" and "per" are there (they
# were once missing from the example).
awk '$0 == "## vp-count" { f = 1; next } f && /^## / { exit } f && /^```json$/ { j = 1; next } j && /^```$/ { exit } j' "$R" >"$T/example"
[ -s "$T/example" ] || fail "no json example under '## vp-count'"
vp-ingest "$VP_ROOT/corpora/survey-llr-2026.csv" 2>/dev/null | vp-normalise | vp-tag | vp-count >"$T/doc" ||
	fail "the vp-count section's chain failed"
awk '/^  "/ { top = $1 } top == "\"localities\":" && /^(      |          )"[^"]*":/ { print $1; next } /^  "/ { print $1 }' "$T/doc" |
	sort -u >"$T/keys"
[ "$(wc -l <"$T/keys")" -ge 10 ] || fail "found only $(wc -l <"$T/keys") keys in vp-count's document"
while read -r k; do
	grep -qF -- "$k" "$T/example" || fail "README's vp-count example lacks $k, which vp-count writes for the chain it shows"
done <"$T/keys"
exit 0
