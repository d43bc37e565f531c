using ActRun.Core.Engine;

namespace ActRun.Core.Tests.Engine;

public class SpecialFunctionsTests
{
    // Reference: mpmath.erf at 40 significant digits (mpmath 1.3.0), printed to 20.
    public static TheoryData<double, double> ErfTable => new()
    {
        { 0, 0.0 },
        { 1e-30, 1.1283791670955125739e-30 },
        { 1e-10, 1.1283791670955125739e-10 },
        { 0.0001, 0.00011283791633342486949 },
        { 0.001, 0.0011283787909692363799 },
        { 0.01, 0.011283415555849616916 },
        { 0.1, 0.1124629160182848922 },
        { -0.1, -0.1124629160182848922 },
        { 0.25, 0.27632639016823693299 },
        { 0.5, 0.52049987781304653768 },
        { 0.75, 0.7111556336535151316 },
        { 1, 0.84270079294971486934 },
        { 1.25, 0.92290012825645823014 },
        { 1.5, 0.96610514647531072707 },
        { 2, 0.99532226501895273416 },
        { 2.5, 0.99959304798255504106 },
        { 2.9, 0.99995890212190054116 },
        { 2.99, 0.99997647439691935977 },
        { 3, 0.99997790950300141456 },
        { 3.01, 0.99997926103636286739 },
        { 3.5, 0.99999925690162765859 },
        { 4, 0.99999998458274209972 },
        { 4.5, 0.99999999980338395585 },
        { 5, 0.99999999999846254021 },
        { 5.5, 0.99999999999999264215 },
        { 5.9, 0.9999999999999999281 },
        { 6, 0.99999999999999997848 },
        { 8, 1.0 },
        { -0.5, -0.52049987781304653768 },
        { -1, -0.84270079294971486934 },
        { -2, -0.99532226501895273416 },
        { -3.5, -0.99999925690162765859 },
    };

    [Theory]
    [MemberData(nameof(ErfTable))]
    public void Double_erf_matches_the_high_precision_table_to_1e_14_relative(double x, double expected)
    {
        double actual = SpecialFunctions.Erf(x);

        Assert.True(RelativeError(actual, expected) <= 1e-14, $"erf({x}) = {actual:R}, expected {expected:R}");
    }

    [Theory]
    [MemberData(nameof(ErfTable))]
    public void Float_erf_matches_the_high_precision_table_to_1e_6_relative(double x, double expected)
    {
        // The float input differs from x by up to half an ulp; erf's relative condition number is at most 1,
        // so that adds at most 6e-8 to the error.
        float actual = SpecialFunctions.Erf((float)x);

        Assert.True(RelativeError(actual, expected) <= 1e-6, $"erf({x}f) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Float_erf_is_within_one_float_ulp_of_double_erf_on_a_dense_sweep()
    {
        // The float path stops its series early; this checks that the shortcut never costs more than rounding.
        for (float x = -7f; x <= 7f; x += 0.0037f)
        {
            float actual = SpecialFunctions.Erf(x);
            double reference = SpecialFunctions.Erf((double)x);

            Assert.True(Math.Abs(actual - reference) <= Math.Abs(MathF.BitIncrement((float)reference) - (float)reference),
                $"erf({x:R}f) = {actual:R}, double gives {reference:R}");
        }
    }

    [Fact]
    public void Erf_is_odd_saturates_and_passes_nan_through()
    {
        Assert.Equal(-SpecialFunctions.Erf(0.7), SpecialFunctions.Erf(-0.7));
        Assert.Equal(1.0, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1f, SpecialFunctions.Erf(float.NegativeInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.Erf(double.NaN)));
        Assert.True(float.IsNaN(SpecialFunctions.Erf(float.NaN)));
    }

    private static double RelativeError(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
}
