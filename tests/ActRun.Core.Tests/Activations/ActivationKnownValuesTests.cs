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
