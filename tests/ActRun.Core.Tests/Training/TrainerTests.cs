using ActRun.Core.Data;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

public class TrainerTests
{
    /// <summary>Two Gaussian clusters, linearly separable: any network should learn it.</summary>
    private static Dataset Separable(int rows)
    {
        var rng = new ActRun.Core.Engine.Rng(4);
        var x = new float[rows * 2];
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = i % 2;
            float c = labels[i] == 0 ? -1.5f : 1.5f;
            x[2 * i] = c + (float)rng.NextGaussian() * 0.5f;
            x[2 * i + 1] = c + (float)rng.NextGaussian() * 0.5f;
        }
        var split = new DataSplit(new FloatFeatures(x, rows, 2), labels, null);
        return new Dataset("separable", TaskKind.Classification, 2, ["x1", "x2"], split, split);
    }

    private static RunSettings Settings(string activation, double lr = 0.05, int epochs = 5, int batch = 16) =>
        new(new ModelSettings([8], activation, "auto", "auto"), new TrainSettings(epochs, batch, new OptimizerSettings("adam", lr)), 1);

    [Fact]
    public void Same_seed_gives_identical_metrics()
    {
        var data = Separable(203);
        var a = Trainer.Train(data, Settings("relu"));
        var b = Trainer.Train(data, Settings("relu"));
        Assert.Equal(a.Epochs.Select(e => e with { EpochSeconds = 0 }), b.Epochs.Select(e => e with { EpochSeconds = 0 }));
    }

    [Fact]
    public void Each_epoch_trains_at_the_schedules_rate_and_records_it()
    {
        var data = Separable(64);
        var plain = Settings("relu", lr: 0.1, epochs: 4);
        var stepped = plain with { Train = plain.Train with { Schedule = LearningRateSchedule.Parse("step(step_size=2, gamma=0.5)") } };
        var run = Trainer.Train(data, stepped);
        Assert.Equal([0.1, 0.1, 0.05, 0.05], run.Epochs.Select(e => e.LearningRate));
        // The first two epochs are those of the constant rate, bit for bit; the third differs.
        var constant = Trainer.Train(data, plain);
        Assert.Equal(constant.Epochs[1].TrainLoss, run.Epochs[1].TrainLoss);
        Assert.NotEqual(constant.Epochs[2].TrainLoss, run.Epochs[2].TrainLoss);
    }

    [Fact]
    public void Different_seeds_give_different_networks()
    {
        var data = Separable(203);
        var a = Trainer.Train(data, Settings("relu"));
        var b = Trainer.Train(data, Settings("relu") with { Seed = 2 });
        Assert.NotEqual(a.Epochs[0].TrainLoss, b.Epochs[0].TrainLoss);
    }

    [Fact]
    public void Training_learns_a_separable_set_and_reports_every_epoch()
    {
        var data = Separable(400);
        var seen = new List<int>();
        var result = Trainer.Train(data, Settings("relu", epochs: 10), m => seen.Add(m.Epoch));
        Assert.Equal(RunStatus.Ok, result.Status);
        Assert.Equal(Enumerable.Range(1, 10), seen);
        Assert.True(result.Epochs[^1].TestAccuracy > 0.97, $"accuracy {result.Epochs[^1].TestAccuracy}");
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss);
        Assert.All(result.Epochs, e => Assert.True(e.EpochSeconds >= 0));
    }

    [Fact]
    public void Last_partial_batch_is_used()
    {
        // 17 rows in batches of 16: a second batch of one row. With lr 0 nothing changes, so the running
        // training loss equals the evaluated loss only if every row was visited exactly once.
        var data = Separable(17);
        var result = Trainer.Train(data, new RunSettings(new ModelSettings([4], "tanh", "auto", "auto"),
            new TrainSettings(1, 16, new OptimizerSettings("sgd", 1e-30)), 3));
        Assert.Equal(result.Epochs[0].TestLoss, result.Epochs[0].TrainLoss, 6);
    }

    [Fact]
    public void A_huge_learning_rate_diverges_and_stops()
    {
        var data = TinyData.Regression(64, 3, 5);
        var settings = new RunSettings(new ModelSettings([16], "relu", "auto", "auto"), new TrainSettings(50, 8, new OptimizerSettings("sgd", 1e6)), 1);
        var result = Trainer.Train(data, settings);
        Assert.Equal(RunStatus.Diverged, result.Status);
        Assert.True(result.Epochs.Count < 50);
        // The run stops at the epoch whose loss broke: that one is recorded, none after it.
        var last = result.Epochs[^1];
        Assert.False(double.IsFinite(last.TrainLoss) && double.IsFinite(last.TestLoss), $"last epoch's losses {last.TrainLoss}, {last.TestLoss}");
        Assert.All(result.Epochs.SkipLast(1), e => Assert.True(double.IsFinite(e.TrainLoss) && double.IsFinite(e.TestLoss)));
    }

    [Fact]
    public void Cancellation_stops_before_the_next_epoch()
    {
        var data = Separable(100);
        using var cancel = new CancellationTokenSource();
        var result = Trainer.Train(data, Settings("relu", epochs: 50), m => { if (m.Epoch == 2) cancel.Cancel(); }, cancel.Token);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(2, result.Epochs.Count);
    }
}
