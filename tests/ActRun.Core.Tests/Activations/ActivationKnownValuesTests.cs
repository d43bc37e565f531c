using ActRun.Core.Activations;

namespace ActRun.Core.Tests.Activations;

/// <summary>Values worked out by hand (or from the PyTorch definitions in double), including the tails where
/// an unstable formula would lose all relative accuracy.</summary>
public class ActivationKnownValuesTests
{
    [Theory]
    [InlineData("linear", 3.5, 3.5)]
    [InlineData("relu", -2, 0)]
    [InlineData("relu", 3, 3)]
    [InlineData("leaky_relu", -2, -0.02)]
    [InlineData("leaky_relu(0.2)", -2, -0.4)]
    [InlineData("elu", -1, -0.6321205588285577)]
    [InlineData("elu(alpha=2)", -1, -1.2642411176571153)]
    [InlineData("selu", 1, 1.0507009873554805)]
    [InlineData("selu", -1, -1.1113307378125625)]
    [InlineData("tanh", 0.5, 0.46211715726000974)]
    [InlineData("tanh", -20, -1)]
    [InlineData("sigmoid", 0, 0.5)]
    [InlineData("sigmoid", -50, 1.928749847963918e-22)] // 1 - sigmoid(50) would give 0
    [InlineData("sigmoid", 20, 1)]
    [InlineData("softplus", 0, 0.6931471805599453)]
    [InlineData("softplus", -20, 2.061153620314381e-09)] // log(1 + tiny) needs log1p accuracy
    [InlineData("softplus", -50, 1.9287498479639178e-22)]
    [InlineData("softplus", 30, 30)] // above the threshold: exactly x
    [InlineData("softplus(beta=2)", 1, 1.0634640055214863)]
    [InlineData("softsign", 3, 0.75)]
    [InlineData("softsign", -1, -0.5)]
    [InlineData("relu(max_value=6)", 7, 6)]
    [InlineData("relu(negative_slope=0.1, threshold=1)", -1, -0.2)]
    [InlineData("relu(threshold=1)", 1.5, 1.5)]
    [InlineData("prelu", -2, -0.5)]
    [InlineData("rrelu", -1, -0.22916666666666666)] // evaluation: mean slope (1/8 + 1/3) / 2
    [InlineData("celu(alpha=2)", -1, -0.7869386805747332)]
    [InlineData("gelu", 1, 0.8413447460685429)]
    [InlineData("gelu", -3, -0.004049694094890287)] // 1 + erf(x/√2) cancels here
    [InlineData("gelu(approximate=true)", 1, 0.8411919906082768)]
    [InlineData("silu", 1, 0.7310585786300049)]
    [InlineData("silu", -20, -4.122307236380407e-08)]
    [InlineData("mish", 1, 0.8650983882673103)]
    [InlineData("mish", -1, -0.30340146137410895)]
    [InlineData("hard_tanh", -3, -1)]
    [InlineData("hard_tanh(min_val=-2, max_val=0.5)", 0.25, 0.25)]
    [InlineData("relu6", 7, 6)]
    [InlineData("hard_sigmoid", 0, 0.5)]
    [InlineData("hard_sigmoid", 4, 1)]
    [InlineData("hard_swish", 1, 0.6666666666666666)]
    [InlineData("hard_swish", -4, 0)]
    [InlineData("log_sigmoid", 20, -2.061153620314381e-09)] // log(sigmoid) directly would round to 0
    [InlineData("log_sigmoid", -50, -50)]
    [InlineData("tanh_shrink", 1, 0.23840584404423515)]
    [InlineData("soft_shrink", 2, 1.5)]
    [InlineData("soft_shrink", -0.25, 0)]
    [InlineData("hard_shrink", 0.5, 0)] // the band is closed
    [InlineData("hard_shrink", -0.75, -0.75)]
    [InlineData("threshold(threshold=0.5, value=-1)", 0.5, -1)]
    [InlineData("threshold(threshold=0.5, value=-1)", 0.75, 0.75)]
    [InlineData("exponential", 1, 2.718281828459045)]
    [InlineData("squareplus", 0, 1)]
    [InlineData("squareplus", -50, 0.01999200639360716)] // the direct form would cancel
    [InlineData("sparse_plus", 0, 0.25)]
    [InlineData("sparse_plus", -2, 0)]
    [InlineData("sparse_plus", 2, 2)]
    [InlineData("sparse_sigmoid", 0.5, 0.75)]
    [InlineData("sparse_sigmoid", -3, 0)]
    public void Value_at_a_known_point(string spec, float x, double expected)
    {
        var activation = ActivationRegistry.Create(spec);
        float scalar = activation.Value(x);
        var block = new float[BlockLength];
        activation.Forward(Enumerable.Repeat(x, BlockLength).ToArray(), block, BlockLength, ActivationContext.Evaluation);

        Assert.True(Math.Abs(scalar - expected) <= 1e-6 * Math.Abs(expected), $"{spec}({x}) = {scalar:R}, expected {expected:R}");
        for (int i = 0; i < BlockLength; i++)
            Assert.True(Math.Abs(block[i] - expected) <= 1e-6 * Math.Abs(expected), $"block {spec}({x})[{i}] = {block[i]:R}, expected {expected:R}");
    }

