#!/bin/sh
# Run end-to-end test scripts; each exits 0 (pass), 77 (skipped, with a
# message) or anything else (fail).  Env: VP_BIN, VP_TOOLS, VP_ROOT.
pass=0 fail=0 skip=0 failed=
export VOXPOP_DATADIR="$VP_ROOT"
for t in "$@"; do
	out=$(sh "$t" 2>&1)
	rc=$?
	case $rc in
	0) pass=$((pass + 1)); echo "PASS $t" ;;
	77) skip=$((skip + 1)); echo "SKIP $t: $(printf '%s\n' "$out" | tail -n 1)" ;;
	*) fail=$((fail + 1)); failed="$failed $t"; echo "FAIL $t (exit $rc)"
	   printf '%s\n' "$out" | tail -n 30 | sed 's/^/    /' ;;
	esac
done
echo "e2e: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ] && [ $pass -gt 0 ]
