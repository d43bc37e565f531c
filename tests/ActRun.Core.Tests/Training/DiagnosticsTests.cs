using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Optimizers;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

public class DiagnosticsTests
{
    private static readonly Dataset Circles = DatasetCatalog.Load("circles", new DatasetLoadOptions(Seed: 42));

    private static RunSettings Deep(string activation, int epochs = 1) =>
        new(new ModelSettings([32, 32, 32, 32, 32, 32], activation, "auto", "auto"), new TrainSettings(epochs, 32, new OptimizerSettings("adam", 0.01)), 42);

    [Fact]
    public void Watching_a_run_does_not_change_its_numbers()
    {
        var plain = Trainer.Train(Circles, Deep("rrelu", 3));
        var watched = Trainer.Train(Circles, Deep("rrelu", 3), extras: TrainingExtras.Diagnostics | TrainingExtras.DecisionGrid);
        Assert.Equal(plain.Epochs.Select(e => e with { EpochSeconds = 0 }), watched.Epochs.Select(e => e with { EpochSeconds = 0 }));
        Assert.Empty(plain.Layers);
        Assert.Equal(3 * 7, watched.Layers.Count);
    }

    [Fact]
    public void Watching_a_fused_sgd_run_does_not_change_its_numbers_and_measures_every_layer()
    {
        // Batches of 64 with plain SGD: the update is fused into the backward product on the steps the diagnostics
        // do not sample (every 8th is measured, unfused), so the run mixes both paths; its numbers must not move.
        var settings = new RunSettings(new ModelSettings([96, 40], "tanh", "auto", "auto"), new TrainSettings(3, 64, new OptimizerSettings("sgd", 0.05)), 7);
        var data = DatasetCatalog.Load("blobs", new DatasetLoadOptions(Seed: 7));
        Assert.True(data.Train.Count >= 9 * 64, $"{data.Train.Count} training samples: too few for a fused step between two sampled ones");
        var plain = Trainer.Train(data, settings);
        var watched = Trainer.Train(data, settings, extras: TrainingExtras.Diagnostics);
        Assert.Equal(plain.Epochs.Select(e => e with { EpochSeconds = 0 }), watched.Epochs.Select(e => e with { EpochSeconds = 0 }));
        Assert.All(watched.Layers, l => Assert.True(l.GradNorm > 0 && l.UpdateRatio > 0 && double.IsFinite(l.GradNorm), $"layer {l.Layer} epoch {l.Epoch}: {l}"));
    }

    [Fact]
    public void Deep_sigmoid_first_layer_gets_under_a_tenth_of_relus_gradient()
    {
        // The vanishing-gradient picture: sigmoid' ≤ 0.25 multiplies in at every one of six layers.
        double FirstLayerGradient(string activation) =>
            Trainer.Train(Circles, Deep(activation), extras: TrainingExtras.Diagnostics).Layers.Single(l => l.Epoch == 1 && l.Layer == 1).GradNorm;
        double relu = FirstLayerGradient("relu"), sigmoid = FirstLayerGradient("sigmoid");
        Assert.True(sigmoid < relu / 10, $"sigmoid {sigmoid} vs relu {relu}");
    }

