using ActRun.Core.Activations.Simd;
using ActRun.Core.Tests.TestUtilities;
using Xunit.Abstractions;

namespace ActRun.Core.Tests.Activations.Simd;

/// <summary>
/// The portable float functions against double precision over the whole float range: about 260,000 inputs
/// (every 16411th bit pattern of each sign, which walks every exponent, subnormals included) plus the edges.
/// The error is in float ulp of the double reference (subnormal ulp below 2^-126); each bound is the measured
/// maximum rounded up, so a worse polynomial, a lost branch or a wrong exponent fails.
/// </summary>
public class FloatMathTests(ITestOutputHelper output)
{
    private static readonly float[] Edges =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, 1.17549435e-38f, float.MaxValue, float.MinValue, 1f, -1f,
        88.72283f, 88.72284f, 88.7228394f, -87.33654f, -103.27893f, -103.97207f, -103.97208f, -104f, 1e-7f, -1e-7f,
        0.0004f, -0.0004f, 0.00039999998f, 9f, -9f, 0.70710677f, 0.70710683f, 1.4142135f,
    ];

    private static IEnumerable<float> Inputs()
    {
        foreach (float x in Edges) yield return x;
        for (long bits = 0; bits < 0x7F800000L; bits += 16411)
        {
            float x = BitConverter.Int32BitsToSingle((int)bits);
            yield return x;
            yield return -x;
        }
    }

    [Theory]
    [InlineData("exp", 1.0)]
    [InlineData("log", 1.0)]
    [InlineData("expm1", 2.0)]
    [InlineData("tanh", 6.0)] // Eigen's rational, kept for speed: 5.8 ulp just below ±1 (x ≈ 6)
    [InlineData("sigmoid", 3.0)]
    [InlineData("softplus", 2.0)]
    [InlineData("log1p", 3.0)]
    [InlineData("log1p_unit", 2.0)]
    public void Stays_within_a_few_ulp_of_double_precision_over_the_float_range(string name, double maxUlp)
    {
        var (f, reference) = Functions[name];
        double worst = 0;
        float worstAt = 0;
        foreach (float x in Inputs())
        {
            if (name == "log1p" && !(x >= 0) || name == "log1p_unit" && !(x is >= 0 and <= 1)) continue;
            double expected = reference(x);
            float actual = f(x);
            if (double.IsNaN(expected))
            {
                Assert.True(float.IsNaN(actual), $"{name}({x:R}) = {actual:R}, expected NaN");
                continue;
            }
            double ulps = Ulps(actual, expected);
            if (ulps > worst) (worst, worstAt) = (ulps, x);
        }
        output.WriteLine($"{name}: max {worst:F3} ulp at x = {worstAt:R}");
        Assert.True(worst <= maxUlp, $"{name}: {worst:F3} ulp at x = {worstAt:R} (bound {maxUlp})");
    }

    [Fact]
    public void Special_values_follow_IEEE()
    {
        Assert.Equal(float.PositiveInfinity, FloatMath.Exp(float.PositiveInfinity));
        Assert.Equal(float.PositiveInfinity, FloatMath.Exp(88.8f));
        Assert.Equal(3.4027985e38f, FloatMath.Exp(88.72283f));
        Assert.Equal(0f, FloatMath.Exp(float.NegativeInfinity));
        Assert.Equal(0f, FloatMath.Exp(-104f));
        Assert.Equal(float.Epsilon, FloatMath.Exp(-103.27893f));
        Assert.Equal(1f, FloatMath.Exp(0f));
        Assert.True(float.IsNaN(FloatMath.Exp(float.NaN)));
        Assert.Equal(float.NegativeInfinity, FloatMath.Log(0f));
        Assert.Equal(float.NegativeInfinity, FloatMath.Log(-0f));
        Assert.Equal(float.PositiveInfinity, FloatMath.Log(float.PositiveInfinity));
        Assert.Equal(0f, FloatMath.Log(1f));
        Assert.Equal(-103.27893f, FloatMath.Log(float.Epsilon));
        Assert.True(float.IsNaN(FloatMath.Log(-1f)));
        Assert.True(float.IsNaN(FloatMath.Log(float.NegativeInfinity)));
        Assert.True(float.IsNaN(FloatMath.Log(float.NaN)));
        Assert.Equal(-1f, FloatMath.Expm1(float.NegativeInfinity));
        Assert.Equal(float.PositiveInfinity, FloatMath.Expm1(float.PositiveInfinity));
        Assert.Equal(1f, FloatMath.Tanh(float.PositiveInfinity));
        Assert.Equal(-1f, FloatMath.Tanh(float.NegativeInfinity));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(FloatMath.Tanh(-0f)));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(FloatMath.Expm1(-0f)));
    }

    /// <summary>The vector types compute the same bits as the scalar form on the sweep, lane by lane (here the
    /// widths the machine has; ActivationWidthTests and the CLI's instruction-set test cover the rest).</summary>
    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("expm1")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("softplus")]
    public void Every_vector_width_gives_the_scalar_bits_on_the_sweep(string name)
    {
        var x = Inputs().ToArray();
        var scalar = x.Select(Functions[name].F).ToArray();
        foreach (var (width, vector) in VectorForms(name))
        {
            var y = vector(x);
            for (int i = 0; i < x.Length; i++)
                ActivationWidthTests.AssertSameBits(scalar[i], y[i], $"{name} at {width} bits, x = {x[i]:R}");
        }
    }

    private static double Ulps(float actual, double expected)
    {
        // Beyond the float range only the rounded value can be compared: exp(88.72284f) is 1.00000024 · float.MaxValue.
        if ((float)expected == actual) return 0;
        if (float.IsInfinity(actual) || float.IsNaN(actual) || double.IsInfinity(expected)) return double.PositiveInfinity;
        double magnitude = Math.Abs(expected);
        int exponent = magnitude < 1.1754943508222875e-38 ? -126 : Math.ILogB(magnitude);
        double ulp = Math.ScaleB(1.0, Math.Max(exponent, -126) - 23);
        return Math.Abs(actual - expected) / ulp;
    }

    private static readonly Dictionary<string, (Func<float, float> F, Func<double, double> Reference)> Functions = new()
    {
        ["exp"] = (FloatMath.Exp, Math.Exp),
        ["log"] = (FloatMath.Log, Math.Log),
        ["expm1"] = (FloatMath.Expm1, x => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1),
        ["tanh"] = (FloatMath.Tanh, Math.Tanh),
        ["sigmoid"] = (FloatMath.Sigmoid, ReferenceMath.Sigmoid),
        ["softplus"] = (FloatMath.Softplus, ReferenceMath.Softplus),
        ["log1p"] = (FloatMath.Log1pNonNegative, ReferenceMath.Log1p),
        ["log1p_unit"] = (FloatMath.Log1pUnit, ReferenceMath.Log1p),
    };

    private static IEnumerable<(int Width, Func<float[], float[]> Run)> VectorForms(string name)
    {
        if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated) yield return (128, x => Map<FloatVector128>(name, x));
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) yield return (256, x => Map<FloatVector256>(name, x));
        if (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) yield return (512, x => Map<FloatVector512>(name, x));
    }

    private static float[] Map<TVector>(string name, float[] x) where TVector : struct, IFloatVector<TVector>
    {
        var y = new float[x.Length];
        int i = 0;
        for (; i <= x.Length - TVector.Count; i += TVector.Count)
        {
            var v = TVector.Load(x, i);
            var r = name switch
            {
                "exp" => FloatMath.Exp(v), "log" => FloatMath.Log(v), "expm1" => FloatMath.Expm1(v),
                "tanh" => FloatMath.Tanh(v), "sigmoid" => FloatMath.Sigmoid(v), _ => FloatMath.Softplus(v),
            };
            r.Store(y, i);
        }
        for (; i < x.Length; i++) y[i] = Functions[name].F(x[i]);
        return y;
    }
}
