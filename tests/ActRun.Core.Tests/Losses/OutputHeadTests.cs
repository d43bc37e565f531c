using ActRun.Core.Losses;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Losses;

public class OutputHeadTests
{
    public static TheoryData<string, int> Heads => new()
    {
        { "softmax", 10 }, { "softmax", 3 }, { "log_softmax", 4 }, { "sparsemax", 5 }, { "sparsemax", 2 },
        { "sigmoid", 2 }, { "sigmoid", 4 }, { "tanh", 2 }, { "linear", 3 }, { "linear", 2 },
    };

    [Theory]
    [MemberData(nameof(Heads))]
    public void Logit_gradient_matches_finite_differences(string name, int classes)
    {
        const int rows = 5;
        var data = TinyData.Classification(rows, 2, classes, 11);
        var head = OutputHead.Create(name, data);
        int k = head.OutputUnits(data);
        var logits = GradientCheck.RandomArray(rows * k, 12, 2f);
        var labels = data.Train.Labels!;
        var gradient = new float[rows * k];
        head.Evaluate(logits, rows, new BatchTargets(labels, default), gradient, computeGradient: true);
        GradientCheck.AssertMatches(logits, gradient,
            () => head.Evaluate(logits, rows, new BatchTargets(labels, default), default, false).LossSum / rows,
            step: 1e-3, absolute: 1e-4, relative: 1e-2, what: $"{name} logit");
    }

    [Fact]
    public void Regression_mse_gradient_matches_finite_differences()
    {
        var data = TinyData.Regression(6, 2, 3);
        var head = OutputHead.Create("auto", data);
        Assert.IsType<LinearMse>(head);
        var logits = GradientCheck.RandomArray(6, 4);
        var targets = data.Train.Targets!;
        var gradient = new float[6];
        head.Evaluate(logits, 6, new BatchTargets(default, targets), gradient, true);
        GradientCheck.AssertMatches(logits, gradient, () => head.Evaluate(logits, 6, new BatchTargets(default, targets), default, false).LossSum / 6,
            step: 1e-3, absolute: 1e-4, relative: 1e-2);
    }

    [Fact]
    public void Softmax_cross_entropy_known_value_and_stability_at_huge_logits()
    {
        var head = new SoftmaxCrossEntropy();
        // Uniform logits over 4 classes: loss ln 4.
        var loss = head.Evaluate(new float[] { 1, 1, 1, 1 }, 1, new BatchTargets(new[] { 2 }, default), default, false);
        Assert.Equal(Math.Log(4), loss.LossSum, 6);
        // Logits of ±1000 would overflow a naive exp; the true-class logit is largest, so loss ≈ 0 and finite.
        var gradient = new float[3];
        var big = head.Evaluate(new float[] { 1000, -1000, 0 }, 1, new BatchTargets(new[] { 0 }, default), gradient, true);
        Assert.Equal(0, big.LossSum, 6);
        Assert.Equal(1, big.Correct);
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        // Wrong class by 1000: loss is the margin, 1000, not infinity.
        var wrong = head.Evaluate(new float[] { 1000, -1000, 0 }, 1, new BatchTargets(new[] { 1 }, default), default, false);
        Assert.Equal(2000, wrong.LossSum, 3);
    }

    [Fact]
    public void Binary_cross_entropy_is_finite_for_huge_logits()
    {
        var head = new SigmoidBinaryCrossEntropy();
        var gradient = new float[2];
        var loss = head.Evaluate(new float[] { 100, -100 }, 2, new BatchTargets(new[] { 0, 1 }, default), gradient, true);
        Assert.Equal(200, loss.LossSum, 3);
        Assert.Equal(0, loss.Correct);
        Assert.Equal([0.5f, -0.5f], gradient);
    }

    [Theory]
    [InlineData(10, "softmax")]
    [InlineData(2, "sigmoid")]
    public void Auto_follows_the_usual_rule(int classes, string expected)
    {
        var data = TinyData.Classification(4, 2, classes, 1);
        Assert.Equal(expected, OutputHead.Create("auto", data).Activation);
    }

    [Fact]
    public void Unknown_output_activation_suggests_the_closest()
    {
        var e = Assert.Throws<ConfigException>(() => OutputHead.Create("softmx", TinyData.Classification(4, 2, 3, 1)));
        Assert.Contains("Did you mean 'softmax'?", e.Message);
    }

    [Fact]
    public void Sparsemax_projects_onto_the_simplex_with_exact_zeros()
    {
        // z = (1, 0.8, -1): τ = 0.4, p = (0.6, 0.4, 0); the loss of class 0 is −1 + ½(1 + 0.64 − 2·0.16) + ½ = 0.16.
        var head = new SparsemaxLoss();
        var gradient = new float[3];
        var loss = head.Evaluate(new float[] { 1f, 0.8f, -1f }, 1, new BatchTargets(new[] { 0 }, default), gradient, true);
        Assert.Equal(0.16, loss.LossSum, 5);
        Assert.Equal(-0.4f, gradient[0], 5);
        Assert.Equal(0.4f, gradient[1], 5);
        Assert.Equal(0f, gradient[2]);
    }

    [Fact]
    public void Sparsemax_loss_is_zero_when_the_true_class_wins_by_a_margin_of_one()
    {
        var loss = new SparsemaxLoss().Evaluate(new float[] { 3f, 1f, 0f }, 1, new BatchTargets(new[] { 0 }, default), default, false);
        Assert.Equal(0, loss.LossSum, 6);
    }

