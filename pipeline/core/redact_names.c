/* redact_names.c - reading a name after its cue (redact_cue.c): the words
 * a name is and is not, titles, particles, names in capitals, the place,
 * service and organisation words that make a "name" no person's.  See
 * redact_impl.h. */
#include <string.h>
#include <strings.h>

#include "redact_impl.h"

int vp_redact_title(const char *w, size_t n)
{
	char low[24];
	return n > 0 && lower_word(w, 0, n, low) && IN(low, titles);
}

/* Titles after which a lowercase word is a name too, whatever the title's
 * case ("mr smith", "seen by dr patel", "Dr patel") -- unless a word of
 * after_title_words[] (NM_LTITLE).  Not doctor, nurse, sister, miss: in
 * lowercase those are mostly nouns or verbs ("the doctor was", "nurse
 * practitioner", "miss them"); nor rev ("rev up"). */
static const char *const lower_titles[] = {"dr", "mr", "mrs", "ms", "mx", "prof"};

/* Titles after which a capitalised word is a name even when it is a word
 * too ("Mrs White", "Dr Still") -- unless a function or role word. */
static const char *const strong_titles[] = {
	"dame", "doctor", "dr", "lord", "miss", "mr", "mrs", "ms", "mx", "prof", "professor",
	"rev", "reverend", "sir",
};
/* Titles after which a place word ends the name as a place: "Sir Robert
 * Peel Hospital", "Sir John Lane" (a school); after others "Lane" and
 * "Ward" are surnames too ("Nurse Sarah Ward"). */
static const char *const peer_titles[] = {"dame", "lord", "sir"};

/* Capitalised words that are not names after a cue ("I'm Deaf", "my mum
 * Was ...") -- but after a strong title they are, unless function words
 * ("Mrs White", not "Dr The").  Case-sensitive. */
static const char *const not_names[] = {
	"A", "African", "Age", "Also", "Always", "An", "And", "Anyway", "Arab", "Are", "As", "Asian",
	"At", "Autistic", "Bangladeshi", "Being", "Black", "Blind", "British", "But",
	"Caribbean", "Chinese", "Christian", "Currently", "Deaf", "Diabetic", "Disabled", "Do",
	"English", "European", "Every", "Finally", "Fine", "For", "From", "Gay", "Gujarati",
	"Had", "Happy", "Has", "He", "Her", "Here", "Hi", "Hindu", "His", "How", "I", "If", "In", "Indian",
	"Irish", "Is", "It", "Its", "Jewish", "Just", "Led", "Lesbian", "Muslim", "My", "No", "Not",
	"Now", "Of", "On", "Or", "Our", "Pakistani", "Please", "Polish", "Pregnant", "Punjabi",
	"Really", "Retired", "Romanian", "Said", "Scottish", "She", "Sikh", "So", "Somali",
	"Sorry", "Still", "Thank", "Thanks", "That", "The", "Their", "Then", "There", "They",
	"This", "To", "Trans", "Type", "Very", "Was", "We", "Well", "Welsh", "Were", "What", "When",
	"White", "Who", "With", "Yes", "You", "Your",
};

/* Role words, services and clinical acronyms (and OK), and the days of
 * the week: never a name, after any cue ("Nurse Practitioner",
 * "Consultant Psychiatrist", "my son ADHD assessment", "I'm OK", "I saw
 * the nurse Monday").  Case-sensitive: "Ot", "Ct" may be names. */
static const char *const never_names[] = {
	"A&E", "ADHD", "AE", "ASD", "Advanced", "Anaesthetist", "Assistant", "CAMHS", "COPD",
	"CPN", "CT", "Cardiologist", "Clinical", "Community", "Consultant", "Counsellor",
	"Dentist", "Dietician", "Dietitian", "District", "Doctor", "ECG", "ED", "Friday", "GP",
	"HDU", "Health", "IBS", "ICU", "ITU", "MRI", "Manager", "Mental", "Midwife", "Monday",
	"NHS", "NICU", "Neurologist", "Nurse", "OCD", "OK", "OT", "Obstetrician", "Occupational",
	"PTSD", "Paediatrician", "Paramedic", "Pharmacist", "Physio", "Physiotherapist",
	"Podiatrist", "Practice", "Practitioner", "Practitioners", "Psychiatric", "Psychiatrist",
	"Psychologist", "Radiographer", "Receptionist", "Registrar", "SCBU", "Saturday",
	"Sonographer", "Specialist", "Sunday", "Support", "Surgeon", "Therapist", "Thursday",
	"Tuesday", "UK", "UTI", "Visitor", "Wednesday", "Worker",
};

/* Lowercase words that are not names after "mr", "my name is"; and the
 * words of not_names[] that stay no name even after a strong title. */
static const char *const function_words[] = {
	"a", "also", "always", "an", "and", "anyway", "are", "as", "at", "being", "but", "by",
	"currently", "did", "do", "every", "finally", "for", "from", "had", "has", "have", "he",
	"her", "here", "hi", "his", "how", "i", "if", "in", "is", "it", "its", "just", "my", "no",
	"not", "now", "of", "on", "or", "our", "please", "really", "said", "she", "so", "sorry",
	"thank", "thanks", "that", "the", "their", "then", "there", "they", "this", "to", "told",
	"very", "was", "we", "well", "were", "what", "when", "who", "with", "yes", "you", "your",
};

/* Lowercase words that follow dr, mr, ms ... as nouns, not names (NM_LTITLE;
 * function_words[] count too): function words, pronouns, auxiliaries and
 * common verb forms ("the dr said", "dr rang back"), adverbs, time and
 * number words ("the dr today"), health-service nouns ("dr appointment",
 * "drs surgery", "dr receptionist"), mr as magnetic resonance ("mr scan"),
 * ms as multiple sclerosis ("ms symptoms", "ms nurse") and Microsoft ("ms
 * teams").  Never a surname that is a word too: smith, brown, green,
 * white, young, wood, hall, king, ward, day go ("dr brown").  Gaps: "dr
 * may", "dr will", "dr said" stay.  A word with an apostrophe or hyphen is
 * read by its first part ("i've", "follow-up"); one ending n't is no name. */
