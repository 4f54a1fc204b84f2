# Every stage has a committed man page, man/NAME.1, and it is exactly what the
# stage's option table gives (`NAME --man-page`, vp_cli_man; `make man` writes
# them), so the pages cannot drift from --help.  Each renders without warnings
# (mandoc -T lint, else groff; skipped with a message when neither is here).
. "$VP_ROOT/tests/lib.sh"
stages=$(cd "$VP_ROOT/pipeline" && ls vp-*.c | sed 's/\.c$//')
[ -n "$stages" ] || fail "no stages found"
for s in $stages; do
	[ -x "$VP_BIN/$s" ] || fail "$s is not built"
	"$VP_BIN/$s" --man-page > "$T/$s.1" 2> "$T/err" || { cat "$T/err"; fail "$s --man-page failed"; }
	[ -f "$VP_ROOT/man/$s.1" ] || fail "$s has no man page: run 'make man' and commit man/$s.1"
	cmp -s "$T/$s.1" "$VP_ROOT/man/$s.1" || {
		diff -u "$VP_ROOT/man/$s.1" "$T/$s.1" | head -n 40
		fail "man/$s.1 differs from '$s --man-page': run 'make man' and commit it"
	}
	"$VP_BIN/$s" --help > "$T/help" || fail "$s --help failed"
	expect_not_in "$T/help" "man-page"
done
for f in "$VP_ROOT"/man/*.1; do
	s=$(basename "$f" .1)
	[ -f "$VP_ROOT/pipeline/$s.c" ] || fail "man/$s.1 has no stage pipeline/$s.c: remove it"
done
# The examples in --help (and so in the man pages' EXAMPLES) can be pasted
# into a shell: a line continuing a command ends in '\\' or '|' (a line of
# options after one that does not ran as a command of its own), and vp-count
# reads what vp-tag (or vp-sentiment after it) wrote, never a stage before
# vp-tag (vp-locate's example piped vp-locate into vp-count: exit 65).
n=0
for s in $stages; do
	"$VP_BIN/$s" --help | awk '/^Examples?:?$/ { p = 1; next } p && /^$/ { p = 0 } p' >"$T/ex"
	awk -v s="$s" '
		c && /^ +-/ && !(prev ~ /[\\|] *$/) { print s ": example line of options after a line that does not continue: " $0; bad = 1 }
		{ c = 1; prev = $0 }' "$T/ex" >"$T/exbad"
	[ ! -s "$T/exbad" ] || { cat "$T/exbad" >&2; fail "$s --help: an example cannot be pasted"; }
	# whole commands, continuation lines joined
	awk '{ l = l $0 } /[\\|] *$/ { sub(/\\ *$/, "", l); next } { print l "|#end"; l = "" }' "$T/ex" |
		tr '|' '\n' | sed 's/^ *//' >"$T/segs"
	prev=
	while IFS= read -r seg; do
		case $seg in vp-count*)
			case $prev in vp-tag*|vp-sentiment*|"") ;;
			*) fail "$s --help: an example pipes '${prev%% *}' into vp-count, which reads vp-tag's output" ;;
			esac ;;
		esac
		case $seg in "#end") prev= ;; "") ;; *) prev=$seg ;; esac
		n=$((n + 1))
	done <"$T/segs"
done
[ "$n" -ge 20 ] || fail "found only $n command segments in the stages' --help examples"
cd "$T"
if command -v mandoc >/dev/null 2>&1; then
	for s in $stages; do
		mandoc -T lint -W warning "$s.1" > lint 2>&1 || true
		[ ! -s lint ] || { cat lint; fail "mandoc -T lint warns about man/$s.1"; }
	done
fi
if command -v groff >/dev/null 2>&1; then
	for s in $stages; do
		LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$s.1" > lint 2>&1 || { cat lint; fail "groff cannot render man/$s.1"; }
		[ ! -s lint ] || { cat lint; fail "groff warns about man/$s.1"; }
	done
fi
command -v mandoc >/dev/null 2>&1 || command -v groff >/dev/null 2>&1 ||
	echo "man: pages match their stages; rendering not checked (no mandoc or groff)"
exit 0
