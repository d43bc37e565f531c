using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

public class VerdictsTests
{
    private static SummaryRecord Row(string activation, double accuracy, string status = "ok") =>
        new() { Activation = activation, TestAccuracy = accuracy, Status = status, Seeds = 3 };

    private static IEnumerable<MetricRecord> Finals(string activation, params double[] accuracies) =>
        accuracies.Select((a, i) => new MetricRecord { Activation = activation, Seed = (ulong)i, Epoch = 5, TestAccuracy = a });

    [Fact]
    public void A_clear_win_reports_points_interval_and_p_value()
    {
        var metrics = Finals("relu", 0.97, 0.968, 0.972).Concat(Finals("linear", 0.92, 0.921, 0.919)).ToList();
        var verdicts = Verdicts.From([Row("relu", 0.97), Row("linear", 0.92)], metrics, []);
        string v = Assert.Single(verdicts);
        Assert.StartsWith("relu beats linear by 5.0 points (95% CI ", v);
        Assert.Contains("Welch t-test p < 0.001, 3 seeds).", v);
    }

    [Fact]
    public void Overlapping_results_are_called_indistinguishable()
    {
        var metrics = Finals("relu", 0.97, 0.95, 0.99).Concat(Finals("tanh", 0.96, 0.98, 0.95)).ToList();
        string v = Assert.Single(Verdicts.From([Row("relu", 0.97), Row("tanh", 0.963)], metrics, []));
        Assert.StartsWith("relu and tanh are not distinguishable: 0.7 points apart", v);
    }

    [Fact]
    public void One_seed_asks_for_more_seeds()
    {
        var metrics = Finals("relu", 0.97).Concat(Finals("linear", 0.92)).ToList();
        string v = Assert.Single(Verdicts.From([Row("relu", 0.97), Row("linear", 0.92)], metrics, []));
        Assert.Equal("relu beats linear by 5.0 points (one seed: run with --seeds 3 or more for a confidence interval).", v);
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
        var verdicts = Verdicts.From([Row("relu", 0.99), Row("sigmoid", 0.5)], [], layers);
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

        var verdicts = Verdicts.From([Row("sigmoid", 0.5)], [], layers);

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
        var verdicts = Verdicts.From([Row("relu", 0.9), diverged, someDiverged], [], layers);
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
    public void Report_embeds_verdicts_table_plots_and_settings()
    {
        string md = ReportWriter.Build("dataset: circles\n", [Row("relu", 0.99)], ["relu wins."], [new("accuracy.png", "Accuracy per epoch")]);
        Assert.Contains("- relu wins.", md);
        Assert.Contains("| `relu` | 0.9900 |", md);
        Assert.Contains("![Accuracy per epoch](accuracy.png)", md);
        Assert.Contains("```yaml\ndataset: circles\n```", md);
    }
}
