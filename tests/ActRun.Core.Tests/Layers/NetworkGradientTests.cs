using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Layers;

public class NetworkGradientTests
{
    private static double Loss(Network net, OutputHead head, float[] x, int[] labels, int rows)
    {
        var logits = net.Forward(x, rows, ActivationContext.Evaluation);
        return head.Evaluate(logits.AsSpan(0, rows * net.Outputs), rows, new BatchTargets(labels, default), default, false).LossSum / rows;
    }

    [Theory]
    [InlineData("linear", "softmax", 4)]
    [InlineData("relu", "softmax", 3)]
    [InlineData("linear", "sigmoid", 2)]
    [InlineData("relu", "linear", 3)]
    [InlineData("tanh", "softmax", 3)]
    [InlineData("elu(alpha=0.5)", "sigmoid", 2)]
    [InlineData("prelu", "softmax", 3)]
    [InlineData("gelu", "softmax", 3)]
    [InlineData("x*sigmoid(1.5*x)", "softmax", 3)]
    public void Two_hidden_layer_network_gradients_match_finite_differences(string activation, string output, int classes)
    {
        const int rows = 6, features = 5;
        var data = TinyData.Classification(rows, features, classes, 21);
        var head = OutputHead.Create(output, data);
        var x = new float[rows * features];
        data.Train.Features.CopyRange(0, rows, x);
        var labels = data.Train.Labels!;
        var net = ClearOfKinks(() => new Network(features, [7, 4], () => ActivationRegistry.Create(activation), head.OutputUnits(data), rows), x, rows);

        var logits = net.Forward(x, rows, ActivationContext.Evaluation);
        var gradient = new float[rows * net.Outputs];
        head.Evaluate(logits.AsSpan(0, rows * net.Outputs), rows, new BatchTargets(labels, default), gradient, true);
        net.Backward(gradient, rows);

        foreach (var p in net.Parameters)
            GradientCheck.AssertMatches(p.Value, p.Gradient, () => Loss(net, head, x, labels, rows), step: 1e-3,
                absolute: 2e-4, relative: 2e-2, what: $"{activation}/{output} {p.Name}");
    }

    /// <summary>
    /// The first initialization (seeds 1, 2, …; small random biases) whose hidden pre-activations all lie
    /// at least 0.02 from zero: a finite-difference step of 1e-3 then never crosses a relu kink, where the
    /// numeric derivative would be wrong, not the analytic one.
    /// </summary>
    private static Network ClearOfKinks(Func<Network> make, float[] x, int rows)
    {
        for (int seed = 1; ; seed++)
        {
            var net = make();
            net.Initialize(InitializerRegistry.Get("glorot_normal"), new Rng((ulong)seed));
            foreach (var layer in net.Layers) GradientCheck.RandomArray(layer.Outputs, seed + 100, 0.1f).CopyTo(layer.Bias.Value, 0);
            net.Forward(x, rows, ActivationContext.Evaluation);
            bool clear = net.Layers.Take(net.Layers.Count - 1).All(l => l.PreActivations(rows).ToArray().All(z => Math.Abs(z) > 0.02f));
            if (clear) return net;
        }
    }

