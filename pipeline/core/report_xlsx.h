/* report_xlsx.h - vp-report's xlsx output (report_xlsx.c, libxlsxwriter).
 * Not a public header. */
#ifndef VOXPOP_REPORT_XLSX_H
#define VOXPOP_REPORT_XLSX_H

#include "report_table.h"

/* xlsx (report_xlsx.c): write o->output.  cmp is NULL, or nrows * ncols
 * compared cells (t is then AFTER's table). */
int vp_report_xlsx(const struct rtable *t, const struct rcmp *cmp, const vp_report_opts *o,
                   vp_err *e);
/* The same with a Counts sheet per table (a nested document: each level). */
int vp_report_xlsx_tables(const struct rtable *const *ts, size_t nt, const struct rcmp *cmp,
                          const vp_report_opts *o, vp_err *e);

#endif
