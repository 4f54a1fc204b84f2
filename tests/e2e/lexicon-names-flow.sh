#!/bin/sh
# vp-lexicon import/export: theme names the target writes otherwise are
# said; YAML flow mappings; LIWC-22 .dicx; DIR made with its parents.
. "$(dirname "$0")/../lib.sh"
TAB=$(printf '\t')

# A name with a space ("waiting times": a quanteda key, a LIWC or WordStat
# category) is a theme written with '_' (voxpop's theme names have none):
# said at its line and counted (it was renamed without a word, so a
# YAML -> set -> YAML round trip changed the key unseen).
printf '"waiting times":\n  - wait\naccess:\n  - phone\n' >"$T/sp.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/sp.yaml" "$T/sp"
grep -qx wait "$T/sp/waiting_times.txt" || { find "$T/sp" >&2; fail "theme waiting_times"; }
expect_in "$T/err" "sp.yaml:1: key 'waiting times': a space in a theme name; written as 'waiting_times'"
expect_in "$T/err" "1 item of $T/sp.yaml could not be expressed"
printf '%%\n1\twaiting times\n%%\nwait\t1\n' >"$T/sp.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/sp.dic" "$T/spl"
grep -qx wait "$T/spl/waiting_times.txt" || fail "LIWC theme waiting_times"
expect_in "$T/err" "sp.dic:2: category 'waiting times': a space in a theme name; written as 'waiting_times'"
printf 'WAITING TIMES\n\tWAIT (1)\n' >"$T/sp.cat"
expect_exit 0 vp-lexicon import --from wordstat "$T/sp.cat" "$T/spw"
grep -qx wait "$T/spw/waiting_times.txt" || fail "WordStat theme waiting_times"
expect_in "$T/err" "sp.cat:1: category 'waiting times': a space in a theme name; written as 'waiting_times'"

# LIWC export of a theme whose name has a space (a file "waiting times.txt"):
# the report and the file agree -- it said the name could not be expressed
# and wrote it anyway.  Written as 'waiting_times', and said so.
mkdir -p "$T/spset" || fail mkdir
printf 'wait\n' >"$T/spset/waiting times.txt"
printf 'bus\n' >"$T/spset/transport.txt"
expect_exit 0 vp-lexicon export --to liwc "$T/spset"
grep -qx "[0-9]${TAB}waiting_times" "$T/out" || { cat -A "$T/out"; fail "LIWC category written as waiting_times"; }
expect_not_in "$T/out" "waiting times"
expect_in "$T/err" "theme 'waiting times': a space in a LIWC category name; written as 'waiting_times'"
expect_in "$T/err" "1 item of $T/spset could not be expressed in liwc"
# ... and one that would then share another theme's name is an error:
# the two would be read back as one category.
printf 'queue\n' >"$T/spset/waiting_times.txt"
expect_exit 65 vp-lexicon export --to liwc "$T/spset"
expect_in "$T/err" "themes 'waiting times' and 'waiting_times' would both be LIWC category 'waiting_times'"

# YAML flow mappings, on one line or over several (as PyYAML and people
# write them): keys are themes (they were named and not imported; over
# several lines the next line's key became a theme of no entries).
printf 'access: {waiting: [wait, queue],\n  contact: [phone, "get through"]}\ntransport: [bus]\n' >"$T/fm.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/fm.yaml" "$T/fm"
expect_not_in "$T/err" "vp-lexicon"
for e in wait queue; do grep -qx "$e" "$T/fm/access/waiting.txt" || fail "flow mapping: $e"; done
grep -qx 'get through' "$T/fm/access/contact.txt" || fail "flow mapping: get through"
grep -qx bus "$T/fm/transport.txt" || fail "flow mapping: bus"
# the whole document one mapping, JSON-like, nested, wrapped
printf '{"access": {"waiting": ["wait"],\n             "contact": ["phone"]},\n "transport": ["bus", "car park"]}\n' >"$T/fm2.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/fm2.yaml" "$T/fm2"
expect_not_in "$T/err" "vp-lexicon"
grep -qx wait "$T/fm2/access/waiting.txt" && grep -qx phone "$T/fm2/access/contact.txt" &&
	grep -qx 'car park' "$T/fm2/transport.txt" || { find "$T/fm2" >&2; fail "a document of one flow mapping"; }
# ... the same set as the block form's
expect_exit 0 vp-lexicon export --to yaml "$T/fm2"
cp "$T/out" "$T/fm2.out" || fail cp
printf 'access:\n  waiting:\n    - wait\n  contact:\n    - phone\ntransport:\n  - bus\n  - car park\n' >"$T/bl.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/bl.yaml" "$T/bl"
expect_exit 0 vp-lexicon export --to yaml "$T/bl"
cmp -s "$T/out" "$T/fm2.out" || { diff "$T/out" "$T/fm2.out"; fail "flow and block forms differ"; }
# JSON as json.dumps writes it compact: a quoted key meets its ':' and '['
printf '{"a":["x","y"],"b":{"c":["z"]}}\n' >"$T/js.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/js.yaml" "$T/js"
grep -qx y "$T/js/a.txt" && grep -qx z "$T/js/b/c.txt" || { find "$T/js" >&2; fail "compact JSON"; }
# what is not closed is an error at the line it opened on
printf 'access: {waiting: [wait],\n  contact: [phone]\nfood: [bread]\n' >"$T/fm3.yaml"
expect_exit 65 vp-lexicon import --from yaml "$T/fm3.yaml" "$T/fm3"
expect_in "$T/err" "fm3.yaml:1:"
[ ! -e "$T/fm3" ] || fail "an unclosed flow mapping wrote files"
# a value that is no list or mapping is an entry; an empty key's no theme
printf 'staff: {kind: caring, rude: }\n' >"$T/fm4.yaml"
expect_exit 0 vp-lexicon import --from yaml "$T/fm4.yaml" "$T/fm4"
grep -qx caring "$T/fm4/staff/kind.txt" || fail "a scalar value in a flow mapping"
expect_in "$T/err" "fm4.yaml:1: category 'staff/rude' has no entries"