static const char *const after_title_words[] = {
	"a", "about", "above", "abrupt", "across", "actually", "after", "afternoon", "again",
	"against", "ago", "agreed", "agrees", "all", "almost", "along", "already", "also",
	"although", "always", "am", "among", "an", "and", "angiogram", "another", "answered",
	"any", "anyone", "anything", "anyway", "apologised", "app", "apparently",
	"appointment", "appointments", "appt", "appts", "are", "around", "arranged", "as",
	"asap", "ask", "asked", "asks", "assistant", "assumed", "assured", "at", "away",
	"back", "barely", "basically", "be", "because", "been", "before", "behind", "being",
	"below", "besides", "between", "booked", "booking", "bookings", "both", "but", "by",
	"call", "callback", "called", "calling", "calls", "came", "can", "cannot", "cant",
	"care", "cared", "cares", "center", "centre", "certainly", "certificate",
	"certificates", "changed", "charity", "check", "checked", "checks", "checkup",
	"clearly", "clinic", "clinics", "colleague", "colleagues", "come", "comes", "coming",
	"completely", "confirmed", "consultation", "consultations", "contacted", "continued",
	"contrast", "could", "couldnt", "currently", "decided", "definitely", "department",
	"desk", "despite", "diagnosed", "diagnosis", "did", "didnt", "dismissed", "do", "does",
	"doesnt", "done", "dont", "down", "draw", "drew", "drug", "drugs", "during", "each",
	"earlier", "eight", "either", "else", "emailed", "enough", "etc", "even", "evening",
	"eventually", "ever", "every", "everyone", "everything", "examined", "excel", "except",
	"explain", "explaind", "explained", "explains", "failed", "fatigue", "felt", "few",
	"finally", "first", "five", "flare", "flares", "follow", "for", "forgot", "form",
	"forms", "found", "four", "friday", "from", "further", "gave", "genuinely", "get",
	"gets", "getting", "give", "given", "gives", "go", "goes", "going", "gone", "got",
	"group", "had", "hadnt", "hardly", "has", "hasnt", "have", "havent", "having", "he",
	"held", "helped", "helps", "hence", "her", "here", "herself", "hi", "him", "himself",
	"his", "home", "hospital", "hours", "how", "however", "hub", "i", "ignored", "ignores",
	"images", "imaging", "immediately", "in", "informed", "infusion", "infusions",
	"initially", "injection", "injections", "insisted", "instead", "into", "is", "isnt",
	"it", "its", "itself", "just", "kept", "knew", "know", "knows", "last", "later",
	"laughed", "least", "led", "left", "lesion", "lesions", "less", "let", "lets",
	"letter", "letters", "like", "line", "list", "listen", "listened", "listens",
	"literally", "locum", "locums", "look", "looked", "looking", "made", "make", "makes",
	"making", "man", "managed", "manager", "many", "may", "maybe", "me", "medication",
	"medications", "meds", "men", "might", "mine", "missed", "mobility", "monday", "month",
	"months", "more", "morning", "most", "much", "must", "my", "myself", "near", "nearly",
	"need", "needed", "needs", "neither", "never", "next", "night", "nine", "no", "nobody",
	"none", "nor", "not", "note", "notes", "nothing", "noticed", "now", "number", "of",
	"off", "offered", "office", "often", "ok", "okay", "on", "once", "one", "only", "onto",
	"operated", "or", "ordered", "other", "others", "otherwise", "ought", "our", "out",
	"outlook", "over", "own", "pain", "partner", "partners", "patient", "patients", "per",
	"perhaps", "personally", "phone", "phoned", "phones", "please", "practice",
	"practices", "prescribed", "prescription", "prescriptions", "presumed", "previously",
	"probably", "progression", "progressive", "promised", "properly", "put", "puts",
	"quickly", "quite", "ran", "rang", "rarely", "rather", "read", "reads", "realised",
	"really", "reassured", "recently", "receptionist", "receptionists", "recommended",
	"referral", "referrals", "referred", "refers", "refused", "relapse", "relapses",
	"relapsing", "related", "replied", "report", "reports", "rescheduled", "research",
	"responded", "result", "results", "returned", "review", "reviews", "ring", "rings",
	"room", "rota", "run", "running", "runs", "rushed", "rushes", "said", "same", "sat",
	"saturday", "saw", "say", "saying", "says", "scan", "scanner", "scanning", "scans",
	"second", "secretary", "seemed", "seems", "seen", "sees", "self", "send", "sends",
	"sent", "service", "services", "session", "seven", "she", "should", "shouldnt",
	"showed", "shows", "signed", "simply", "since", "six", "slot", "slots", "so",
	"society", "some", "someone", "something", "sometimes", "soon", "sorted", "spasms",
	"speaks", "specialist", "specialists", "spoke", "staff", "started", "still", "stood",
	"stopped", "straight", "student", "students", "such", "sufferer", "sufferers",
	"suggested", "sunday", "support", "surgeries", "surgery", "symptom", "symptoms",
	"system", "take", "taken", "takes", "taking", "talked", "talks", "team", "teams",
	"tells", "ten", "than", "thank", "thanks", "that", "the", "their", "them",
	"themselves", "then", "therapies", "therapy", "there", "these", "they", "thinks",
	"third", "this", "those", "though", "thought", "three", "through", "thursday", "thus",
	"till", "times", "to", "today", "together", "told", "tomorrow", "tonight", "too",
	"took", "totally", "towards", "treated", "treatment", "treatments", "treats", "triage",
	"tried", "tries", "try", "tuesday", "twice", "two", "types", "under", "understands",
	"understood", "unit", "unless", "until", "up", "upon", "urgently", "us", "used",
	"usually", "very", "via", "visit", "visited", "visits", "waiting", "wanted", "wants",
	"was", "wasnt", "we", "wednesday", "week", "weekend", "weeks", "welcomed", "well",
	"went", "were", "werent", "what", "whatever", "when", "where", "whether", "which",
	"while", "whilst", "who", "whom", "whose", "why", "will", "with", "within", "without",
	"wont", "word", "worked", "works", "would", "wouldnt", "writes", "wrote", "year",
	"years", "yesterday", "yet", "you", "your", "yourself",
};

/* Before a lowercase ms, words that make it the condition, multiple
 * sclerosis: "my ms", "diagnosed with ms", "I have ms" (then a lowercase
 * word after it is no name). */
