using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

/// <summary>
/// A short training run (228 Adam steps, with diagnostics) gives the same bits whichever SIMD width the
/// activation kernels use: the widest this machine has, each narrower one, and the scalar form alone. Every
/// catalog activation, a few custom expressions and the output heads. The CLI's instruction-set test
/// (DeterminismAcrossInstructionSetsTests) checks the same with the JIT itself restricted.
/// </summary>
[Collection(KernelWidth.Collection)]
public class SimdWidthTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in ActivationRegistry.Entries) data.Add(entry.Name, "auto");
        foreach (string expression in new[] { "x*sigmoid(1.5*x)", "log(1+exp(x))-tanh(x)", "x*erf(x)+softplus(-x)" })
            data.Add(expression, "auto");
        foreach (string output in new[] { "sigmoid", "tanh", "log_softmax", "sparsemax", "linear" })
            data.Add("gelu", output);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_training_run_gives_the_same_bits_on_every_width(string activation, string output)
    {
        var data = output is "sigmoid" or "tanh" ? Blobs(classes: 2) : Blobs(classes: 4);
        var settings = new RunSettings(new ModelSettings([13, 7], activation, output, "auto"),
            new TrainSettings(12, 16, new OptimizerSettings("adam", 0.01)), 3);
        RunResult Run(int bits)
        {
            using var _ = KernelWidth.Force(bits);
            return Trainer.Train(data, settings, extras: TrainingExtras.Diagnostics);
        }

        var scalar = Run(0);
        Assert.Equal(12, scalar.Epochs.Count);
        foreach (int bits in KernelWidth.Available.Where(b => b > 0))
        {
            var vector = Run(bits);
            Assert.Equal(Bits(scalar), Bits(vector));
        }
    }

    [Fact]
    public void A_run_through_every_layer_kind_gives_the_same_bits_on_every_width()
    {
        var data = Blobs(classes: 4);
        var spec = Core.Layers.ModelSpec.Parse("[dense(13), batch_norm, act, dropout(0.2), dense(7), layer_norm, act(tanh), gaussian_noise(0.1), alpha_dropout(0.1)]");
        var settings = new RunSettings(new ModelSettings(spec.DenseWidths, "gelu", "auto", "auto") { Layers = spec },
            new TrainSettings(6, 16, new OptimizerSettings("sgd", 0.05)), 3);
        RunResult Run(int bits)
        {
            using var _ = KernelWidth.Force(bits);
            return Trainer.Train(data, settings, extras: TrainingExtras.Diagnostics);
        }

        var scalar = Run(0);
        Assert.Equal(6, scalar.Epochs.Count);
        foreach (int bits in KernelWidth.Available.Where(b => b > 0)) Assert.Equal(Bits(scalar), Bits(Run(bits)));
    }

    /// <summary>Every number of the run as its bit pattern (so that -0 and 0, or two NaNs, are told apart only where they differ).</summary>
    private static List<string> Bits(RunResult run) =>
    [
        .. run.Epochs.Select(e => (e with { EpochSeconds = 0 }).ToString()),
        .. run.Epochs.Select(e => $"{BitConverter.DoubleToInt64Bits(e.TrainLoss):X} {BitConverter.DoubleToInt64Bits(e.TestLoss):X}"),
        .. run.Layers.Select(l => l.ToString()),
        run.Status.ToString(),
    ];

    /// <summary>Noisy clusters, 301 rows: 19 batches of 16 per epoch, the last of 13 rows, so every width's loop,
    /// the narrower ones after it and the scalar tail all run.</summary>
    private static Dataset Blobs(int classes)
    {
        const int rows = 301;
        var x = GradientCheck.RandomArray(rows * 2, 11);
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = i % classes;
            x[2 * i] += labels[i] % 2 == 0 ? -1.5f : 1.5f;
            x[2 * i + 1] += labels[i] / 2 == 0 ? -1.5f : 1.5f;
        }
        var split = new DataSplit(new FloatFeatures(x, rows, 2), labels, null);
        return new Dataset("blobs", TaskKind.Classification, classes, ["x1", "x2"], split, split);
    }
}
