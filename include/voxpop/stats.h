/* stats.h - the few statistics vp-report prints next to a share.
 *
 *  - Wilson score interval for a proportion k/n (95%: z = 1.959964);
 *  - two-proportion z test (pooled variance), two-sided p from the normal;
 *  - Holm's step-down correction of a family of p-values;
 *  - small-count suppression of one table row with a shown total.
 * Pure functions, no allocation except vp_holm's scratch.
 */
#ifndef VOXPOP_STATS_H
#define VOXPOP_STATS_H

#include <stddef.h>

#define VP_Z95 1.959963984540054

/* The share k/n rounded to `places` decimals (0-17), half away from zero,
 * times 10^places: worked out on the integers, so that a share exactly
 * half-way rounds up as a spreadsheet shows it (5 of 16, 31.25%, is 31.3%;
 * 57 of 800, 0.07125, is 0.0713, where the double 0.071249... would round
 * down).  vp-count's "share" and vp-report's shown shares all round so.
 * n == 0: 0; a result past 2^64-1 (k far above n) is 2^64-1. */
unsigned long long vp_share_scaled(unsigned long k, unsigned long n, int places);

/* The change kb/nb - ka/na rounded to `places` decimals (0-17) as
 * vp_share_scaled rounds a share (half away from zero, on the integers),
 * times 10^places: 0 of 16 -> 1 of 16 is +0.0625, +63 at places 3 (+6.3
 * points), where 100 * (0.0625 - 0) printed to one decimal read +6.2.
 * na or nb == 0: 0; counts past 2^40 fall back to doubles. */
long long vp_change_scaled(unsigned long ka, unsigned long na, unsigned long kb, unsigned long nb,
                           int places);

/* Wilson score interval of k successes in n trials at z.  n == 0: [0, 1]. */
void vp_wilson(unsigned long k, unsigned long n, double z, double *lo, double *hi);

/* Two-sided p-value of the pooled two-proportion z test of k1/n1 vs k2/n2;
 * *z (if not NULL) gets the statistic, positive when k1/n1 is the larger.
 * 1 (z 0) when either n is 0 or both proportions are 0 or both are 1. */
double vp_two_prop_p(unsigned long k1, unsigned long n1, unsigned long k2, unsigned long n2,
                     double *z);

/* Holm-adjusted p-values of p[0..n-1] into adj (may be p itself):
 * sorted ascending, adj(i) = max over j <= i of min(1, (n - j) p(j)).
 * Returns 0, or -1 when out of memory. */
int vp_holm(const double *p, size_t n, double *adj);

/* How a count is suppressed: below the minimum (shown "<N"), or only to
 * guard one that is, so it cannot be worked out by subtraction (shown
 * "[c]": it is not small, and "<N" would state something false). */
enum { VP_SUP_NONE = 0, VP_SUP_SMALL = 1, VP_SUP_GUARD = 2 };

/* Guard the hidden counts (sup[i] set) of a row whose total is shown: while
 * one of them could be worked out from the total less the shown ones and
 * the bounds suppression states (below min; a guard min or more) -- one
 * small count alone, small ones whose sum is 0 or all min - 1, a 0 beside
 * a guard of exactly min -- the smallest shown count (the first of equals)
 * gets VP_SUP_GUARD.  Returns 1 when it guarded any, 0 when none needed it,
 * -1 when every count is hidden and one still can be (only hiding the total
 * guards it).  min == 0 guards nothing. */
int vp_suppress_guard(const unsigned long *v, unsigned char *sup, size_t n, unsigned long min);

/* Several sums shown at once over one set of counts n (a theme's cells on
 * every level of one report: a place's count is the sum of its
 * localities', the Total the sum of each level's groups): sum s says
 * v[total[s]] = the sum of v[member[j]], start[s] <= j < start[s + 1].
 * Guards the hidden members (sup set) of every sum whose total is shown
 * with vp_suppress_guard -- a hidden total pins nothing; members all hidden
 * and one still pinned hide the total (VP_SUP_GUARD) -- over and over, as a
 * guard set for one sum may pin a cell of another, until none changes.
 * The caller states only sums that hold.  Returns 1 when it hid anything,
 * 0 when not, -1 when out of memory.  min == 0 guards nothing. */
int vp_suppress_sums(const unsigned long *v, unsigned char *sup, size_t n, const size_t *total,
                     const size_t *start, const size_t *member, size_t nsums,
                     unsigned long min);

/* Suppress small counts in one row: v[0..n-1] are the groups' counts and
 * total their sum, shown alongside.  With min > 0, sets sup[i] =
 * VP_SUP_SMALL for every v[i] < min and *total_sup likewise for total <
 * min; then, when the total is shown, guards the hidden groups with
 * vp_suppress_guard -- or, when every group is hidden and one could still
 * be worked out (one group only: it is the total), gives the total
 * VP_SUP_GUARD.  min == 0 suppresses nothing. */
void vp_suppress_row(const unsigned long *v, size_t n, unsigned long total, unsigned long min,
                     unsigned char *sup, int *total_sup);

#endif