# LIWC-22's .dicx (CSV: DicTerm, then one column a category, X marks) read
# by --from liwc (it was "expected the '%' header first").
printf '\357\273\277DicTerm,Waiting,Transport,Car Park\r\nwait*,X,,\r\nbus,,X,\r\n"car park",,X,X\r\ncoach,X,X,\r\nnothing,,,\r\n' >"$T/toy.dicx"
expect_exit 0 vp-lexicon import --from liwc "$T/toy.dicx" "$T/dx"
grep -qx 'wait\*' "$T/dx/Waiting.txt" && grep -qx coach "$T/dx/Waiting.txt" || fail "dicx: Waiting"
grep -qx bus "$T/dx/Transport.txt" && grep -qx coach "$T/dx/Transport.txt" &&
	grep -qx 'car park' "$T/dx/Transport.txt" || fail "dicx: Transport"
grep -qx 'car park' "$T/dx/Car_Park.txt" || fail "dicx: Car Park"
expect_in "$T/err" "toy.dicx:1: category 'Car Park': a space in a theme name"
expect_in "$T/err" "toy.dicx:6: 'nothing' has no category: not imported"
expect_exit 0 vp-lexicon export --to liwc "$T/dx"
grep -qx "coach${TAB}[0-9]${TAB}[0-9]" "$T/out" || { cat "$T/out"; fail "dicx -> set -> dic"; }
# a weight (a weighted .dicx) is named, the entry imported where it is not 0;
# a mark that is neither is named, not imported
printf 'DicTerm,neg,pos\nawful,-0.7,0.0\ngreat,0,0.9\nok,?,\n' >"$T/w.dicx"
expect_exit 0 vp-lexicon import --from liwc "$T/w.dicx" "$T/wdx"
grep -qx awful "$T/wdx/neg.txt" && grep -qx great "$T/wdx/pos.txt" || fail "weighted dicx"
! grep -qx great "$T/wdx/neg.txt" || fail "a weight 0 is no mark"
expect_in "$T/err" "w.dicx:2: 'awful' (neg): weight -0.7 has no equivalent"
expect_in "$T/err" "w.dicx:4: 'ok' (neg): '?' is not a mark (X): not imported"
# a .dicx without the DicTerm header says what it wants
printf 'Term,a\nx,X\n' >"$T/bad.dicx"
expect_exit 65 vp-lexicon import --from liwc "$T/bad.dicx" "$T/bdx"
expect_in "$T/err" "bad.dicx:1: a LIWC-22 .dicx starts with a 'DicTerm' column"

# A LIWC 2015 description parted from its name by spaces, not a TAB
# ("2 social (Social Processes)", as a header retyped by hand has it): the
# @label, as after a TAB (the theme was 'social_(Social_Processes)').
printf '%%\n1\tfunction\t(Function Words)\n2\tsocial  (Social Processes)\n%%\nkind of\t1 2\n' >"$T/l15.dic"
expect_exit 0 vp-lexicon import --from liwc "$T/l15.dic" "$T/l15"
grep -qx 'kind of' "$T/l15/social.txt" || { find "$T/l15" >&2; fail "LIWC 2015 description after spaces"; }
expect_in "$T/l15/social.txt" "@label Social Processes"
expect_not_in "$T/err" "vp-lexicon"

# A theme's own entries beside its sub-themes go to YAML under quanteda's
# "__" key, which import reads back as the parent's (they were named "not
# exported": set -> YAML -> set lost them, though both ends can hold them).
mkdir -p "$T/own/access" || fail mkdir
printf 'phone\n!phone box\n' >"$T/own/access.txt"
printf 'wait\n' >"$T/own/access/waiting.txt"
expect_exit 0 vp-lexicon export --to yaml "$T/own"
expect_in "$T/out" '"__":'
expect_not_in "$T/err" "'phone'"
expect_in "$T/err" "exclusion '!phone box' (access) has no equivalent"
cp "$T/out" "$T/own.yaml" || fail cp
expect_exit 0 vp-lexicon import --from yaml "$T/own.yaml" "$T/own2"
grep -qx phone "$T/own2/access.txt" && grep -qx wait "$T/own2/access/waiting.txt" ||
	{ find "$T/own2" >&2; fail "set -> YAML -> set: a theme's own entries"; }

# DIR whose parents do not exist is made with them, as a theme's
# sub-directories are (it was 73, "No such file or directory", naming DIR).
expect_exit 0 vp-lexicon import --from yaml "$T/fm.yaml" "$T/new/deeper/set"
grep -qx bus "$T/new/deeper/set/transport.txt" || fail "DIR with its parents"
# what cannot be made says so, 73
: >"$T/plain"
expect_exit 73 vp-lexicon import --from yaml "$T/fm.yaml" "$T/plain/set"
expect_in "$T/err" "vp-lexicon: $T/plain/set: cannot create directory"

exit 0
