#!/bin/sh
# contrib/systemd/voxpop-fetch@.service does what README's "Scheduling" says:
# exit 75 (temporary) restarts the service, every other failure waits for a
# person -- so RestartPreventExitStatus lists every code vp-fetch --help gives
# but 0 and 75 (73, a missing or unwritable directory, was once retried).
# And README's cron line is contrib/cron/voxpop-fetch's, as it says.
. "$VP_ROOT/tests/lib.sh"
U=$VP_ROOT/contrib/systemd/voxpop-fetch@.service
[ -f "$U" ] || fail "no $U"
grep -q '^Restart=on-failure$' "$U" || fail "$U does not restart on failure"
prevent=" $(sed -n 's/^RestartPreventExitStatus=//p' "$U") "
[ "$prevent" != "  " ] || fail "$U has no RestartPreventExitStatus"
n=0
for c in $(vp-fetch --help | sed -n '/^Exit status:/,/^$/p' | grep -oE '(^|; )[0-9]+ ' | grep -oE '[0-9]+'); do
	n=$((n + 1))
	case $c in
	0) ;;
	75) case $prevent in *" 75 "*) fail "$U does not retry 75 (temporary)" ;; esac ;;
	*) case $prevent in *" $c "*) ;; *) fail "$U retries exit $c (vp-fetch --help: not temporary), RestartPreventExitStatus=$prevent" ;; esac ;;
	esac
done
[ "$n" -ge 8 ] || fail "found only $n exit codes in vp-fetch --help"
line=$(grep -m1 '^15 2 \* \* \*' "$VP_ROOT/contrib/cron/voxpop-fetch") || fail "no nightly line in contrib/cron/voxpop-fetch"
grep -qxF "    $line" "$VP_ROOT/README.md" || fail "README does not show contrib/cron's line: $line"
exit 0
