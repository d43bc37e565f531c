namespace ActRun.Core.Results;

/// <summary>Mean, sample deviation and the 95% confidence interval of a mean over seeds.</summary>
public static class Statistics
{
    // Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
    private static readonly double[] T975 =
    [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
        2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
        2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ];

    /// <summary>
    /// Student's t quantile for a two-sided 95% interval: exact (to 9 digits) up to 30 degrees of freedom, then
    /// the Cornish-Fisher expansion around 1.96, within 1e-4 of the exact value there.
    /// </summary>
    public static double TQuantile975(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1) return double.NaN;
        if (degreesOfFreedom <= T975.Length) return T975[degreesOfFreedom - 1];
        const double z = 1.959963985;
        double v = degreesOfFreedom;
        return z + (z * z * z + z) / (4 * v) + (5 * Math.Pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
    }

    /// <summary>The 95% confidence interval of the mean, mean ± t·s/√n; null for fewer than two values.</summary>
    public static (double Low, double High)? ConfidenceInterval95(IReadOnlyList<double> values)
    {
        if (Summary.SampleStd(values) is not double std) return null;
        double mean = values.Average();
        double half = TQuantile975(values.Count - 1) * std / Math.Sqrt(values.Count);
        return (mean - half, mean + half);
    }
}
