/* fuzz_fetch_state - vp-fetch's state file reader (vp_fetch_state_loadb),
 * then the state used as a run uses it: seen/note with the mark and ids,
 * the odd set (pruned by the mark), dates compared and judged as marks.
 * Checks besides crashes/UB/leaks: a state that loads has a source, ids
 * only with a mark, and the offset it read; an error is a corrupt state
 * file (65) or out of memory; noting (id, mark) makes it seen. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/fetch_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	vp_fetch_state st;
	vp_err e = {0};
	int rc = vp_fetch_state_loadb(&st, s, size, "fuzz.state", &e);
	if (rc == 0) {
		if (!st.source || !st.ids || (json_object_size(st.ids) && !st.mark) ||
		    st.out_offset < 0 ||
		    (st.out_run != VP_FETCH_RUN_UNKNOWN && st.out_run != -1 &&
		     st.out_run < st.out_offset))
			abort();
		if (st.mark) {
			const char *why = NULL;
			int ok = vp_fetch_date_markable(st.mark, 0, 1700000000LL, &why);
			if (!ok && !why)
				abort();
			(void)vp_fetch_date_cmp(st.mark, "2024-03-01T10:00:00Z");
			if (vp_fetch_state_note(&st, "fuzz-id", st.mark) != 0)
				abort();
			if (!vp_fetch_state_seen(&st, "fuzz-id", st.mark))
				abort();
		}
		if (vp_fetch_state_note_odd(&st, "odd-id", NULL) != 0 ||
		    !vp_fetch_state_seen_odd(&st, "odd-id") ||
		    vp_fetch_state_note_odd(&st, "odd-old", "1970-01-02T00:00:00Z") != 0)
			abort();
		/* an odd id dropped is one the mark covers: seen by its date */
		(void)vp_fetch_state_prune_odd(&st, 0, 1700000000LL);
		if (!vp_fetch_state_seen_odd(&st, "odd-id") ||
		    (!vp_fetch_state_seen_odd(&st, "odd-old") &&
		     !vp_fetch_state_seen(&st, "odd-old", "1970-01-02T00:00:00Z")))
			abort();
		vp_fetch_state_free(&st);
	} else if (rc != EX_DATAERR && rc != EX_OSERR) {
		abort();
	} else if (rc == EX_DATAERR && !strstr(e.msg, "corrupt state file")) {
		abort();
	}
	free(s);
	return 0;
}
