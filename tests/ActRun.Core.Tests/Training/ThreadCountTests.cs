using ActRun.Core.Data;
using ActRun.Core.Experiments;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

public class ThreadCountTests
{
    /// <summary>Four noisy clusters; wide enough layers that every hidden product is split between threads.</summary>
    private static Dataset Blobs()
    {
        const int rows = 301;
        var x = GradientCheck.RandomArray(rows * 2, 7);
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = i % 4;
            x[2 * i] += labels[i] % 2 == 0 ? -2 : 2;
            x[2 * i + 1] += labels[i] / 2 == 0 ? -2 : 2;
        }
        var split = new DataSplit(new FloatFeatures(x, rows, 2), labels, null);
        return new Dataset("blobs", TaskKind.Classification, 4, ["x1", "x2"], split, split);
    }

    [Theory]
    [InlineData("relu", "sgd", null)]
    [InlineData("tanh", "adam", null)]
    [InlineData("relu", "sgd", "[dense(128), batch_norm, act, dropout(0.3), dense(96), layer_norm, act]")]
    public void Training_on_two_or_three_kernel_threads_gives_the_numbers_of_one(string activation, string optimizer, string? layers)
    {
        var data = Blobs();
        var settings = new RunSettings(new ModelSettings([128, 96], activation, "auto", "auto") { Layers = layers is null ? null : Core.Layers.ModelSpec.Parse(layers) },
            new TrainSettings(3, 64, new OptimizerSettings(optimizer, 0.05)), 5);
        var extras = TrainingExtras.Diagnostics;
        var one = Trainer.Train(data, settings, extras: extras, kernelThreads: 1);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Trainer.Train(data, settings, extras: extras, kernelThreads: threads);
            Assert.Equal(one.Epochs.Select(e => e with { EpochSeconds = 0 }), many.Epochs.Select(e => e with { EpochSeconds = 0 }));
            Assert.Equal(one.Layers, many.Layers);
            // Without diagnostics plain SGD is fused into the backward pass (batches of 64; the last one of 45 rows
            // keeps the separate step): the same numbers again.
            var fused = Trainer.Train(data, settings, kernelThreads: threads);
            Assert.Equal(one.Epochs.Select(e => e with { EpochSeconds = 0 }), fused.Epochs.Select(e => e with { EpochSeconds = 0 }));
        }
    }

    [Theory]
    [InlineData(2, 1, 1, 2)]
    [InlineData(2, 3, 2, 1)]
    [InlineData(2, 2, 2, 1)]
    [InlineData(8, 3, 3, 2)]
    [InlineData(1, 5, 1, 1)]
    [InlineData(4, 0, 1, 4)]
    public void Threads_go_to_parallel_runs_first_then_to_kernels(int threads, int runs, int parallelRuns, int kernelThreads)
    {
        Assert.Equal((parallelRuns, kernelThreads), ExperimentRunner.ShareThreads(threads, runs));
    }
}
