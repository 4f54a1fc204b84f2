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