static const char *const ms_condition_before[] = {
	"about", "had", "has", "have", "having", "her", "his", "my", "of", "our", "their", "with",
	"your",
};

/* Lowercase particles inside a surname: "Dr de Souza", "van der Berg". */
static const char *const particles[] = {
	"al", "ap", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di", "dos",
	"du", "el", "ferch", "la", "le", "mac", "ten", "ter", "van", "verch", "von",
};

/* After a name, words that make it a place, service or publication:
 * "Dr Foster's report", "Sir Robert Peel Hospital". */
static const char *const publications[] = {
	"award", "awards", "guide", "intelligence", "league", "rating", "ratings", "report",
	"reports", "review",
};
static const char *const places[] = {
	"Building", "Center", "Centre", "Clinic", "College", "Court", "Foundation", "Health",
	"Hospice", "Hospital", "House", "Institute", "Lane", "Medical", "Practice", "Road",
	"School", "Street", "Suite", "Surgery", "Trust", "Unit", "Ward", "Wing",
};
/* Places that are surnames too: a place only after sir, dame, lord (and
 * with no cue, given_at's NM_PEER) -- even there a surname when what
 * follows is said only of a person (vpr_said_of_person: "Sarah Ward was kind"). */
static const char *const surname_places[] = {"Court", "House", "Lane", "Road", "Street", "Ward"};

/* After a surname that is a place word too ("Sarah Ward", "John Street"),
 * what is said only of a person: a verb only a person does, or is, was
 * (so, very ...) and a word only a person is -- "Sarah Ward was kind",
 * "John Street helped", but "Charles Street is closed", "Alexandra House
 * was clean", "Sarah Ward was lovely" (a ward may be) stay places. */
static const char *const person_verbs[] = {
	"apologised", "apologized", "asked", "asks", "explained", "explains", "helped", "helps",
	"listened", "listens", "phoned", "rang", "reassured", "said", "says", "smiled", "spoke",
	"speaks", "told", "tells",
};
static const char *const person_be[] = {"is", "was"};
static const char *const person_degree[] = {"always", "extremely", "really", "so", "very"};
static const char *const person_adjectives[] = {
	"attentive", "caring", "compassionate", "dismissive", "friendly", "gentle", "helpful",
	"kind", "patient", "polite", "rude", "supportive", "sympathetic", "unhelpful",
};

/* The words from s[e] (after a name's word) say what only a person does or is. */
int vpr_said_of_person(const char *s, size_t n, size_t e)
{
	size_t j = skip_spaces(s, n, e), t;
	if (j == e)
		return 0;
	if (WORD_IS(s, n, j, person_verbs, NULL))
		return 1;
	if (!WORD_IS(s, n, j, person_be, &t) || (j = skip_spaces(s, n, t)) == t)
		return 0;
	if (WORD_IS(s, n, j, person_degree, &t) && (j = skip_spaces(s, n, t)) == t)
		return 0;
	return WORD_IS(s, n, j, person_adjectives, NULL);
}

/* An upper-case Latin letter of U+00C0..U+017F at s[i] ("Ö", "Ł"): 2, else 0. */
static size_t utf8_upper(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	if (i + 1 >= n || u[i] < 0xC3 || u[i] > 0xC5 || (u[i + 1] & 0xC0) != 0x80)
		return 0;
	unsigned cp = (unsigned)(u[i] & 0x1F) << 6 | (u[i + 1] & 0x3F);
	if (cp < 0x100) /* Latin-1: À..Þ but not × */
		return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7 ? 2 : 0;
	/* Extended-A pairs: upper first (even) to U+0137, then odd to U+0148,
	 * even again to U+0177, then Ÿ and odd to U+017E */
	if (cp <= 0x137 || (cp >= 0x14A && cp <= 0x177))
		return cp % 2 == 0 ? 2 : 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1 ? 2 : 0;
	return cp == 0x178 ? 2 : 0;
}

/* w (ASCII) lowercased is a function word. */
static int is_function_word(const char *w)
{
	char l[24];
	size_t len = strlen(w);
	return len < sizeof l && lower_word(w, 0, len, l) && IN(l, function_words);
}

/* The lowercase word w (letters, apostrophes, hyphens) is no name after a
 * lowercase title: it or its part before an apostrophe or hyphen is a
 * function word or one of after_title_words[] ("i'd", "follow-up"), or it
 * ends in n't ("didn't", "wasn't" with U+2019 too). */
int vpr_no_name_after_title(const char *w)
{
	char p[24];
	size_t k = 0;
	while (w[k] && is_alpha(w[k]) && k < sizeof p - 1) {
		p[k] = w[k];
		k++;
	}
	p[k] = '\0';
	if (IN(p, function_words) || IN(p, after_title_words))
		return 1;
	/* a past in -ed ("dr picked up", "the dr waited"), six letters or
	 * more and none of the names' endings -eed, -yed, -med, nor -hed
	 * under seven ("saeed", "syed", "mohammed", "rashed"; "dr ahmed",
	 * "dr javed" are short); an adverb or adjective in -ly, not -lly
	 * ("dr lovely", "dr actualy"; "kelly", "daly", "healy" are short or
	 * -lly).  A listed given name such as alfred still goes
	 * (vpr_lower_given_at). */
	if (k == strlen(w) && k >= 6) {
		char c = p[k - 3];
		if (p[k - 2] == 'e' && p[k - 1] == 'd' && c != 'e' && c != 'y' && c != 'm' &&
		    (c != 'h' || k >= 7))
			return 1;
		if (p[k - 2] == 'l' && p[k - 1] == 'y' && c != 'l')
			return 1;
	}
	size_t len = strlen(w);
	return k > 0 && w[k - 1] == 'n' && w[len - 1] == 't' &&
	       ((len == k + 2 && w[k] == '\'') ||
	        (len == k + 4 && (unsigned char)w[k] == 0xE2)); /* n't, n + U+2019 + t */
}

/* A name word at s[i]: a capital (or, with NM_LOWER, any letter) then
 * letters, inner apostrophes and hyphens, Latin letters beyond ASCII.  Its
 * end (not counting a possessive 's), *poss set if one follows; 0 if none. */
