using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>A four-run experiment (relu and tanh, two seeds, on a small xor set) for tests of running, resuming and storing plans.</summary>
public static class SmallSweep
{
    public static ExperimentPlan Plan() => ExperimentPlan.Create(ConfigReader.Parse("""
        dataset: {name: xor, train_size: 120, test_size: 60}
        model: {hidden: [6]}
        train: {epochs: 3, batch_size: 16}
        seeds: 2
        sweep:
          model.activation: [relu, tanh]
        """, "exp.yaml"));

    /// <summary>The rows of a result folder's metrics.csv, timing column left out: what must not depend on how the runs were run.</summary>
    public static IEnumerable<string> Numbers(string folder) =>
        CsvTable.Read(Path.Combine(folder, ResultFolder.MetricsFile)).Select(r => string.Join(",", r.Where(kv => kv.Key != "epoch_seconds").Select(kv => kv.Value)));
}
