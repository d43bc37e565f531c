namespace ActRun.Core.Tests.TestUtilities;

/// <summary>Central finite differences, the independent reference for every hand-written derivative.</summary>
public static class GradientCheck
{
    /// <summary>
    /// Compares analytic gradients of <paramref name="loss"/> with respect to <paramref name="values"/> against
    /// (L(v + h) − L(v − h)) / 2h, element by element; fails on the first element outside
    /// |analytic − numeric| ≤ absolute + relative · max(|analytic|, |numeric|).
    /// </summary>
    public static void AssertMatches(float[] values, ReadOnlySpan<float> analytic, Func<double> loss, double step = 1e-2,
        double absolute = 1e-3, double relative = 2e-2, string what = "parameter")
    {
        float[] expected = analytic.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            float original = values[i];
            values[i] = original + (float)step;
            double plus = loss();
            values[i] = original - (float)step;
            double minus = loss();
            values[i] = original;
            double numeric = (plus - minus) / (2 * step);
            double tolerance = absolute + relative * Math.Max(Math.Abs(expected[i]), Math.Abs(numeric));
            Assert.True(Math.Abs(expected[i] - numeric) <= tolerance,
                $"{what}[{i}]: analytic {expected[i]:R} vs numeric {numeric:R} (tolerance {tolerance:G3})");
        }
    }

    public static float[] RandomArray(int length, int seed, float scale = 1f)
    {
        var rng = new ActRun.Core.Engine.Rng((ulong)seed);
        var a = new float[length];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(rng.NextGaussian() * scale);
        return a;
    }
}
