/* fetch_state.c - vp-fetch's incremental state; see include/voxpop/fetch_state.h
 *
 * The file is a small JSON object:
 *   {"voxpop_fetch_state": 1, "source": "surveymonkey:123",
 *    "mark": "2024-03-01T10:00:00+00:00", "ids": ["5007154325"],
 *    "odd": ["5007154999"],
 *    "output": {"dev": "2049", "ino": "1234", "offset": 52311,
 *               "path": "/var/lib/voxpop/bct.ndjson"}}
 * "path" (optional) is where the output was when bound: a run given another
 * output cuts an interrupted run's tail from this one first.
 * "run" (optional: absent in states of an older vp-fetch) is the output's size
 * when a run that has not committed began writing, null once a run has
 * committed: after a committed run nothing past "offset" is this source's
 * (other sources appending to the file wrote it), after an interrupted one
 * only what lies past "run" may be.
 * "odd" (optional when read) holds the ids of responses emitted with a date
 * that could not serve as the mark (vp_fetch_date_markable): they are told
 * apart by id alone.  "odd_dates" (optional) gives the date of those that
 * were only ahead of the clock: once the mark has passed it, the id is
 * dropped (vp_fetch_state_prune_odd), the mark telling them apart.
 * dev/ino are strings because they may not fit a JSON integer exactly.
 * "pending" (optional) names an asynchronous export a run started and had
 * not finished (Qualtrics' progressId): the next run resumes it.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "voxpop/buf.h"
#include "voxpop/fetch_state.h"
#include "voxpop/input.h"

enum { STATE_VERSION = 1, MAX_STATE_BYTES = 64 << 20 };

void vp_fetch_state_init(vp_fetch_state *s)
{
	memset(s, 0, sizeof *s);
	s->out_run = VP_FETCH_RUN_UNKNOWN;
}

void vp_fetch_state_free(vp_fetch_state *s)
{
	free(s->source);
	free(s->mark);
	free(s->pending);
	free(s->out_path);
	json_decref(s->ids);
	json_decref(s->odd);
	vp_fetch_state_init(s);
}

static int corrupt(vp_err *e, const char *path, const char *why)
{
	return vp_errf_at(e, EX_DATAERR, path, 0, "corrupt state file: %s "
	                  "(not starting afresh: fix or remove it deliberately)", why);
}

static int parse_umax(const char *s, uintmax_t *v)
{
	if (!s || !isdigit((unsigned char)*s))
		return -1;
	char *end;
	errno = 0;
	*v = strtoumax(s, &end, 10);
	return errno || *end ? -1 : 0;
}

static int id_set(json_t *arr, json_t **set, const char *path, const char *key, vp_err *e)
{
	char why[64];
	size_t i;
	json_t *id;
	if (!(*set = json_object()))
		return vp_errf(e, EX_OSERR, "out of memory");
	json_array_foreach(arr, i, id) {
		if (!json_is_string(id)) {
			snprintf(why, sizeof why, "\"%s\" holds a non-string", key);
			return corrupt(e, path, why);
		}
		if (json_object_set_new(*set, json_string_value(id), json_true()) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 0;
}

int vp_fetch_state_load(vp_fetch_state *s, const char *path, vp_err *e)
{
	vp_fetch_state_init(s);
	FILE *fp;
	int orc = vp_open_in(&fp, path, VP_IN_NOSTDIN, e);
	if (orc) {
		if (errno == ENOENT) {
			vp_err_clear(e);
			return 0; /* the first run */
		}
		return orc;
	}
	vp_buf b = VP_BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b.len + n > MAX_STATE_BYTES) {
			rc = corrupt(e, path, "larger than 64 MiB");
			break;
		}
		if (vp_buf_append(&b, chunk, n) != 0) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			break;
		}
	}
	if (rc == 0 && ferror(fp))
		rc = vp_errf_at(e, EX_IOERR, path, 0, "read error");
	fclose(fp);
	if (rc == 0)
		rc = vp_fetch_state_loadb(s, b.data ? b.data : "", b.len, path, e);
	vp_buf_free(&b);
	return rc;
}

