# Generate a large, realistic-looking multi-question survey export (CSV) for
# `make bench`.  Deterministic: the same ROWS give the same bytes.
#   awk -v ROWS=250000 -f bench/gen-survey.awk > big.csv
# -v WIDE=1: a wide export as survey tools write them, 60 columns: the same
# id, date, area and three questions, then 53 closed questions (ratings,
# agree/disagree, yes/no, ages, postcodes) -- the columns vp-ingest keeps in
# "fields"; one answer in 50 spans two lines (a newline inside quotes).
function pick(arr, n) { return arr[int(rand() * n) + 1] }
function sentence(   s, k, i) {
	k = 1 + int(rand() * 3)
	s = ""
	for (i = 0; i < k; i++)
		s = s (i ? " " : "") pick(S, ns)
	return s
}
function csvq(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
BEGIN {
	srand(42)
	ns = split("I waited three weeks for a GP appointment and the phone line was always engaged.|" \
	"The car park at the Royal was full and the parking charges are too high.|" \
	"Staff on the ward were kind, caring and always had time to listen.|" \
	"Nobody told us what was happening and the letters arrived after the appointment.|" \
	"The midwife was brilliant during my pregnancy but the antenatal classes were cancelled.|" \
	"Getting to the hospital by bus from Melton takes two hours each way.|" \
	"The food was cold and there was not enough choice for vegetarians.|" \
	"Discharge took all day because we were waiting for medication from pharmacy.|" \
	"My mum's care was not joined up between the GP, the hospital and social services.|" \
	"Online booking never works and the app logged me out every time.|" \
	"It would be better to keep services local rather than moving them to the city.|" \
	"The consultation meeting was held at a time when working people could not attend.|" \
	"Mental health support for young people has a waiting list of months.|" \
	"The building is old, the toilets were dirty and the corridors were cluttered.|" \
	"Reception staff were rude when I called at 8am to get an appointment.|" \
	"There are not enough nurses on nights and the ward felt unsafe.|" \
	"Carers need more support and respite, we are exhausted.|" \
	"Interpreters were not available so my father could not understand the doctor.|" \
	"Thank you to everyone at the Leicester Royal Infirmary, excellent care.|" \
	"Café prices are high and the vending machines were empty – très décevant.|" \
	"Why was the walk-in centre closed? We were not consulted about it.|" \
	"Waited 6 hours in A&E with a broken wrist, no updates at all.", S, "|")
	nl = split("Leicester City|West Leicestershire|East Leicestershire and Rutland|" \
	"Loughborough|Melton Mowbray|LE13 0AB|Oakham, Rutland|leics|ELR||Hinckley|LE11", L, "|")
	if (WIDE) {
		na = split("Strongly agree|Agree|Neither agree nor disagree|Disagree|Strongly disagree|Don't know", A, "|")
		ny = split("Yes|No|Prefer not to say|", Y, "|")
		hdr = "Response ID,Start Date,CCG area,What was good about your experience?,What could we do better?,Any other comments?"
		for (c = 1; c <= 54; c++)
			hdr = hdr ",Q" c " " (c % 3 == 0 ? "How much do you agree" : c % 3 == 1 ? "Did you use the service" : "How would you rate it") " (" c ")"
		print hdr
		for (r = 1; r <= ROWS; r++) {
			d = sprintf("%02d/%02d/2026", 1 + int(rand() * 28), 1 + int(rand() * 12))
			q1 = sentence(); q2 = sentence(); q3 = rand() < 0.4 ? sentence() : ""
			if (rand() < 0.02) q2 = q2 "\n" sentence()
			line = sprintf("%d,%s,%s,%s,%s,%s", 100000 + r, d, csvq(pick(L, nl)), csvq(q1), csvq(q2), csvq(q3))
			for (c = 1; c <= 54; c++)
				line = line "," (c % 3 == 0 ? pick(A, na) : c % 3 == 1 ? pick(Y, ny) : 1 + int(rand() * 10))
			printf "%s\r\n", line
		}
		exit
	}
	print "Response ID,Start Date,CCG area,What was good about your experience?,What could we do better?,Any other comments?,Overall rating"
	for (r = 1; r <= ROWS; r++) {
		d = sprintf("%02d/%02d/2026", 1 + int(rand() * 28), 1 + int(rand() * 12))
		q1 = sentence(); q2 = sentence(); q3 = rand() < 0.4 ? sentence() : ""
		printf "%d,%s,%s,%s,%s,%s,%d\r\n", 100000 + r, d, csvq(pick(L, nl)), csvq(q1), csvq(q2), csvq(q3), 1 + int(rand() * 5)
	}
}
