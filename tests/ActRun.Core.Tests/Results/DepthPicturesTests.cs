using ActRun.Core.Experiments;
using ActRun.Core.Results;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Results;

/// <summary>
/// The numbers behind the report's pictures through depth and over seeds (issue 18.4): a mean with the seeds' minimum
/// to maximum at each x, each hidden layer's activations found in layers.csv, and accuracy against depth.
/// </summary>
public class DepthPicturesTests
{
    [Fact]
    public void A_seed_band_is_the_mean_min_max_and_sample_deviation_at_each_x_over_finite_values()
    {
        var band = SeedBand.Of([(2, 0.6), (1, 0.9), (1, 0.7), (1, 0.8), (2, double.NaN), (3, double.PositiveInfinity)]);

        Assert.Equal([1.0, 2.0], band.Select(p => p.X));
        Assert.Equal(0.8, band[0].Mean, 12);
        Assert.Equal((0.7, 0.9, 3), (band[0].Min, band[0].Max, band[0].N));
        Assert.Equal(0.1, band[0].Std, 12);
        // One finite run: its value is the mean and both ends of the band; no deviation.
        Assert.Equal((0.6, 0.6, 0.6, 1), (band[1].Mean, band[1].Min, band[1].Max, band[1].N));
        Assert.True(double.IsNaN(band[1].Std));
    }

    [Fact]
    public void A_plain_stack_s_activation_layers_are_its_dense_layers_but_the_output_layer()
    {
        var rows = Layers("run", 1, ["dense", "dense", "dense"]);

        Assert.Equal([(1, 1), (2, 2)], LayerProfiles.ActivationLayers(rows).Select(d => (d.Depth, d.Row.Layer)));
        // Files written before layer kinds have the same layers with no kind.
        Assert.Equal([1, 2], LayerProfiles.ActivationLayers(Layers("run", 1, ["", "", ""])).Select(d => d.Row.Layer));
    }

    [Fact]
    public void With_act_layers_the_activation_layers_are_those_numbered_by_depth()
    {
        // hidden: [8, 8] with norm: batch and dropout: dense, batch_norm, act, dropout per width, then the output layer.
        var rows = Layers("run", 1, ["dense", "batch_norm", "act", "dropout", "dense", "batch_norm", "act", "dropout", "dense"]);

        Assert.Equal([(1, 3), (2, 7)], LayerProfiles.ActivationLayers(rows).Select(d => (d.Depth, d.Row.Layer)));
    }

    [Fact]
    public void A_spec_that_mixes_both_takes_each_hidden_layer_s_act_layer_or_else_its_dense_layer()
    {
        // [dense(8), act, alpha_dropout, dense(8), batch_norm, act]: the first pair is one dense layer with its activation.
        var rows = Layers("run", 1, ["dense", "alpha_dropout", "dense", "batch_norm", "act", "dense"]);

        Assert.Equal([(1, 1), (2, 5)], LayerProfiles.ActivationLayers(rows).Select(d => (d.Depth, d.Row.Layer)));
    }

    [Fact]
    public void A_layer_profile_averages_the_seeds_at_each_depth_in_each_run_s_last_epoch_or_a_given_one()
    {
        // Two seeds of relu with 2 hidden layers over 2 epochs; the activation mean is seed + layer / 10 + epoch / 100.
        var rows = new List<LayerRecord>();
        foreach (ulong seed in new ulong[] { 1, 3 })
            for (int epoch = 1; epoch <= 2; epoch++)
                rows.AddRange(Layers($"r{seed}", epoch, ["dense", "dense", "dense"], seed, (layer, e) => seed + layer / 10.0 + e / 100.0));
        // A variant not in the order is left out; a variant in the order without rows gets no profile.
        rows.AddRange(Layers("other", 1, ["dense", "dense"], 9, (_, _) => 100).Select(l => { l.Activation = "tanh"; return l; }));

        var last = LayerProfiles.Of(rows, ["relu", "gelu"], null, l => l.ActivationMean);
        var first = LayerProfiles.Of(rows, ["relu"], 1, l => l.ActivationMean);

        var relu = Assert.Single(last);
        Assert.Equal("relu", relu.Variant);
        Assert.Equal([1.0, 2.0], relu.Points.Select(p => p.X));
        Assert.Equal([2.12, 2.22], relu.Points.Select(p => Math.Round(p.Mean, 10)));
        Assert.Equal([(1.12, 3.12), (1.22, 3.22)], relu.Points.Select(p => (Math.Round(p.Min, 10), Math.Round(p.Max, 10))));
        Assert.Equal([2.11, 2.21], Assert.Single(first).Points.Select(p => Math.Round(p.Mean, 10)));
    }

