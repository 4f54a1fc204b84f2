# make install puts the stages, lexicons and gazetteers under PREFIX, and the
# installed vp-tag finds its default lexicons with no flag and no environment.
. "$VP_ROOT/tests/lib.sh"
P="$T/prefix"
make -s -C "$VP_ROOT" install PREFIX="$P" BUILD="$T/build" BIN="$T/build/bin" >"$T/make.log" 2>&1 ||
	{ cat "$T/make.log"; fail "make install failed"; }
for s in vp-ingest vp-normalise vp-tag vp-count; do
	[ -x "$P/bin/$s" ] || fail "$s not installed"
done
[ -d "$P/share/voxpop/lexicons/engagement" ] || fail "lexicons not installed"
# Run from elsewhere, without VOXPOP_DATADIR, so only the compiled-in path can work.
cd "$T"
printf 'id,text\n1,The car park was full and parking cost a fortune.\n' > in.csv
env -u VOXPOP_DATADIR "$P/bin/vp-ingest" --text-col text in.csv | env -u VOXPOP_DATADIR "$P/bin/vp-normalise" |
	env -u VOXPOP_DATADIR "$P/bin/vp-tag" > tagged.ndjson 2> err || { cat err; fail "installed chain failed"; }
expect_in tagged.ndjson '"theme":"transport/parking"'
