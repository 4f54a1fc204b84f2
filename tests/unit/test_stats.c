/* Reference values computed by hand with /usr/bin/python3 (math module):
 *   Wilson: p=k/n; d=1+z*z/n; c=(p+z*z/(2n))/d; h=z/d*sqrt(p(1-p)/n+z*z/(4n*n));
 *           [c-h, c+h] with z = 1.959963984540054
 *     12/40 -> [0.18074845229746528, 0.45430018818144935]
 *     0/10  -> [0, 0.2775327998628892]
 *     5/5   -> [0.5655175352168251, 1]
 *     1/2   -> [0.09453120573423074, 0.9054687942657693]
 *   Two-proportion (pooled): pp=(k1+k2)/(n1+n2); se=sqrt(pp(1-pp)(1/n1+1/n2));
 *           z=(k1/n1-k2/n2)/se; p=erfc(|z|/sqrt(2))
 *     30/100 vs 20/150 -> z 3.227486121839514, p 0.0012488309880884275
 *   Holm of [0.01, 0.04, 0.03, 0.005] (as R's p.adjust(method="holm")):
 *     sorted 0.005 0.01 0.03 0.04 -> 4*0.005=0.02, 3*0.01=0.03, 2*0.03=0.06,
 *     max(0.06, 1*0.04)=0.06  ->  [0.03, 0.06, 0.06, 0.02]
 */
#include <criterion/criterion.h>

#include "voxpop/stats.h"

#define EPS 1e-12

Test(stats, wilson)
{
	double lo, hi;
	vp_wilson(12, 40, VP_Z95, &lo, &hi);
	cr_assert_float_eq(lo, 0.18074845229746528, EPS);
	cr_assert_float_eq(hi, 0.45430018818144935, EPS);
	vp_wilson(0, 10, VP_Z95, &lo, &hi);
	cr_assert_float_eq(lo, 0, EPS);
	cr_assert_float_eq(hi, 0.2775327998628892, EPS);
	vp_wilson(5, 5, VP_Z95, &lo, &hi);
	cr_assert_float_eq(lo, 0.5655175352168251, EPS);
	cr_assert_float_eq(hi, 1, EPS);
	vp_wilson(1, 2, VP_Z95, &lo, &hi);
	cr_assert_float_eq(lo, 0.09453120573423074, EPS);
	cr_assert_float_eq(hi, 0.9054687942657693, EPS);
	vp_wilson(0, 0, VP_Z95, &lo, &hi); /* no data: anything */
	cr_assert_float_eq(lo, 0, EPS);
	cr_assert_float_eq(hi, 1, EPS);
}

Test(stats, two_proportions)
{
	double z;
	double p = vp_two_prop_p(30, 100, 20, 150, &z);
	cr_assert_float_eq(z, 3.227486121839514, 1e-9);
	cr_assert_float_eq(p, 0.0012488309880884275, 1e-12);
	p = vp_two_prop_p(20, 150, 30, 100, &z);
	cr_assert_float_eq(z, -3.227486121839514, 1e-9);
	cr_assert_float_eq(vp_two_prop_p(5, 50, 5, 50, &z), 1, EPS);
	cr_assert_float_eq(z, 0, EPS);
	cr_assert_float_eq(vp_two_prop_p(0, 10, 0, 20, NULL), 1, EPS);  /* se 0 */
	cr_assert_float_eq(vp_two_prop_p(3, 10, 0, 0, &z), 1, EPS);     /* no rest */
}

Test(stats, holm)
{
	double p[] = {0.01, 0.04, 0.03, 0.005}, adj[4];
	cr_assert_eq(vp_holm(p, 4, adj), 0);
	double want[] = {0.03, 0.06, 0.06, 0.02};
	for (int i = 0; i < 4; i++)
		cr_assert_float_eq(adj[i], want[i], EPS, "adj[%d] = %g", i, adj[i]);
	double big[] = {0.5, 0.6}; /* capped at 1, in place */
	cr_assert_eq(vp_holm(big, 2, big), 0);
	cr_assert_float_eq(big[0], 1, EPS);
	cr_assert_float_eq(big[1], 1, EPS);
	cr_assert_eq(vp_holm(NULL, 0, NULL), 0);
}

