/* gazetteer_match.c - finding names in field values and text, and
 * resolving what they name; see include/voxpop/gazetteer.h. */
#include <stdlib.h>
#include <string.h>

#include "gazetteer_impl.h"
#include "voxpop/postcode.h"
#include "voxpop/redact.h"

/* ---- matching ------------------------------------------------------------ */

void vp_locus_clear(vp_locus *l)
{
	memset(l, 0, sizeof *l);
}

void vp_locus_combine(vp_locus *acc, const vp_locus *m)
{
	if (!m->found)
		return;
	if (!acc->found) {
		*acc = *m;
		return;
	}
	uint64_t any = 0;
	for (size_t i = 0; i < VP_GAZ_MAX_CELLS / 64; i++)
		any |= acc->cells[i] & m->cells[i];
	for (size_t i = 0; i < VP_GAZ_MAX_CELLS / 64; i++)
		acc->cells[i] = any ? acc->cells[i] & m->cells[i] : acc->cells[i] | m->cells[i];
	if (!any || m->conflict)
		acc->conflict = 1;
	acc->corrected |= m->corrected;
}

/* a and b have a cell in common (or b is empty). */
static int locus_meets(const vp_locus *a, const vp_locus *b)
{
	if (!b->found)
		return 1;
	for (size_t i = 0; i < VP_GAZ_MAX_CELLS / 64; i++)
		if (a->cells[i] & b->cells[i])
			return 1;
	return 0;
}

static void locus_from(const vp_gazetteer *g, const struct entry *en, vp_locus *l)
{
	vp_locus_clear(l);
	memcpy(l->cells, en->bits, g->nwords * sizeof *en->bits);
	l->found = 1;
}

/* Token k is w. */
static int tok_is(const struct gz_toks *t, size_t k, const char *w)
{
	return k < t->n && t->w[k].end - t->w[k].start == strlen(w) &&
	       memcmp(t->norm.data + t->w[k].start, w, strlen(w)) == 0;
}

/* Words that turn a mention into its opposite ("not Leicester", "outside
 * Rutland", "anywhere but Oakham") or into a place left behind ("formerly
 * Melton", "no longer in Oakham", "used to live in Leicester", "moved away
 * from Leicester"): such a value is only taken when it is a name as a whole. */
static int has_negation(const struct gz_toks *t)
{
	static const char *const neg[] = {
		"not", "outside", "non", "except", "excluding", "but", "no", "never", "ex", "former",
		"formerly", "previously", "originally", "used", "away",
	};
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < sizeof neg / sizeof *neg; k++)
			if (tok_is(t, i, neg[k]))
				return 1;
	return 0;
}

/* In free text only proper-noun looking phrases count: capitalised, and
 * not a short all-letter abbreviation ("WL" is too easily something else). */
static int text_ok(const struct gz_toks *t, size_t i, size_t len)
{
	if (!t->w[i].capital)
		return 0;
	size_t n = t->w[i + len - 1].end - t->w[i].start;
	if (n >= 4)
		return 1;
	for (size_t k = t->w[i].start; k < t->w[i].start + n; k++)
		if (t->norm.data[k] >= '0' && t->norm.data[k] <= '9')
			return 1;
	return 0;
}

/* Words naming a kind of street, written out or short ("Rd" and "St" are
 * read as road and saint by the tokeniser).  A name followed by one is a
 * street ("Leicester Road", "Melton St", "Oakham Grove"), which says
 * nothing about where the person lives; beside a name they are harmless. */
static int street_noun(const char *w, size_t n)
{
	static const char *const street[] = {
		"road", "street", "lane", "avenue", "way", "close", "drive", "crescent", "terrace",
		"grove", "court", "place", "gardens", "mews", "walk", "row", "gate", "square", "parade",
		"ave", "ln", "dr", "cres", "cl", "ct", "pl", "sq", "gdns", "terr", "tce", "pde",
	};
	for (size_t k = 0; k < sizeof street / sizeof *street; k++)
		if (n == strlen(street[k]) && memcmp(w, street[k], n) == 0)
			return 1;
	return 0;
}

/* Token i, after a name, makes it a street: a street noun, or "St" (read
 * as saint) ending the value or its part, or before a word that is not
 * capitalised ("Melton St, Leicester", "down Melton St to"); before a
 * capitalised one it is a Saint ("Ashby St Ledgers"). */
static int street_word(const struct gz_toks *t, size_t i)
{
	if (i >= t->n)
		return 0;
	size_t n;
	const char *w = gz_word_text(t, i, &n);
	if (street_noun(w, n))
		return 1;
	return n == 5 && memcmp(w, "saint", 5) == 0 &&
	       (i + 1 == t->n || t->w[i + 1].brk || !t->w[i + 1].capital);
}

