# vp-locate --from-text: a comment naming a place only as one the commenter
# travels to ("I have to travel 25 miles to Leicester for my scans", from
# a Rutland patient) was filed under that place.  A journey there says the
# commenter lives elsewhere, maybe in another system: nothing is located,
# and --report counts such records.  Home moves, "at"/"in", plain mentions
# and the multi-place rules locate as before.
. "$VP_ROOT/tests/lib.sh"

cat >"$T/in.ndjson" <<'J'
{"id":"1","text":"I have to travel 25 miles to Leicester for my scans"}
{"id":"2","text":"Travelling to Leicester for every appointment is exhausting"}
{"id":"3","text":"We drive to Oakham every week and parking is awful"}
{"id":"4","text":"It is 40 miles to Hounslow and back"}
{"id":"5","text":"I went all the way to Leicester for nothing"}
{"id":"6","text":"The journey to Leicester takes two buses"}
{"id":"7","text":"Getting to Leicester is hard without a car"}
{"id":"8","text":"I had to go into Leicester and then go over to Loughborough"}
{"id":"9","text":"I moved to Oakham last year"}
{"id":"10","text":"I'm from Leicester"}
{"id":"11","text":"Leicester is great"}
{"id":"12","text":"In Leicester the wait is long"}
{"id":"13","text":"I waited 5 hours at Leicester"}
{"id":"14","text":"Moved from Nottingham to Oakham"}
{"id":"15","text":"I have to travel to Leicester from Oakham"}
{"id":"16","text":"I live in Melton and have to travel to Leicester"}
{"id":"17","text":"Leicester is fine but the Oakham surgery is awful"}
{"id":"18","locality":"Sheffield","text":"I have to trek to Melton for my bloods"}
{"id":"19","text":"I have to travel to Leicester and Loughborough for appointments"}
{"id":"20","text":"Appointments at Leicester and Oakham are hard to get"}
J

check() {
	for i in 1 2 3 4 5 6 7 8 19; do
		expect_in "$1" "{\"id\":\"$i\",\"text\":"
		grep "^{\"id\":\"$i\",\"text\":" "$1" | grep -qF '"locality":"Unassigned","place":"Unassigned","system":"Unassigned","locality_source":"none","locality_ambiguous":false}' ||
			fail "record $i (a place only travelled to) was located: $(grep "^{\"id\":\"$i\"," "$1")"
	done
	expect_in "$1" '"id":"9","text":"I moved to Oakham last year","locality":"East Leicestershire and Rutland","place":"Rutland"'
	expect_in "$1" '"id":"10","text":"I'"'"'m from Leicester","locality":"Leicester City"'
	expect_in "$1" '"id":"11","text":"Leicester is great","locality":"Leicester City"'
	expect_in "$1" '"id":"12","text":"In Leicester the wait is long","locality":"Leicester City"'
	expect_in "$1" '"id":"13","text":"I waited 5 hours at Leicester","locality":"Leicester City"'
	expect_in "$1" '"id":"14","text":"Moved from Nottingham to Oakham","locality":"East Leicestershire and Rutland","place":"Rutland"'
	expect_in "$1" '"id":"15","text":"I have to travel to Leicester from Oakham","locality":"East Leicestershire and Rutland","place":"Rutland"'
	expect_in "$1" '"id":"16","text":"I live in Melton and have to travel to Leicester","locality":"East Leicestershire and Rutland","place":"Leicestershire"'
	expect_in "$1" '"id":"17","text":"Leicester is fine but the Oakham surgery is awful","locality":"Unassigned","place":"Unassigned","system":"Leicester, Leicestershire and Rutland","locality_source":"text","locality_ambiguous":true'
	# a list of places gone to shares the cue: not the last one named
	expect_in "$1" '"id":"20","text":"Appointments at Leicester and Oakham are hard to get","locality":"Unassigned","place":"Unassigned","system":"Leicester, Leicestershire and Rutland","locality_source":"text","locality_ambiguous":true'
	expect_in "$1" '"id":"18","locality":"Unassigned","text":"I have to trek to Melton for my bloods","locality_raw":"Sheffield","place":"Unassigned","system":"Unassigned","locality_source":"none"'
}

expect_exit 0 vp-locate --from-text --report "$T/in.ndjson"
check "$T/out"
expect_in "$T/err" 'vp-locate: 20 records: 8 located, 2 partly located (ambiguous), 1 unresolved, 0 outside (known places in no system), 9 with no value;'
expect_in "$T/err" 'text naming only places travelled to ("travel to X", "drive to X", "miles to X"): 10 not located, counted above as unresolved or with no value (the commenter lives elsewhere, perhaps in another system)'
expect_in "$T/err" 'text naming places that disagree: 1 located by a home cue ("I live in X", "I'"'"'m from X"), 1 by setting aside places gone to or left ("to X", "at X", "used to live in X"), 2 left partly located'
printf '      1\tSheffield\n' >"$T/want"
grep -qF "$(cat "$T/want")" "$T/err" || { cat "$T/err" >&2; fail "report lacks Sheffield count"; }

# A second run writes the same bytes and the same report.
mv "$T/out" "$T/once"; mv "$T/err" "$T/once.err"
expect_exit 0 vp-locate --from-text --report "$T/once"
cmp "$T/once" "$T/out" || { diff "$T/once" "$T/out" >&2; fail "a second run changed the records"; }
cmp "$T/once.err" "$T/err" || { diff "$T/once.err" "$T/err" >&2; fail "a second run changed the report"; }

# The same through the tree path (a repeated member sends a line there).
sed 's/^{"id":"\([0-9]*\)"/{"id":"\1","id":"\1"/' "$T/in.ndjson" >"$T/twice.ndjson"
expect_exit 0 vp-locate --from-text --report "$T/twice.ndjson"
sed 's/^{"id":"\([0-9]*\)","id":"[0-9]*"/{"id":"\1"/' "$T/out" >"$T/tree"
cmp "$T/once" "$T/tree" || { diff "$T/once" "$T/tree" >&2; fail "the tree path located differently"; }
cmp "$T/once.err" "$T/err" || { diff "$T/once.err" "$T/err" >&2; fail "the tree path reported differently"; }

# --help and the man page state the rule.
expect_exit 0 vp-locate --help
expect_in "$T/out" 'travelled to'
expect_in "$VP_ROOT/man/vp-locate.1" 'travelled to'
exit 0
