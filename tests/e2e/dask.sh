#!/bin/sh
# contrib/voxpop_dask.py on a Dask LocalCluster (python3-distributed from
# Debian): records and files mapped through the stages in partitions, the
# documents reduced as a tree through vp-merge -- byte-identical to one run.
. "$VP_ROOT/tests/lib.sh"
# Debian's python: a pyenv python3 earlier on PATH would not have dask
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import dask.bag, distributed' 2>/dev/null ||
	skip "dask: python3-distributed not installed (apt-get install python3-distributed): not run"
C=$VP_ROOT/corpora
P=$VP_ROOT/tests/data/ingest-presets
set -- "$C/survey-llr-2026.csv" "$C/events-melton.txt" "$C/events-leicester.txt" \
	"$C/online-form.ndjson" "$P"/*.csv
vp-ingest "$@" 2>/dev/null > "$T/records.ndjson" || fail "ingest"
vp-normalise "$T/records.ndjson" | vp-tag | vp-count --quotes 2 --by question > "$T/one" || fail "one run"

cd "$T" || fail "cd"
"$PY" "$VP_ROOT/contrib/voxpop_dask.py" --workers 2 --partitions 7 "$T/records.ndjson" \
	-- --quotes 2 --by question > "$T/got" 2>"$T/err" || { tail "$T/err" >&2; fail "dask over records"; }
cmp -s "$T/one" "$T/got" || { diff "$T/one" "$T/got" | head >&2; fail "dask (records) differs from one run"; }
"$PY" "$VP_ROOT/contrib/voxpop_dask.py" --workers 2 --partitions 3 --files "$@" \
	-- --quotes 2 --by question > "$T/got" 2>"$T/err" || { tail "$T/err" >&2; fail "dask over files"; }
cmp -s "$T/one" "$T/got" || { diff "$T/one" "$T/got" | head >&2; fail "dask (files) differs from one run"; }
exit 0
