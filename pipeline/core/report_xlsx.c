/* report_xlsx.c - vp-report --format xlsx (libxlsxwriter); stub */
#include "report_impl.h"
int vp_report_xlsx(const struct rtable *t, const struct rcmp *cmp, const vp_report_opts *o,
                   vp_err *e)
{
	(void)t; (void)cmp; (void)o;
	return vp_errf(e, EX_SOFTWARE, "xlsx: not yet");
}