int vp_fetch_state_loadb(vp_fetch_state *s, const char *buf, size_t n, const char *path,
                         vp_err *e)
{
	vp_fetch_state_init(s);
	json_error_t je;
	json_t *j = json_loadb(buf, n, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		char why[256];
		snprintf(why, sizeof why, "line %d: %s", je.line, je.text);
		return corrupt(e, path, why);
	}
	int rc = 0;
	json_t *ver = json_object_get(j, "voxpop_fetch_state");
	json_t *src = json_object_get(j, "source");
	json_t *mark = json_object_get(j, "mark");
	json_t *ids = json_object_get(j, "ids");
	json_t *out = json_object_get(j, "output");
	json_t *odd = json_object_get(j, "odd");
	json_t *pend = json_object_get(j, "pending");
	json_t *odd_dates = json_object_get(j, "odd_dates");
	if (!json_is_object(j) || !json_is_integer(ver))
		rc = corrupt(e, path, "not a vp-fetch state file");
	else if (json_integer_value(ver) > STATE_VERSION)
		/* not corrupt: removing it, as that message says, would fetch
		 * every response again */
		rc = vp_errf_at(e, EX_DATAERR, path, 0, "state file of a newer vp-fetch (format "
		                "%lld; this one reads format %d): run that version",
		                (long long)json_integer_value(ver), STATE_VERSION);
	else if (json_integer_value(ver) != STATE_VERSION)
		rc = corrupt(e, path, "unknown version");
	else if (!json_is_string(src))
		rc = corrupt(e, path, "\"source\" missing or not a string");
	else if (!json_is_null(mark) && !json_is_string(mark))
		rc = corrupt(e, path, "\"mark\" missing or not a string");
	else if (!json_is_array(ids))
		rc = corrupt(e, path, "\"ids\" missing or not an array");
	else if (!json_is_null(out) && !json_is_object(out))
		rc = corrupt(e, path, "\"output\" missing or not an object");
	else if (odd && !json_is_array(odd))
		rc = corrupt(e, path, "\"odd\" not an array");
	else if (pend && !json_is_null(pend) && !json_is_string(pend))
		rc = corrupt(e, path, "\"pending\" not a string");
	else if (odd_dates && !json_is_object(odd_dates))
		rc = corrupt(e, path, "\"odd_dates\" not an object");
	if (rc)
		goto done;
	s->source = strdup(json_string_value(src));
	s->mark = json_is_string(mark) ? strdup(json_string_value(mark)) : NULL;
	s->pending = json_is_string(pend) ? strdup(json_string_value(pend)) : NULL;
	if (!s->source || (json_is_string(mark) && !s->mark) ||
	    (json_is_string(pend) && !s->pending)) {
		rc = vp_errf(e, EX_OSERR, "out of memory");
		goto done;
	}
	if ((rc = id_set(ids, &s->ids, path, "ids", e)) ||
	    (rc = id_set(odd, &s->odd, path, "odd", e)))
		goto done;
	const char *oid;
	json_t *od;
	json_object_foreach(odd_dates, oid, od) {
		if (!json_is_string(od) || !json_object_get(s->odd, oid)) {
			rc = corrupt(e, path, "\"odd_dates\" holds a non-string or an id not "
			             "in \"odd\"");
			goto done;
		}
		if (json_object_set(s->odd, oid, od) != 0) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto done;
		}
	}
	if (json_object_size(s->ids) && !s->mark) {
		rc = corrupt(e, path, "\"ids\" without a \"mark\"");
		goto done;
	}
	if (json_is_object(out)) {
		uintmax_t dev, ino;
		json_t *off = json_object_get(out, "offset");
		if (parse_umax(json_string_value(json_object_get(out, "dev")), &dev) ||
		    parse_umax(json_string_value(json_object_get(out, "ino")), &ino) ||
		    !json_is_integer(off) || json_integer_value(off) < 0) {
			rc = corrupt(e, path, "\"output\" lacks dev, ino or offset");
			goto done;
		}
		json_t *opath = json_object_get(out, "path");
		if (opath && !json_is_string(opath)) {
			rc = corrupt(e, path, "\"output\" path not a string");
			goto done;
		}
		if (opath && !(s->out_path = strdup(json_string_value(opath)))) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto done;
		}
		json_t *run = json_object_get(out, "run");
		if (run && !json_is_null(run) &&
		    (!json_is_integer(run) || json_integer_value(run) < json_integer_value(off))) {
			rc = corrupt(e, path, "\"output\" run not null or a size from the offset on");
			goto done;
		}
		s->out_run = !run ? VP_FETCH_RUN_UNKNOWN
		             : json_is_null(run) ? -1 : (off_t)json_integer_value(run);
		s->has_output = 1;
		s->out_dev = (dev_t)dev;
		s->out_ino = (ino_t)ino;
		s->out_offset = (off_t)json_integer_value(off);
	}
