#!/bin/sh
# The redaction gold set (tests/data/redact): per-type recall and precision
# and the share of must-stay strings damaged, against the issue's floors.
# Scored as vp-redact runs: with the list of given names.
. "$VP_ROOT/tests/lib.sh"
S=$VP_TOOLS/redact_score
[ -x "$S" ] || fail "no $S"
"$S" -g "$VP_ROOT/lexicons/names/given.txt" "$VP_ROOT/tests/data/redact/comments.txt" >"$T/score" || fail "redact_score failed"
cat "$T/score"
[ "$(awk '/^comments/ { print $2 }' "$T/score")" -ge 150 ] || fail "fewer than 150 comments"
# recall floors: NHS and NI numbers, e-mails, phones 100%; names, addresses, DOB >= 95%
awk '$1 == "nhs" || $1 == "ni" || $1 == "email" || $1 == "phone" { if ($5 < 1.0) bad = bad " " $1 }
     $1 == "name" || $1 == "address" || $1 == "dob" { if ($5 < 0.95) bad = bad " " $1 }
     $1 == "keep" { if ($6 > 0.02) bad = bad " damage" }
     END { if (bad != "") { print "below the floor:" bad; exit 1 } }' "$T/score" ||
	fail "redaction below its thresholds"
