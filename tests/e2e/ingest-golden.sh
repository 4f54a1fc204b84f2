#!/bin/sh
# vp-ingest output, byte for byte: stdout, stderr and exit code of every case
# in tests/data/ingest-golden/cases, on the committed inputs in in/, against
# expected/ (written by the binaries from before ingest became a table of
# formats, so a refactoring that changes any byte fails here).
# Regenerate (only for an intended change of output, and say why in the commit):
#   VP_ROOT=. sh tests/e2e/ingest-golden.sh --regen bin
G=$(cd "$VP_ROOT/tests/data/ingest-golden" && pwd)
if [ "${1:-}" = --regen ]; then
	BIN=$(cd "$2" && pwd)
	mkdir -p "$G/expected"
	grep -v '^#' "$G/cases" | while read -r name args; do
		(cd "$G/in" && eval "\"$BIN/vp-ingest\" $args" >"$G/expected/$name.out" \
			2>"$G/expected/$name.err"; echo $? >"$G/expected/$name.rc")
	done
	exit 0
fi
. "$VP_ROOT/tests/lib.sh"
n=0
failed=0
grep -v '^#' "$G/cases" >"$T/cases"
while read -r name args; do
	n=$((n + 1))
	(cd "$G/in" && eval "vp-ingest $args" >"$T/$name.out" 2>"$T/$name.err"; echo $? >"$T/$name.rc")
	for k in out err rc; do
		if ! cmp -s "$G/expected/$name.$k" "$T/$name.$k"; then
			echo "ingest-golden: $name: $k differs (vp-ingest $args)" >&2
			diff "$G/expected/$name.$k" "$T/$name.$k" | head -n 5 >&2
			failed=$((failed + 1))
		fi
	done
done <"$T/cases"
[ "$n" -gt 50 ] || fail "only $n cases read"
[ "$failed" = 0 ] || fail "$failed of $n cases differ"