done:
	json_decref(j);
	if (rc)
		vp_fetch_state_free(s);
	return rc;
}

/* fsync the directory holding path, so the rename itself is durable. */
static int sync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else if ((size_t)(slash - path) < sizeof dir)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	else
		return -1;
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int vp_fetch_state_save(const vp_fetch_state *s, const char *path, vp_err *e)
{
	json_t *j = json_object(), *ids = json_array(), *odd = json_array(), *out = json_null();
	json_t *odd_dates = json_object();
	vp_buf tmp = VP_BUF_INIT;
	char *text = NULL;
	int rc = 0, fd = -1;

	const char *id;
	json_t *v;
	if (!j || !ids || !odd || !odd_dates)
		goto oom;
	if (s->ids) {
		json_object_foreach(s->ids, id, v)
			if (json_array_append_new(ids, json_string(id)) != 0)
				goto oom;
	}
	if (s->odd) {
		json_object_foreach(s->odd, id, v)
			if (json_array_append_new(odd, json_string(id)) != 0 ||
			    (json_is_string(v) && json_object_set(odd_dates, id, v) != 0))
				goto oom;
	}
	if (s->has_output) {
		char dev[32], ino[32];
		snprintf(dev, sizeof dev, "%ju", (uintmax_t)s->out_dev);
		snprintf(ino, sizeof ino, "%ju", (uintmax_t)s->out_ino);
		out = json_pack("{s:s, s:s, s:I}", "dev", dev, "ino", ino, "offset",
		                (json_int_t)s->out_offset);
		if (!out || (s->out_path && json_object_set_new(out, "path",
		                                                json_string(s->out_path)) != 0))
			goto oom;
		if (s->out_run != VP_FETCH_RUN_UNKNOWN &&
		    json_object_set_new(out, "run", s->out_run >= 0
		                                    ? json_integer((json_int_t)s->out_run)
		                                    : json_null()) != 0)
			goto oom;
	}
	if (json_object_set_new(j, "voxpop_fetch_state", json_integer(STATE_VERSION)) ||
	    json_object_set_new(j, "source", json_string(s->source ? s->source : "")) ||
	    json_object_set_new(j, "mark", s->mark ? json_string(s->mark) : json_null()) ||
	    json_object_set(j, "ids", ids) || json_object_set(j, "odd", odd) ||
	    json_object_set(j, "output", out) ||
	    (s->pending && json_object_set_new(j, "pending", json_string(s->pending))) ||
	    (json_object_size(odd_dates) && json_object_set(j, "odd_dates", odd_dates)))
		goto oom;
	text = json_dumps(j, JSON_INDENT(1) | JSON_SORT_KEYS);
	if (!text || vp_buf_printf(&tmp, "%s.tmp", path) != 0)
		goto oom;
	/* what vp_fetch_state_load would refuse is not written: the next run
	 * would call it corrupt */
	if (strlen(text) + 1 > MAX_STATE_BYTES) {
		rc = vp_errf_at(e, EX_DATAERR, path, 0, "state would be larger than the 64 MiB "
		                "a run reads (%zu ids at the mark, %zu ids remembered by id "
		                "as \"odd\"); not written, the last good state is kept",
		                json_object_size(s->ids), json_object_size(s->odd));
		goto done;
	}

	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = vp_errf_at(e, EX_CANTCREAT, tmp.data, 0, "cannot write state: %s",
		                strerror(errno));
		goto done;
	}
	if (vp_write_all(fd, text, strlen(text)) != 0 || vp_write_all(fd, "\n", 1) != 0 ||
	    fsync(fd) != 0) {
		rc = vp_errf_at(e, EX_IOERR, tmp.data, 0, "cannot write state: %s",
		                strerror(errno));
		goto done;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = vp_errf_at(e, EX_IOERR, tmp.data, 0, "cannot write state: %s",
		                strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0) {
		rc = vp_errf_at(e, EX_IOERR, path, 0, "cannot replace state: %s", strerror(errno));
		goto done;
	}
	if (sync_dir_of(path) != 0)
		rc = vp_errf_at(e, EX_IOERR, path, 0, "cannot sync state directory: %s",
		                strerror(errno));
	goto done;
oom:
	rc = vp_errf(e, EX_OSERR, "out of memory");
done:
	if (fd >= 0) {
		close(fd);
		unlink(tmp.data);
	} else if (rc && tmp.data) {
		unlink(tmp.data);
	}
	free(text);
	vp_buf_free(&tmp);
	json_decref(ids);
	json_decref(odd);
	json_decref(odd_dates);
	json_decref(out);
	json_decref(j);
	return rc;
}

