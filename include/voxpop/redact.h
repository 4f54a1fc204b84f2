/* redact.h - remove personal data from comment text.
 *
 * One redactor for the vp-redact stage and for vp-count's quotes.  Each
 * piece of personal data found is replaced by a typed placeholder:
 *
 *   type (JSON key)  placeholder       what
 *   nhs_number       [NHS number]      10 digits (3-3-4, 4-3-3, 3-4-3, 5-5 or one at a
 *                                      time with spaces, hyphens or dots, or run
 *                                      together) that pass the Modulus 11 check and
 *                                      do not start with 0
 *   phone            [phone]           UK numbers 0... with 10 or 11 digits, +44 / 0044,
 *                                      other + numbers; spaces, dashes, dots, brackets
 *   email            [email]           local@domain.tld
 *   postcode         [postcode]        a full UK postcode (the whole of it, district
 *                                      included); a district alone ("LE13") stays
 *   address          [address]         house number (and flat) + street name + street
 *                                      type ("12 Gwendolen Road", "Flat 3, 22 Bond St")
 *   name             [name]            the name after a title or role ("Dr [name]"),
 *                                      a family role ("my son [name]", "my
 *                                      neighbour [name]"), "I'm",
 *                                      "my name is", "a nurse called", "the nurse
 *                                      ... was called", a sign-off
 *                                      ("Regards, [name]", "... -- [name]"), an
 *                                      introduction ("This is [name] writing"),
 *                                      a listed name addressed ("thanks [name]",
 *                                      "call me back, [name]")
 *   date_of_birth    [date of birth]   a date after "DOB", "date of birth", "born"
 *   id_number        [id number]       after "hospital number", "MRN", "patient ID",
 *                                      "unit number", "NHS number" (one failing the check)
 *   ni_number        [NI number]       a National Insurance number: two letters, six
 *                                      digits, a letter A-D ("QQ 12 34 56 C",
 *                                      "qq123456c"); without the letter only after
 *                                      "NI number", "National Insurance (number)",
 *                                      "NINO"
 *
 * The cue words stay ("Dr [name]", "DOB [date of birth]"); only the data
 * goes.  A 10-digit number failing the Modulus 11 check is not an NHS
 * number: it is a phone number if it reads as one (starts with 0), an id
 * number after an id cue ("NHS number 123 456 7890"), otherwise left alone.
 * URLs, other dates, times, prices, years, ward and bus numbers stay.
 * Between digit groups (and postcode halves) no-break, thin and zero-width
 * spaces and one line break are allowed.
 */
#ifndef VOXPOP_REDACT_H
#define VOXPOP_REDACT_H

#include <stddef.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

enum {
	VP_REDACT_NHS,
	VP_REDACT_PHONE,
	VP_REDACT_EMAIL,
	VP_REDACT_POSTCODE,
	VP_REDACT_ADDRESS,
	VP_REDACT_NAME,
	VP_REDACT_DOB,
	VP_REDACT_ID,
	VP_REDACT_NI,
	VP_REDACT_NTYPES
};

/* The type's JSON key ("nhs_number"), placeholder ("[NHS number]") and a
 * one-line description; NULL for an unknown type. */
const char *vp_redact_type_name(int type);
const char *vp_redact_placeholder(int type);
const char *vp_redact_type_help(int type);
/* The type called name (its key, e.g. "name" or "nhs_number"), or -1. */
int vp_redact_type_parse(const char *name);

/* w[0..n) (any case) is a title or role that comes before a person's
 * name ("Dr", "Mrs", "nurse", "sister"): the one list vp-redact masks names
 * after, also used by vp-locate so that "Dr Ashby" is not a place. */
int vp_redact_title(const char *w, size_t n);

/* w[0..n) (any case) is a word that, capitalised, is still no person's
 * name: a function word, a nationality or faith, a role, an organisation
 * or place-of-care word ("In", "Thanks", "Welsh", "Nurse", "Healthwatch",
 * "Surgery"): vp-redact's lists, also used by vp-locate so that "In
 * Oakham" is a place and "Sarah Stapleton" a person. */
int vp_redact_not_name(const char *w, size_t n);

