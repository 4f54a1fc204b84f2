# `make && make install PREFIX=...` (the README's order) puts the stages,
# lexicons, gazetteers and man pages under PREFIX, and the installed vp-tag
# finds its default lexicons with no flag and no environment.  It builds a
# copy of the tree, so the tree's own bin/ stays built for the tests (which
# find the data through VOXPOP_DATADIR).
. "$VP_ROOT/tests/lib.sh"
S="$T/src" P="$T/prefix"
mkdir -p "$S"
(cd "$VP_ROOT" && tar --exclude=./build --exclude=./bin --exclude=./.git -cf - .) |
	(cd "$S" && tar -xf -) || fail "cannot copy the tree"
make -s -C "$S" -j4 >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make failed"; }
make -s -C "$S" install PREFIX="$P" DESTDIR= >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; fail "make install failed"; }
stages=$(cd "$S/pipeline" && ls vp-*.c | sed 's/\.c$//')
for s in $stages; do
	[ -x "$P/bin/$s" ] || fail "$s not installed"
done
[ -d "$P/share/voxpop/lexicons/engagement" ] || fail "lexicons not installed"
[ -d "$P/share/voxpop/lexicons/localities" ] || fail "gazetteers not installed"
# The data directory compiled in is PREFIX's, not the default's (which might
# exist on this machine and hide the fault).
grep -qF "$P/share/voxpop" "$P/bin/vp-tag" ||
	fail "installed vp-tag was built for another prefix: $(tr '\0' '\n' < "$P/bin/vp-tag" | grep '/share/voxpop$' | head -n 1)"
# Run from elsewhere, without VOXPOP_DATADIR, so only the compiled-in path can work.
cd "$T"
printf 'id,text\n1,The car park was full and parking cost a fortune.\n' > in.csv
env -u VOXPOP_DATADIR "$P/bin/vp-ingest" --text-col text in.csv | env -u VOXPOP_DATADIR "$P/bin/vp-normalise" |
	env -u VOXPOP_DATADIR "$P/bin/vp-tag" > tagged.ndjson 2> err || { cat err; fail "installed chain failed"; }
expect_in tagged.ndjson '"theme":"transport/parking"'
env -u VOXPOP_DATADIR "$P/bin/vp-locate" --field text tagged.ndjson > located.ndjson 2> err ||
	{ cat err; fail "installed vp-locate cannot find its gazetteers"; }
for s in $stages; do
	[ -f "$P/share/man/man1/$s.1" ] || fail "man page of $s not installed"
done