/* Words that may stand beside a name without naming anywhere else:
 * "Melton Mowbray town centre", "near Oakham", "Oakham, Rutland, UK". */
static int harmless_word(const char *w, size_t n)
{
	static const char *const ok[] = {
		"near", "nr", "in", "of", "the", "and", "at", "on", "by", "to", "from", "just",
		"town", "centre", "center", "central", "city", "area", "areas", "village", "district",
		"county", "borough", "ward", "parish", "rural", "outskirts", "local", "nearby",
		"north", "south", "east", "west", "uk", "gb", "england", "britain", "great", "united",
		"kingdom", "uni", "university", "hospital", "saint", "postcode", "ccg", "icb", "ics", "nhs",
	};
	for (size_t k = 0; k < sizeof ok / sizeof *ok; k++)
		if (n == strlen(ok[k]) && memcmp(w, ok[k], n) == 0)
			return 1;
	return street_noun(w, n);
}

/* A postcode district ("IP12", "N20"): the unmatched ones say "elsewhere". */
static int district_word(const char *w, size_t n)
{
	char d[8];
	int digit = 0;
	for (size_t k = 0; k < n; k++)
		digit |= w[k] >= '0' && w[k] <= '9';
	return digit && n <= 4 && vp_postcode_parse(w, n, d, NULL) == 1;
}

/* In free text, a postcode district of a one-letter area ("W3", "B12",
 * "M1") is too often a ward, a bay, a vitamin or a motorway. */
static int one_letter_district(const struct gz_toks *t, size_t i, size_t len)
{
	size_t n;
	const char *w = gz_word_text(t, i, &n);
	return len == 1 && n >= 2 && w[0] >= 'a' && w[0] <= 'z' && w[1] >= '0' && w[1] <= '9' &&
	       district_word(w, n);
}

enum { TOK_FREE, TOK_NAME, TOK_STREET, TOK_WITHIN };

/* Field values: does a word the names did not use say the value is
 * somewhere else?  A postcode district not in the gazetteer ("Melton
 * IP12"), a word after a comma or bracket that follows a name ("Ashby,
 * Scunthorpe"), or a word that continues a name into another one
 * ("Melton Constable", "Ashby St Ledgers").  Words before the first name
 * ("lives in Oakham") and harmless ones ("town centre") do not. */
static int names_elsewhere(const struct gz_toks *t, const unsigned char *use)
{
	size_t first = t->n;
	for (size_t i = 0; i < t->n && first == t->n; i++)
		if (use[i] == TOK_NAME)
			first = i;
	for (size_t i = 0; i < t->n; i++) {
		if (use[i] != TOK_FREE)
			continue;
		size_t n;
		const char *w = gz_word_text(t, i, &n);
		if (district_word(w, n))
			return 1;
		if (harmless_word(w, n) || i < first)
			continue;
		int after_break = 0;
		for (size_t k = first + 1; k <= i; k++)
			after_break |= t->w[k].brk;
		if (after_break)
			return 1; /* "Glenfield, Auckland" */
		if (use[i - 1] == TOK_NAME || use[i - 1] == TOK_WITHIN)
			return 1; /* "Melton Constable" */
	}
	return 0;
}

/* ---- free text naming several places -------------------------------------
 * "I live in Leicester and my mum lives in Oakham": the town is not the
 * commenter's place just because it is a town.  Each mention (a name, with
 * a post town or county right after it: "Syston, Leicester") gets the cue
 * of the words before it; when the mentions disagree the cues choose (see
 * enum vp_text_rule in gazetteer.h), and without one nothing is guessed.
 * A place in no system (`outside`, or a `within` area standing alone) is a
 * mention too when it is the commenter's home ("I live in Nottingham"), and
 * one right after a name qualifies it ("Melton, Suffolk", "Whetstone,
 * London"): either says the commenter's place is not the town here. */

/* CUE_FROM: where the commenter comes from, home unless a place lived in
 * is named too ("I am from Wales but live in Oakham now").  CUE_ALSO: a
 * home cue whose subject is the previous mention's ("... but live in X"):
 * home after "I am from Wales", nothing after "my parents are from Wales".
 * CUE_JOURNEY: a place gone to (CUE_AWAY) on a journey ("travel to X",
 * "drive to X", "miles to X"): the commenter lives somewhere else, so text
 * naming only such places locates nothing, where a place merely gone to
 * or where care was ("welcome to X", "at X") still locates when it is the
 * only one named. */