/* ---- dates --------------------------------------------------------------- */

static int digits(const char **p, int n, long *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant). */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parse YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][Z|(+|-)HH[:]MM] to seconds since
 * the epoch (UTC; no offset means UTC) and nanoseconds.  f (may be NULL)
 * gets what was there: bit 1 a time, bit 2 a zone, bit 4 a real calendar
 * day and hours, minutes, offsets in range. */
enum { HAS_TIME = 1, HAS_ZONE = 2, IN_RANGE = 4 };
static int iso_instant(const char *s, long long *secs, long *nanos, int *f)
{
	long y, mo, d, h = 0, mi = 0, sec = 0, ns = 0, oh = 0, om = 0;
	int flags = 0;
	const char *p = s;
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		flags |= HAS_TIME;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi) || h > 24 || mi > 59)
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec) || sec > 60)
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				int n = 0;
				if (!isdigit((unsigned char)*p))
					return -1;
				for (; isdigit((unsigned char)*p); p++, n++)
					if (n < 9)
						ns = ns * 10 + (*p - '0');
				for (; n < 9; n++)
					ns *= 10;
			}
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
			flags |= HAS_ZONE;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1;
			flags |= HAS_ZONE;
			if (digits(&p, 2, &oh))
				return -1;
			if (*p == ':')
				p++;
			if (*p && digits(&p, 2, &om))
				return -1;
			oh *= sign;
			om *= sign;
		}
	}
	if (*p)
		return -1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d <= mdays[mo - 1] + (mo == 2 && leap) && h < 24 && sec < 60 && oh > -24 &&
	    oh < 24 && om > -60 && om < 60)
		flags |= IN_RANGE;
	*secs = (long long)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	        oh * 3600 - om * 60;
	*nanos = ns;
	if (f)
		*f = flags;
	return 0;
}