    [Fact]
    public void Tanh_output_reads_as_probability_half_tanh_plus_half()
    {
        // z = 0.3: p = (tanh 0.3 + 1)/2; the loss of label 1 is −log p.
        var loss = new TanhBinaryCrossEntropy().Evaluate(new float[] { 0.3f }, 1, new BatchTargets(new[] { 1 }, default), default, false);
        Assert.Equal(-Math.Log((Math.Tanh(0.3) + 1) / 2), loss.LossSum, 6);
    }

    [Fact]
    public void Log_softmax_nll_has_its_known_value()
    {
        // z = (1, 2, 3), label 0: loss = logsumexp(z) − 1 = 2 + log(1 + e⁻¹ + e⁻²); gradient softmax(z) − (1, 0, 0).
        var gradient = new float[3];
        var loss = new LogSoftmaxNll().Evaluate(new float[] { 1, 2, 3 }, 1, new BatchTargets(new[] { 0 }, default), gradient, true);
        Assert.Equal(2.4076059644443806, loss.LossSum, 1e-12);
        Assert.Equal(0, loss.Correct);
        double[] expected = [0.09003057317038046 - 1, 0.24472847105479764, 0.6652409557748219];
        for (int j = 0; j < 3; j++) Assert.Equal(expected[j], gradient[j], 1e-7);
    }

    public static TheoryData<string, int> AllHeads => new()
    {
        { "softmax", 3 }, { "softmax", 10 }, { "log_softmax", 4 }, { "sparsemax", 5 }, { "sparsemax", 2 }, { "sigmoid", 2 },
        { "sigmoid", 4 }, { "tanh", 2 }, { "linear", 3 }, { "linear", 2 }, { "linear", 0 },
    };

    /// <summary>
    /// Every head against its textbook definition in double (<see cref="ReferenceHeads"/>): the loss to 2e-7
    /// relative (the engine sums in double; differences such as z − max are taken in float), the gradient to
    /// float precision, the correct count exactly. Logits
    /// reach ±6, so the tails of exp and log are in play. Classes 0 is the regression form of linear.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllHeads))]
    public void Loss_gradient_and_correct_count_match_the_double_precision_definition(string name, int classes)
    {
        const int rows = 32;
        var data = classes == 0 ? TinyData.Regression(rows, 2, 13) : TinyData.Classification(rows, 2, classes, 13);
        var head = OutputHead.Create(name, data);
        int k = head.OutputUnits(data);
        var logits = GradientCheck.RandomArray(rows * k, 14, 2.5f);
        int[]? labels = data.Train.Labels;
        double[]? targets = data.Train.Targets?.Select(v => (double)v).ToArray();
        var gradient = new float[rows * k];

        var loss = head.Evaluate(logits, rows, new BatchTargets(labels, data.Train.Targets), gradient, computeGradient: true);

        double[] z = logits.Select(v => (double)v).ToArray();
        double expectedLoss = ReferenceHeads.Loss(name, z, rows, labels, targets);
        double[] expectedGradient = ReferenceHeads.Gradient(name, z, rows, labels, targets);
        Assert.True(Math.Abs(loss.LossSum / rows - expectedLoss) <= 2e-7 * expectedLoss, $"{name} loss {loss.LossSum / rows:R}, reference {expectedLoss:R}");
        double largest = expectedGradient.Max(Math.Abs);
        for (int i = 0; i < gradient.Length; i++)
            Assert.True(Math.Abs(gradient[i] - expectedGradient[i]) <= 1e-6 * Math.Abs(expectedGradient[i]) + 1e-7 * largest,
                $"{name} gradient[{i}] = {gradient[i]:R}, reference {expectedGradient[i]:R}");
        if (labels is null) return;
        Assert.Equal(ReferenceHeads.Correct(name, z, rows, labels), loss.Correct);
        // Row by row too: a count can hide two opposite errors.
        for (int r = 0; r < rows; r++)
        {
            var one = head.Evaluate(logits.AsSpan(r * k, k), 1, new BatchTargets(labels.AsSpan(r, 1), default), default, false);
            Assert.True(ReferenceHeads.Correct(name, z[(r * k)..((r + 1) * k)], 1, labels[r..(r + 1)]) == one.Correct, $"{name} row {r}: logits {string.Join(", ", z[(r * k)..((r + 1) * k)])}, label {labels[r]}");
        }
    }

    /// <summary>The reference gradients are those of the reference losses (central differences in double).</summary>
    [Theory]
    [MemberData(nameof(AllHeads))]
    public void Reference_head_gradients_are_the_derivatives_of_the_reference_losses(string name, int classes)
    {
        const int rows = 32;
        var data = classes == 0 ? TinyData.Regression(rows, 2, 13) : TinyData.Classification(rows, 2, classes, 13);
        int k = OutputHead.Create(name, data).OutputUnits(data);
        double[] z = GradientCheck.RandomArray(rows * k, 14, 2.5f).Select(v => (double)v).ToArray();
        int[]? labels = data.Train.Labels;
        double[]? targets = data.Train.Targets?.Select(v => (double)v).ToArray();
        double[] analytic = ReferenceHeads.Gradient(name, z, rows, labels, targets);
        for (int i = 0; i < z.Length; i++)
        {
            double numeric = ReferenceGradient.CentralDifference(z, i, 1e-4, () => ReferenceHeads.Loss(name, z, rows, labels, targets));
            Assert.True(Math.Abs(analytic[i] - numeric) <= 1e-7 * Math.Abs(analytic[i]) + 1e-10, $"{name} [{i}]: {analytic[i]:R} vs {numeric:R}");
        }
    }

    [Fact]
    public void Tanh_output_on_more_than_two_classes_is_a_config_error()
    {
        var e = Assert.Throws<ConfigException>(() => OutputHead.Create("tanh", TinyData.Classification(4, 2, 3, 1)));
        Assert.Contains("binary", e.Message);
    }
}