    /// <summary>
    /// 16 + 8 + 4 + 3: on an AVX-512 machine one Vector512, one Vector256, one Vector128 and a scalar tail; on an
    /// AVX2 machine three Vector256, one Vector128 and the tail. Every element is checked, so every width runs.
    /// </summary>
    private const int BlockLength = 31;

    /// <summary>Inputs from the far tails to near zero, where absolute tolerances hide wrong answers (sigmoid(−20) ≈ 2e-9).</summary>
    private static readonly float[] TailPoints = [-80, -50, -30, -20, -15, -10, -5, -2, -0.5f, -1e-3f, -1e-6f, 1e-6f, 1e-3f, 0.5f, 2, 5, 10, 15, 20, 30, 50, 80];

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var entry in ActivationRegistry.Entries) data.Add(entry.Name);
        foreach (var spec in new[] { "elu(alpha=2)", "softplus(beta=2)", "celu(alpha=2)", "gelu(approximate=true)", "leaky_relu(0.2)" }) data.Add(spec);
        return data;
    }

    /// <summary>
    /// Every activation, scalar and block path, against the double-precision reference with a relative bound:
    /// 1e-5 of the value, however small it is (down to the float range, see <see cref="Floor"/>). An answer of 0
    /// where the reference is 2e-9 fails here; where the reference is exactly 0 the answer must be 0 too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Specs))]
    public void Values_are_relatively_accurate_down_to_the_tails(string text)
    {
        var activation = ActivationRegistry.Create(text);
        var spec = activation.Spec;
        var reference = ActivationReferences.ByName[spec.Name];
        var failures = new List<string>();
        foreach (float x in TailPoints)
        {
            double expected = reference.F(name => ActivationReferences.ParameterValue(spec, name), x);
            var block = new float[BlockLength];
            activation.Forward(Enumerable.Repeat(x, BlockLength).ToArray(), block, BlockLength, ActivationContext.Evaluation);
            foreach (var (path, actual) in block.Select((v, i) => ($"block[{i}]", v)).Prepend(("scalar", activation.Value(x))))
                if (!(Math.Abs(actual - expected) <= RelativeBound * Math.Abs(expected) + Floor(spec.Name, x)))
                    failures.Add($"{text}({x:R}) {path} = {actual:R}, reference {expected:R}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private const double RelativeBound = 1e-5;

    /// <summary>
    /// Below the smallest normal float (1.2e-38) only absolute agreement is possible (gelu(−30) ≈ 1e-196 is 0 in
    /// float). tanh_shrink is x − tanh x, as in PyTorch: near 0 the two terms cancel, so its error is an ulp of x,
    /// not of the result (at x = 1e-3 the result 3.3e-10 is below one ulp of x).
    /// </summary>
    private static double Floor(string name, float x) => name == "tanh_shrink" ? 2 * MathF.BitIncrement(Math.Abs(x)) - 2 * Math.Abs(x) : 1.2e-38;
}
