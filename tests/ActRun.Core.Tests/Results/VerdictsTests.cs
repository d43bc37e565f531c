using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

public class VerdictsTests
{
    private static SummaryRecord Row(string activation, double accuracy, string status = "ok") =>
        new() { Activation = activation, TestAccuracy = accuracy, Status = status, Seeds = 3 };

    private static IEnumerable<RunFinal> Finals(string variant, params double[] accuracies) =>
        accuracies.Select((a, i) => new RunFinal("", variant, (ulong)i, a, 1 - a));

    [Fact]
    public void A_clear_win_is_better_with_interval_p_value_and_effect_size()
    {
        var pairs = Comparisons.Pairs([.. Finals("linear", 0.92, 0.921, 0.919), .. Finals("relu", 0.97, 0.968, 0.972)], regression: false);
        var r = Assert.Single(pairs);
        Assert.Equal(("relu", "linear"), (r.A, r.B));
        Assert.Equal("relu better", r.Verdict);
        Assert.Equal(0.05, r.T.MeanDifference, 12);
        Assert.True(r.T.CiLow > 0.04 && r.T.CiHigh < 0.06);
        Assert.True(r.PHolm < 0.01);
        Assert.Equal(3, r.N);
    }

    [Fact]
    public void Overlapping_results_are_inconclusive_with_the_seeds_that_would_settle_it()
    {
        var r = Assert.Single(Comparisons.Pairs([.. Finals("relu", 0.97, 0.95, 0.99), .. Finals("tanh", 0.96, 0.98, 0.95)], regression: false));
        // differences 0.01, −0.03, 0.04: mean 0.00667, sd 0.0351; detecting 0.00667 takes ((1.96 + 0.84)·0.0351/0.00667)² + 1.92 ≈ 220 seeds,
        // showing equivalence within 0.005 is impossible at that mean (it is outside the margin), so 220.
        Assert.Matches(@"^inconclusive — about \d+ seeds would settle it$", r.Verdict);
        double needed = Comparisons.SeedsNeeded(r.T, Comparisons.DefaultMargin, family: 1);
        Assert.Equal(PairedTests.SeedsToDetect(r.T.SdDifference, r.T.MeanDifference), needed);
        Assert.Contains($"about {needed} seeds", r.Verdict);
    }

