# Sourced by tests/e2e/*.sh.  Env from `make e2e`: VP_BIN, VP_TOOLS, VP_ROOT.
set -u
: "${VP_BIN:?run through make e2e}" "${VP_ROOT:?}"
export PATH="$VP_BIN:$PATH" VOXPOP_DATADIR="$VP_ROOT"
T=$(mktemp -d "${TMPDIR:-/tmp}/vp-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }
# expect_exit CODE CMD...: run CMD, stdout to $T/out, stderr to $T/err
expect_exit() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"; got=$?
	[ "$got" = "$want" ] || { cat "$T/err" >&2; fail "'$*' exited $got, want $want"; }
}
# expect_in FILE TEXT: FILE contains TEXT (fixed string)
expect_in() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks '$2'"; }; }
expect_not_in() { ! grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 has '$2'"; }; }
# add_ingest_rejected IERR DOC: the chain's count document DOC given the rows
# vp-ingest said in IERR it skipped ("vp-ingest: rejected N bad rows of M"),
# as vp-run writes them in "rejected": there vp-ingest's code is inside the
# count, while the chain's vp-count counts only what it rejects itself
add_ingest_rejected() {
	_rej=$(sed -n 's/^vp-ingest: rejected \([0-9]*\) bad rows* of .*/\1/p' "$1")
	[ -n "$_rej" ] || return 0
	sed "s/^  \"rejected\": 0,\$/  \"rejected\": $_rej,/; s/,\"rejected\":0,/,\"rejected\":$_rej,/" \
		"$2" > "$2.rej" && mv "$2.rej" "$2" || fail "add_ingest_rejected: sed"
	grep -q "\"rejected\": *$_rej," "$2" || fail "add_ingest_rejected: no \"rejected\": 0 in $2"
}
