using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.Activations;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Layers;

public class NetworkGradientTests
{
    /// <summary>Catalog entries with non-default settings that change their formula's branches.</summary>
    private static readonly string[] ExtraActivations =
    [
        "leaky_relu(0.2)", "elu(alpha=0.5)", "softplus(beta=2, threshold=10)", "relu(negative_slope=0.1, max_value=1.5, threshold=0.2)",
        "prelu(init=0.1)", "celu(alpha=2)", "gelu(approximate=true)", "hard_tanh(min_val=-0.5, max_val=0.5)",
        "threshold(threshold=0.3, value=-1)", "squareplus(b=1)",
    ];

    /// <summary>Custom expressions with their formulas written by hand, and their kinks.</summary>
    private static readonly Dictionary<string, (Func<double, double> F, double[] Kinks)> Expressions = new()
    {
        ["x*sigmoid(1.5*x)"] = (x => x * ReferenceMath.Sigmoid(1.5 * x), []),
        ["sin(x)+x^2/8"] = (x => Math.Sin(x) + x * x / 8, []),
        ["max(x,0.1*x)"] = (x => x > 0 ? x : 0.1 * x, [0]),
    };

    /// <summary>Each head once with its class count; classes 0 is regression (linear + MSE on values).</summary>
    private static readonly (string Head, int Classes)[] Heads =
        [("softmax", 3), ("log_softmax", 3), ("sparsemax", 3), ("sigmoid", 2), ("sigmoid", 3), ("tanh", 2), ("linear", 3), ("linear", 0)];

    /// <summary>Every catalog activation (rrelu also in training mode, with its random slopes), the extra settings and the expressions, with every head.</summary>
    public static TheoryData<string, bool, string, int> ActivationsAndHeads()
    {
        var data = new TheoryData<string, bool, string, int>();
        var activations = ActivationRegistry.Entries.Select(e => (e.Name, false))
            .Append(("rrelu", true)).Append(("rrelu(lower=0.1, upper=0.6)", true))
            .Concat(ExtraActivations.Select(a => (a, false))).Concat(Expressions.Keys.Select(e => (e, false)));
        foreach (var (activation, training) in activations)
            foreach (var (head, classes) in Heads)
                data.Add(activation, training, head, classes);
        return data;
    }

    /// <summary>
    /// The engine's float gradients of a 5 → 7 → 4 → k network against a double-precision reference of the same
    /// network (<see cref="ReferenceNetwork"/>, activations from <see cref="ActivationReferences"/>, heads from
    /// <see cref="ReferenceHeads"/>), for every activation and head. The reference's own gradient is checked first:
    /// back-propagation against central differences of its forward pass, to 1e-6 relative. Then every float gradient
    /// (kernels, biases, prelu's slopes) must match it to 1e-4 relative, with a floor of 1e-6 of the largest
    /// gradient for elements that are sums of cancelling terms. Pre-activations are kept 0.05 from every kink.
    /// </summary>
    [Theory]
    [MemberData(nameof(ActivationsAndHeads))]
    public void Float_gradients_match_a_double_precision_reference_network(string activation, bool training, string headName, int classes)
    {
        const int rows = 6, features = 5;
        int[] hidden = [7, 4];
        var data = classes == 0 ? TinyData.Regression(rows, features, 21) : TinyData.Classification(rows, features, classes, 21);
        var head = OutputHead.Create(headName, data);
        var x = new float[rows * features];
        data.Train.Features.CopyRange(0, rows, x);
        double[] xd = x.Select(v => (double)v).ToArray();
        int[]? labels = data.Train.Labels;
        double[]? targets = data.Train.Targets?.Select(v => (double)v).ToArray();

        var net = new Network(features, hidden, () => ActivationRegistry.Create(activation), head.OutputUnits(data), rows);
        net.Initialize(InitializerRegistry.Get("glorot_normal"), new Rng(7));
        for (int l = 0; l < net.DenseLayers.Count; l++) GradientCheck.RandomArray(net.DenseLayers[l].Outputs, 100 + l, 0.3f).CopyTo(net.DenseLayers[l].Bias.Value, 0);
        var (reference, kinks) = Reference(activation, training, net, rows, [features, .. hidden, net.Outputs]);
        ClearOfKinks(net, reference, xd, rows, kinks, headName);
        double Loss() => ReferenceHeads.Loss(headName, reference.Logits(xd, rows), rows, labels, targets);

        var numeric = reference.NumericGradient(Loss);
        var backprop = reference.BackpropGradient(xd, rows, ReferenceHeads.Gradient(headName, reference.Logits(xd, rows), rows, labels, targets));
        AssertClose(numeric, backprop, 1e-6, 1e-9, $"{activation}/{headName} reference back-propagation");

        var context = training ? new ActivationContext(true, new Rng(RreluSeed)) : ActivationContext.Evaluation;
        var logits = net.Forward(x, rows, context);
        var gradient = new float[rows * net.Outputs];
        head.Evaluate(logits.AsSpan(0, rows * net.Outputs), rows, new BatchTargets(labels, data.Train.Targets), gradient, computeGradient: true);
        net.Backward(gradient, rows);
        var engine = net.Parameters.Select(p => p.Gradient.Select(v => (double)v).ToArray()).ToList();
        AssertClose(numeric, engine, 1e-4, 1e-6, $"{activation}{(training ? " (training)" : "")}/{headName} float gradient");
    }