int vp_fetch_date_instant(const char *s, long long *secs, long *nanos)
{
	return iso_instant(s, secs, nanos, NULL);
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

int vp_fetch_date_cmp(const char *a, const char *b)
{
	long long sa, sb;
	long na, nb;
	if (iso_instant(a, &sa, &na, NULL) == 0 && iso_instant(b, &sb, &nb, NULL) == 0) {
		if (sa != sb)
			return sa < sb ? -1 : 1;
		return na < nb ? -1 : na > nb;
	}
	if (all_digits(a) && all_digits(b)) {
		while (*a == '0' && a[1])
			a++;
		while (*b == '0' && b[1])
			b++;
		size_t la = strlen(a), lb = strlen(b);
		if (la != lb)
			return la < lb ? -1 : 1;
	}
	int c = strcmp(a, b);
	return c < 0 ? -1 : c > 0;
}

int vp_fetch_state_seen(const vp_fetch_state *s, const char *id, const char *date)
{
	if (!s->mark)
		return 0;
	int c = vp_fetch_date_cmp(date, s->mark);
	if (c < 0)
		return 1;
	return c == 0 && s->ids && json_object_get(s->ids, id) != NULL;
}

int vp_fetch_state_note(vp_fetch_state *s, const char *id, const char *date)
{
	int c = s->mark ? vp_fetch_date_cmp(date, s->mark) : 1;
	if (c < 0)
		return 0;
	if (c > 0) {
		char *m = strdup(date);
		json_t *ids = json_object();
		if (!m || !ids) {
			free(m);
			json_decref(ids);
			return -1;
		}
		free(s->mark);
		s->mark = m;
		json_decref(s->ids);
		s->ids = ids;
	}
	if (!s->ids && !(s->ids = json_object()))
		return -1;
	return json_object_set_new(s->ids, id, json_true()) == 0 ? 0 : -1;
}

/* A whole number of at most 15 digits (Unix seconds), else -1. */
static int unix_seconds(const char *s, long long *v)
{
	if (!all_digits(s) || strlen(s) > 15)
		return -1;
	*v = 0;
	for (; *s; s++)
		*v = *v * 10 + (*s - '0');
	return 0;
}

int vp_fetch_date_markable(const char *date, int zoneless_utc, long long now,
                           const char **why)
{
	long long secs;
	long ns;
	int f = 0;
	const char *dummy;
	if (!why)
		why = &dummy;
	if (!date || !*date) {
		*why = "no date";
		return 0;
	}
	if (unix_seconds(date, &secs) != 0) {
		if (iso_instant(date, &secs, &ns, &f) != 0 || !(f & IN_RANGE)) {
			*why = "not an ISO 8601 date";
			return 0;
		}
		if ((f & HAS_TIME) && !(f & HAS_ZONE) && !zoneless_utc) {
			*why = "a time without a zone";
			return 0;
		}
	}
	if (secs > now + VP_FETCH_CLOCK_TOLERANCE) {
		*why = "after this run's clock + 1 hour";
		return 0;
	}
	return 1;
}

/* s as a time, for vp_fetch_date_time (zoned 0) and vp_fetch_parse_now
 * (zoned 1: a zone, so a time, required). */
static int date_time(const char *s, int zoned, long long *secs, long *nanos)
{
	int f;
	if (unix_seconds(s, secs) == 0) {
		*nanos = 0;
		return 0;
	}
	if (iso_instant(s, secs, nanos, &f) != 0 || !(f & IN_RANGE) || (zoned && !(f & HAS_ZONE)))
		return -1;
	return 0;
}

int vp_fetch_date_time(const char *s, long long *secs, long *nanos)
{
	return date_time(s, 0, secs, nanos);
}

int vp_fetch_parse_now(const char *s, long long *now)
{
	long ns;
	return date_time(s, 1, now, &ns);
}

int vp_fetch_state_seen_odd(const vp_fetch_state *s, const char *id)
{
	return s->odd && json_object_get(s->odd, id) != NULL;
}

int vp_fetch_state_note_odd(vp_fetch_state *s, const char *id, const char *date)
{
	if (!s->odd && !(s->odd = json_object()))
		return -1;
	return json_object_set_new(s->odd, id, date ? json_string(date) : json_true()) == 0
	       ? 0 : -1;
}

size_t vp_fetch_state_prune_odd(vp_fetch_state *s, int zoneless_utc, long long now)
{
	const char *id;
	json_t *v, *tmp;
	size_t n = 0;
	if (!s->odd || !s->mark)
		return 0;
	json_object_foreach_safe(s->odd, tmp, id, v) {
		const char *d = json_string_value(v);
		if (d && vp_fetch_date_markable(d, zoneless_utc, now, NULL) &&
		    vp_fetch_date_cmp(d, s->mark) < 0 && json_object_del(s->odd, id) == 0)
			n++;
	}
	return n;
}