static size_t name_word_at(const char *s, size_t n, size_t i, unsigned how, int *poss)
{
	*poss = 0;
	size_t j, u;
	if (i < n && (is_upper(s[i]) || ((how & NM_LOWER) && is_lower(s[i]))))
		j = i + 1;
	else if ((u = utf8_upper(s, n, i)))
		j = i + u;
	else
		return 0;
	for (;;) {
		unsigned char c = j < n ? (unsigned char)s[j] : 0;
		size_t a;
		if (is_alpha(c)) {
			j++;
		} else if (c >= 0xC3 && c <= 0xC5 && j + 1 < n &&
		           ((unsigned char)s[j + 1] & 0xC0) == 0x80) {
			j += 2; /* Latin-1 supplement / Extended-A letter */
		} else if ((a = apostrophe(s, n, j)) && j + a < n && is_alpha(s[j + a])) {
			size_t e = letters_end(s, n, j + a);
			if (e == j + a + 1 && lower((unsigned char)s[j + a]) == 's') {
				*poss = 1; /* Patel's */
				break;
			}
			j += a;
		} else if (c == '-' && j + 1 < n && is_alpha(s[j + 1])) {
			j++;
		} else {
			break;
		}
	}
	if (j - i < 2 || (j < n && is_digit(s[j])))
		return 0;
	if (s[i] == 'I' && apostrophe(s, n, i + 1))
		return 0; /* "my daughter, I'm 86", "I've": the writer, no name */
	/* "Jane.Doe@nhs.net", "Patel@nhs.net": an e-mail address, not a name */
	size_t at = j;
	while (at < n && is_local(s[at]))
		at++;
	if (at < n && s[at] == '@')
		return 0;
	char w[24];
	if (j - i < sizeof w) {
		memcpy(w, s + i, j - i);
		w[j - i] = '\0';
		if (IN(w, never_names))
			return 0;
		if (IN(w, not_names) && (!(how & NM_STRONG) || is_function_word(w)))
			return 0;
		if ((how & NM_LOWER) && is_lower(s[i]) && IN(w, function_words))
			return 0;
		if ((how & NM_LTITLE) && is_lower(s[i]) && vpr_no_name_after_title(w))
			return 0;
	}
	return j;
}

/* A name word at s[i] after up to two lowercase surname particles ("de
 * Souza", "van der Berg"; then the word must be capitalised): its end. */
static size_t name_part_at(const char *s, size_t n, size_t i, unsigned how, int *poss)
{
	size_t j = i, e;
	for (int k = 0; k < 2 && j < n && is_lower(s[j]); k++) {
		if (!WORD_IS(s, n, j, particles, &e) || e >= n || s[e] != ' ')
			break;
		j = e + 1;
	}
	if (j > i) {
		/* after a lowercase title a lowercase surname too ("dr de
		 * souza"), but not a particle alone ("Dr de la") */
		if (!(j < n && is_lower(s[j]) && WORD_IS(s, n, j, particles, NULL)) &&
		    (e = name_word_at(s, n, j, how & NM_LTITLE ? how : how & ~NM_LOWER, poss)))
			return e;
		if ((how & NM_LTITLE) && is_lower(s[i]))
			return 0;
	}
	return name_word_at(s, n, i, how, poss);
}

/* The end of the all-capitals word at s[i] (two letters or more), or 0. */
size_t vpr_caps_word_at(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && is_upper(s[j]))
		j++;
	return j - i >= 2 && (j >= n || !is_alnum(s[j])) ? j : 0;
}

/* Common nouns that follow a cue in a comment in capitals without a
 * possessive's 's ("MY DAUGHTER APPOINTMENT WAS CANCELLED"): no name. */
static const char *const caps_nouns[] = {
	"ambulance", "appointment", "appointments", "assessment", "bed", "blood", "bloods",
	"care", "check", "chemo", "chemotherapy", "condition", "dementia", "diagnosis",
	"dialysis", "discharge", "dressing", "dressings", "infusion", "injection", "injections",
	"insulin", "letter", "letters", "medication", "medicine", "medicines", "notes",
	"operation", "pain", "physiotherapy", "prescription", "procedure", "radiotherapy",
	"records", "referral", "rehab", "results", "room", "scan", "scans", "shift", "staff",
	"surgery", "tablets", "team", "test", "tests", "therapy", "transfusion", "transport",
	"treatment", "visit", "visits", "waiting", "wheelchair", "xray",
};

/* The all-capitals word s[i..e) (e - i < 24) is a place or service word
 * ("SURGERY"; "WARD", "LANE" only after SIR, DAME, LORD). */
static int caps_place(const char *s, size_t i, size_t e, unsigned how)
{
	char w[24];
	w[0] = s[i];
	for (size_t k = 1; k < e - i; k++)
		w[k] = (char)lower((unsigned char)s[i + k]);
	w[e - i] = '\0';
	return IN(w, places) && ((how & NM_PEER) || !IN(w, surname_places));
}

/* The all-capitals word s[i..e) (e - i < 24) is a word no name is: a
 * function word, a common noun of caps_nouns[], a role word, acronym,
 * place or service word ("GP SURGERY", "NURSE MANAGER"; "WARD", "LANE" only
 * after SIR, DAME, LORD), a word of not_names[] unless after a strong
 * title ("MRS WHITE"), or with NM_LTITLE (caps_name_at: the first word
 * only) one of after_title_words[] ("DR APPOINTMENT", "MS NURSE"). */
static int caps_no_name(const char *s, size_t i, size_t e, unsigned how)
{
	char w[24];
	if (!lower_word(s, i, e, w) || IN(w, function_words) || IN(w, caps_nouns) ||
	    ((how & NM_LTITLE) && vpr_no_name_after_title(w))) /* "DR APPOINTMENT", "MS NURSE" */
		return 1;
	memcpy(w, s + i, e - i); /* the tables are case-sensitive: "ADHD", then "Manager" */
	w[e - i] = '\0';
	if (IN(w, never_names))
		return 1;
	for (size_t k = 1; k < e - i; k++)
		w[k] = (char)lower((unsigned char)w[k]);
	return IN(w, never_names) || caps_place(s, i, e, how) ||
	       (IN(w, not_names) && !(how & NM_STRONG));
}

/* A cue after the word "and" or "&" at s[i]: a title ("AND NURSE"), a
 * family role, with its possessive or not ("AND (MY) DAUGHTER"). */