    [Fact]
    public void Gradients_accumulate_until_the_optimizer_zeroes_them()
    {
        var data = TinyData.Classification(4, 3, 3, 2);
        var head = OutputHead.Create("softmax", data);
        var net = new Network(3, [5], () => new Relu(), 3, 4);
        net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(1));
        var x = new float[12];
        data.Train.Features.CopyRange(0, 4, x);
        var g = new float[12];
        void Step()
        {
            var logits = net.Forward(x, 4, ActivationContext.Evaluation);
            head.Evaluate(logits.AsSpan(0, 12), 4, new BatchTargets(data.Train.Labels!, default), g, true);
            net.Backward(g, 4);
        }
        Step();
        var once = (float[])net.Parameters[0].Gradient.Clone();
        Step();
        for (int i = 0; i < once.Length; i++) Assert.Equal(2 * once[i], net.Parameters[0].Gradient[i], 5);
    }

    [Fact]
    public void Sgd_fused_into_the_backward_pass_gives_the_weights_of_the_separate_step()
    {
        // Wide enough (600 hidden units) for the packed and the threaded products; 3 steps on one batch of 70
        // (batches under 64 rows keep the separate step).
        const int rows = 70, features = 40;
        var data = TinyData.Classification(rows, features, 3, 5);
        var head = OutputHead.Create("softmax", data);
        var x = new float[rows * features];
        data.Train.Features.CopyRange(0, rows, x);
        var labels = data.Train.Labels!;
        using var team = new KernelTeam(2);
        Network Build()
        {
            var net = new Network(features, [600, 24], () => new Relu(), 3, rows, team);
            net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(8));
            return net;
        }
        var fused = Build();
        var separate = Build();
        fused.FuseWeightSteps(0.05f);
        var fusedSgd = new Sgd(fused.Parameters, 0.05, team: team);
        var separateSgd = new Sgd(separate.Parameters, 0.05, team: team);
        var g = new float[rows * 3];
        for (int step = 0; step < 3; step++)
        {
            var before = fused.Layers.Select(l => (float[])l.Weights.Value.Clone()).ToArray();
            foreach (var (net, sgd) in new[] { (fused, fusedSgd), (separate, separateSgd) })
            {
                var logits = net.Forward(x, rows, ActivationContext.Evaluation);
                head.Evaluate(logits.AsSpan(0, rows * 3), rows, new BatchTargets(labels, default), g, true);
                net.Backward(g, rows);
                // The first step's gradients start out written, not zeroed: that step is never fused.
                if (net == fused)
                    for (int i = 0; i < net.Layers.Count; i++)
                        Assert.Equal(step > 0, !net.Layers[i].Weights.Value.SequenceEqual(before[i]));
                sgd.Step();
            }
            for (int i = 0; i < fused.Layers.Count; i++)
            {
                Assert.Equal(separate.Layers[i].Weights.Value.Select(BitConverter.SingleToInt32Bits), fused.Layers[i].Weights.Value.Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(separate.Layers[i].Bias.Value, fused.Layers[i].Bias.Value);
            }
        }
    }

    [Fact]
    public void Linear_network_equals_single_affine_map()
    {
        // Whatever its depth, a network without a nonlinearity computes x·W + b for one W and b.
        var net = new Network(3, [8, 8, 8], () => new Linear(), 2, 5);
        net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(3));
        foreach (var layer in net.Layers) GradientCheck.RandomArray(layer.Outputs, 4, 0.5f).CopyTo(layer.Bias.Value, 0);
        var x = GradientCheck.RandomArray(15, 9);
        var y = (float[])net.Forward(x, 5, ActivationContext.Evaluation).Clone();

        // Collapse: b = f(0), column j of W = f(e_j) − f(0).
        var zero = new float[3];
        var b = net.Forward(zero, 1, ActivationContext.Evaluation).AsSpan(0, 2).ToArray();
        var w = new float[3 * 2];
        for (int j = 0; j < 3; j++)
        {
            var e = new float[3];
            e[j] = 1;
            var fe = net.Forward(e, 1, ActivationContext.Evaluation);
            for (int o = 0; o < 2; o++) w[j * 2 + o] = fe[o] - b[o];
        }
        var affine = new float[10];
        Gemm.MultiplyNN(x, w, affine, 5, 3, 2, false);
        for (int i = 0; i < 10; i++) Assert.Equal(y[i], affine[i] + b[i % 2], 4);
    }

    [Fact]
    public void Prelu_slopes_are_trainable_parameters_initialised_at_a_quarter()
    {
        var net = new Network(3, [5, 4], () => ActivationRegistry.Create("prelu"), 2, 8);
        net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(1));
        var slopes = net.Layers.Take(2).Select(l => l.ActivationParameters!).ToList();
        Assert.Equal([5, 4], slopes.Select(p => p.Value.Length));
        Assert.All(slopes, p => Assert.All(p.Value, v => Assert.Equal(0.25f, v)));
        Assert.Equal(2 * 3 + 2, net.Parameters.Count);
        Assert.Null(net.Layers[^1].ActivationParameters);
    }
}