    [Fact]
    public void A_relu_layer_pushed_far_negative_is_all_dead_and_saturated()
    {
        var net = new Network(2, [8, 4], () => new Relu(), 1, 512);
        net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(1));
        Array.Fill(net.DenseLayers[0].Bias.Value, -100f);
        var stats = new LayerDiagnostics(net, Circles.Train).EndEpoch(1);
        Assert.Equal(1.0, stats[0].DeadFraction);
        Assert.Equal(1.0, stats[0].SaturatedFraction);
        Assert.Equal(0.0, stats[0].ActivationMean);
        // The next layer sees only its bias; its units are neither all dead nor all alive by construction, but
        // the output layer is linear: never dead, never saturated.
        Assert.Equal(0.0, stats[2].DeadFraction);
        Assert.Equal(0.0, stats[2].SaturatedFraction);
    }

    [Fact]
    public void Tanh_saturation_is_the_share_of_inputs_beyond_the_flat_tails()
    {
        // tanh'(z) < 0.05 exactly when |z| > atanh(sqrt(0.95)) ≈ 2.18; with huge weights nearly every input is there.
        var net = new Network(2, [16], () => ActivationRegistry.Create("tanh"), 1, 512);
        net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(2));
        for (int i = 0; i < net.DenseLayers[0].Weights.Value.Length; i++) net.DenseLayers[0].Weights.Value[i] *= 1000;
        var stats = new LayerDiagnostics(net, Circles.Train).EndEpoch(1);
        Assert.InRange(stats[0].SaturatedFraction, 0.95, 1.0);
        Assert.Equal(0.0, stats[0].DeadFraction);
    }

    [Fact]
    public void Input_percentiles_are_those_of_the_activations_input_over_the_probe_batch_and_NaN_without_an_activation()
    {
        var spec = ModelSpec.Parse("[dense(12), batch_norm, act(sigmoid), dense(8)]");
        var net = new Network(2, spec, () => ActivationRegistry.Create("tanh"), 1, 512);
        net.Initialize(InitializerRegistry.Get("glorot_uniform"), new Rng(3));
        var stats = new LayerDiagnostics(net, Circles.Train).EndEpoch(1);
        // The probe's forward pass is the last one: each layer's z is still in its buffer.
        int rows = Math.Min(256, Circles.Train.Count);
        double[] Expected(ReadOnlySpan<float> z)
        {
            // An independent reading of numpy's linear method: h = (n - 1)·q/100.
            var sorted = z.ToArray().Select(v => (double)v).Order().ToArray();
            return [.. new[] { 15.0, 50, 85 }.Select(q =>
            {
                double h = (sorted.Length - 1) * q / 100;
                int k = (int)h;
                return k + 1 < sorted.Length ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
            })];
        }
        void Check(LayerStats row, ReadOnlySpan<float> z)
        {
            var expected = Expected(z);
            Assert.Equal(expected[0], row.InputP15, 6);
            Assert.Equal(expected[1], row.InputP50, 6);
            Assert.Equal(expected[2], row.InputP85, 6);
            Assert.True(row.InputP15 <= row.InputP50 && row.InputP50 <= row.InputP85, row.ToString());
        }
        // The output layer (linear) comes last; its z is the logit.
        Assert.Equal(["dense", "batch_norm", "act", "dense", "dense"], stats.Select(s => s.Kind));
        Check(stats[0], ((Dense)net.Layers[0]).PreActivations(rows));
        Check(stats[2], ((ActivationLayer)net.Layers[2]).PreActivations(rows));
        Check(stats[3], ((Dense)net.Layers[3]).PreActivations(rows));
        Check(stats[4], ((Dense)net.Layers[4]).PreActivations(rows));
        Assert.True(double.IsNaN(stats[1].InputP15) && double.IsNaN(stats[1].InputP50) && double.IsNaN(stats[1].InputP85), stats[1].ToString());
    }

    [Fact]
    public void Decision_grid_covers_the_plane_and_separates_the_blobs()
    {
        var blobs = DatasetCatalog.Load("blobs", new DatasetLoadOptions(Seed: 1));
        var result = Trainer.Train(blobs, new RunSettings(new ModelSettings([8], "relu", "auto", "auto"),
            new TrainSettings(5, 32, new OptimizerSettings("adam", 0.01)), 1), extras: TrainingExtras.DecisionGrid);
        Assert.Equal(DecisionGrid.Resolution * DecisionGrid.Resolution, result.Regions.Count);
        // Class 1 sits at (+0.5, +0.5), class 0 at (−0.5, −0.5) (blobs' documented centres).
        var nearOne = result.Regions.MinBy(p => Math.Abs(p.X1 - 0.5) + Math.Abs(p.X2 - 0.5));
        var nearZero = result.Regions.MinBy(p => Math.Abs(p.X1 + 0.5) + Math.Abs(p.X2 + 0.5));
        Assert.True(nearOne.P > 0.9, $"p at (0.5, 0.5) = {nearOne.P}");
        Assert.True(nearZero.P < 0.1, $"p at (-0.5, -0.5) = {nearZero.P}");
    }
}