static int and_cue_at(const char *s, size_t n, size_t i)
{
	size_t j;
	static const char *const and[] = {"and"};
	if (i < n && s[i] == '&')
		j = i + 1;
	else if (!WORD_IS(s, n, i, and, &j))
		return 0;
	size_t k = skip_spaces(s, n, j);
	if (k == j)
		return 0;
	if (WORD_IS(s, n, k, titles, NULL) || WORD_IS(s, n, k, family, NULL))
		return 1;
	if (!WORD_IS(s, n, k, possessives, &j) || (k = skip_spaces(s, n, j)) == j)
		return 0;
	return WORD_IS(s, n, k, family, NULL);
}

/* In a comment written in capitals every word looks like a name: an
 * all-capitals name after a cue is one to three words (not function
 * words, nor caps_no_name's) followed by a singular verb or WHO ("MY SON
 * JACK WAS ILL", "DR RAJ PATEL SAID"), by 's ("DR PATEL'S"), by AND and
 * another cue ("SISTER JONES AND NURSE KELLY"), by a plural verb when the
 * cue came after AND (NM_AND: "... AND NURSE KELLY WERE"), or one word at
 * the end of a clause ("NURSE KELLY.") -- after "my name is" (NM_LOWER2)
 * two, and before a function word too ("MY NAME IS JANE SMITH AND I").
 * Its end, or 0. */
static size_t caps_name_at(const char *s, size_t n, size_t i, unsigned how)
{
	/* singular verbs and common past tenses a person's name comes before */
	static const char *const verbs[] = {
		"brought", "came", "could", "did", "does", "felt", "gave", "got", "had", "has",
		"is", "kept", "knew", "left", "made", "rang", "said", "saw", "seemed", "sent",
		"spoke", "took", "told", "was", "went", "who", "will", "would",
	};
	static const char *const plural[] = {"are", "were"};
	/* after DR, MR, MRS ... (NM_ABBR) a word is a name whatever follows it:
	 * no ordinary word comes after them ("DR PATEL SEEMED RUDE") */
	size_t j = i, first = 0;
	for (int k = 1; k <= 3; k++) {
		size_t e = vpr_caps_word_at(s, n, j);
		char w[24];
		if (!e || e - j >= sizeof w || caps_no_name(s, j, e, k == 1 ? how : how & ~NM_LTITLE))
			/* "SIR ROBERT PEEL HOSPITAL": a place */
			return e && k > 1 && e - j < sizeof w && caps_place(s, j, e, how) ? 0 : first;
		if (k == 1 && (how & NM_ABBR))
			first = e;
		if (e >= n || strchr(",.!?;:)\n\r", s[e]))
			return k == 1 || (k == 2 && (how & NM_LOWER2)) ? e : first;
		size_t a = apostrophe(s, n, e);
		if (a && e + a < n && lower((unsigned char)s[e + a]) == 's' &&
		    (e + a + 1 >= n || !is_alnum(s[e + a + 1])))
			return e; /* "DR PATEL'S CLINIC" */
		size_t v = skip_spaces(s, n, e);
		if (v == e)
			return first;
		if (and_cue_at(s, n, v))
			return e; /* "SISTER JONES AND NURSE KELLY" */
		size_t ve = vpr_caps_word_at(s, n, v);
		if (ve && lower_word(s, v, ve, w) &&
		    (IN(w, verbs) || (ve - v >= 5 && w[ve - v - 2] == 'e' && w[ve - v - 1] == 'd') ||
		     ((how & NM_AND) && IN(w, plural)) ||
		     ((((how & NM_LOWER2) && k <= 2) || (how & NM_ABBR)) && IN(w, function_words))))
			return e; /* "GRACE NEEDED HELP", "MY NAME IS JANE SMITH AND", "DR RAJ
			           * PATEL TODAY AND" (a word too many rather than a surname) */
		j = v;
	}
	return first;
}

/* After a place word ending at s[e], a role word ("Practice Manager",
 * "Surgery Receptionist"): the place is the person's job, not the name's. */
static int role_after(const char *s, size_t n, size_t e)
{
	size_t r = skip_spaces(s, n, e), re = letters_end(s, n, r);
	char w[24];
	if (r == e || re == r || re - r >= sizeof w)
		return 0;
	memcpy(w, s + r, re - r);
	w[re - r] = '\0';
	return IN(w, never_names);
}

/* Up to three name words from s[i] (how: NM_*): the end of the name, or 0;
 * a name followed by a place or publication word is not a person's. */
size_t vpr_name_at(const char *s, size_t n, size_t i, unsigned how)
{
	if ((how & NM_CAPS) && vpr_caps_word_at(s, n, i))
		return caps_name_at(s, n, i, how);
	int poss = 0;
	size_t e = name_part_at(s, n, i, how, &poss);
	if (!e)
		return 0;
	for (int k = 1; k < 3 && !poss && e + 1 < n && s[e] == ' '; k++) {
		unsigned next = (how & ~(NM_LOWER | NM_LOWER2)) | (k == 1 && (how & NM_LOWER2) ? NM_LOWER : 0);
		size_t f = name_part_at(s, n, e + 1, next, &poss);
		if (!f)
			break;
		char w[24];
		if (f - e - 1 < sizeof w) {
			memcpy(w, s + e + 1, f - e - 1);
			w[f - e - 1] = '\0';
			if (IN(w, places) && ((how & NM_PEER) || !IN(w, surname_places))) {
				if (role_after(s, n, f))
					break; /* "Dr Patel Surgery Manager" */
				if (!IN(w, surname_places) || !vpr_said_of_person(s, n, f))
					return 0; /* "Sir Robert Peel Hospital" */
				/* "Sarah Ward was kind": her surname */
			}
		}
		/* a title word ends the name: "Sister Jones Nurse Kelly" */
		if (WORD_IS(s, n, e + 1, titles, NULL) && is_upper(s[e + 1]) && f == letters_end(s, n, e + 1))
			break;
		e = f;
	}
	size_t j = e;
	if (poss)
		j += apostrophe(s, n, j) + 1;
	j = skip_spaces(s, n, j);
	if (j > e || poss) {
		size_t we = letters_end(s, n, j);
		char w[24];
		/* "the Dr Foster report" is a publication; "Dr Patel's report"
		 * is a person's */
		if (!poss && we > j && lower_word(s, j, we, w) && IN(w, publications))
			return 0;
		if (we > j && we - j < sizeof w) {
			memcpy(w, s + j, we - j);
			w[we - j] = '\0';
			if (IN(w, places) && !role_after(s, n, we))
				return 0;
		}
	}
	return e;
}