Test(stats, suppression_primary_and_subtraction)
{
	unsigned char sup[4];
	int tsup;
	/* none small: nothing */
	unsigned long a[] = {10, 20, 7, 9};
	vp_suppress_row(a, 4, 46, 5, sup, &tsup);
	cr_assert(!sup[0] && !sup[1] && !sup[2] && !sup[3] && !tsup);
	/* one small (3), total shown: the next smallest (7) goes too, else
	 * 3 = 40 - 10 - 20 - 7 */
	unsigned long b[] = {10, 20, 3, 7};
	vp_suppress_row(b, 4, 40, 5, sup, &tsup);
	cr_assert(!sup[0] && !sup[1] && sup[2] && sup[3] && !tsup);
	/* the 3 is below min, the 7 only guards it: the report shows them apart */
	cr_assert(sup[2] == VP_SUP_SMALL && sup[3] == VP_SUP_GUARD);
	/* two small: they cover each other */
	unsigned long c[] = {1, 20, 3, 7};
	vp_suppress_row(c, 4, 31, 5, sup, &tsup);
	cr_assert(sup[0] && !sup[1] && sup[2] && !sup[3] && !tsup);
	/* zero is below 5 too; equal candidates: the first */
	unsigned long d[] = {9, 0, 9, 12};
	vp_suppress_row(d, 4, 30, 5, sup, &tsup);
	cr_assert(sup[0] && sup[1] && !sup[2] && !sup[3] && !tsup);
	/* total itself small: nothing to recover */
	unsigned long f[] = {2, 1};
	vp_suppress_row(f, 2, 3, 5, sup, &tsup);
	cr_assert(sup[0] && sup[1] && tsup);
	/* one group only: it is the total */
	unsigned long g[] = {3};
	vp_suppress_row(g, 1, 3, 5, sup, &tsup);
	cr_assert(sup[0] && tsup);
	/* the hidden counts' sum (total less the shown) pins them: both 0 */
	unsigned long h[] = {40, 0, 0};
	vp_suppress_row(h, 3, 40, 5, sup, &tsup);
	cr_assert(sup[0] == VP_SUP_GUARD && sup[1] && sup[2] && !tsup);
	/* both 4: 8 of two counts below 5 */
	unsigned long i[] = {40, 4, 4, 9};
	vp_suppress_row(i, 4, 57, 5, sup, &tsup);
	cr_assert(!sup[0] && sup[1] && sup[2] && sup[3] == VP_SUP_GUARD && !tsup);
	/* a 0 and its guard of exactly 5: 5 with one [c] of 5 or more */
	unsigned long j[] = {40, 5, 0};
	vp_suppress_row(j, 3, 45, 5, sup, &tsup);
	cr_assert(sup[0] == VP_SUP_GUARD && sup[1] == VP_SUP_GUARD && sup[2] && !tsup);
	/* every group hidden and still pinned (4 and 4 of 8): the total goes */
	unsigned long k[] = {4, 4};
	vp_suppress_row(k, 2, 8, 5, sup, &tsup);
	cr_assert(sup[0] && sup[1] && tsup == VP_SUP_GUARD);
	/* two below 5 whose sum pins neither: as before */
	unsigned long m[] = {40, 1, 2};
	vp_suppress_row(m, 3, 43, 5, sup, &tsup);
	cr_assert(!sup[0] && sup[1] && sup[2] && !tsup);
	/* min 0: off */
	vp_suppress_row(b, 4, 40, 0, sup, &tsup);
	cr_assert(!sup[0] && !sup[1] && !sup[2] && !sup[3] && !tsup);
}

/* Shares and changes rounded on the integers, half away from zero, as a
 * spreadsheet shows them; the double 57/800 (0.0712499...) and 100 *
 * (1/16 - 0) printed with "%.1f" (6.2) round the other way. */