    private static readonly ExperimentPlan DepthPlan = ExperimentPlan.Create(ConfigReader.Parse("""
        dataset: circles
        train: {epochs: 2}
        seeds: 2
        sweep:
          model.activation: [relu, tanh]
          model.hidden: [[8], [8, 8]]
        """, "exp.yaml"));

    /// <summary>A finished run whose test accuracy at its last epoch is <paramref name="accuracy"/>.</summary>
    private static (PlannedRun, RunResult) Finished(PlannedRun run, double accuracy, RunStatus status = RunStatus.Ok) =>
        (run, new RunResult(run.Settings, [new EpochMetrics(1, 1, 0.5, 1, 0.5, 0.1), new EpochMetrics(2, 0.5, accuracy, 0.5, accuracy, 0.1)], status));

    [Fact]
    public void A_depth_sweep_gives_one_series_per_activation_with_the_seeds_band_at_each_depth()
    {
        var runs = DepthPlan.Runs.Select(r => Finished(r,
            (r.Variant.Activation == "relu" ? 0.8 : 0.6) + 0.1 * (r.Settings.Model.Hidden.Count - 1) + 0.02 * r.SeedIndex)).ToList();

        var points = DepthSweep.Runs(runs);
        var series = DepthSweep.Bands(points, r => r.TestAccuracy);

        Assert.Equal(8, points.Count);
        Assert.Equal(["relu", "tanh"], series.Select(s => s.Series));
        Assert.Equal([1.0, 2.0], series[0].Points.Select(p => p.X));
        Assert.Equal([0.81, 0.91], series[0].Points.Select(p => Math.Round(p.Mean, 10)));
        Assert.Equal([(0.8, 0.82), (0.9, 0.92)], series[0].Points.Select(p => (Math.Round(p.Min, 10), Math.Round(p.Max, 10))));
        Assert.Equal([0.61, 0.71], series[1].Points.Select(p => Math.Round(p.Mean, 10)));
        Assert.All(series.SelectMany(s => s.Points), p => Assert.Equal(2, p.N));
    }

    [Fact]
    public void Runs_that_did_not_finish_are_not_points_of_the_depth_sweep()
    {
        var runs = DepthPlan.Runs.Select((r, i) => Finished(r, 0.9, i == 0 ? RunStatus.Diverged : RunStatus.Ok)).ToList();

        Assert.Equal(DepthPlan.Runs.Count - 1, DepthSweep.Runs(runs).Count);
    }

    [Theory]
    // Depth does not vary.
    [InlineData("model.activation: [relu, tanh]")]
    // Two widths at one depth in a series ([10] and [100]): a line through depth alone would mix them.
    [InlineData("model.hidden: [[10], [100], [10, 10]]")]
    public void No_depth_plot_without_a_sweep_where_depth_alone_tells_the_variants_of_a_series_apart(string sweep)
    {
        var plan = ExperimentPlan.Create(ConfigReader.Parse($"""
            dataset: circles
            train:
              epochs: 2
            sweep:
              {sweep}
            """, "exp.yaml"));

        Assert.Empty(DepthSweep.Runs(plan.Runs.Select(r => Finished(r, 0.9)).ToList()));
    }

    /// <summary>One run's rows of one epoch, layers 1.. of the given kinds; the activation mean from <paramref name="mean"/>(layer, epoch).</summary>
    private static List<LayerRecord> Layers(string runId, int epoch, string[] kinds, ulong seed = 1, Func<int, int, double>? mean = null) =>
        kinds.Select((kind, i) => new LayerRecord
        {
            RunId = runId, Activation = "relu", Seed = seed, Epoch = epoch, Layer = i + 1, LayerKind = kind,
            ActivationMean = mean?.Invoke(i + 1, epoch) ?? 0, ActivationStd = 1,
        }).ToList();
}