/* Initials from s[i] ("A ", "J. ", "J.", two at most) before a word: the
 * start of that word, or i. */
size_t vpr_initials_end(const char *s, size_t n, size_t i)
{
	size_t j = i;
	for (int k = 0; k < 2 && j + 1 < n && is_upper(s[j]); k++) {
		size_t e = j + 1;
		if (s[e] == '.')
			e++;
		if (e < n && s[e] == ' ')
			e++;
		if (e == j + 1 || e >= n || !is_alpha(s[e]))
			break;
		j = e;
	}
	return j;
}

/* Words that follow a given name in a sentence and are no surname, that
 * neither after_title_words[] nor the person_* lists above hold: verbs
 * whose past is not -ed, adjectives and nouns said of a person ("nurse
 * jane brought me tea", "nurse jane lovely lady").  Lowercase, sorted. */
static const char *const after_given_words[] = {
	"amazing", "ate", "awful", "bought", "brilliant", "brought", "caught", "cut", "drove",
	"excellent", "fab", "fantastic", "fed", "great", "heard", "held", "hurt", "lady", "lost",
	"lovely", "met", "paid", "ran", "sat", "spent", "stood", "superb", "taught", "took",
	"woke", "woman", "won", "wonderful",
};

/* The given name s[b..e) (one word; a hyphenated one by its whole or its
 * first part) is on the list as a name, not a word too. */
static int listed_given(const char *s, size_t n, size_t b, size_t e, const vp_given_names *given)
{
	if (memchr(s + b, ' ', e - b))
		return 0;
	if (vp_given_name(given, s + b, e - b) == VP_GIVEN_NAME)
		return 1;
	size_t f = letters_end(s, n, b);
	return f < e && s[f] == '-' && vp_given_name(given, s + b, f - b) == VP_GIVEN_NAME;
}

size_t vpr_lower_surname_at(const char *s, size_t n, size_t j, const vp_given_names *given,
                            int words)
{
	int poss;
	size_t f;
	if (!given || j >= n || !is_lower(s[j]) || (f = name_word_at(s, n, j, NM_LOWER, &poss)) == 0)
		return 0;
	if (f < n && (unsigned char)s[f] >= 0x80)
		return 0; /* a name read on past ASCII: not looked up */
	int kind = vp_surname(given, s + j, f - j);
	return kind == VP_SURNAME || (words && kind == VP_SURNAME_WORD) ? f : 0;
}

/* The largest given name's part of a run-together word: a given name
 * three letters long at least, then a surname -- a word too only after a
 * given name of four letters or more ("leeward" stays). */
size_t vpr_run_together_at(const char *s, size_t n, size_t i, size_t e,
                           const vp_given_names *given)
{
	if (!given || e - i < 6 || e - i >= 32 || (e < n && (is_alnum(s[e]) || (unsigned char)s[e] >= 0x80)))
		return 0;
	unsigned splits = vpr_run_together_splits(given, s + i, e - i);
	if (!splits)
		return 0; /* most words: no given name starts them or no surname ends them */
	for (size_t k = i + 1; k < e; k++)
		if (!is_lower(s[k]))
			return 0; /* "SarahJones" is given_at's, "McDonald" no one's */
	for (size_t p = i + 3; p + 3 <= e && p - i <= 10; p++) {
		if (!(splits >> (p - i) & 1) || vp_given_name(given, s + i, p - i) != VP_GIVEN_NAME)
			continue;
		int kind = vp_surname(given, s + p, e - p);
		if (kind == VP_SURNAME || (kind == VP_SURNAME_WORD && p - i >= 4))
			return e;
	}
	return 0;
}

/* After a given name on the list, s[b..e), a lowercase surname ("nurse
 * jane smith", "Nurse Jane smith", "mr john o'brien"): a name word that
 * no lowercase title is followed by as a noun (NM_LTITLE's words), nor a
 * word that follows a name in a sentence -- a verb in -ed ("cleaned"),
 * an adverb or adjective in -ly ("kindly", "lovely"; not -lly: "kelly"),
 * after_given_words[] and the person_* words, a title or family word --
 * nor a place before its number ("ward 7") or an organisation word.  Its
 * end, or e when none follows.  Not in capitals (caps_name_at reads
 * those). */
static size_t given_surname_end(const char *s, size_t n, size_t b, size_t e, unsigned how,
                                const vp_given_names *given)
{
	if (!given || (how & NM_CAPS) || e + 1 >= n || s[e] != ' ' || !is_lower(s[e + 1]))
		return e;
	if (!listed_given(s, n, b, e, given)) {
		/* a given name that is a word too: only a surname on the list, not
		 * one that is a word too ("my son Will smith", not "will cook") */
		size_t f;
		if (!memchr(s + b, ' ', e - b) && vp_given_name(given, s + b, e - b) == VP_GIVEN_WORD &&
		    (f = vpr_lower_surname_at(s, n, e + 1, given, 0)) != 0)
			return f;
		return e;
	}
	int poss;
	size_t j = e + 1, f = name_word_at(s, n, j, NM_LOWER | NM_LTITLE, &poss);
	size_t le = letters_end(s, n, j), len = le - j;
	char w[24];
	if (!f || !lower_word(s, j, le, w) ||
	    (len >= 5 && w[len - 2] == 'e' && w[len - 1] == 'd') ||
	    (len >= 6 && w[len - 2] == 'l' && w[len - 1] == 'y' && w[len - 3] != 'l') ||
	    IN(w, after_given_words) || IN(w, person_verbs) || IN(w, person_be) ||
	    IN(w, person_degree) || IN(w, person_adjectives) || IN(w, titles) || IN(w, family) ||
	    vpr_org_words_in(s, n, j, f))
		return e;
	size_t k = skip_spaces(s, n, f);
	if (!poss && k > f && k < n && is_digit(s[k]))
		return e; /* "sister kelly ward 7" */
	return f;
}

