#!/usr/bin/env python3
"""Reference values for tests/ActRun.Core.Tests/Results/PairedTestsTests.cs and RankTestsTests.cs.

Run with Debian's interpreter and packages (apt-get install python3-scipy python3-statsmodels):
    /usr/bin/python3 paired_statistics.py
Produced with scipy 1.10.1 and statsmodels 0.13.5; the tests keep the printed numbers as constants.
"""
import math
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.weightstats import ttost_paired
from statsmodels.stats.power import TTestPower

print(f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")

# Paired samples: final test accuracies of two variants over the same seeds.
SAMPLES = {
    "n5": ([0.962, 0.958, 0.971, 0.965, 0.960], [0.951, 0.955, 0.962, 0.949, 0.957]),
    "n8_mixed": ([0.912, 0.905, 0.921, 0.899, 0.915, 0.908, 0.917, 0.903],
                 [0.910, 0.909, 0.915, 0.902, 0.911, 0.904, 0.920, 0.899]),
    "n12_zeros_ties": ([0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.90, 0.91],
                       [0.89, 0.91, 0.90, 0.94, 0.92, 0.95, 0.95, 0.95, 0.97, 0.97, 0.88, 0.92]),
    "n30": ([0.5 + 0.01 * math.sin(1.7 * i) + 0.002 * i for i in range(30)],
            [0.5 + 0.01 * math.cos(1.3 * i) + 0.0015 * i for i in range(30)]),
    "n60": ([1.0 + 0.05 * math.sin(0.9 * i) + 0.001 * i for i in range(60)],
            [1.0 + 0.05 * math.sin(0.9 * i + 0.4) for i in range(60)]),
}

def fmt(v):
    return repr(float(v))

for name, (a, b) in SAMPLES.items():
    a, b = np.array(a), np.array(b)
    d = a - b
    t = stats.ttest_rel(a, b)
    ci = t.confidence_interval(0.95)
    w = stats.wilcoxon(a, b)  # defaults: zero_method="wilcox", correction=False, method="auto"
    dz = d.mean() / d.std(ddof=1)
    print(f"{name}: mean_diff={fmt(d.mean())} sd={fmt(d.std(ddof=1))} t={fmt(t.statistic)} p={fmt(t.pvalue)} "
          f"ci=({fmt(ci.low)}, {fmt(ci.high)}) dz={fmt(dz)} wilcoxon_T={fmt(w.statistic)} wilcoxon_p={fmt(w.pvalue)}")
    for margin in (0.005, 0.02):
        p, lower, upper = ttost_paired(a, b, -margin, margin)
        print(f"  tost margin={margin}: p={fmt(p)} p_lower={fmt(lower[1])} p_upper={fmt(upper[1])}")
    # The same two one-sided tests with scipy alone.
    print(f"  tost scipy margin=0.005: {fmt(stats.ttest_1samp(d, -0.005, alternative='greater').pvalue)} "
          f"{fmt(stats.ttest_1samp(d, 0.005, alternative='less').pvalue)}")

# Wilcoxon, exact, no zeros or ties, with the exact and the approximate methods for n = 30.
a, b = map(np.array, SAMPLES["n30"])
print("n30 wilcoxon approx:", fmt(stats.wilcoxon(a, b, method="approx").pvalue))
# With tied |differences| scipy's "auto" stays "exact" on the untied table and truncates a half-integer W+; ActRun
# uses the exact distribution of the average ranks instead. The reference: all 2^n sign patterns, enumerated.
import itertools
def exact_signed_rank(a, b):
    d = np.array(a) - np.array(b)
    r = stats.rankdata(np.abs(d))
    w = r[d > 0].sum()
    sums = [sum(ri for ri, s in zip(r, signs) if s) for signs in itertools.product([0, 1], repeat=len(r))]
    center = r.sum() / 2
    return np.mean([abs(x - center) >= abs(w - center) - 1e-9 for x in sums])
for name in ("n5", "n8_mixed"):
    print(f"{name} wilcoxon exact over sign patterns: {fmt(exact_signed_rank(*SAMPLES[name]))} (scipy default: {fmt(stats.wilcoxon(*SAMPLES[name]).pvalue)})")

# Holm over p-values as a report tests them.
P = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5]
print("holm", [fmt(v) for v in multipletests(P, method="holm")[1]])

# Student t quantiles.
print("t.ppf(0.975)", {nu: fmt(stats.t.ppf(0.975, nu)) for nu in (1, 2, 4, 9, 30, 1000)})

# Seeds needed: the exact noncentral-t sample size of a two-sided paired t-test at power 0.8, to compare with the
# normal approximation with Guenther's correction that ActRun uses.
for effect in (0.5, 1.0, 2.0):
    for alpha in (0.05, 0.05 / 3):
        n = TTestPower().solve_power(effect_size=effect, alpha=alpha, power=0.8, alternative="two-sided")
        print(f"power n effect={effect} alpha={alpha:.6f}: {fmt(n)}")

# Friedman over datasets (rows: datasets, columns: variants), with ties in one row.
SCORES = [
    [0.95, 0.93, 0.91, 0.90],
    [0.88, 0.89, 0.85, 0.84],
    [0.97, 0.96, 0.96, 0.93],
    [0.80, 0.78, 0.79, 0.70],
    [0.91, 0.90, 0.87, 0.88],
]
chi, p = stats.friedmanchisquare(*np.array(SCORES).T)
n, k = len(SCORES), len(SCORES[0])
ranks = np.array([stats.rankdata(-np.array(r)) for r in SCORES])
ff = (n - 1) * chi / (n * (k - 1) - chi)
print(f"friedman chi2={fmt(chi)} p={fmt(p)} avg_ranks={[fmt(v) for v in ranks.mean(axis=0)]} "
      f"iman_davenport F={fmt(ff)} p={fmt(stats.f.sf(ff, k - 1, (k - 1) * (n - 1)))}")
q = [stats.studentized_range.ppf(0.95, kk, np.inf) / math.sqrt(2) for kk in range(2, 21)]
print("nemenyi q0.05 k=2..20", [round(v, 3) for v in q])
print(f"cd k=4 n=5: {fmt(2.569 * math.sqrt(k * (k + 1) / (6 * n)))}")
