#!/bin/sh
# The token file as editors and tools leave it: a trailing newline, CRLF,
# a tab or spaces, a UTF-8 byte-order mark (Windows Notepad) are not part of
# the token (they were sent, or stayed in: HTTP 401, exit 77).  A token file
# (or secret or header file) that other users can read or write is used,
# with a warning that does not show the token.
. "$VP_ROOT/tests/lib.sh"
. "$VP_ROOT/tests/data/fetch/server.sh"
start_server -a "Bearer $TOKEN" "$D/i16/routes"
f() {
	vp-fetch --url "$BASE/skew" --records /results --id /ref --text /comments \
		--token-file "$T/tok" 2>"$T/err" >"$T/out"
}
for form in '%s\n' '%s\r\n' '%s \t\r\n' '\357\273\277%s\n' '  %s  \n\n'; do
	printf "$form" "$TOKEN" >"$T/tok"
	chmod 600 "$T/tok"
	f || { cat "$T/err"; fail "token file '$form': not accepted"; }
	[ "$(wc -l <"$T/out")" = 2 ] || fail "token file '$form': want 2 records"
	expect_not_in "$T/err" "readable"
done
chmod 644 "$T/tok"
f || { cat "$T/err"; fail "a world-readable token file is still used"; }
expect_in "$T/err" "tok: other users can read or write this secret's file (mode 0644): chmod 600 it"
no_leak "$T/err" "$T/out"
# the same for the second secret (HTTP Basic password)
printf 'sec-HIDDEN-1\n' >"$T/sec"
chmod 666 "$T/sec"
chmod 600 "$T/tok"
vp-fetch --url "$BASE/skew" --records /results --id /ref --text /comments \
	--token-file "$T/tok" --secret-file "$T/sec" >/dev/null 2>"$T/err"
expect_in "$T/err" "sec: other users can read or write this secret's file (mode 0666)"
expect_not_in "$T/err" "sec-HIDDEN-1"
# the same in the environment: a variable set from a CRLF file
# (VOXPOP_TOKEN=$(cat tok) keeps the CR) or a systemd EnvironmentFile saved
# on Windows holds the token and a line end, which are not part of it (it
# was 64: "the token contains a line break")
for form in '%s\r' '%s\r\n' ' %s\t'; do
	VOXPOP_TEST_CRLF=$(printf "$form" "$TOKEN"; printf x)
	export VOXPOP_TEST_CRLF="${VOXPOP_TEST_CRLF%x}"
	vp-fetch --url "$BASE/skew" --records /results --id /ref --text /comments \
		--token-env VOXPOP_TEST_CRLF 2>"$T/err" >"$T/out" ||
		{ cat "$T/err"; fail "token in the environment '$form': not accepted"; }
	[ "$(wc -l <"$T/out")" = 2 ] || fail "token in the environment '$form': want 2 records"
done
# only white space is no token: as a variable set but empty
export VOXPOP_TEST_CRLF="$(printf ' \r')"
expect_exit 64 vp-fetch --url "$BASE/skew" --records /results --id /ref --text /comments \
	--token-env VOXPOP_TEST_CRLF
expect_in "$T/err" "environment variable VOXPOP_TEST_CRLF (--token-env) holds only white space"
# a line break inside it is still refused
export VOXPOP_TEST_CRLF="$(printf 'ab\ncd')"
expect_exit 64 vp-fetch --url "$BASE/skew" --records /results --id /ref --text /comments \
	--token-env VOXPOP_TEST_CRLF
expect_in "$T/err" "the token contains a line break"
# the token copied with its scheme ("Bearer abc", as an API's docs show the
# header) was sent as "Bearer Bearer abc": a plain 401.  Said before any
# request, without the token.
printf 'bearer %s\n' "$TOKEN" >"$T/tok"
chmod 600 "$T/tok"
expect_exit 64 vp-fetch --url "$BASE/skew" --records /results --id /ref --text /comments \
	--token-file "$T/tok"
expect_in "$T/err" "the token begins with 'Bearer ': give the token alone (vp-fetch writes the scheme)"
no_leak "$T/err" "$T/out"
exit 0
