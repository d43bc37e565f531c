using ActRun.Core.Activations;
using ActRun.Core.Engine;

namespace ActRun.Core.Tests.Activations;

/// <summary>The two activations that are more than a function of x: prelu (learned slopes) and rrelu (random slopes).</summary>
public class LearnedAndRandomActivationTests
{
    [Fact]
    public void Only_prelu_has_learnable_parameters()
    {
        var withParameters = ActivationRegistry.Entries
            .Where(e => ActivationRegistry.Create(e.Name).ParameterCount(5) > 0)
            .Select(e => e.Name);
        Assert.Equal(["prelu"], withParameters);
    }

    [Fact]
    public void Prelu_has_one_slope_per_column_initialised_to_init()
    {
        var prelu = ActivationRegistry.Create("prelu(init=0.1)");
        var slopes = new float[prelu.ParameterCount(3)];
        prelu.InitializeParameters(slopes, 3);
        Assert.Equal([0.1f, 0.1f, 0.1f], slopes);
    }

    [Fact]
    public void Prelu_forward_applies_each_columns_own_slope()
    {
        var prelu = ActivationRegistry.Create("prelu");
        float[] z = [-1, -2, 3, -4, 5, -6];
        float[] slopes = [0.5f, 0.25f, 2];
        var a = new float[6];
        prelu.Forward(z, a, 3, slopes, ActivationContext.Evaluation);
        Assert.Equal([-0.5f, -0.5f, 3, -2, 5, -12], a);
    }

    [Fact]
    public void Prelu_slope_gradients_match_finite_differences_and_accumulate()
    {
        var prelu = ActivationRegistry.Create("prelu");
        const int columns = 3;
        float[] z = [-1, -2, 3, -4, 5, -6, 0.5f, -0.25f, -1.5f];
        float[] da = [0.3f, -1, 2, 0.7f, 1, -0.5f, 1.5f, 2, -0.25f];
        float[] slopes = [0.5f, 0.25f, 2];
        var gradients = new float[columns];
        var dz = new float[z.Length];

        prelu.Backward(z, new float[z.Length], da, dz, columns, slopes, gradients);
        prelu.Backward(z, new float[z.Length], da, dz, columns, slopes, gradients);

        for (int c = 0; c < columns; c++)
        {
            double loss(float slope)
            {
                var w = (float[])slopes.Clone();
                w[c] = slope;
                var a = new float[z.Length];
                prelu.Forward(z, a, columns, w, ActivationContext.Evaluation);
                return a.Zip(da, (x, y) => (double)x * y).Sum();
            }
            double expected = (loss(slopes[c] + 0.01f) - loss(slopes[c] - 0.01f)) / 0.02;
            Assert.Equal(2 * expected, gradients[c], 3); // twice: gradients add up over calls
        }
        Assert.Equal([0.3f * 0.5f, -1 * 0.25f, 2, 0.7f * 0.5f, 1, -0.5f * 2, 1.5f, 2 * 0.25f, -0.25f * 2], dz);
    }

    [Fact]
    public void Rrelu_while_training_draws_each_slope_from_lower_to_upper_reproducibly()
    {
        var rrelu = ActivationRegistry.Create("rrelu(lower=0.1, upper=0.3)");
        var z = Enumerable.Repeat(-1f, 200).ToArray();
        var first = new float[200];
        var second = new float[200];

        rrelu.Forward(z, first, 10, new ActivationContext(true, new Rng(7)));
        rrelu.Forward(z, second, 10, new ActivationContext(true, new Rng(7)));

        Assert.All(first, a => Assert.InRange(a, -0.3f, -0.1f));
        Assert.True(first.Distinct().Count() > 100, "the slopes should vary from element to element");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Rrelu_while_training_passes_non_negative_inputs_through_and_backward_uses_the_drawn_slope()
    {
        var rrelu = ActivationRegistry.Create("rrelu");
        float[] z = [2, -1, 0, -3, 4, -0.5f, 7];
        var a = new float[z.Length];
        rrelu.Forward(z, a, z.Length, new ActivationContext(true, new Rng(1)));
        var dz = new float[z.Length];
        rrelu.Backward(z, a, Enumerable.Repeat(1f, z.Length).ToArray(), dz, z.Length);

        for (int i = 0; i < z.Length; i++)
        {
            if (z[i] >= 0) Assert.Equal(z[i], a[i]);
            else Assert.InRange(a[i] / z[i], 1f / 8, 1f / 3); // a drawn slope, not the evaluation mean alone
            float slope = z[i] >= 0 ? 1 : a[i] / z[i];
            Assert.Equal(slope, dz[i], 6);
        }
    }

    [Fact]
    public void Rrelu_at_evaluation_uses_the_mean_slope() =>
        Assert.Equal(-0.2f, ActivationRegistry.Create("rrelu(lower=0.1, upper=0.3)").Value(-1), 6);

    [Fact]
    public void Rrelu_while_training_without_a_generator_is_an_error()
    {
        var rrelu = ActivationRegistry.Create("rrelu");
        Assert.Throws<ArgumentException>(() => rrelu.Forward(new float[3], new float[3], 3, new ActivationContext(true, null)));
    }
}
