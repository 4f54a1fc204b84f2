#!/bin/sh
# A given name with no cue word ("Thanks Kevin and all the team") is masked
# wherever a stage publishes text as a safety net, not only by vp-redact:
# the README's chain (no vp-redact) must not put it in a quote, nor vp-run's,
# nor vp-report (a document from an older vp-count), nor vp-dedup's report.
. "$VP_ROOT/tests/lib.sh"

cat >"$T/s.csv" <<'CSV'
id,comment
1,"Thanks Kevin and all the team on ward 7, the staff were lovely"
2,"The staff were rude and the wait was long"
CSV
want='"text": "Thanks [name] and all the team on ward 7, the staff were lovely"'

# the README's chain
vp-ingest --text-col comment "$T/s.csv" | vp-normalise | vp-tag | vp-count --quotes 3 \
	>"$T/counts.json" || fail "chain failed"
expect_in "$T/counts.json" "$want"
expect_not_in "$T/counts.json" Kevin

# vp-run's own quote path
expect_exit 0 vp-run --text-col comment --quotes 3 "$T/s.csv"
expect_in "$T/out" "$want"
expect_not_in "$T/out" Kevin

# vp-report masks the quotes of a document that holds them as written
sed 's/\[name\]/Kevin/' "$T/counts.json" >"$T/old.json"
expect_in "$T/old.json" Kevin
expect_exit 0 vp-report -f html --suppress 0 "$T/old.json"
expect_in "$T/out" "Thanks [name] and all the team"
expect_not_in "$T/out" Kevin

# vp-dedup's report shows a campaign's first text
printf '%s\n' '{"id":"a","text":"Thanks Kevin and all the team on ward 7, the staff were lovely"}' \
	'{"id":"b","text":"Thanks Kevin and all the team on ward 7, the staff were lovely"}' >"$T/dup.ndjson"
expect_exit 0 vp-dedup --min-words 5 --report "$T/campaigns.json" "$T/dup.ndjson"
expect_in "$T/campaigns.json" "Thanks [name] and all the team"
expect_not_in "$T/campaigns.json" Kevin

# vp-eval --errors lists comments for people to read
E=$VP_ROOT/tests/data/eval
printf '%s\n' '{"id":"r2","text":"Thanks Kevin and all the team, no phone wait","themes":[{"theme":"access","hits":["phone"]},{"theme":"access/waiting","hits":["phone"]}]}' >"$T/ev.ndjson"
expect_exit 0 vp-eval --gold "$E/gold.csv" --map "$E/map.tsv" --id-col ref --table \
	--errors access/waiting "$T/ev.ndjson"
expect_in "$T/out" "Thanks [name] and all the team"
expect_not_in "$T/out" Kevin

# messages on stderr (mailed to people): vp-ingest's bad date, vp-locate's
# unresolved values
printf 'id,comment,date\n1,hello there,Thanks Kevin x\n' >"$T/date.csv"
expect_exit 65 vp-ingest --text-col comment --date-col date --strict-dates "$T/date.csv"
expect_in "$T/err" 'date "Thanks [name] x" is not a date'
expect_not_in "$T/err" Kevin
printf '%s\n' '{"id":"a","text":"x","locality":"Kevin said hi"}' >"$T/loc.ndjson"
expect_exit 0 vp-locate --report "$T/loc.ndjson"
expect_in "$T/err" '[name] said hi'
expect_not_in "$T/err" Kevin

# no list shipped (a copy of the binary, VOXPOP_DATADIR elsewhere): masked
# as before, without it, and nothing said
vp-ingest --text-col comment "$T/s.csv" | vp-normalise | vp-tag >"$T/tagged.ndjson" || fail "tag"
mkdir -p "$T/bin" && cp "$VP_BIN/vp-count" "$T/bin/"
VOXPOP_DATADIR=$T/nowhere "$T/bin/vp-count" --quotes 3 "$T/tagged.ndjson" >"$T/out" 2>"$T/err"; rc=$?
[ "$rc" = 0 ] || { cat "$T/err" >&2; fail "no list: exit $rc, want 0"; }
[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "no list: vp-count said something"; }
expect_in "$T/out" '"text": "Thanks Kevin and all the team'

# vp-merge masks again, with the list, what it writes of documents made
# without it (by an older vp-count): quotes, their ids, a campaign's ids and
# first text, group names -- as vp-count masks them now
printf 'ref,comment,who\n%s\n%s\n%s\n' \
	'Kevin Smith,"Thanks Kevin and all the team on ward 7, the staff were lovely",Thanks Kevin' \
	'r2,"Thanks Kevin and all the team on ward 7, the staff were lovely",Thanks Kevin' \
	'r3,"The staff were rude and the wait was long",Thanks Kevin' >"$T/old.csv"
vp-ingest --text-col comment --id-col ref --fields who "$T/old.csv" | vp-normalise | vp-tag |
	vp-dedup --min-words 5 >"$T/old.ndjson" || fail "old chain"
for how in "--quotes 3" "--quotes 3 --by fields.who" "--quotes 3 --dedup --nested"; do
	VOXPOP_DATADIR=$T/nowhere "$T/bin/vp-count" $how "$T/old.ndjson" >"$T/old-doc.json" ||
		fail "old vp-count $how"
	expect_in "$T/old-doc.json" Kevin
	expect_exit 0 vp-merge "$T/old-doc.json"
	expect_not_in "$T/out" Kevin
	expect_in "$T/out" "Thanks [name] and all the team"
	# the same as vp-count with the list writes
	vp-count $how "$T/old.ndjson" >"$T/new-doc.json" || fail "vp-count $how"
	cmp "$T/out" "$T/new-doc.json" || { diff "$T/new-doc.json" "$T/out" | head -20 >&2
		fail "vp-merge of an old document ($how) differs from vp-count's"; }
done

# vp-report --compare: BEFORE goes the way AFTER goes -- its quotes masked
# again, and a message about either names a group as it would be shown
VOXPOP_DATADIR=$T/nowhere "$T/bin/vp-count" --quotes 3 --by fields.who "$T/old.ndjson" \
	>"$T/old-by.json" || fail "old vp-count --by"
vp-count --quotes 3 --by fields.who "$T/old.ndjson" >"$T/new-by.json" || fail "vp-count --by"
for f in html md csv; do
	expect_exit 0 vp-report -f "$f" --suppress 0 --compare "$T/old-by.json" "$T/new-by.json"
	expect_not_in "$T/out" Kevin
done
# a count edited by hand in BEFORE's group "Thanks Kevin"
sed '0,/"untagged": 0/s//"untagged": 99/' "$T/old-by.json" >"$T/bad-by.json"
expect_exit 65 vp-report --compare "$T/bad-by.json" "$T/new-by.json"
expect_in "$T/err" 'Thanks [name]: more untagged records (99)'
expect_not_in "$T/err" Kevin
expect_exit 65 vp-report --compare "$T/new-by.json" "$T/bad-by.json"
expect_not_in "$T/err" Kevin
