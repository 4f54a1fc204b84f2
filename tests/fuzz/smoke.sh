#!/bin/sh
# tests/fuzz/smoke.sh SECONDS HARNESS...: run each libFuzzer harness for
# SECONDS from the source tree (fuzz_locate reads lexicons/localities),
# with a scratch corpus in build/fuzz/corpus/<harness>/ and the committed
# seeds (tests/fuzz/corpus/<harness>/) and reproducers
# (tests/fuzz/regress/<harness>/) when present.  Fails on the first find.
secs=$1
shift
fail=0
for bin in "$@"; do
	h=$(basename "$bin")
	work=build/fuzz/corpus/$h
	mkdir -p "$work" || exit 1
	set --
	for d in "tests/fuzz/corpus/$h" "tests/fuzz/regress/$h"; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	echo "== $h: ${secs}s, seeds: ${*:-none}"
	if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
	        -artifact_prefix="build/fuzz/crash-$h-" "$work" "$@" >"build/fuzz/$h.log" 2>&1; then
		tail -30 "build/fuzz/$h.log"
		echo "FAIL $h: see build/fuzz/$h.log; copy the crash-$h-* file it names into"
		echo "     tests/fuzz/regress/$h/ (make check replays it) and fix the bug"
		fail=1
	else
		grep -E '^#[0-9]+.*DONE' "build/fuzz/$h.log" | tail -1
	fi
done
[ $fail = 0 ] && echo "fuzz-smoke: every harness ran ${secs}s without a find"
exit $fail
