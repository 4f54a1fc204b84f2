#!/bin/sh
# vp-report given names a careless or hostile export can carry: very long
# names in a multi-byte script, control characters.  Every format must stay
# what it says it is: csv, markdown, html and svg valid UTF-8 with every
# name whole, an xlsx whose XML parts are well-formed.
. "$VP_ROOT/tests/lib.sh"
PY=/usr/bin/python3
E=$(printf 'é%.0s' $(seq 400))         # 800 bytes, 400 characters
TH=$(printf 'á%.0s' $(seq 300))        # a theme whose parent is 600 bytes
CTL=$(printf 'ctl\001\010\037z')
: >"$T/tagged.ndjson"
for i in 1 2 3 4 5 6; do
	for loc in "$E" "$CTL" ok; do
		a=; [ "$loc" = ok ] && a=',{"theme":"a"}'    # a: 1 in 3, below the long parent
		printf '{"id":"%s-%s","text":"x","locality":"%s","themes":[{"theme":"%s"},{"theme":"%s/b"}%s]}\n' \
			"$i" "$(printf %s "$loc" | head -c 3 | od -An -tx1 | tr -d ' ')" \
			"$(printf %s "$loc" | sed 's/\x01/\\u0001/; s/\x08/\\b/; s/\x1f/\\u001f/')" \
			"$TH" "$TH" "$a" >>"$T/tagged.ndjson"
	done
done
# a theme named like a formula (a DDE payload), a locality past Excel's
# 32,767 characters a cell
L=$(printf 'L%.0s' $(seq 40000))
for i in 1 2 3 4 5 6; do
	printf '{"id":"f%s","text":"x","locality":"%s","themes":[{"theme":"=cmd|calc"}]}\n' "$i" "$L"
done >>"$T/tagged.ndjson"
vp-count "$T/tagged.ndjson" >"$T/c.json" || fail "vp-count"

utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$2: not valid UTF-8"; }
# csv: each header names its column whole, then what it holds
expect_exit 0 vp-report --suppress 0 "$T/c.json"
utf8 "$T/out" csv
expect_in "$T/out" ",$E records,$E share,"
for f in markdown html; do
	mkdir "$T/svg-$f"
	expect_exit 0 vp-report --suppress 0 --format $f --svg "$T/svg-$f" "$T/c.json"
	utf8 "$T/out" $f
	for s in "$T/svg-$f"/*.svg; do utf8 "$s" "$s"; done
done
expect_in "$T/out" "aria-label=\"$E: share of answers by theme\""
# the parent (a 600-byte name) is found: its share (90%) puts it and its
# child first, before a and =cmd|calc (10% each)
expect_exit 0 vp-report --suppress 0 "$T/c.json"
[ "$(sed -n '3,4p' "$T/out" | cut -d, -f1 | tr '\n' ' ')" = "$TH $TH/b " ] ||
	fail "row order: $(sed -n '3,5p' "$T/out" | cut -c1-20)"

# bidi controls (U+202A-202E, U+2066-2069) in a name or quote reorder the
# text after them on the line -- in a markdown or csv row that is the
# figures ("12" shown as "21"), in html a caption's count or a quote's id:
# each is shown as U+FFFD
RLO=$(printf '\342\200\256') LRI=$(printf '\342\201\246') FFFD=$(printf '\357\277\275')
for i in 1 2 3 4 5 6; do
	printf '{"id":"b%s","text":"it was %sgood","locality":"x%sy","themes":[{"theme":"t","hits":1}]}\n' \
		"$i" "$LRI" "$RLO"
done | vp-count --quotes 1 >"$T/bidi.json" || fail "vp-count bidi"
for f in csv markdown html; do
	expect_exit 0 vp-report --suppress 0 --format $f "$T/bidi.json"
	expect_not_in "$T/out" "$RLO"
	expect_not_in "$T/out" "$LRI"
	expect_in "$T/out" "x${FFFD}y"
done
expect_in "$T/out" "it was ${FFFD}good"

[ -x "$PY" ] || skip "no /usr/bin/python3"
# a --svg file is an XML document on its own (opened in a browser, inserted
# into a slide): a control character (C0 but TAB, LF, CR) or the
# noncharacters U+FFFE, U+FFFF -- which XML 1.0 cannot hold, even as &#1;
# -- in a name made it malformed, the chart not shown.  Each is U+FFFD there
# and on the page.  A name and a quote with U+FFFE/U+FFFF, which vp-ingest
# passes through (a UTF-16 text read with the wrong byte order)
for i in 1 2 3 4 5 6; do
	printf '{"id":"n%s","text":"quote \\ufffe and \\uffff \\u000b end","locality":"Leic\\ufffeest\\uffffer","themes":[{"theme":"t","hits":1}]}\n' "$i"
done | vp-count --quotes 1 >"$T/nonchar.json" || fail "vp-count nonchar"
xml_ok() { # FILE...: each well-formed XML
	"$PY" -c 'import sys, xml.dom.minidom
bad = 0
for f in sys.argv[1:]:
    try:
        xml.dom.minidom.parse(f)
    except Exception as e:
        print(f, e, file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)' "$@" || fail "malformed XML"
}
xml_ok "$T/svg-html"/*.svg "$T/svg-markdown"/*.svg
mkdir "$T/svg-nc"
expect_exit 0 vp-report --suppress 0 --format html --svg "$T/svg-nc" "$T/nonchar.json"
xml_ok "$T/svg-nc"/*.svg
NC1=$(printf '\357\277\276') NC2=$(printf '\357\277\277') CTLB=$(printf '\001')
for f in "$T/out" "$T/svg-nc"/*.svg "$T/svg-html"/*.svg; do
	expect_not_in "$f" "$NC1"
	expect_not_in "$f" "$NC2"
	expect_not_in "$f" "$CTLB"
done
expect_in "$T/out" "Leic${FFFD}est${FFFD}er"
expect_in "$T/out" "quote ${FFFD} and ${FFFD} ${FFFD} end"

# xlsx: every part well-formed XML (a control character written raw into a
# chart's title or category cache makes Excel "repair" the workbook; so did
# U+FFFE or U+FFFF in a name or a quote, in the shared strings)
# xlsx_wellformed FILE [PYTHON]: every part of the workbook FILE parses as XML;
# then PYTHON runs with "parts" (name -> text) and "bad" (a count it may raise)
xlsx_wellformed() {
	"$PY" - "$1" "${2:-}" <<'EOF'
import re, sys, zipfile, xml.dom.minidom
bad = 0
with zipfile.ZipFile(sys.argv[1]) as z:
    parts = {n: z.read(n).decode() for n in z.namelist() if n.endswith(('.xml', '.rels'))}
for n, x in parts.items():
    try:
        xml.dom.minidom.parseString(x.encode())
    except Exception as e:
        print(n, e, file=sys.stderr)
        bad += 1
exec(sys.argv[2])
sys.exit(1 if bad else 0)
EOF
}

expect_exit 0 vp-report --suppress 0 --format xlsx -o "$T/nc.xlsx" "$T/nonchar.json"
xlsx_wellformed "$T/nc.xlsx" '
if "Leic\ufffdest\ufffder" not in parts["xl/sharedStrings.xml"]:
    print("name not shown with U+FFFD", file=sys.stderr)
    bad += 1
' || fail "xlsx with U+FFFE/U+FFFF: malformed XML"
expect_exit 0 vp-report --suppress 0 --format xlsx -o "$T/r.xlsx" "$T/c.json"
xlsx_wellformed "$T/r.xlsx" '
# a chart refers to cells only: "=cmd|calc" is a title, never a formula
charts = "".join(x for n, x in parts.items() if n.startswith("xl/charts/"))
for f in re.findall("<c:f>([^<]*)</c:f>", charts):
    if not re.match(r"(Charts|Sentiment)!\$", f):
        print("chart formula", f, file=sys.stderr)
        bad += 1
# the long name is there, cut at 32,767 characters (not an empty cell)
if "L" * 32766 + "\u2026<" not in parts["xl/sharedStrings.xml"]:
    print("long name not cut to 32767 characters", file=sys.stderr)
    bad += 1
' || fail "xlsx: malformed XML"
exit 0
