#!/bin/sh
# Every stage passes the members it does not own through as the bytes they
# came as -- numbers of any size or form, escapes, spaces -- on its first run
# and when run again on its own output (its members already there), and a
# record repeating a member the stage reads or owns is a bad record.
. "$VP_ROOT/tests/lib.sh"

# every awkward kind of member; "text" and "tokens" as each stage reads them
AWK='"n":1.10,"e":1e3,"E":1E+3,"z":-0,"tiny":5e-324,"big":12345678901234567890,"f":0.1000000000000000055511151231257827,"u":"\u00e9","s":"a\/b","nest":{ "b" : [ 1 , {"c":null} ], "a":-0.0 },"sp":[ 1 , 2 ],"k" : "v"'
printf '%s\n' "{\"id\":\"q1\",\"text\":\"The nurse Dr Jane Smith was lovely, call 07700 900123\",$AWK,\"x\":1}" \
	"{$AWK,\"id\":\"q2\",\"text\":\"The nurse Dr Jane Smith was lovely, call 07700 900123\"}" >"$T/in"
vp-normalise "$T/in" >"$T/norm" || fail "vp-normalise"
vp-tag "$T/norm" >"$T/tagged" || fail "vp-tag"

# each member of $AWK, byte for byte, in FILE
members_kept() {
	for m in '"n":1.10' '"e":1e3' '"E":1E+3' '"z":-0' '"tiny":5e-324' \
	    '"big":12345678901234567890' '"f":0.1000000000000000055511151231257827' \
	    '"u":"\u00e9"' '"s":"a\/b"' '"nest":{ "b" : [ 1 , {"c":null} ], "a":-0.0 }' \
	    '"sp":[ 1 , 2 ]' '"k" : "v"'; do
		[ "$(grep -cF -- "$m" "$1")" = 2 ] || { cat "$1" >&2; fail "$2: $m not kept in $1"; }
	done
}

for st in vp-redact vp-dedup vp-locate vp-normalise vp-tag vp-sentiment; do
	in=$T/in
	case $st in vp-tag) in=$T/norm ;; vp-sentiment) in=$T/tagged ;; esac
	expect_exit 0 $st "$in"
	cp "$T/out" "$T/once"
	members_kept "$T/once" "$st"
	# run again on its own output: its members are there already
	expect_exit 0 $st "$T/once"
	members_kept "$T/out" "$st again"
	cmp -s "$T/out" "$T/once" || [ $st = vp-locate ] || fail "$st again changed the record"
done
# what vp-redact did was still done (on the fast path)
expect_exit 0 vp-redact "$T/in"
expect_not_in "$T/out" 'Jane'
expect_in "$T/out" '"redacted":{"phone":1,"name":1}'
# run again with more to remove: added to "redacted" where it is
sed 's/"text":"[^"]*"/"text":"ring 07700 900456"/' "$T/out" >"$T/more"
expect_exit 0 vp-redact "$T/more"
expect_in "$T/out" '"redacted":{"phone":2,"name":1}'
members_kept "$T/out" "vp-redact adding"
# tokens, themes already there: replaced, nothing else touched
expect_exit 0 vp-normalise "$T/norm"
[ "$(grep -o '"tokens"' "$T/out" | wc -l)" = 2 ] || fail "tokens twice in a record"
expect_exit 0 vp-tag "$T/tagged"
[ "$(grep -o '"themes"' "$T/out" | wc -l)" = 2 ] || fail "themes twice in a record"

# vp-ingest --format ndjson: the members it passes through as they came
expect_exit 0 vp-ingest --format ndjson "$T/in"
members_kept "$T/out" "vp-ingest"

# Numbers beyond 64 bits in a member a stage does not read: passed through.
echo '{"id":"b","text":"hello","x":12345678901234567890,"y":-1e999}' >"$T/big"
for st in vp-redact vp-dedup vp-locate vp-normalise; do
	expect_exit 0 $st "$T/big"
	expect_in "$T/out" '"x":12345678901234567890,"y":-1e999'
done

# A member the stage reads or owns, twice: a bad record, in every stage.
dup() { # STAGE MEMBER LINE
	printf '%s\n' '{"id":"ok","text":"fine","tokens":["fine"]}' "$3" >"$T/dup"
	expect_exit 65 $1 "$T/dup"
	expect_in "$T/err" "$1: $T/dup:2: duplicate key \"$2\""
	expect_exit 0 $1 --skip-bad "$T/dup"
	[ "$(wc -l <"$T/out")" = 1 ] || fail "$1 --skip-bad wrote the duplicate"
	expect_in "$T/err" 'skipped 1 bad record of 2'
}
dup vp-redact text '{"id":"d1","text":"My name is Jane Smith","text":"call 07700 900123"}'
expect_not_in "$T/out" 'Jane'
dup vp-redact redacted '{"id":"d1","text":"Jane","redacted":{},"redacted":{"name":1}}'
dup vp-dedup text '{"id":"d1","text":"a","text":"b"}'
dup vp-dedup duplicate_of '{"id":"d1","text":"a","duplicate_of":"x","duplicate_of":"y"}'
dup vp-locate locality '{"id":"d1","locality":"LE1 1AA","locality":"Leicester"}'
dup vp-normalise text '{"id":"d1","text":"a","text":"b"}'
dup vp-normalise tokens '{"id":"d1","text":"a","tokens":[],"tokens":[]}'
dup vp-tag tokens '{"id":"d1","tokens":["a"],"tokens":["b"]}'
dup vp-sentiment text '{"id":"d1","text":"good","text":"bad"}'
# an escaped key spelling the same name is the same member
dup vp-redact text '{"id":"d1","text":"x","t\u0065xt":"My name is Jane Smith"}'
# other members may repeat (every reader keeps the last): passed through
echo '{"id":"r","a":1,"a":2,"text":"hello"}' >"$T/rep"
expect_exit 0 vp-redact "$T/rep"
expect_in "$T/out" '{"id":"r","a":1,"a":2,"text":"hello"}'
exit 0
