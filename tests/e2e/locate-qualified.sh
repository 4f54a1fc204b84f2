# vp-locate: a value or record that also names somewhere else is never a
# confident locality (QA: "Melton, Suffolk" was East Leicestershire and
# Rutland), harmless extras still resolve, a postcode that contradicts the
# locality leaves it Unassigned, spelling correction keeps real places
# elsewhere, and a second run is byte-identical.
. "$VP_ROOT/tests/lib.sh"

# loc VALUE...: one record per value through vp-locate ($T/out).
loc() {
	: >"$T/in.ndjson"
	for v in "$@"; do printf '{"locality":"%s"}\n' "$v" >>"$T/in.ndjson"; done
	expect_exit 0 vp-locate --report "$T/in.ndjson"
}
unassigned() {
	loc "$@"
	for v in "$@"; do
		grep -F "\"locality_raw\":\"$v\"" "$T/out" | grep -qF '"locality":"Unassigned","locality_raw"' ||
			{ cat "$T/out" >&2; fail "'$v' is not Unassigned"; }
	done
	expect_in "$T/err" "records: 0 located"
}
located() { # VALUE LOCALITY
	loc "$1"
	expect_in "$T/out" "{\"locality\":\"$2\",\"locality_raw\":\"$1\""
}

unassigned "Melton, Suffolk" "Whetstone, London N20" "Melton IP12" "Melton Constable" \
	"Ashby, Scunthorpe" "Ashby St Ledgers" "Bottesford, Scunthorpe" "Glenfield, Auckland" \
	"Exton, Devon" "Manton, Wiltshire" "Rutland, Vermont" "Stapleton, Bristol" \
	"Burbage, Wiltshire" "Knighton, Powys" "Leicester, Massachusetts" "Hayes, Bromley" \
	"Hayes BR2" "Kensington, Liverpool" "Acton, Suffolk" "Whetstone, London" \
	"Oakham, Scotland" "Leicester, USA"
# Fix 3: spelling correction does not turn real places elsewhere into towns here.
unassigned "Bardwell" "Hinkley Point"
expect_in "$T/err" "0 located after correcting a spelling"

# Names that are in the area, whole.
located "Ashby Magna" "East Leicestershire and Rutland"
located "Ashby Parva" "East Leicestershire and Rutland"
located "Thurnby Lodge" "Leicester City"
located "Anstey Heights" "Leicester City"
# Harmless extras.
located "Melton Mowbray town centre" "East Leicestershire and Rutland"
located "near Oakham" "East Leicestershire and Rutland"
located "Oakham, Rutland" "East Leicestershire and Rutland"
located "Loughborough, Leics" "West Leicestershire"
located "Leicester LE1" "Leicester City"
located "Oakham, Rutland, UK" "East Leicestershire and Rutland"
located "Hayes, Middlesex" "Hillingdon"
located "Mayfair, London" "Central London"
located "Derby Road, Loughborough" "West Leicestershire"

# Fix 4: with only the LLR gazetteer, Leicester Square is in London.
printf '{"locality":"Leicester Square, London"}\n{"locality":"Leicester Square"}\n' >"$T/sq.ndjson"
expect_exit 0 vp-locate --gazetteer "$VP_ROOT/lexicons/localities/llr.txt" "$T/sq.ndjson"
[ "$(grep -c '"locality":"Unassigned".*"system":"Unassigned"' "$T/out")" = 2 ] ||
	{ cat "$T/out" >&2; fail "Leicester Square resolved with llr.txt alone"; }
expect_exit 0 vp-locate "$T/sq.ndjson"
expect_in "$T/out" '{"locality":"Central London","locality_raw":"Leicester Square, London"'

# Fix 2: a full postcode that contradicts the locality.
cat >"$T/pc.ndjson" <<'J'
{"id":"1","locality":"Melton","fields":{"Postcode":"IP12 1AA"}}
{"id":"2","locality":"Hayes","fields":{"Postcode":"BR2 7AA"}}
{"id":"3","locality":"Nottingham","fields":{"Postcode":"LE13 0AB"}}
{"id":"4","locality":"Melton","fields":{"Postcode":"LE13 0AB"}}
J
expect_exit 0 vp-locate --postcode-field Postcode --report "$T/pc.ndjson"
for i in 1 2 3; do
	grep -F "\"id\":\"$i\"" "$T/out" | grep -qF '"locality":"Unassigned"' ||
		{ cat "$T/out" >&2; fail "record $i: a contradicting postcode was ignored"; }
done
expect_in "$T/out" '{"id":"4","locality":"East Leicestershire and Rutland"'
expect_in "$T/err" "4 records: 1 located"
expect_in "$T/err" "3 unresolved"

# Fix 5: a second run reads its own output back and changes nothing.
cat >"$T/twice.ndjson" <<'J'
{"id":"1","text":"Lovely staff at the clinic in Oakham"}
{"id":"2","locality":"","fields":{"Postcode":"LE15 6AB"}}
{"id":"3","locality":"Melton Mowbray","fields":{"Postcode":"LE13 0AB"}}
{"id":"4","locality":"","text":"x"}
{"id":"5","fields":{"Postcode":"HA9 0WS"}}
{"id":"6","locality":"Melton, Suffolk"}
J
expect_exit 0 vp-locate --postcode-field Postcode --from-text --report "$T/twice.ndjson"
mv "$T/out" "$T/once"; mv "$T/err" "$T/once.err"
expect_exit 0 vp-locate --postcode-field Postcode --from-text --report "$T/once"
cmp "$T/once" "$T/out" || { diff "$T/once" "$T/out" >&2; fail "a second run changed the records"; }
cmp "$T/once.err" "$T/err" || { diff "$T/once.err" "$T/err" >&2; fail "a second run changed the report"; }
# The same through the tree path (a repeated member sends a line there).
sed 's/^{"id":"\([0-9]\)"/{"id":"\1","id":"\1"/' "$T/twice.ndjson" >"$T/twice2.ndjson"
expect_exit 0 vp-locate --postcode-field Postcode --from-text "$T/twice2.ndjson"
mv "$T/out" "$T/once2"
expect_exit 0 vp-locate --postcode-field Postcode --from-text "$T/once2"
cmp "$T/once2" "$T/out" || { diff "$T/once2" "$T/out" >&2; fail "a second run (tree path) changed the records"; }
# A place named with 's ("Oakham's GP surgery") is the place: the
# tokeniser keeps "Queen's" as "queens" for names written with it, so the
# name is tried without the s when that finds nothing.  A name that has
# the 's in it still matches whole ("World's End" is not "World End").
cat >"$T/poss.ndjson" <<'J'
{"id":"1","text":"Oakham's GP surgery is great"}
{"id":"2","text":"Leicester’s hospitals are overstretched"}
{"id":"3","locality":"Melton's"}
{"id":"4","text":"Oakhams GP surgery is great"}
{"id":"5","text":"I live in World's End"}
J
expect_exit 0 vp-locate --from-text "$T/poss.ndjson"
expect_in "$T/out" '"id":"1","text":"Oakham'"'"'s GP surgery is great","locality":"East Leicestershire and Rutland","place":"Rutland"'
expect_in "$T/out" '"id":"2","text":"Leicester’s hospitals are overstretched","locality":"Leicester City"'
expect_in "$T/out" '"id":"3","locality":"East Leicestershire and Rutland"'
# no apostrophe: a word of its own, not a possessive
expect_in "$T/out" '"id":"4","text":"Oakhams GP surgery is great","locality":"Unassigned"'
expect_in "$T/out" '"id":"5","text":"I live in World'"'"'s End","locality":"West London"'
exit 0