enum { CUE_NONE, CUE_HOME, CUE_FROM, CUE_AWAY, CUE_ALSO, CUE_JOURNEY };

/* Words right before a name, normalised as the tokeniser does ("I'm" is
 * "im").  The longest phrase that matches wins: "I moved to" is home,
 * "to" alone a place gone to; "used to live in" a place left. */
static const struct {
	const char *words;
	int cue;
} text_cues[] = {
	{"i live in", CUE_HOME}, {"we live in", CUE_HOME}, {"i still live in", CUE_HOME},
	{"we still live in", CUE_HOME}, {"ive lived in", CUE_HOME}, {"weve lived in", CUE_HOME},
	{"i have lived in", CUE_HOME}, {"we have lived in", CUE_HOME}, {"living in", CUE_HOME},
	{"i reside in", CUE_HOME}, {"we reside in", CUE_HOME}, {"residing in", CUE_HOME},
	{"im from", CUE_FROM}, {"i am from", CUE_FROM}, {"we are from", CUE_FROM},
	{"i come from", CUE_FROM}, {"we come from", CUE_FROM}, {"based in", CUE_HOME},
	{"based at", CUE_HOME}, {"resident of", CUE_HOME}, {"resident in", CUE_HOME},
	{"my home in", CUE_HOME}, {"our home in", CUE_HOME}, {"home is in", CUE_HOME},
	{"here in", CUE_HOME}, {"i moved to", CUE_HOME}, {"we moved to", CUE_HOME},
	{"im in", CUE_HOME}, {"i am in", CUE_HOME}, {"were in", CUE_HOME}, {"we are in", CUE_HOME},
	{"i now live in", CUE_HOME}, {"we now live in", CUE_HOME}, {"but live in", CUE_ALSO},
	{"and live in", CUE_ALSO}, {"but now live in", CUE_ALSO}, {"and now live in", CUE_ALSO},
	{"to", CUE_AWAY}, {"towards", CUE_AWAY}, {"at", CUE_AWAY}, {"visit", CUE_AWAY},
	{"visiting", CUE_AWAY}, {"visited", CUE_AWAY}, {"moved from", CUE_AWAY},
	{"move from", CUE_AWAY}, {"moving from", CUE_AWAY}, {"away from", CUE_AWAY},
	{"originally from", CUE_AWAY}, {"used to live in", CUE_AWAY}, {"formerly", CUE_AWAY},
	{"formerly in", CUE_AWAY}, {"formerly of", CUE_AWAY}, {"previously", CUE_AWAY},
	{"previously in", CUE_AWAY}, {"left", CUE_AWAY},
	{"travel to", CUE_JOURNEY}, {"travels to", CUE_JOURNEY}, {"travelling to", CUE_JOURNEY},
	{"traveling to", CUE_JOURNEY}, {"travelled to", CUE_JOURNEY}, {"traveled to", CUE_JOURNEY},
	{"travel into", CUE_JOURNEY}, {"travelling into", CUE_JOURNEY}, {"drive to", CUE_JOURNEY},
	{"drives to", CUE_JOURNEY}, {"driving to", CUE_JOURNEY}, {"drove to", CUE_JOURNEY},
	{"drive into", CUE_JOURNEY}, {"driving into", CUE_JOURNEY}, {"miles to", CUE_JOURNEY},
	{"mile to", CUE_JOURNEY}, {"all the way to", CUE_JOURNEY}, {"trek to", CUE_JOURNEY},
	{"trekking to", CUE_JOURNEY}, {"journey to", CUE_JOURNEY}, {"journeys to", CUE_JOURNEY},
	{"get to", CUE_JOURNEY}, {"getting to", CUE_JOURNEY}, {"go to", CUE_JOURNEY},
	{"goes to", CUE_JOURNEY}, {"going to", CUE_JOURNEY}, {"went to", CUE_JOURNEY},
	{"go into", CUE_JOURNEY}, {"going into", CUE_JOURNEY}, {"went into", CUE_JOURNEY},
	{"go over to", CUE_JOURNEY}, {"going over to", CUE_JOURNEY}, {"went over to", CUE_JOURNEY},
	{"trip to", CUE_JOURNEY}, {"trips to", CUE_JOURNEY}, {"bus to", CUE_JOURNEY},
	{"buses to", CUE_JOURNEY}, {"train to", CUE_JOURNEY}, {"taxi to", CUE_JOURNEY},
	{"commute to", CUE_JOURNEY}, {"commuting to", CUE_JOURNEY}, {"way to", CUE_JOURNEY},
	{"hour to", CUE_JOURNEY}, {"hours to", CUE_JOURNEY},
};