/* A list of given names (lexicons/names/given.txt: one a line, "word"
 * after one that is an everyday word or place too; and surnames, "surname"
 * or "surname word" after them), read once per process
 * and shared read-only by every redactor that uses it.  With it a name
 * that comes with no cue word is masked: a capitalised word on the list
 * and the name words after it ("Thanks Kevin and all the team", "It's
 * [name], room 4"); one marked "word" only where a name is signed,
 * thanked or addressed ("Thanks, [name]", "... - [name]", "Call me back,
 * [name]"; "Grace period" stays). */
typedef struct vp_given_names vp_given_names;

/* Read the list at path into *out: 0, or EX_NOINPUT (cannot open),
 * EX_CONFIG ("path:LINE: what is wrong"), EX_IOERR, EX_OSERR. */
int vp_given_names_load(const char *path, vp_given_names **out, vp_err *e);
void vp_given_names_free(vp_given_names *g);
/* The list shipped with voxpop (lexicons/names/given.txt, found as
 * vp_data_path finds data) into *out, or *out NULL when it is not there:
 * the stages that mask as a safety net (vp-count's quotes, vp-report,
 * vp-dedup's report, messages) mask names with no cue when they can and
 * as before when they cannot.  0, or vp_given_names_load's errors. */
int vp_given_names_default(vp_given_names **out, vp_err *e);
enum { VP_GIVEN_NAME = 1, VP_GIVEN_WORD = 2 };
/* w[0..n) (any case) on the list: VP_GIVEN_NAME, VP_GIVEN_WORD (a name
 * that is a word too), or 0.  No allocation: a hash and a compare. */
int vp_given_name(const vp_given_names *g, const char *w, size_t n);
/* The list's surnames ("Jones surname", "Ward surname word"): w[0..n) (any
 * case) a surname on the list: VP_SURNAME, VP_SURNAME_WORD (one that is
 * an everyday word too), or 0.  A surname is no given name: vp_given_name
 * does not see it. */
enum { VP_SURNAME = 1, VP_SURNAME_WORD = 2 };
int vp_surname(const vp_given_names *g, const char *w, size_t n);

/* Called for every span removed: text[start..end) became type's placeholder.
 * Returns 0, or non-zero to stop (vp_redact_record then returns -2). */
typedef int (*vp_redact_audit_fn)(void *ctx, int type, const char *text, size_t start,
                                  size_t end);

typedef struct vp_redactor {
	unsigned keep;             /* bit (1u << type) set: leave that type as written */
	vp_redact_audit_fn audit;  /* or NULL */
	void *audit_ctx;
	const vp_given_names *given; /* or NULL: names only after their cue words */
} vp_redactor;

#define VP_REDACTOR_INIT {0, NULL, NULL, NULL}

/* Append text[0..n) to out with personal data replaced by placeholders and
 * add the number of spans removed per type to counts[] (may be NULL).
 * Returns the number of spans removed, -1 when out of memory, -2 when the
 * audit function failed. */
long vp_redact_record(const vp_redactor *rd, const char *text, size_t n, vp_buf *out,
                      unsigned long counts[VP_REDACT_NTYPES]);

/* Append vp-redact's "redacted" object for counts ({"TYPE":N,...}, the
 * types with a count, in type order) to b.  0, or -1 when out of memory. */
int vp_redact_counts_json(vp_buf *b, const unsigned long counts[VP_REDACT_NTYPES]);

/* vp_redact_record with every type removed, no counts, given names from
 * given (NULL: names only after their cue words).  0, or -1 when out of
 * memory.  vp_redact is the form without a list. */
int vp_redact_with(const vp_given_names *given, const char *text, size_t n, vp_buf *out);
int vp_redact(const char *text, size_t n, vp_buf *out);

/* text[0..n) as a message may show it: what comes from people (a date cell
 * "call Mrs Jones on 07700 900123", an id, a page's text near an error)
 * reaches logs that are mailed and read, so it is shown as vp_redact_with
 * writes it, cut at a character to at most cap - 1 bytes, into out (cap
 * bytes, cap > 0).  Out of memory: out is "" -- nothing rather than the
 * text.  vp-ingest's and vp-fetch's messages. */
void vp_redact_shown(const vp_given_names *given, const char *text, size_t n, char *out,
                     size_t cap);

#endif
