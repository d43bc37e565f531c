using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Layers;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Layers;

/// <summary>
/// Each layer's backward pass against central differences of a double-precision reference of its forward pass
/// (normalizations) or of the layer itself with the same noise draws (dropout, gaussian noise: linear given the draws),
/// and each layer's training/evaluation difference.
/// </summary>
public class LayerTests
{
    private const int Rows = 7, Units = 5;

    /// <summary>Builds a layer and a double reference y(x, γ, β) of its training forward pass (null: use the layer with a fixed seed).</summary>
    public static TheoryData<string> Kinds() => ["batch_norm", "batch_norm(momentum=0.5, epsilon=1e-05)", "layer_norm", "layer_norm(epsilon=0.01)",
        "dropout(0.3)", "alpha_dropout(0.2)", "gaussian_noise(0.5)", "act(tanh)", "act(prelu)"];

    private static Layer Build(string text, int rows = Rows) =>
        new Network(Units, new ModelSpec([LayerSpec.Parse(text)]), () => new Relu(), 2, rows).Layers[0];

    private static LayerContext Training(ulong seed = 9) => new(true, new ActivationContext(true, new Rng(1)), new Rng(seed));

    /// <summary>y of the reference in double: batch_norm over the rows per unit, layer_norm over the units per row.</summary>
    private static double[] Reference(string kind, double[] x, double[] gamma, double[] beta, double epsilon)
    {
        var y = new double[x.Length];
        bool perUnit = kind == "batch_norm";
        int groups = perUnit ? Units : Rows, size = perUnit ? Rows : Units;
        int Index(int g, int k) => perUnit ? k * Units + g : g * Units + k;
        for (int g = 0; g < groups; g++)
        {
            double mean = Enumerable.Range(0, size).Average(k => x[Index(g, k)]);
            double variance = Enumerable.Range(0, size).Average(k => (x[Index(g, k)] - mean) * (x[Index(g, k)] - mean));
            for (int k = 0; k < size; k++)
            {
                int i = Index(g, k), unit = i % Units;
                y[i] = gamma[unit] * (x[i] - mean) / Math.Sqrt(variance + epsilon) + beta[unit];
            }
        }
        return y;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Backward_matches_central_differences(string text)
    {
        var layer = Build(text);
        var spec = LayerSpec.Parse(text);
        layer.Initialize(null!, new Rng(0));
        // Non-trivial γ and β, so that their gradients and their place in dx are checked.
        foreach (var p in layer.Parameters) GradientCheck.RandomArray(p.Value.Length, 3, 0.5f).Select(v => v + 1).ToArray().CopyTo(p.Value, 0);
        var x = GradientCheck.RandomArray(Rows * Units, 4, 1.5f);
        var upstream = GradientCheck.RandomArray(Rows * Units, 5);
        foreach (var p in layer.Parameters) p.ZeroGradient();
        layer.Forward(x, Rows, Training());
        var dx = layer.Backward(upstream, Rows, needInputGradient: true, fused: null)!.AsSpan(0, Rows * Units).ToArray();

        bool normalization = spec.Kind is "batch_norm" or "layer_norm";
        double Loss()
        {
            double[] y;
            if (normalization)
            {
                var p = layer.Parameters;
                y = Reference(spec.Kind, x.Select(v => (double)v).ToArray(), p[0].Value.Select(v => (double)v).ToArray(),
                    p[1].Value.Select(v => (double)v).ToArray(), spec.Option("epsilon"));
            }
            else
            {
                // The same seed gives the same mask or noise: the layer is then a fixed function of x.
                y = layer.Forward(x, Rows, Training()).Take(Rows * Units).Select(v => (double)v).ToArray();
            }
            return y.Select((v, i) => v * upstream[i]).Sum();
        }

        double step = normalization ? 1e-3 : 1e-2;
        GradientCheck.AssertMatches(x, dx, Loss, step, absolute: 2e-3, relative: 1e-2, what: $"{text} dx");
        foreach (var p in layer.Parameters)
            GradientCheck.AssertMatches(p.Value, p.Gradient, Loss, step, absolute: 2e-3, relative: 1e-2, what: $"{text} d{p.Name}");
    }

    [Theory]
    [InlineData("dropout(0.3)")]
    [InlineData("alpha_dropout(0.2)")]
    [InlineData("gaussian_noise(0.5)")]
    public void Noise_layers_are_the_identity_at_evaluation_and_not_in_training(string text)
    {
        var layer = Build(text);
        var x = GradientCheck.RandomArray(Rows * Units, 4);
        Assert.Equal(x, layer.Forward(x, Rows, LayerContext.Evaluation).Take(Rows * Units));
        Assert.NotEqual(x, layer.Forward(x, Rows, Training()).Take(Rows * Units));
    }

    [Fact]
    public void Dropout_zeroes_about_rate_of_the_values_and_scales_the_rest_by_one_over_keep()
    {
        const int rows = 400;
        var layer = Build("dropout(0.25)", rows);
        var x = Enumerable.Repeat(2f, rows * Units).ToArray();
        var y = layer.Forward(x, rows, Training()).Take(rows * Units).ToArray();
        Assert.All(y, v => Assert.True(v == 0f || v == 2f / 0.75f, $"{v}"));
        Assert.InRange(y.Count(v => v == 0) / (double)y.Length, 0.22, 0.28);
    }

    [Fact]
    public void Alpha_dropout_keeps_a_standard_normal_input_at_mean_zero_and_variance_one()
    {
        const int rows = 4000;
        var layer = Build("alpha_dropout(0.2)", rows);
        var x = GradientCheck.RandomArray(rows * Units, 12);
        var y = layer.Forward(x, rows, Training()).Take(rows * Units).Select(v => (double)v).ToArray();
        double mean = y.Average();
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(y.Average(v => (v - mean) * (v - mean)), 0.95, 1.05);
        // Dropped values all land on one point: a·α' + b.
        Assert.InRange(y.GroupBy(v => v).Max(g => g.Count()) / (double)y.Length, 0.17, 0.23);
    }

    [Fact]
    public void Batch_norm_trains_on_batch_statistics_and_evaluates_with_its_running_ones()
    {
        var layer = (BatchNorm)Build("batch_norm(momentum=0.9)");
        var x = GradientCheck.RandomArray(Rows * Units, 4, 2f);
        var train = layer.Forward(x, Rows, Training()).Take(Rows * Units).ToArray();
        for (int j = 0; j < Units; j++)
        {
            var column = Enumerable.Range(0, Rows).Select(r => (double)x[r * Units + j]).ToArray();
            double mean = column.Average(), variance = column.Average(v => (v - mean) * (v - mean));
            // Training output: zero mean per unit (γ 1, β 0).
            Assert.InRange(Enumerable.Range(0, Rows).Average(r => train[r * Units + j]), -1e-5, 1e-5);
            // Keras's update: m = 0.9·0 + 0.1·μ, v = 0.9·1 + 0.1·σ² (biased).
            Assert.Equal(0.1 * mean, layer.MovingMean[j], 1e-6);
            Assert.Equal(0.9 + 0.1 * variance, layer.MovingVariance[j], 1e-5);
        }
        var eval = layer.Forward(x, Rows, LayerContext.Evaluation).Take(Rows * Units).ToArray();
        for (int i = 0; i < eval.Length; i++)
        {
            int j = i % Units;
            Assert.Equal((x[i] - layer.MovingMean[j]) / Math.Sqrt(layer.MovingVariance[j] + 1e-3), eval[i], 1e-5);
        }
        // Evaluation leaves the running statistics alone.
        var before = layer.MovingMean.ToArray();
        layer.Forward(x, Rows, LayerContext.Evaluation);
        Assert.Equal(before, layer.MovingMean);
    }

    [Fact]
    public void Layer_norm_is_the_same_in_training_and_evaluation()
    {
        var layer = Build("layer_norm");
        var x = GradientCheck.RandomArray(Rows * Units, 4, 2f);
        var train = layer.Forward(x, Rows, Training()).Take(Rows * Units).ToArray();
        Assert.Equal(train, layer.Forward(x, Rows, LayerContext.Evaluation).Take(Rows * Units));
    }

    [Fact]
    public void The_same_seed_gives_the_same_mask_and_another_seed_another()
    {
        var layer = Build("dropout(0.5)");
        var x = GradientCheck.RandomArray(Rows * Units, 4);
        var a = layer.Forward(x, Rows, Training(3)).Take(Rows * Units).ToArray();
        Assert.Equal(a, layer.Forward(x, Rows, Training(3)).Take(Rows * Units));
        Assert.NotEqual(a, layer.Forward(x, Rows, Training(4)).Take(Rows * Units));
    }
}