    private const int RreluSeed = 99;

    /// <summary>
    /// The double network with the engine's weights, and the hidden activation's kinks. rrelu in training mode
    /// gets the slopes the engine draws: one per element, layer after layer, lower + (upper − lower)·u in float.
    /// </summary>
    private static (ReferenceNetwork Network, double[] Kinks) Reference(string text, bool training, Network net, int rows, int[] sizes)
    {
        int layers = sizes.Length - 2;
        var activations = new ReferenceActivation[layers];
        var parameterCounts = new int[layers];
        double[] kinks;
        if (Expressions.TryGetValue(text, out var expression))
        {
            Array.Fill(activations, (z, _, _, _) => expression.F(z));
            kinks = expression.Kinks;
        }
        else
        {
            var spec = ActivationRegistry.Create(text).Spec;
            double P(string name) => ActivationReferences.ParameterValue(spec, name);
            var reference = ActivationReferences.ByName[spec.Name];
            kinks = reference.Kinks?.Invoke(P) ?? [];
            if (spec.Name == "prelu")
            {
                Array.Fill(activations, (z, _, unit, slopes) => z > 0 ? z : slopes[unit] * z);
                for (int l = 0; l < layers; l++) parameterCounts[l] = sizes[l + 1];
            }
            else if (training && spec.Name == "rrelu")
            {
                var rng = new Rng(RreluSeed);
                float lower = (float)P("lower"), upper = (float)P("upper");
                for (int l = 0; l < layers; l++)
                {
                    int m = sizes[l + 1];
                    double[] drawn = Enumerable.Range(0, rows * m).Select(_ => (double)(lower + (upper - lower) * rng.NextFloat())).ToArray();
                    activations[l] = (z, row, unit, _) => z >= 0 ? z : drawn[row * m + unit] * z;
                }
            }
            else
                Array.Fill(activations, (z, _, _, _) => reference.F(P, z));
        }
        var network = new ReferenceNetwork(sizes, activations, parameterCounts);
        CopyWeights(net, network);
        return (network, kinks);
    }

    private static void CopyWeights(Network net, ReferenceNetwork reference)
    {
        for (int i = 0; i < net.Parameters.Count; i++)
            for (int j = 0; j < net.Parameters[i].Value.Length; j++) reference.Parameters[i][j] = net.Parameters[i].Value[j];
    }

