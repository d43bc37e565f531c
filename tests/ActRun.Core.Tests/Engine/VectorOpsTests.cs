using ActRun.Core.Engine;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Engine;

[Collection(KernelWidth.Collection)]
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

    /// <summary>
    /// Each loop of the normalization layers and of adam gives the same bits in its vector form (the widest this
    /// machine has) as in the forced scalar form, on lengths with and without a scalar tail.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(64)]
    [InlineData(131)]
    public void The_normalization_and_adam_loops_give_the_scalar_bits(int n)
    {
        float[] Run(bool scalar)
        {
            using var _ = KernelWidth.Force(scalar ? 0 : KernelWidth.Available[0]);
            var x = GradientCheck.RandomArray(n, 1);
            var dy = GradientCheck.RandomArray(n, 2);
            var gamma = GradientCheck.RandomArray(n, 3);
            var beta = GradientCheck.RandomArray(n, 4);
            var mean = new double[n];
            var deviation = new double[n];
            VectorOps.AddWidened(mean, x);
            VectorOps.AddWidened(mean, dy);
            VectorOps.AddSquaredDeviation(deviation, x, mean);
            var invStd = deviation.Select(v => 1 / Math.Sqrt(v + 1e-3)).ToArray();
            var (xhat, y, xhat2, y2) = (new float[n], new float[n], new float[n], new float[n]);
            VectorOps.Normalize(x, mean, invStd, gamma, beta, xhat, y);
            VectorOps.Normalize(dy, 0.25, 1.7, gamma, beta, xhat2, y2);
            var (sum, product) = (new double[n], new double[n]);
            VectorOps.AddSumAndProduct(sum, product, dy, xhat);
            var (dx, dx2) = (new float[n], new float[n]);
            VectorOps.BatchNormInputGradient(dy, xhat, invStd, sum, product, 7, dx);
            VectorOps.LayerNormInputGradient(dy, xhat, gamma, 0.3, n, 1.1, -0.4, dx2);
            var target = (float[])gamma.Clone();
            VectorOps.AddProduct(target, dy, xhat);
            var (w, m, v) = ((float[])x.Clone(), new float[n], new float[n]); // the first step: v is c2·g², nothing hides its rounding
            VectorOps.Scale(w, 0.999f);
            VectorOps.AdamStep(w, dy, m, v, 0.9f, 0.1f, 0.999f, 0.001f, 0.01f, 1e-7f);
            return [.. mean.Concat(deviation).Concat(sum).Concat(product).Select(d => (float)d), .. xhat, .. y, .. xhat2, .. y2, .. dx, .. dx2, .. target, .. w, .. m, .. v,
                .. mean.Concat(deviation).Concat(sum).Concat(product).Select(d => (float)(d - (float)d))];
        }

        var scalar = Run(scalar: true);
        var vector = Run(scalar: false);
        Assert.Equal(scalar.Select(BitConverter.SingleToInt32Bits), vector.Select(BitConverter.SingleToInt32Bits));
        Assert.DoesNotContain(scalar, float.IsNaN);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(32)]
    [InlineData(1000)]
    public void Sums_of_squares_have_the_same_bits_on_every_width_and_the_known_value(int n)
    {
        var a = Enumerable.Range(0, n).Select(i => 0.1f * (i % 7) - 0.3f + 1e-4f * i).ToArray();
        var b = Enumerable.Range(0, n).Select(i => 0.05f * (i % 5)).ToArray();
        var results = KernelWidth.Available.Select(bits =>
        {
            using var _ = KernelWidth.Force(bits);
            var (sum, sumWithXhat) = VectorOps.ScaledSums(a, b, a);
            return new[] { VectorOps.SumOfSquares(a), VectorOps.SumOfSquaredDifferences(a, b), VectorOps.Sum(a), VectorOps.SumOfSquaredDeviations(a, 0.1), sum, sumWithXhat };
        }).ToList();
        Assert.All(results, r => Assert.Equal(results[0].Select(BitConverter.DoubleToInt64Bits), r.Select(BitConverter.DoubleToInt64Bits)));
        Assert.Equal(a.Sum(x => (double)x), results[0][2], 1e-9);
        Assert.Equal(a.Sum(x => ((double)x - 0.1) * ((double)x - 0.1)), results[0][3], 1e-9);
        Assert.Equal(a.Zip(b, (x, y) => (double)x * y).Sum(), results[0][4], 1e-9);
        Assert.Equal(a.Zip(b, (x, y) => (double)x * y * x).Sum(), results[0][5], 1e-9);
        Assert.Equal(a.Sum(x => (double)x * x), results[0][0], 1e-9);
        Assert.Equal(a.Zip(b, (x, y) => ((double)x - y) * ((double)x - y)).Sum(), results[0][1], 1e-9);
    }
}
