# Deterministic synthetic tagged records for the merge tests:
#   awk -v n=300 -f gen-tagged.awk
# Localities across two systems (and blanks), themes with parents, repeated
# scores and ids that tie, texts with personal data to be redacted.
BEGIN {
	split("LLR|LLR|LLR|LLR|NWL|NWL|", sys, "|")
	split("Leicester|Leicestershire|Leicestershire|Rutland|Brent|Harrow|", plc, "|")
	split("Leicester City|West Leicestershire|East Leicestershire and Rutland|East Leicestershire and Rutland|Brent|Harrow|", loc, "|")
	split("transport/parking|transport/travel|access/waiting|staff/attitude|maternity|environment/food|digital", th, "|")
	split("parking is a nightmare|the bus never comes|waited six weeks|rude receptionist|midwife was lovely|cold food|app does not work", tx, "|")
	srand(7)
	for (i = 1; i <= n; i++) {
		k = int(rand() * 7) + 1
		l = int(rand() * 7) + 1
		m = int(rand() * 7) + 1
		ntok = int(rand() * 6) + 1
		toks = "\"w\""
		for (t = 1; t < ntok; t++) toks = toks ",\"w\""
		themes = ""
		if (rand() < 0.9) themes = theme(th[k], int(rand() * 3) + 1)
		if (rand() < 0.4 && m != k) themes = themes (themes ? "," : "") theme(th[m], 1)
		extra = (i % 17 == 0) ? " call 0116 234 " sprintf("%04d", i) : ""
		extra = extra ((i % 23 == 0) ? " I live at LE13 0AB" : "") substr("!!!!", 1, i % 5)
		printf "{\"id\":\"r%03d\",\"channel\":\"%s\",\"date\":\"2023-0%d-1%d\",", i % 60, \
		       (i % 3 ? "survey" : "event"), i % 9 + 1, i % 10
		if (loc[l] != "") printf "\"locality\":\"%s\",\"place\":\"%s\",\"system\":\"%s\",", loc[l], plc[l], sys[l]
		printf "\"text\":\"%s%s\",\"tokens\":[%s],\"themes\":[%s]}\n", tx[k], extra, toks, themes
	}
}
function theme(name, hits,    p, s, h) {
	h = "\"x\""
	while (--hits > 0) h = h ",\"x\""
	s = "{\"theme\":\"" name "\",\"hits\":[" h "]}"
	p = name
	if (sub(/\/.*/, "", p)) s = s ",{\"theme\":\"" p "\",\"hits\":[" h "]}"
	return s
}