/* The cue of the words right before token i (none across a comma or
 * bracket). */
static int text_cue(const struct gz_toks *t, size_t i)
{
	int cue = CUE_NONE;
	size_t best = 0;
	for (size_t c = 0; c < sizeof text_cues / sizeof *text_cues; c++) {
		const char *w = text_cues[c].words;
		size_t nw = 1;
		for (const char *q = w; *q; q++)
			nw += *q == ' ';
		if (nw > i || nw <= best)
			continue;
		/* word j of the phrase is token i - nw + j */
		int ok = !t->w[i].brk;
		for (size_t k = i - nw; ok && k < i; k++) {
			size_t n;
			const char *tok = gz_word_text(t, k, &n);
			ok = (k == i - nw || !t->w[k].brk) && strncmp(w, tok, n) == 0 &&
			     (w[n] == ' ' || w[n] == '\0');
			w += n + 1;
		}
		if (ok) {
			cue = text_cues[c].cue;
			best = nw;
		}
	}
	return cue;
}

/* w[0..n) is one of the space-separated words of list (or list is NULL). */
static int in_words(const char *list, const char *w, size_t n)
{
	for (const char *q = list; q && *q;) {
		size_t k = strcspn(q, " ");
		if (k == n && memcmp(q, w, n) == 0)
			return 1;
		q += k + (q[k] == ' ');
	}
	return 0;
}

/* w[0..n) is a word of a cue above ("visiting", "from"). */
static int cue_word(const char *w, size_t n)
{
	for (size_t c = 0; c < sizeof text_cues / sizeof *text_cues; c++)
		if (in_words(text_cues[c].words, w, n))
			return 1;
	return 0;
}

