#!/bin/sh
# Committed fuzz finds stay fixed: every file in tests/fuzz/regress/<harness>/
# goes through that harness once, built with the ordinary compiler and
# flags (and ASan/UBSan under SANITIZE=1) and tests/fuzz/replay.c as its
# main.  Add a reproducer: copy the crash-* file libFuzzer wrote there.
. "$VP_ROOT/tests/lib.sh"
: "${VP_REPLAY:?run through make e2e}"
cd "$VP_ROOT" || fail "cd"
n=0
for d in tests/fuzz/regress/*/; do
	[ -d "$d" ] || continue
	h=$(basename "$d")
	[ -x "$VP_REPLAY/$h" ] || fail "$d: no harness tests/fuzz/$h.c"
	"$VP_REPLAY/$h" "$d" 2>"$T/err" || { tail -20 "$T/err" >&2; fail "$h: a reproducer in $d fails again"; }
	n=$((n + $(grep -c '^replay ' "$T/err")))
done
echo "$n fuzz reproducers replayed"