size_t vpr_lower_given_at(const char *s, size_t n, size_t j, unsigned how,
                          const vp_given_names *given)
{
	if (!given || (how & NM_CAPS) || j >= n || !is_lower(s[j]))
		return 0;
	size_t e = letters_end(s, n, j);
	while (e + 1 < n && s[e] == '-' && is_lower(s[e + 1]))
		e = letters_end(s, n, e + 1); /* "sarah-jane" */
	if (!name_ends_at(s, n, e))
		return 0; /* "jane2", or a name read on past ASCII: not looked up
		           * (but "jo" before an emoji is) */
	return listed_given(s, n, j, e, given) ? e : 0;
}

/* Pasts that do not end in -ed, after a name ("my friend joy came"). */
static const char *const past_verbs[] = {
	"ate", "became", "bought", "brought", "came", "felt", "found", "gave", "got", "held",
	"kept", "knew", "left", "lost", "made", "met", "paid", "ran", "rang", "said", "sat", "saw",
	"sent", "spent", "spoke", "stood", "took", "told", "went", "woke", "wrote",
};

/* After a lowercase given name that is a word too, s[j..w), right after a
 * family cue (NM_FAMILY) or a title or role (NM_ROLE), what shows it is
 * the name, not the word: is, was, has, had or 's (no modal, month or noun
 * goes on so: "my son will is 6", "the receptionist sue was rude"); after
 * a family cue also on, at, and, a stop, comma or bracket or the end ("my
 * son will on 07700 900123", "my husband frank and i", "my mum pat.") --
 * but not an idiom after on or at ("my mum may at times", "my son will at
 * least"), nor on, at or and after a name that is a verb's past too ("my
 * wife rose at 6"). */
int vpr_word_name_follows(const char *s, size_t n, size_t j, size_t w, unsigned how)
{
	static const char *const be_has[] = {"had", "has", "is", "was"};
	static const char *const on_at[] = {"and", "at", "on"};
	/* after on or at: "at least", "at times", "on occasion" */
	static const char *const idioms[] = {"all", "any", "best", "first", "last", "least",
	                                     "most", "occasion", "occasions", "once", "some",
	                                     "times", "worst"};
	static const char *const past[] = {"rose"};
	/* a name that is a word too is a name after a family word ("my son
	 * jack", "my daughter lily loves it"), but for these: a modal, a past,
	 * an adjective after a noun ("my son will need", "my wife rose at 6",
	 * "my mum may at times") */
	static const char *const verbal[] = {"frank", "may", "rich", "rose", "will"};
	size_t a = apostrophe(s, n, w), k, t;
	if ((how & NM_FAMILY) && !WORD_IS(s, n, j, verbal, NULL) &&
	    !((k = skip_spaces(s, n, w)) > w && k < n && is_digit(s[k]))) /* "june 3rd" */
		return 1;
	if (a && w + a < n && lower((unsigned char)s[w + a]) == 's' &&
	    (w + a + 1 >= n || !is_alnum(s[w + a + 1])))
		return 1; /* "my son will's appointment" */
	if (w < n && is_alnum(s[w]))
		return 0;
	if ((k = skip_spaces(s, n, w)) > w && WORD_IS(s, n, k, be_has, &t) &&
	    (t >= n || !is_alnum(s[t])))
		return 1;
	/* a verb's past: "my friend joy came", "nurse will helped" (a modal
	 * or a noun goes on with none; not -eed: "may bleed", "will need") */
	char v[24];
	size_t ve = letters_end(s, n, k), vl = ve - k;
	if (k > w && vl >= 3 && (ve >= n || !is_alnum(s[ve])) && lower_word(s, k, ve, v) &&
	    ((vl >= 5 && v[vl - 2] == 'e' && v[vl - 1] == 'd' && v[vl - 3] != 'e') ||
	     IN(v, past_verbs)))
		return 1;
	if (!(how & NM_FAMILY))
		return 0;
	if (k >= n || (s[k] && strchr(".,;:!?)\n\r", s[k])))
		return 1;
	if (k == w || !WORD_IS(s, n, k, on_at, &t) || WORD_IS(s, n, j, past, NULL))
		return 0;
	if (t - k == 3)
		return 1; /* "and" */
	size_t m = skip_spaces(s, n, t);
	return m > t && m < n && !WORD_IS(s, n, m, idioms, NULL);
}

/* The lowercase word at s[j] is on no list as it is read after a cue: a
 * plain word (no apostrophe or hyphen after its letters, "o'brien",
 * "sarah-jane") the list of given names and surnames does not hold -- the
 * one lookup that spares a role's nouns ("the GP appointment") the
 * lookups and reading of each lowercase name (vpr_lower_given_at, a word
 * too's surname, vpr_lower_surname_at). */
static int lower_unlisted(const char *s, size_t n, size_t j, const vp_given_names *given)
{
	size_t w = letters_end(s, n, j);
	return w > j && (w >= n || (s[w] != '-' && !apostrophe(s, n, w))) &&
	       !vpr_name_listed(given, s + j, w - j);
}

size_t vpr_cued_name_at(const char *s, size_t n, size_t j, unsigned how,
                        const vp_given_names *given)
{
	size_t e = vpr_name_at(s, n, j, how);
	if (!e && (!given || (how & NM_CAPS) || j >= n || !is_lower(s[j]) ||
	           lower_unlisted(s, n, j, given)))
		return 0;
	if (!e && (e = vpr_lower_given_at(s, n, j, how, given)) == 0) {
		/* "my son will smith": a given name that is a word too, in lower
		 * case, before a surname on the list (given_surname_end's), or
		 * before what shows it is a name (vpr_word_name_follows) */
		size_t w = letters_end(s, n, j);
		if (!given || (how & NM_CAPS) || w == j || !is_lower(s[j]) ||
		    vp_given_name(given, s + j, w - j) != VP_GIVEN_WORD)
			return 0;
		e = given_surname_end(s, n, j, w, how, given);
		if (e == w && (how & (NM_FAMILY | NM_ROLE)) && vpr_word_name_follows(s, n, j, w, how))
			return w;
		return e > w ? e : 0;
	}
	return given_surname_end(s, n, j, e, how, given);
}