/* w[0..n) is a word of a gazetteer name ("market", "east"). */
static int gazetteer_word(const vp_gazetteer *g, const char *w, size_t n)
{
	size_t lo = 0, hi = g->nvocab;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(w, g->vocab[mid], n);
		if (c == 0 && g->vocab[mid][n] == '\0')
			return 1;
		if (c < 0 || (c == 0 && g->vocab[mid][n] != '\0'))
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* The name at tokens [i, i+len) of free text is a person's surname, not a
 * place: right after a word written as a given name is ("Sarah Stapleton",
 * "Thanks to John Ashby"), and with the list of given names
 * (vp_gazetteer_given_names) on it ("Beautiful Oakham", "Love Oakham" are
 * the place) -- not a word of a cue, a harmless or function
 * word, an organisation word or a word of a gazetteer name ("In Oakham",
 * "Visiting Oakham", "Healthwatch Rutland", "Uppingham Rutland"); or,
 * when no such word comes before it, followed by a role ("Stapleton on
 * reception", "I saw Ashby the physio"; but "In Oakham the GP is great").
 * A word in the sentence before is no given name ("I saw Sarah. Oakham is
 * where I live"), and a sentence beginning with the name is about the
 * place, whoever follows it ("Oakham the GP was great"); only "on
 * reception" makes it a person there.  A title before it ("Dr Ashby") is
 * checked for fields too, in match_tokens. */
static int text_person(const vp_gazetteer *g, const struct gz_toks *t, size_t i, size_t len)
{
	int sentence_start = i == 0 || t->w[i].stop;
	if (!sentence_start && !t->w[i].brk) {
		size_t n;
		const char *w = gz_word_text(t, i - 1, &n);
		if (harmless_word(w, n) || cue_word(w, n))
			return 0;
		if (t->w[i - 1].capital == 2 && !vp_redact_not_name(w, n) && !gazetteer_word(g, w, n) &&
		    (!g->given || vp_given_name(g->given, w, n)))
			return 1;
	}
	size_t j = i + len;
	if (j + 1 >= t->n || t->w[j].brk || t->w[j + 1].brk)
		return 0;
	if ((tok_is(t, j, "on") || tok_is(t, j, "at") || tok_is(t, j, "from")) &&
	    tok_is(t, j + 1, "reception"))
		return 1;
	size_t tn;
	const char *title = gz_word_text(t, j + 1, &tn);
	return !sentence_start && tok_is(t, j, "the") && vp_redact_title(title, tn);
}

/* The mentions read so far, folded as they close: all of them, those with
 * a home cue, those with a cue of where the commenter is from, those
 * without a cue of a place gone to or left; and the open mention (its town
 * or area names, its place or system names). */
struct text_pick {
	vp_locus all, home, from, rest, spec, gen;
	vp_locus wider;  /* `within` areas qualifying the open mention ("Whetstone, London") */
	size_t nhome, nfrom, nrest;
	size_t nplaces, njourney; /* mentions folded into all; those of them with CUE_JOURNEY */
	size_t out_home, out_from, out_rest; /* mentions of a place in no system, as nhome... */
	size_t end;  /* token after the open mention */
	int cue, open;
	int elsewhere; /* the open mention is of a place in no system ("Melton, Suffolk") */
};

/* A cue of a place gone to or left, a journey or not. */
static int away_cue(int cue)
{
	return cue == CUE_AWAY || cue == CUE_JOURNEY;
}

static void text_close(struct text_pick *p)
{
	if (!p->open)
		return;
	p->open = 0;
	/* town and area names outrank place and system names ("Syston, Leicester") */
	if (!p->spec.found || locus_meets(&p->spec, &p->gen))
		vp_locus_combine(&p->spec, &p->gen);
	/* every candidate must lie in the wider area(s) named after it */
	for (size_t k = 0; p->wider.found && k < VP_GAZ_MAX_CELLS / 64; k++)
		p->elsewhere |= (p->spec.cells[k] & ~p->wider.cells[k]) != 0;
	if (p->elsewhere || !p->spec.found) {
		/* a place gone to or left says nothing about the commenter's */
		p->out_rest += !away_cue(p->cue);
		p->out_home += p->cue == CUE_HOME;
		p->out_from += p->cue == CUE_FROM;
		return;
	}
	vp_locus_combine(&p->all, &p->spec);
	p->nplaces++;
	p->njourney += p->cue == CUE_JOURNEY;
	if (p->cue == CUE_HOME) {
		vp_locus_combine(&p->home, &p->spec);
		p->nhome++;
	}
	if (p->cue == CUE_FROM) {
		vp_locus_combine(&p->from, &p->spec);
		p->nfrom++;
	}
	if (!away_cue(p->cue)) {
		vp_locus_combine(&p->rest, &p->spec);
		p->nrest++;
	}
}

/* A cue that says where the commenter lives or comes from. */
static int home_cue(int cue)
{
	return cue == CUE_HOME || cue == CUE_FROM;
}

/* Token i follows the open mention in a list: right after it behind a
 * comma ("to Leicester, Loughborough"), or behind one "and" or "or"
 * ("to Leicester and Loughborough"), within a sentence. */
static int listed_after(const struct gz_toks *t, size_t i, const struct text_pick *p)
{
	if (!p->open || t->w[i].stop)
		return 0;
	if (i == p->end)
		return t->w[i].brk;
	return i == p->end + 1 && !t->w[i].brk && !t->w[p->end].stop &&
	       (tok_is(t, p->end, "and") || tok_is(t, p->end, "or"));
}

/* The cue of a mention at token i, CUE_ALSO read after the mention before
 * (p->cue, still that mention's).  A place listed after one gone to takes
 * its cue ("travel to Leicester and Loughborough": two journeys); a home
 * cue is not carried ("I live in Melton and Leicester is where I work"). */
static int mention_cue(const struct gz_toks *t, size_t i, const struct text_pick *p)
{
	int cue = text_cue(t, i);
	if (cue == CUE_NONE && away_cue(p->cue) && listed_after(t, i, p))
		return p->cue;
	if (cue != CUE_ALSO)
		return cue;
	return home_cue(p->cue) ? CUE_HOME : CUE_NONE;
}

/* Close the open mention and open one at token i. */
static void text_open(const struct gz_toks *t, size_t i, struct text_pick *p)
{
	int cue = mention_cue(t, i, p);
	text_close(p);
	p->open = 1;
	vp_locus_clear(&p->spec);
	vp_locus_clear(&p->gen);
	vp_locus_clear(&p->wider);
	p->elsewhere = 0;
	p->cue = cue;
}

/* Name en found at tokens [i, i+len). */
static void text_mention(const vp_gazetteer *g, const struct gz_toks *t, const struct entry *en,
                         size_t i, size_t len, struct text_pick *p)
{
	vp_locus m;
	locus_from(g, en, &m);
	if (!(p->open && !en->specific && p->spec.found && i == p->end))
		text_open(t, i, p);
	/* else a place or system right after a town: its post town or county */
	vp_locus_combine(en->specific ? &p->spec : &p->gen, &m);
	p->end = i + len;
}

/* An `outside` or `within` name en found at tokens [i, i+len), or (en
 * NULL) a postcode district in no system ("CF10", "EH1"): right after a
 * mention it qualifies it; on its own it is a mention only with a home
 * cue ("I live in Nottingham", "I'm in CF10"), as a place merely named
 * elsewhere ("Nottingham is better", "Reading the leaflet") says nothing
 * of the commenter's -- but a full postcode (full) is an address, the
 * commenter's unless a place gone to or left ("My address is ... EH1 1YZ"). */
static void text_elsewhere(const vp_gazetteer *g, const struct gz_toks *t, const struct entry *en,
                           size_t i, size_t len, int full, struct text_pick *p)
{
	if (p->open && i == p->end) {
		if (en && en->within) {
			vp_locus m;
			locus_from(g, en, &m);
			vp_locus_combine(&p->wider, &m);
		} else {
			p->elsewhere = 1;
		}
		p->end = i + len;
		return;
	}
	int cue = mention_cue(t, i, p);
	if (!home_cue(cue) && !(full && cue == CUE_NONE))
		return;
	text_open(t, i, p);
	p->elsewhere = 1;
	p->end = i + len;
}

static void text_choose(struct text_pick *p, vp_locus *out)
{
	text_close(p);
	if (!p->all.found) {
		out->outside = p->out_rest > 0;
		return;
	}
	if (p->njourney == p->nplaces && !p->out_rest) {
		/* "I have to travel 25 miles to Leicester": the commenter lives
		 * elsewhere, perhaps in another system (a city's hospitals serve
		 * its neighbours too), so no level is certain */
		out->text_rule = VP_TEXT_JOURNEY;
		return;
	}
	if (!p->all.conflict && !p->out_rest) {
		*out = p->all;
		return;
	}
	/* the places marked home, else those the commenter is from, else those
	 * not gone to or left */
	int home = p->nhome || p->out_home, from = !home && (p->nfrom || p->out_from);
	const vp_locus *pick = home ? &p->home : from ? &p->from : &p->rest;
	size_t here = home ? p->nhome : from ? p->nfrom : p->nrest;
	size_t elsewhere = home ? p->out_home : from ? p->out_from : p->out_rest;
	home |= from;
	if (here && !elsewhere && !pick->conflict) {
		*out = *pick;
		out->text_rule = home ? VP_TEXT_HOME : VP_TEXT_SET_ASIDE;
	} else if (!here && elsewhere) {
		out->outside = 1; /* the commenter's place is in no system */
	} else {
		*out = p->all;
		out->text_rule = VP_TEXT_UNDECIDED;
		out->elsewhere = p->out_rest > 0; /* then no level is certain */
	}
}

/* full: in free text, the districts of the full postcodes it held
 * (space-separated, lowercase), or NULL. */
static int match_tokens(const vp_gazetteer *g, const struct gz_toks *t, enum vp_match_mode mode,
                        const char *full, vp_locus *out)
{
	if (t->n == 0) { /* only punctuation: "-", "?" */
		out->no_answer = 1;
		return 0;
	}
	if (mode == VP_MATCH_FIELD) {
		const struct entry *en = gz_lookup(g, t->norm.data, t->norm.len);
		if (en && (en->outside || en->no_answer || en->within)) {
			out->outside = en->outside || en->within;
			out->no_answer = en->no_answer;
			return 0;
		}
		if (en) {
			locus_from(g, en, out);
			return 1;
		}
	}
	int negated = mode == VP_MATCH_FIELD && has_negation(t);
	unsigned char *use = NULL;
	if (mode == VP_MATCH_FIELD && !(use = calloc(t->n, 1)))
		return -1;
	/* Longest known phrase at each word, left to right.  Town and area
	 * names are kept apart from place and system names: in "Syston,
	 * Leicester" the city is only the post town, so when the two kinds
	 * contradict, the town wins (in free text only within one mention:
	 * across mentions the cues choose, text_choose).  A wider area
	 * ("London") constrains nothing but must hold what was found. */
	vp_locus m, general, wider;
	vp_locus_clear(&general);
	vp_locus_clear(&wider);
	struct text_pick pick;
	if (mode == VP_MATCH_TEXT)
		memset(&pick, 0, sizeof pick);
	int outside = 0;
	for (size_t i = 0; i < t->n;) {
		size_t len = t->n - i < g->max_tokens ? t->n - i : g->max_tokens;
		for (; len > 0; len--) {
			const char *name = t->norm.data + t->w[i].start;
			size_t nlen = t->w[i + len - 1].end - t->w[i].start;
			const struct entry *en = gz_lookup(g, name, nlen);
			if (!en && t->w[i + len - 1].poss) /* "Oakham's": Oakham */
				en = gz_lookup(g, name, nlen - 1);
			if (!en || (mode == VP_MATCH_TEXT && (en->no_answer || !text_ok(t, i, len) ||
			                                      one_letter_district(t, i, len))))
				continue;
			if (en->no_answer) { /* "Oakham (n/a)": ignored beside a name */
				memset(use + i, TOK_STREET, len);
				break;
			}
			size_t pn;
			const char *prev = i > 0 ? gz_word_text(t, i - 1, &pn) : NULL;
			if (prev && !t->w[i].brk && vp_redact_title(prev, pn)) {
				/* "Dr Ashby", "Nurse Melton": a person's name */
				if (use)
					memset(use + i, TOK_STREET, len);
				break;
			}
			if (mode == VP_MATCH_TEXT && text_person(g, t, i, len))
				break; /* "Sarah Stapleton on reception" */
			/* "waited at Glenfield Hospital", "the wait at Glenfield": where
			 * care was -- unless a place too, and the commenter's home */
			if (en->site && mode == VP_MATCH_TEXT &&
			    !(en->place_too && home_cue(text_cue(t, i))))
				break;
			int street = street_word(t, i + len);
			if (use)
				memset(use + i, street ? TOK_STREET : en->within ? TOK_WITHIN : TOK_NAME, len);
			if (street)
				break; /* "Leicester Road", "Nottingham Road": a street */
			if (mode == VP_MATCH_TEXT) {
				if (en->outside || en->within)
					text_elsewhere(g, t, en, i, len, 0, &pick);
				else
					text_mention(g, t, en, i, len, &pick);
			} else if (en->outside) {
				/* "Leicester Road, Nottingham": somewhere else. */
				outside = 1;
			} else if (en->within) {
				locus_from(g, en, &m);
				vp_locus_combine(&wider, &m);
			} else {
				locus_from(g, en, &m);
				vp_locus_combine(en->specific ? out : &general, &m);
			}
			break;
		}
		if (!len && mode == VP_MATCH_TEXT) {
			/* a postcode district in no system: "I'm in CF10 1AA" */
			size_t n;
			const char *w = gz_word_text(t, i, &n);
			int whole = in_words(full, w, n); /* "CF10 1AA", not "CF10" */
			if (district_word(w, n) && (whole || (t->w[i].capital &&
			                                      !one_letter_district(t, i, 1))))
				text_elsewhere(g, t, NULL, i, 1, whole, &pick);
		}
		i += len ? len : 1;
	}
	if (mode == VP_MATCH_TEXT)
		text_choose(&pick, out);
	if (!out->found || locus_meets(out, &general))
		vp_locus_combine(out, &general);
	if (mode == VP_MATCH_FIELD) {
		int elsewhere = outside || (out->found && names_elsewhere(t, use));
		/* every candidate must lie in the wider area(s) named */
		for (size_t k = 0; wider.found && out->found && k < VP_GAZ_MAX_CELLS / 64; k++)
			elsewhere |= (out->cells[k] & ~wider.cells[k]) != 0;
		free(use);
		if (negated) { /* "not Oakham", "Oakham? no, Nottingham" */
			vp_locus_clear(out);
			out->outside = outside;
			return 0;
		}
		if (elsewhere || (wider.found && !out->found)) {
			int known = outside || (wider.found && !out->found);
			vp_locus_clear(out);
			out->outside = known;
			out->elsewhere = !known;
			return 0;
		}
	}
	return out->found;
}

/* a and b differ by one edit: a letter changed, added, dropped, or two
 * neighbours swapped ("Mowbary"). */
static int one_edit(const char *a, size_t na, const char *b, size_t nb)
{
	if (na > nb)
		return one_edit(b, nb, a, na);
	if (nb - na > 1)
		return 0;
	size_t i = 0;
	while (i < na && a[i] == b[i])
		i++;
	if (i == na)
		return nb == na + 1;
	if (na == nb)
		return strncmp(a + i + 1, b + i + 1, na - i - 1) == 0 ||
		       (i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		        strncmp(a + i + 2, b + i + 2, na - i - 2) == 0);
	return strncmp(a + i, b + i + 1, na - i) == 0;
}

enum { FUZZY_MIN = 7 }; /* shorter words have too many real neighbours (Acton/Alton) */

/* The one gazetteer word within one edit of w[0..n), or NULL if there is
 * none or more than one. */
static const char *correct_word(const vp_gazetteer *g, const char *w, size_t n)
{
	if (n < FUZZY_MIN)
		return NULL;
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)w[k] >= 0x80 || (w[k] >= '0' && w[k] <= '9'))
			return NULL;
	const char *found = NULL;
	for (size_t v = 0; v < g->nvocab; v++) {
		size_t m = strlen(g->vocab[v]);
		if (m == n && memcmp(g->vocab[v], w, n) == 0)
			return NULL; /* a known word: nothing to correct */
		if (m + 1 >= n && m <= n + 1 && one_edit(w, n, g->vocab[v], m)) {
			if (found)
				return NULL;
			found = g->vocab[v];
		}
	}
	return found;
}

/* Field values only, after exact matching failed: initials written with
 * dots ("E.L.R."), and misspelt words close to exactly one known word. */
static int match_repaired(const vp_gazetteer *g, const struct gz_toks *t, vp_locus *out)
{
	vp_buf fixed = VP_BUF_INIT;
	struct gz_toks t2 = GZ_TOKS_INIT;
	int rc = -1, changed = 0, initials = t->n >= 2;
	for (size_t i = 0; i < t->n; i++)
		initials &= t->w[i].end - t->w[i].start == 1;
	for (size_t i = 0; i < t->n; i++) {
		size_t n;
		const char *w = gz_word_text(t, i, &n);
		const char *c = initials ? NULL : correct_word(g, w, n);
		if (i && !initials && vp_buf_putc(&fixed, ' ') < 0)
			goto done;
		if (c)
			changed = 1;
		if (c ? vp_buf_puts(&fixed, c) < 0 : vp_buf_append(&fixed, w, n) < 0)
			goto done;
	}
	rc = 0;
	if (!changed && !initials)
		goto done;
	rc = -1;
	if (gz_tokenise(fixed.data, fixed.len, &t2) < 0)
		goto done;
	rc = match_tokens(g, &t2, VP_MATCH_FIELD, NULL, out);
	if (rc == 1)
		out->corrected = 1;
done:
	vp_buf_free(&fixed);
	gz_toks_free(&t2);
	return rc;
}

int vp_gazetteer_match(const vp_gazetteer *g, const char *s, size_t n,
                       enum vp_match_mode mode, vp_locus *out)
{
	vp_locus_clear(out);
	if (!g->finished)
		return 0;
	vp_buf reduced = VP_BUF_INIT, full = VP_BUF_INIT;
	struct gz_toks t = GZ_TOKS_INIT;
	int rc = -1;
	if (vp_postcode_reduce(s, n, &reduced) < 0 || gz_tokenise(reduced.data, reduced.len, &t) < 0)
		goto done;
	/* in text, a full postcode is an address: note its district */
	for (size_t at = 0, a, b; mode == VP_MATCH_TEXT && at < n &&
	                          vp_postcode_find(s + at, n - at, &a, &b); at += b) {
		char d[8];
		if (vp_postcode_parse(s + at + a, b - a, d, NULL) != 2)
			continue;
		for (char *c = d; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		if ((full.len && vp_buf_putc(&full, ' ') < 0) || vp_buf_puts(&full, d) < 0)
			goto done;
	}
	rc = match_tokens(g, &t, mode, full.data, out);
	if (rc == 0 && mode == VP_MATCH_FIELD && !out->outside && !out->no_answer &&
	    !has_negation(&t))
		rc = match_repaired(g, &t, out);
done:
	vp_buf_free(&reduced);
	vp_buf_free(&full);
	gz_toks_free(&t);
	return rc;
}

void vp_gazetteer_resolve(const vp_gazetteer *g, const vp_locus *l, vp_resolved *r)
{
	int sys = -1, place = -1, loc = -1;
	int sys_ok = 1, place_ok = 1, loc_ok = 1, any = 0;
	for (size_t c = 0; c < g->ncells; c++) {
		if (!(l->cells[c / 64] & (1ULL << (c % 64))))
			continue;
		int p = g->cells[c].place, s = g->places[p].system, lo = g->cells[c].locality;
		if (!any) {
			sys = s, place = p, loc = lo, any = 1;
			continue;
		}
		sys_ok &= s == sys;
		place_ok &= p == place;
		loc_ok &= lo == loc;
	}
	r->found = l->found && any;
	sys_ok &= !l->elsewhere; /* text naming a place here and one in no system */
	r->system = r->found && sys_ok ? g->systems[sys] : VP_UNASSIGNED;
	r->place = r->found && sys_ok && place_ok ? g->places[place].name : VP_UNASSIGNED;
	r->locality = r->found && sys_ok && loc_ok ? g->localities[loc].name : VP_UNASSIGNED;
	r->ambiguous = r->found && (l->conflict || !place_ok || !loc_ok || !sys_ok);
	r->corrected = r->found && l->corrected;
	r->outside = !r->found && l->outside;
	r->no_answer = !r->found && l->no_answer;
}

