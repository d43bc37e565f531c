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
        var block = new float[17];
        activation.Forward(Enumerable.Repeat(x, 17).ToArray(), block, 17, ActivationContext.Evaluation);

        Assert.True(Math.Abs(scalar - expected) <= 1e-6 * Math.Abs(expected), $"{spec}({x}) = {scalar:R}, expected {expected:R}");
        Assert.True(Math.Abs(block[16] - expected) <= 1e-6 * Math.Abs(expected), $"vector {spec}({x}) = {block[16]:R}");
        Assert.True(Math.Abs(block[0] - expected) <= 1e-6 * Math.Abs(expected), $"vector {spec}({x}) = {block[0]:R}");
    }
}
