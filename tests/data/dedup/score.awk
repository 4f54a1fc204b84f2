# Score vp-dedup's campaigns against the truth of gen-consultation.awk.
#   awk -f score.awk OUT OUT        (the same vp-dedup output, twice)
# A record's predicted campaign is its campaign.id, or its own id when it is
# the (unmarked) first record of a campaign.  Prints two measures:
#   pairwise   -- over pairs of records: precision = pairs put in one
#                 campaign that are truly in one / pairs put in one; recall
#                 = pairs truly in one campaign found in one / true pairs
#                 (a campaign split in two loses recall, two merged lose
#                 precision);
#   per-record -- precision = records marked as in a campaign that truly
#                 are / records marked; recall = campaign records marked /
#                 campaign records.
# (re is a string: a bare /re/ as an argument would be matched against $0)
function field(s, re,   v) {
	if (!match(s, re)) return ""
	v = substr(s, RSTART, RLENGTH)
	sub(/"$/, "", v); sub(/^.*"/, "", v)
	return v
}
function pairs(n) { return n * (n - 1) / 2 }
FNR == 1 { pass++ }
pass == 1 { c = field($0, "\"campaign\":[{]\"id\":\"[^\"]*\""); if (c != "") first[c] = 1; next }
{
	id = field($0, "^[{]\"id\":\"[^\"]*\"")
	truth = field($0, "\"truth\":\"[^\"]*\"")
	pred = field($0, "\"campaign\":[{]\"id\":\"[^\"]*\"")
	if (pred == "" && (id in first)) pred = id
	n++
	if (pred != "") { psize[pred]++; marked++ }
	if (truth != "") { tsize[truth]++; truly++ }
	if (pred != "" && truth != "") { cell[pred SUBSEP truth]++; both++ }
}
END {
	for (k in cell) tp += pairs(cell[k])
	for (k in psize) { pp += pairs(psize[k]); np++ }
	for (k in tsize) tt += pairs(tsize[k])
	P = pp ? tp / pp : 1; R = tt ? tp / tt : 1
	p = marked ? both / marked : 1; r = truly ? both / truly : 1
	printf "records %d, campaign records %d (true %d), campaigns %d (true %d)\n", n, marked, truly, np, length(tsize)
	printf "pairwise precision %.4f recall %.4f\n", P, R
	printf "per-record precision %.4f recall %.4f\n", p, r
	if (MIN != "" && (P < MIN || R < MIN || p < MIN || r < MIN)) { print "below " MIN; exit 1 }
}
