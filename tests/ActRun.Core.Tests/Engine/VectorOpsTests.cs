using ActRun.Core.Engine;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Engine;

public class VectorOpsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(133)]
    public void AddInPlace_equals_the_scalar_loop(int length)
    {
        var target = GradientCheck.RandomArray(length, 1);
        var values = GradientCheck.RandomArray(length, 2);
        var expected = target.Select((t, i) => t + values[i]).ToArray();
        VectorOps.AddInPlace(target, values);
        Assert.Equal(expected, target);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(100_003)]
    public void Step_equals_the_scalar_sgd_update(int length)
    {
        var w = GradientCheck.RandomArray(length, 1);
        var g = GradientCheck.RandomArray(length, 2);
        const float rate = 0.1f;
        var expected = w.Select((x, i) => x - rate * g[i]).ToArray();
        var gradient = (float[])g.Clone();
        VectorOps.Step(w, g, rate);
        Assert.Equal(expected, w);
        Assert.Equal(gradient, g);
    }
}