    /// <summary>
    /// Moves each hidden unit's bias by the first of a fixed list of shifts that keeps all its pre-activations
    /// 0.05 from every kink of the activation, layer by layer; for sparsemax, tries a bounded list of output biases
    /// until no logit is within 0.02 of the threshold (where the support changes). Deterministic and bounded: a
    /// case that finds no such shift fails and says so.
    /// </summary>
    private static void ClearOfKinks(Network net, ReferenceNetwork reference, double[] x, int rows, double[] kinks, string head)
    {
        double[] shifts = [0, .. Enumerable.Range(1, 20).SelectMany(i => new[] { 0.06 * i, -0.06 * i })];
        for (int l = 0; l < net.DenseLayers.Count - 1 && kinks.Length > 0; l++)
        {
            var layer = net.DenseLayers[l];
            double[] z = reference.PreActivations(x, rows)[l];
            for (int j = 0; j < layer.Outputs; j++)
            {
                double shift = shifts.FirstOrDefault(s => Enumerable.Range(0, rows).All(r => kinks.All(k => Math.Abs(z[r * layer.Outputs + j] + s - k) >= 0.05)), double.NaN);
                Assert.False(double.IsNaN(shift), $"no bias shift keeps unit {j} of layer {l} clear of the kinks");
                layer.Bias.Value[j] += (float)shift;
            }
            CopyWeights(net, reference);
        }
        if (head != "sparsemax") return;
        var output = net.DenseLayers[^1];
        for (int attempt = 0; ; attempt++)
        {
            Assert.True(attempt < 100, "no output bias keeps the sparsemax logits clear of the threshold");
            GradientCheck.RandomArray(output.Outputs, 200 + attempt, 0.5f).CopyTo(output.Bias.Value, 0);
            CopyWeights(net, reference);
            double[] logits = reference.Logits(x, rows);
            int k = output.Outputs;
            bool clear = Enumerable.Range(0, rows).All(r =>
            {
                double[] row = logits[(r * k)..((r + 1) * k)];
                double tau = ReferenceHeads.SparsemaxThreshold(row);
                return row.All(v => Math.Abs(v - tau) >= 0.02);
            });
            if (clear) return;
        }
    }

    /// <summary>|actual − expected| ≤ relative·|expected| + floor·(largest |expected| of the network), element by element.</summary>
    private static void AssertClose(List<double[]> expected, List<double[]> actual, double relative, double floor, string what)
    {
        double largest = expected.SelectMany(g => g).Max(Math.Abs);
        Assert.True(largest > 1e-3, $"{what}: the gradient is all but zero ({largest:G3}), so the check would prove nothing");
        for (int t = 0; t < expected.Count; t++)
            for (int i = 0; i < expected[t].Length; i++)
                Assert.True(Math.Abs(actual[t][i] - expected[t][i]) <= relative * Math.Abs(expected[t][i]) + floor * largest,
                    $"{what}, parameter {t} [{i}]: {actual[t][i]:R} vs reference {expected[t][i]:R}");
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
        var fusedSgd = new Sgd(fused.Parameters, 0.05, team: team);
        var separateSgd = new Sgd(separate.Parameters, 0.05, team: team);
        var g = new float[rows * 3];
        for (int step = 0; step < 3; step++)
        {
            var before = fused.DenseLayers.Select(l => (float[])l.Weights.Value.Clone()).ToArray();
            foreach (var (net, sgd) in new[] { (fused, fusedSgd), (separate, separateSgd) })
            {
                var logits = net.Forward(x, rows, ActivationContext.Evaluation);
                head.Evaluate(logits.AsSpan(0, rows * 3), rows, new BatchTargets(labels, default), g, true);
                // The optimizer offers its plain step to the fused network's layers.
                net.Backward(g, rows, net == fused ? sgd : null);
                // The first step's gradients start out written, not zeroed: that step is never fused.
                if (net == fused)
                    for (int i = 0; i < net.DenseLayers.Count; i++)
                        Assert.Equal(step > 0, !net.DenseLayers[i].Weights.Value.SequenceEqual(before[i]));
                sgd.Step();
            }
            for (int i = 0; i < fused.DenseLayers.Count; i++)
            {
                Assert.Equal(separate.DenseLayers[i].Weights.Value.Select(BitConverter.SingleToInt32Bits), fused.DenseLayers[i].Weights.Value.Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(separate.DenseLayers[i].Bias.Value, fused.DenseLayers[i].Bias.Value);
            }
        }
    }

    [Fact]
    public void Linear_network_equals_single_affine_map()
    {
        // Whatever its depth, a network without a nonlinearity computes x·W + b for one W and b.
        var net = new Network(3, [8, 8, 8], () => new Linear(), 2, 5);
        net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(3));
        foreach (var layer in net.DenseLayers) GradientCheck.RandomArray(layer.Outputs, 4, 0.5f).CopyTo(layer.Bias.Value, 0);
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
        Assert.Null(net.DenseLayers[^1].ActivationParameters);
    }
}