Test(stats, shares_and_changes_round_half_away)
{
	cr_assert_eq(vp_share_scaled(5, 16, 3), 313);
	cr_assert_eq(vp_share_scaled(57, 800, 4), 713);
	cr_assert_eq(vp_share_scaled(1, 0, 4), 0);
	cr_assert_eq(vp_change_scaled(0, 16, 1, 16, 3), 63);
	cr_assert_eq(vp_change_scaled(1, 16, 0, 16, 3), -63);
	cr_assert_eq(vp_change_scaled(1, 3, 2, 3, 3), 333);
	cr_assert_eq(vp_change_scaled(57, 800, 0, 5, 4), -713);
	cr_assert_eq(vp_change_scaled(3, 7, 3, 7, 3), 0);
	cr_assert_eq(vp_change_scaled(1, 0, 1, 2, 3), 0);
	/* counts past 2^40: doubles, still the right figure */
	unsigned long big = 1UL << 42;
	cr_assert_eq(vp_change_scaled(big / 4, big, big / 2, big, 3), 250);
}

/* One theme on three levels of one report: localities L1 2, L2 20 in place
 * P (22), L3 10, L4 30 in Q (40), both in system S (62 = the Total).  The
 * locality row alone hides L1 and guards it with L3; but P less L2 gives
 * L1 (2) and Q less L4 gives L3 (10), so L2 and L4 are guarded too. */
enum { L1, L2, L3, L4, P, Q, S, TOT, NCELL };
static const size_t lv_total[] = {TOT, TOT, TOT, P, Q, S};
static const size_t lv_start[] = {0, 4, 6, 7, 9, 11, 13};
static const size_t lv_member[] = {L1, L2, L3, L4, P, Q, S, L1, L2, L3, L4, P, Q};

Test(stats, suppression_across_levels_of_one_report)
{
	unsigned long v[NCELL] = {2, 20, 10, 30, 22, 40, 62, 62};
	unsigned char sup[NCELL] = {[L1] = VP_SUP_SMALL, [L3] = VP_SUP_GUARD};
	cr_assert_eq(vp_suppress_sums(v, sup, NCELL, lv_total, lv_start, lv_member, 6, 5), 1);
	cr_assert(sup[L1] == VP_SUP_SMALL && sup[L2] == VP_SUP_GUARD && sup[L3] == VP_SUP_GUARD &&
	          sup[L4] == VP_SUP_GUARD);
	cr_assert(!sup[P] && !sup[Q] && !sup[S] && !sup[TOT]); /* 22 = <5 + [c]: no one count */
	/* nothing more to guard: a second run changes nothing */
	cr_assert_eq(vp_suppress_sums(v, sup, NCELL, lv_total, lv_start, lv_member, 6, 5), 0);

	/* a hidden parent pins nothing: P hidden, L2 stays shown */
	unsigned char hp[NCELL] = {[L1] = VP_SUP_SMALL, [L3] = VP_SUP_GUARD, [P] = VP_SUP_GUARD,
	                           [Q] = VP_SUP_GUARD};
	cr_assert_eq(vp_suppress_sums(v, hp, NCELL, lv_total, lv_start, lv_member, 6, 5), 0);
	cr_assert(!hp[L2]);

	/* L1 4 and L2 4 in P (8), L3 40 and L4 0 in Q (40): Q less L3 gives
	 * L4, so L3 is guarded; both 4 of P's 8 are pinned with nothing shown
	 * to guard them, so P is hidden; P hidden alone on the place row is
	 * the Total less Q, so Q is guarded in turn */
	unsigned long w[NCELL] = {4, 4, 40, 0, 8, 40, 48, 48};
	unsigned char ws[NCELL] = {[L1] = VP_SUP_SMALL, [L2] = VP_SUP_SMALL, [L4] = VP_SUP_SMALL};
	cr_assert_eq(vp_suppress_sums(w, ws, NCELL, lv_total, lv_start, lv_member, 6, 5), 1);
	cr_assert(ws[L3] == VP_SUP_GUARD && ws[P] == VP_SUP_GUARD && ws[Q] == VP_SUP_GUARD);
	cr_assert(!ws[S] && !ws[TOT]);

	/* min 0: off */
	unsigned char none[NCELL] = {0};
	cr_assert_eq(vp_suppress_sums(v, none, NCELL, lv_total, lv_start, lv_member, 6, 0), 0);
	cr_assert(!none[L1]);
}