    [Fact]
    public void Close_results_with_little_spread_are_equivalent_within_the_margin()
    {
        var r = Assert.Single(Comparisons.Pairs([.. Finals("relu", 0.950, 0.951, 0.949, 0.950), .. Finals("gelu", 0.9502, 0.9508, 0.9493, 0.9501)], regression: false));
        Assert.Equal("equivalent within ±0.5 points", r.Verdict);
        Assert.Equal("equivalent within ±1.0 points",
            Assert.Single(Comparisons.Pairs([.. Finals("relu", 0.950, 0.951, 0.949, 0.950), .. Finals("gelu", 0.9502, 0.9508, 0.9493, 0.9501)], false, margin: 0.01)).Verdict);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fewer_than_three_seeds_give_no_verdict(int seeds)
    {
        var r = Assert.Single(Comparisons.Pairs([.. Finals("relu", [.. new[] { 0.97, 0.96 }.Take(seeds)]), .. Finals("linear", [.. new[] { 0.92, 0.91 }.Take(seeds)])], regression: false));
        Assert.Equal($"{seeds} seed{(seeds == 1 ? "" : "s")}: too few for a verdict (3 or more needed)", r.Verdict);
    }

    [Fact]
    public void Holm_adjusts_over_every_pair_of_the_report()
    {
        var finals = new List<RunFinal>([.. Finals("a", 0.90, 0.91, 0.93, 0.92), .. Finals("b", 0.89, 0.905, 0.92, 0.90), .. Finals("c", 0.80, 0.82, 0.81, 0.83)]);
        var pairs = Comparisons.Pairs(finals, regression: false);
        Assert.Equal(["a vs b", "a vs c", "b vs c"], pairs.Select(p => $"{p.A} vs {p.B}"));
        Assert.Equal(PairedTests.Holm(pairs.Select(p => p.T.P).ToList()), pairs.Select(p => p.PHolm));
    }

    [Fact]
    public void A_regression_is_judged_on_R2_with_loss_RMSE_and_MAE_beside()
    {
        // linear's loss is 50× relu's: the report must say so (it once said "Nothing stands out").
        static IEnumerable<RunFinal> Run(string v, double loss, params double[] noise) =>
            noise.Select((e, i) => new RunFinal("", v, (ulong)i, double.NaN, loss + e, Math.Sqrt(loss + e), 0.8 * Math.Sqrt(loss + e), 1 - (loss + e) / 1.1));
        var pairs = Comparisons.Pairs([.. Run("linear", 1.07, 0.01, -0.02, 0.015), .. Run("relu", 0.021, 0.001, -0.001, 0.0005)], regression: true);
        Assert.Equal(["test_r2", "test_loss", "test_rmse", "test_mae"], pairs.Select(p => p.Metric.Column));
        var primary = pairs[0];
        Assert.True(primary.Primary);
        Assert.Equal(("relu", "linear", "relu better"), (primary.A, primary.B, primary.Verdict));
        Assert.Equal("relu lower (better)", pairs[1].Verdict);
    }

    [Fact]
    public void Vanishing_gradients_are_named_with_a_ratio_and_by_depth()
    {
        var layers = new List<LayerRecord>();
        for (int layer = 1; layer <= 5; layer++)
        {
            layers.Add(new LayerRecord { Activation = "relu", Epoch = 1, Layer = layer, GradNorm = 1.0 });
            layers.Add(new LayerRecord { Activation = "sigmoid", Epoch = 1, Layer = layer, GradNorm = Math.Pow(10, layer - 5) * 0.3 });
        }
        var verdicts = Verdicts.From([Row("relu", 0.99), Row("sigmoid", 0.5)], layers);
        Assert.Contains("sigmoid's first layer receives 1/33000 of the gradient that relu's does (epoch 1).", verdicts);
        Assert.Contains("In sigmoid's network the gradient shrinks 1000× from hidden layer 4 back to layer 1 (epoch 1): vanishing gradients.", verdicts);
    }

    [Fact]
    public void Vanishing_gradients_compare_the_dense_kernels_of_a_network_with_normalization_layers()
    {
        // [dense, batch_norm, act] × 4 then the output dense layer: only the kernels' gradients compare (γ's are another quantity).
        string[] kinds = ["dense", "batch_norm", "act", "dense", "batch_norm", "act", "dense", "batch_norm", "act", "dense", "batch_norm", "act", "dense"];
        var layers = kinds.Select((kind, i) => new LayerRecord
        {
            Activation = "sigmoid", Epoch = 1, Layer = i + 1, LayerKind = kind,
            GradNorm = kind switch { "dense" => Math.Pow(10, i / 3 - 3), "batch_norm" => 1e-9, _ => double.NaN },
        }).ToList();

        var verdicts = Verdicts.From([Row("sigmoid", 0.5)], layers);

        Assert.Contains("In sigmoid's network the gradient shrinks 1000× from hidden layer 10 back to layer 1 (epoch 1): vanishing gradients.", verdicts);
    }

    [Fact]
    public void Dead_units_and_divergence_are_reported()
    {
        var layers = new List<LayerRecord>
        {
            new() { Activation = "relu", Epoch = 3, Layer = 2, DeadFraction = 0.25 },
            new() { Activation = "elu", Epoch = 3, Layer = 2, DeadFraction = 0 },
        };
        var diverged = Row("log(x)", double.NaN, "diverged: 3/3 runs at epoch 1");
        diverged.RunsDiverged = 3;
        var someDiverged = Row("elu", 0.9, "diverged: 1/3 runs at epoch 2");
        (someDiverged.RunsDiverged, someDiverged.RunsFinished) = (1, 2);
        var verdicts = Verdicts.From([Row("relu", 0.9), diverged, someDiverged], layers);
        Assert.Contains("log(x) diverged: 3/3 runs at epoch 1: the loss became NaN or infinite or grew past the divergence bound, so training stopped there.", verdicts);
        Assert.Contains("elu diverged: 1/3 runs at epoch 2: the loss became NaN or infinite or grew past the divergence bound, so training stopped there; its means are over the 2 run(s) that finished.", verdicts);
        Assert.Contains("relu: dead units (zero derivative for every probe sample) after epoch 3: 25% of layer 2.", verdicts);
        Assert.DoesNotContain(verdicts, v => v.StartsWith("elu:"));
    }

    [Theory]
    [InlineData(1.0 / 300, "1/300")]
    [InlineData(1.0 / 3.3, "1/3.3")]
    [InlineData(12.4, "12×")]
    [InlineData(1234, "1200×")]
    public void Ratios_read_naturally(double ratio, string expected) => Assert.Equal(expected, Verdicts.Ratio(ratio));

    [Fact]
    public void Report_leads_with_the_verdict_table_then_summary_diagnostics_plots_and_settings()
    {
        var pairs = Comparisons.Pairs([.. Finals("relu", 0.99, 0.98, 0.985), .. Finals("tanh", 0.95, 0.96, 0.955)], regression: false);
        string md = ReportWriter.Build("dataset: circles\n", [Row("relu", 0.99)], new ReportVerdicts(pairs), ["relu: dead units."], [new("accuracy.png", "Accuracy per epoch")]);
        Assert.StartsWith("# ActRun report\n\n## Verdicts\n\n", md);
        Assert.Contains("| pair | metric | mean difference | 95% CI | p (Holm) | Wilcoxon p (Holm) | d_z | n | verdict |", md);
        Assert.Contains("| `relu` vs `tanh` | test accuracy | +3.00 pts | ", md);
        Assert.Contains(" | 3 | relu better |", md);
        Assert.True(md.IndexOf("## Verdicts", StringComparison.Ordinal) < md.IndexOf("## Summary", StringComparison.Ordinal));
        Assert.Contains("## Diagnostics\n\n- relu: dead units.", md);
        Assert.Contains("| `relu` | 0.9900 |", md);
        Assert.Contains("![Accuracy per epoch](accuracy.png)", md);
        Assert.Contains("```yaml\ndataset: circles\n```", md);
    }
}
