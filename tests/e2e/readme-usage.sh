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
exit 0