/* The name after a title, the title s[i..e) (w: lowercased): the name's
 * span in *ns, its end returned; 0 if none.  Right after the title a
 * comma or bracket may come between ("the receptionist, Karen, was",
 * "the receptionist (Karen)") when it closes after the name.  With given
 * (the list of given names) a lowercase listed name is one after any
 * title or role ("nurse jane"), and a lowercase surname after a listed
 * name (vpr_cued_name_at: "nurse jane smith", "mr john smith"). */
size_t vpr_after_title(const char *s, size_t n, size_t i, size_t e, const char *w,
                       unsigned caps, const vp_given_names *given, size_t *ns)
{
	char w2[24];
	char close = 0;
	size_t b;
	/* "my ms nurse", "diagnosed with ms", "WITH MS LAST YEAR": the
	 * condition, no title before a lowercase name or one in capitals */
	int condition = strcmp(w, "ms") == 0 && (is_lower(s[i]) || (caps & NM_CAPS)) &&
	                prev_word_is(s, n, i, ms_condition_before,
	                             sizeof ms_condition_before / sizeof ms_condition_before[0], &b);
	for (int k = 0; k < 3; k++) {
		/* "Dr. Lee", but "the doctor. Online booking" ends a sentence */
		static const char *const abbrevs[] = {"dr", "mr", "mrs", "ms", "mx", "prof", "rev"};
		int dot = 0;
		if (e < n && s[e] == '.' && IN(w, abbrevs))
			e++, dot = 1;
		else if (k == 0 && e < n && s[e] == ',')
			close = s[e++];
		size_t j = skip_spaces(s, n, e);
		if (k == 0 && !close && j < n && s[j] == '(') {
			close = ')';
			e = j = j + 1;
		} else if ((j == e && !(dot && j < n && is_upper(s[j]))) || j - e > 4) {
			return 0; /* but "Dr.Patel" */
		}
		/* role words in a row: "Nurse practitioner Julie", "consultant Mr Khan" */
		size_t t;
		if (WORD_IS(s, n, j, titles, &t)) {
			lower_word(s, j, t, w2);
			w = w2;
			e = t;
			condition = 0;
			continue;
		}
		static const char *const name_titles[] = {"dame", "dr", "lord", "miss", "mr", "mrs",
		                                          "ms", "mx", "prof", "rev", "sir"};
		if (condition && (caps & NM_CAPS))
			return 0;
		unsigned how = (IN(w, lower_titles) && !condition ? NM_LOWER | NM_LTITLE : 0) |
		               (IN(w, strong_titles) ? NM_STRONG : 0) | (IN(w, peer_titles) ? NM_PEER : 0) |
		               (IN(w, name_titles) ? NM_ABBR : 0) | caps;
		/* a lowercase word where no lowercase word is a name but one on
		 * the list, and it on none ("the GP appointment", "the nurse
		 * said"): one lookup, no reading (a particle may start "nurse de
		 * Souza") */
		size_t pe = letters_end(s, n, j);
		if (!(how & NM_LOWER) && j < n && is_lower(s[j]) &&
		    (pe - j > 5 || !WORD_IS(s, n, j, particles, NULL)) &&
		    (!given || lower_unlisted(s, n, j, given)))
			return 0;
		size_t end = 0, i0 = vpr_initials_end(s, n, j);
		if (i0 > j) /* "Dr A Patel", "Mr J. Smith" */
			end = vpr_name_at(s, n, i0, how & ~NM_LOWER);
		if (!end)
			end = vpr_cued_name_at(s, n, j, how | NM_ROLE, given);
		if (!end && !(caps & NM_CAPS) && !condition && given && j < n && is_lower(s[j]) &&
		    !lower_unlisted(s, n, j, given)) /* "Doctor patel", "sister khan" */
			end = vpr_lower_surname_at(s, n, j, given, 0);
		if (!end || (close && (end >= n || s[end] != close)))
			return 0;
		*ns = j;
		return end;
	}
	return 0;
}

/* Organisation, service and place words: a "name" holding one after a
 * sign-off, "From:" or a plural title is no person's ("Regards,
 * Healthwatch", "Kind regards, Patient Experience Team", "Nurses
 * Station").  Lowercase; places[] count too.  Only the name's own words:
 * one after it may be a role ("Regards, Jane Smith Practice Manager"). */
static const char *const org_words[] = {
	"association", "bay", "board", "ccg", "centre", "charity", "clinic", "committee",
	"council", "department", "desk", "forum", "group", "healthwatch", "home", "icb",
	"infirmary", "network", "office", "pals", "partnership", "pharmacy", "practice", "room",
	"service", "services", "society", "station", "surgery", "team", "trust", "unit",
};

/* The word at s[j] is an organisation word or a place word (not one that
 * is a surname too: "Jane Lane"); *we its end. */
static int org_word_at(const char *s, size_t n, size_t j, size_t *we)
{
	char w[24];
	*we = letters_end(s, n, j);
	if (*we == j || !lower_word(s, j, *we, w))
		return 0;
	if (IN(w, org_words))
		return 1;
	w[0] = (char)(w[0] - 'a' + 'A');
	return IN(w, places) && !IN(w, surname_places);
}

/* A word of s[i..e) is an organisation or place word. */
int vpr_org_words_in(const char *s, size_t n, size_t i, size_t e)
{
	size_t j = i, we;
	while (j < e) {
		if (!is_alpha(s[j])) {
			j++;
			continue;
		}
		if (org_word_at(s, n, j, &we))
			return 1;
		j = we;
	}
	return 0;
}

int vp_redact_not_name(const char *w, size_t n)
{
	char low[24];
	if (n == 0 || !lower_word(w, 0, n, low))
		return 0;
	if (IN(low, org_words))
		return 1; /* "Healthwatch Rutland" */
	for (size_t k = 0; k < sizeof not_names / sizeof *not_names; k++)
		if (strlen(not_names[k]) == n && strncasecmp(not_names[k], w, n) == 0)
			return 1;
	for (size_t k = 0; k < sizeof never_names / sizeof *never_names; k++)
		if (strlen(never_names[k]) == n && strncasecmp(never_names[k], w, n) == 0)
			return 1;
	for (size_t k = 0; k < sizeof places / sizeof *places; k++)
		if (strlen(places[k]) == n && strncasecmp(places[k], w, n) == 0)
			return 1;
	return 0;
}
