#!/bin/sh
# tests/lexicon-gold.sh MAP COMMENTS: turn hand-labelled comments
# (id<TAB>themes<TAB>comment; themes comma separated, "-" for none; "#" lines
# are comments) into a one-hot gold CSV for vp-eval on stdout: columns id,
# comment and one per theme of MAP (theme<TAB>column lines).  A label that is
# not a theme of MAP is an error (exit 65).  Used by tests/e2e/eval-lexicons.sh
# and tests/e2e/eval-blind.sh.
[ $# -eq 2 ] || { echo "usage: lexicon-gold.sh MAP COMMENTS" >&2; exit 64; }
[ -r "$1" ] && [ -r "$2" ] || { echo "lexicon-gold.sh: cannot read $1 or $2" >&2; exit 66; }
awk -F '\t' -v map="$1" '
	BEGIN {
		while ((getline line < map) > 0) {
			if (line ~ /^#/ || line == "") continue
			split(line, f, "\t"); cols[++n] = f[2]
		}
		printf "id,comment"
		for (i = 1; i <= n; i++) printf ",%s", cols[i]
		printf "\n"
	}
	/^#/ || NF < 3 { next }
	{
		delete want
		k = split($2, t, ",")
		for (i = 1; i <= k; i++) want[t[i]] = 1
		for (w in want) {
			known = 0
			for (i = 1; i <= n; i++) if (cols[i] == w) known = 1
			if (!known && w != "-") { print FILENAME ":" FNR ": unknown theme " w > "/dev/stderr"; exit 65 }
		}
		text = $3; gsub(/"/, "\"\"", text)
		printf "%s,\"%s\"", $1, text
		for (i = 1; i <= n; i++) printf ",%d", (cols[i] in want)
		printf "\n"
	}' "$2"
