# Sourced by tests/e2e/fetch*.sh after tests/lib.sh: start and stop the
# fakeapi test server (127.0.0.1 only, random port, exits by itself).
D="$VP_ROOT/tests/data/fetch"
SERVER_PID=
[ -x "${VP_TOOLS:-}/fakeapi" ] || fail "fakeapi not built (run through make e2e)"

# start_server [fakeapi options] ROUTES: sets PORT, BASE; log in $T/log
start_server() {
	stop_server
	rm -f "$T/port"
	"$VP_TOOLS/fakeapi" -l "$T/log" -t 60 "$@" >"$T/port" &
	SERVER_PID=$!
	i=0
	while [ ! -s "$T/port" ]; do
		i=$((i + 1))
		[ $i -le 200 ] || fail "fakeapi did not start"
		sleep 0.02
	done
	PORT=$(cat "$T/port")
	BASE="http://127.0.0.1:$PORT"
}
stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
	fi
}
trap 'stop_server; rm -rf "$T"' EXIT

# wait_for FILE TEXT: until FILE contains TEXT (at most ~10 s)
wait_for() {
	i=0
	until grep -qF -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 500 ] || fail "timed out waiting for '$2' in $1"
		sleep 0.02
	done
}

# The token the tests use, and a check that it leaked nowhere.
TOKEN=tok-SECRET-5f3a9c
export VOXPOP_TEST_TOKEN="$TOKEN"
no_leak() {
	for f in "$@"; do
		[ -e "$f" ] || continue
		! grep -qF -- "$TOKEN" "$f" || fail "token leaked into $f"
	done
}
