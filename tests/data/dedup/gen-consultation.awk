# Generate a consultation's responses as vp-ingest records (NDJSON), with
# three campaign texts sent in lightly edited copies among organic comments.
# Deterministic: the same N and SEED give the same bytes.
#   awk -v N=5000 [-v SEED=7] -f gen-consultation.awk > consultation.ndjson
# The truth is in fields.truth: "c1", "c2", "c3" (campaign copies) or ""
# (organic, short generic answers included).  Shares of N: c1 20%, c2 12%,
# c3 4% (1,000, 600 and 200 copies at N=5000); about 480 bytes a record.
function pick(arr, n) { return arr[int(rand() * n) + 1] }
function cap1(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
# A typo: two letters of a word of 5+ letters swapped, or one dropped.
function typo(s,   w, n, i, k, t, a) {
	n = split(s, w, " ")
	for (t = 0; t < 10; t++) {
		i = 1 + int(rand() * n)
		if (length(w[i]) >= 5) break
	}
	if (length(w[i]) < 5) return s
	k = 2 + int(rand() * (length(w[i]) - 3))
	if (rand() < 0.5)
		w[i] = substr(w[i], 1, k - 1) substr(w[i], k + 1, 1) substr(w[i], k, 1) substr(w[i], k + 2)
	else
		w[i] = substr(w[i], 1, k - 1) substr(w[i], k + 1)
	a = w[1]
	for (k = 2; k <= n; k++) a = a " " w[k]
	return a
}
# A campaign copy: the sentences of campaign c, edited.
function campaign(c,   s, n, i, j, t, out, r) {
	n = split(C[c], s, "|")
	r = rand()
	if (r < 0.2 && n > 3) {            # a sentence removed (never the first)
		j = 2 + int(rand() * (n - 1))
		for (i = j; i < n; i++) s[i] = s[i + 1]
		n--
	}
	if (rand() < 0.2 && n > 2) {        # two sentences swapped
		j = 2 + int(rand() * (n - 2))
		t = s[j]; s[j] = s[j + 1]; s[j + 1] = t
	}
	if (rand() < 0.3) {                 # a sentence of their own added
		j = 1 + int(rand() * n)
		for (i = n + 1; i > j + 1; i--) s[i] = s[i - 1]
		n++
		s[j + 1] = pick(P, np)
	}
	out = ""
	for (i = 1; i <= n; i++) out = out (i > 1 ? " " : "") s[i]
	if (rand() < 0.4) out = typo(out)
	if (rand() < 0.15) out = typo(out)
	if (rand() < 0.1) out = tolower(out)
	if (rand() < 0.1) gsub(/[.,]/, "", out)
	if (rand() < 0.5) out = pick(G, ng) " " out
	if (rand() < 0.5) out = out " " pick(SO, nso) " " pick(FN, nfn) " " pick(LN, nln)
	return out
}
# An organic sentence: one of six shapes, slots from pools, an optional
# opener and tail, so that two people rarely write the same 10 words.
function organic_sentence(t,   out) {
	if (t == 0) out = "the " pick(SV, nsv) " at " pick(PL, npl) " " pick(VE, nve)
	else if (t == 1) out = pick(WA, nwa) " " pick(DU, ndu) " for " pick(TH, nth) " and " pick(OU, nou)
	else if (t == 2) out = pick(PE, npe) " " pick(EX, nex) " when " pick(SI, nsi)
	else if (t == 3) out = pick(WI, nwi) " " pick(SU, nsu)
	else if (t == 4) out = "the " pick(AS, nas) " " pick(PR, npr) " " pick(TI, nti)
	else out = pick(FX, nfx)
	if (rand() < 0.5) out = pick(OP, nop) " " out
	if (rand() < 0.4) out = out " " pick(TA, nta)
	out = cap1(out) (rand() < 0.15 ? "!" : ".")
	if (rand() < 0.1) out = typo(out)
	return out
}
# 1 to 4 sentences of different shapes.
function organic(   r, k, i, out, t, used) {
	r = rand()
	if (r < 0.12) return pick(SH, nsh)          # short generic answers
	if (r < 0.17) return pick(MED, nmed)        # common short remarks (5-8 words)
	k = 1 + int(rand() * 4)
	out = ""
	split("", used)
	for (i = 0; i < k; i++) {
		do t = int(rand() * 6); while (t in used)
		used[t] = 1
		out = out (i ? " " : "") organic_sentence(t)
	}
	return out
}
BEGIN {
	if (N == "") N = 5000
	if (SEED == "") SEED = 7
	srand(SEED)
	C["c1"] = "I am writing to object to the proposal to close the minor injuries unit at Melton Mowbray hospital.|Local people rely on this service and the nearest alternative is a forty minute drive to Leicester Royal Infirmary.|There is no reliable bus service in the evening or at weekends.|Closing the unit will put more pressure on an already overstretched A&E department.|I urge you to keep the unit open and to invest in local services instead."
	C["c2"] = "Save our maternity unit!|Women in Rutland should be able to give birth close to home, with the midwives who know them.|Moving births to Leicester means long journeys in labour, and partners who cannot stay overnight.|The midwife-led unit has excellent outcomes and families trust it.|Please listen to the people of Rutland and keep the maternity unit at Oakham open."
	C["c3"] = "As a member of the Patient Participation Group I am concerned that the consultation documents were only available online.|Many older residents do not use the internet and were not able to take part.|The drop-in events were held during working hours, when most people could not attend.|Please extend the consultation and provide paper copies in every GP surgery and library."
	np = split("My mother is 84 and cannot drive any more.|Last winter my son broke his arm and we were seen within the hour.|We have lived here for thirty years and never needed to complain before.|I had my two children there and the care was wonderful.|My husband has dementia and travelling upsets him badly.|The taxi fare to Leicester is more than forty pounds each way.|This affects the whole of the Vale of Belvoir, not just the town.|I do not own a car and rely on my neighbours.", P, "|")
	ng = split("Dear Sir or Madam,|To whom it may concern,|Hello,|Dear ICB,|Dear Consultation Team,|Hi,|Good afternoon.", G, "|")
	nso = split("Yours faithfully,|Regards,|Kind regards,|Thank you,|Yours sincerely,|From", SO, "|")
	nfn = split("Jane|John|Priya|Mohammed|Susan|Gary|Aisha|Tom|Margaret|David|Emma|Wei", FN, "|")
	nln = split("Smith|Patel|Jones|Khan|Brown|Taylor|Wilson|Evans|Clarke|Hughes|Begum|Walker", LN, "|")
	nsh = split("No|Nothing|N/A|n/a|None|Good service|Nothing to add|No comment|No comments|Keep up the good work|All good thank you|Not really|Nothing else|no.|Very good|Excellent|NA", SH, "|")
	nmed = split("Parking at the hospital is too expensive.|The staff were lovely but very busy.|Please keep services local in Melton.|Waiting times are far too long.|More appointments in the evenings please.|Could not get through on the phone.|Thank you to all the staff, brilliant care.", MED, "|")
	nop = split("i thought|in my experience|to be honest|overall|sadly|on the whole|frankly|as a carer I found|last year|this time|honestly|to be fair|as a parent|after my operation|speaking for my family|in February|as someone with MS|since moving here|looking back|for what it is worth", OP, "|")
	nsv = split("reception desk|pharmacy|outpatient clinic|A&E department|physiotherapy service|maternity ward|blood test clinic|children's ward|eye clinic|discharge lounge|cafe|mental health team|fracture clinic|dermatology clinic|x-ray department|day surgery unit|cardiology ward|hearing service|podiatry clinic|stroke unit", SV, "|")
	npl = split("Leicester Royal Infirmary|the General|Glenfield|Melton hospital|Rutland Memorial|Loughborough hospital|St Luke's in Market Harborough|Hinckley and Bosworth hospital|my GP surgery|the walk-in centre|Coalville community hospital|Lutterworth|Feilding Palmer|Oadby health centre|the Merlyn Vaz centre", PL, "|")
	nve = split("was excellent|was chaotic and understaffed|could not have been more helpful|kept losing my paperwork|was spotless|was impossible to find|gave me conflicting information|was quicker than I expected|needs far more staff|treated my father with real dignity|ran an hour late|felt rushed|explained everything clearly|was freezing cold|sent me to the wrong building|lost my referral twice|were patient with my son|could not answer simple questions", VE, "|")
	nwa = split("I waited|we waited|my dad waited|she waited|we had to wait|I have been waiting|it took|my husband waited", WA, "|")
	ndu = split("three hours|six weeks|four months|most of the day|over a year|two hours on the phone|nine days|forty minutes|eleven weeks|half a day|since January|seven months|an entire afternoon|two and a half hours", DU, "|")
	nth = split("a scan|a call back|my test results|a hip operation|an ambulance|a GP appointment|a hearing aid fitting|a referral letter|my prescription|a wheelchair assessment|a cataract operation|physio|a bed on the ward|a mental health assessment|an MRI|a district nurse visit", TH, "|")
	nou = split("nobody explained the delay|it was cancelled on the day|the staff apologised|I gave up and went private|it was worth the wait|I had to chase it myself|the letter went to the wrong address|my condition got worse|then it was rebooked again|I lost a week of pay|no one answered my emails|the consultant was lovely", OU, "|")
	npe = split("My daughter|My elderly neighbour|My partner|Our family|My son|My mum|A friend of mine|My wife|My grandad|My brother|The lady next door|My father in law|Our youngest", PE, "|")
	nex = split("felt completely ignored|was treated with kindness|was sent home too early|had to repeat her story four times|was given the wrong medication|got lost in the building|could not find anywhere to park|was seen very quickly|was left on a trolley|was moved between wards three times|was not offered any food|was spoken to like a child|was helped by a brilliant porter", EX, "|")
	nsi = split("she went in for a routine check|we arrived at night|he was discharged after his stroke|the interpreter did not turn up|the lifts were out of order|her appointment was moved without notice|we asked for a second opinion|the ward was short staffed|the clinic moved site|the power went off|we came in by ambulance|it snowed in January", SI, "|")
	nwi = split("it would help if|I wish|it would be better if|please make sure|surely|we need to know that|I would like to see that", WI, "|")
	nsu = split("appointments could be booked online|the buses ran to the hospital after six|letters were sent by email as well|there was somewhere to wait that was not a corridor|clinics ran on Saturdays|reception answered the phone before ten|carers could stay on the ward overnight|signs were in more languages|results were sent to the GP quickly|parking was free for blue badge holders|volunteers met people at the entrance|the community transport scheme was expanded|staff had time to read the notes|the pharmacy opened later", SU, "|")
	nas = split("car park|waiting room|appointment system|phone line|food|website|booking app|transport service|signage|discharge process|patient portal|text reminder system|heating|seating in outpatients|hospital shop", AS, "|")
	npr = split("is a disgrace|has improved a lot|is confusing for older people|keeps crashing|is far too expensive|was cold and tired|is never answered|works well|needs a complete rethink|is hard to use with a disability|is out of date|is fine most of the time|lets everyone down|is better than it was", PR, "|")
	nti = split("these days|since the changes|in my view|every single time|at weekends|compared with five years ago|for people without a car|at the moment|after dark|in winter|when it is busy|for anyone over seventy", TI, "|")
	nta = split("which made everything worse|and nobody seemed to care|although the staff tried hard|for the third time|despite the letter saying otherwise|and I am not the only one|which is not good enough|so thank you|and it is getting worse|as far as I can tell", TA, "|")
	nfx = split("nobody told us about the changes to the stroke service|the nurses on ward 7 deserve a medal|please do not move the diabetes clinic out of town|it took three attempts to get my blood pressure medication right|community transport was late twice and I missed my appointment|the hospital radio volunteers brightened my week|there is nowhere to charge a wheelchair in outpatients|the new building is lovely but hard to get to|my GP has been fantastic throughout|no one reads the notes before you arrive|the online form kept timing out", FX, "|")
	nloc = split("Melton Mowbray|Oakham|Leicester City|Loughborough|Hinckley|Market Harborough|Uppingham|", LOC, "|")
	nrec = 0
	{
		for (r = 1; r <= N; r++) {
			x = rand()
			if (x < 0.20) { truth = "c1"; text = campaign("c1") }
			else if (x < 0.32) { truth = "c2"; text = campaign("c2") }
			else if (x < 0.36) { truth = "c3"; text = campaign("c3") }
			else { truth = ""; text = organic() }
			d = sprintf("2026-%02d-%02d", 1 + int(rand() * 3), 1 + int(rand() * 28))
			loc = pick(LOC, nloc)
			nrec++
			printf "{\"id\":\"consultation.csv:%d\",\"source\":\"consultation.csv\",\"channel\":\"survey\",\"locality\":\"%s\",\"date\":\"%s\",\"question\":\"Do you have any comments on the proposals?\",\"text\":\"%s\",\"fields\":{\"Response ID\":\"R%06d\",\"truth\":\"%s\"}}\n", nrec + 1, loc, d, text, nrec, truth
		}
	}
}
