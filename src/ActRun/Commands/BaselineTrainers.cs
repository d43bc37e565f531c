using System.Runtime.CompilerServices;
using ActRun.Core.Experiments;

namespace ActRun.Commands;

/// <summary>Makes the trainer of a config's baseline. Nothing here runs without a baseline, so ML.NET stays unloaded.</summary>
public static class BaselineTrainers
{
    public static IBaselineTrainer? For(ExperimentConfig config) => config.Baseline switch
    {
        null => null,
        BaselineCatalog.MlNet => MlNet(),
        var other => throw new Core.ConfigException($"unknown baseline '{other}'."),
    };

    // Kept out of line: JIT-compiling a caller must not pull in the baselines assembly and Microsoft.ML.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IBaselineTrainer MlNet() => new ActRun.Baselines.MlNetLogisticRegression();
}
