/* stats.c - see include/voxpop/stats.h */
#include <math.h>
#include <stdlib.h>

#include "voxpop/stats.h"

void vp_wilson(unsigned long k, unsigned long n, double z, double *lo, double *hi)
{
	if (n == 0 || k > n) {
		*lo = 0;
		*hi = 1;
		return;
	}
	double nn = (double)n, p = (double)k / nn, z2 = z * z;
	double denom = 1 + z2 / nn;
	double centre = (p + z2 / (2 * nn)) / denom;
	double half = z / denom * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
	*lo = centre - half < 0 ? 0 : centre - half;
	*hi = centre + half > 1 ? 1 : centre + half;
	if (k == 0)
		*lo = 0;
	if (k == n)
		*hi = 1;
}

double vp_two_prop_p(unsigned long k1, unsigned long n1, unsigned long k2, unsigned long n2,
                     double *z)
{
	if (z)
		*z = 0;
	if (n1 == 0 || n2 == 0 || k1 > n1 || k2 > n2)
		return 1;
	double p1 = (double)k1 / (double)n1, p2 = (double)k2 / (double)n2;
	double pp = (double)(k1 + k2) / ((double)n1 + (double)n2);
	double se = sqrt(pp * (1 - pp) * (1 / (double)n1 + 1 / (double)n2));
	if (!(se > 0))
		return 1;
	double zz = (p1 - p2) / se;
	if (z)
		*z = zz;
	return erfc(fabs(zz) / sqrt(2.0));
}

struct pi {
	double p;
	size_t i;
};

static int pi_cmp(const void *a, const void *b)
{
	const struct pi *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int vp_holm(const double *p, size_t n, double *adj)
{
	if (n == 0)
		return 0;
	struct pi *s = malloc(n * sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		s[i] = (struct pi){p[i], i};
	qsort(s, n, sizeof *s, pi_cmp);
	double run = 0;
	for (size_t j = 0; j < n; j++) {
		double a = (double)(n - j) * s[j].p;
		if (a > 1)
			a = 1;
		if (a > run)
			run = a;
		adj[s[j].i] = run;
	}
	free(s);
	return 0;
}

/* Whether a hidden count of a row whose total is shown can be worked out.
 * The hidden counts sum to the total less the shown ones (hid); each small
 * one is 0..min-1 and each guard min or more, so one is pinned when it is
 * hidden alone, when the small ones alone are all 0 (hid 0) or all min - 1
 * (hid = small (min - 1)), or, with guards, when hid is every guard at
 * exactly min and every small one at 0. */
static int hidden_pinned(const unsigned long *v, const unsigned char *sup, size_t n,
                         unsigned long min)
{
	unsigned long hid = 0, small = 0, guard = 0;
	for (size_t i = 0; i < n; i++) {
		if (sup[i] == VP_SUP_NONE)
			continue;
		hid += v[i];
		if (sup[i] == VP_SUP_GUARD)
			guard++;
		else
			small++;
	}
	if (small + guard <= 1)
		return small + guard == 1;
	if (guard) /* hid / min: guard * min might not fit */
		return hid % min == 0 && hid / min == guard;
	return hid == 0 || (min > 1 && hid % (min - 1) == 0 && hid / (min - 1) == small);
}

int vp_suppress_guard(const unsigned long *v, unsigned char *sup, size_t n, unsigned long min)
{
	int changed = 0;
	while (min && hidden_pinned(v, sup, n, min)) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!sup[i] && (best == n || v[i] < v[best]))
				best = i;
		if (best == n)
			return -1;
		sup[best] = VP_SUP_GUARD;
		changed = 1;
	}
	return changed;
}

int vp_suppress_sums(const unsigned long *v, unsigned char *sup, size_t n, const size_t *total,
                     const size_t *start, const size_t *member, size_t nsums,
                     unsigned long min)
{
	size_t most = 0; /* the largest sum's members, gathered for vp_suppress_guard */
	for (size_t s = 0; s < nsums; s++)
		if (start[s + 1] - start[s] > most)
			most = start[s + 1] - start[s];
	if (!min || !most)
		return 0;
	unsigned long *mv = malloc(most * sizeof *mv);
	unsigned char *ms = malloc(most);
	if (!mv || !ms) {
		free(mv);
		free(ms);
		return -1;
	}
	int any = 0;
	/* each pass hides a cell or stops: at most n passes */
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t s = 0; s < nsums; s++) {
			if (total[s] >= n || sup[total[s]])
				continue; /* a hidden total pins nothing */
			size_t m = start[s + 1] - start[s];
			const size_t *mem = member + start[s];
			for (size_t k = 0; k < m; k++) {
				mv[k] = v[mem[k]];
				ms[k] = sup[mem[k]];
			}
			int g = vp_suppress_guard(mv, ms, m, min);
			if (g < 0) /* every member hidden: only the total guards them */
				sup[total[s]] = VP_SUP_GUARD;
			for (size_t k = 0; g && k < m; k++)
				sup[mem[k]] = ms[k];
			changed |= g != 0;
		}
		any |= changed;
	}
	free(mv);
	free(ms);
	return any;
}

void vp_suppress_row(const unsigned long *v, size_t n, unsigned long total, unsigned long min,
                     unsigned char *sup, int *total_sup)
{
	for (size_t i = 0; i < n; i++)
		sup[i] = min > 0 && v[i] < min ? VP_SUP_SMALL : VP_SUP_NONE;
	*total_sup = min > 0 && total < min ? VP_SUP_SMALL : VP_SUP_NONE;
	if (*total_sup)
		return;
	if (vp_suppress_guard(v, sup, n, min) < 0)
		*total_sup = VP_SUP_GUARD; /* every group hidden: only the total guards them */
}

__extension__ typedef unsigned __int128 u128;

/* num / den times 10^places (0-17), rounded half up, worked out on 128
 * bits: the callers keep num * 10^places * 2 within them. */
static u128 scaled_ratio(u128 num, u128 den, int places)
{
	u128 scale = 1;
	for (int i = 0; i < places; i++)
		scale *= 10;
	return (num * scale * 2 + den) / (den * 2);
}

unsigned long long vp_share_scaled(unsigned long k, unsigned long n, int places)
{
	/* k * 10^17 * 2 < 2^122: 128 bits hold every step exactly */
	if (!n)
		return 0;
	u128 q = scaled_ratio(k, n, places);
	return q > (u128)~0ULL ? ~0ULL : (unsigned long long)q;
}

long long vp_change_scaled(unsigned long ka, unsigned long na, unsigned long kb, unsigned long nb,
                           int places)
{
	if (!na || !nb)
		return 0;
	const unsigned long big = 1UL << 40;
	if (ka > big || na > big || kb > big || nb > big) {
		/* 2^80 * 10^17 * 2 would not fit 128 bits: no real count is this big */
		double scale = 1;
		for (int i = 0; i < places; i++)
			scale *= 10;
		double d = ((double)kb / (double)nb - (double)ka / (double)na) * scale;
		return (long long)(d < 0 ? d - 0.5 : d + 0.5);
	}
	u128 up = (u128)kb * na, down = (u128)ka * nb; /* the change is (up - down) / (na * nb) */
	int neg = up < down;
	u128 q = scaled_ratio(neg ? down - up : up - down, (u128)na * nb, places);
	return neg ? -(long long)q : (long long)q;
}
