using ActRun.Core.Experiments;

namespace ActRun.Commands;

/// <summary><c>--set</c> and <c>--sweep</c>, as <c>run</c> and <c>compare</c> apply them to the config they build.</summary>
public static class ConfigOverrides
{
    /// <summary>
    /// Applies the assignments in order (sets, then sweeps). The <c>expect:</c> entries that matched a variant before and
    /// match none after (a sweep replaced, say) are dropped, with one line on stderr naming them.
    /// </summary>
    public static void Apply(ExperimentConfig config, IReadOnlyList<string> sets, IReadOnlyList<string> sweeps, CliContext context)
    {
        if (sets.Count == 0 && sweeps.Count == 0) return;
        var asWritten = config.Clone();
        foreach (string set in sets) ConfigReader.ApplySet(config, set);
        foreach (string sweep in sweeps) ConfigReader.ApplySweep(config, sweep);
        var skipped = ExperimentPlan.SkipExpectationsLostTo(asWritten, config);
        if (skipped.Count > 0)
            context.Error.WriteLine($"actrun: expect: skipped {skipped.Count} entr{(skipped.Count == 1 ? "y that matches" : "ies that match")} no variant after --set/--sweep: " +
                                    string.Join(", ", skipped.Select(label => $"'{label}'")) + ".");
    }

    /// <summary><c>--tune</c>, <c>--tune-strategy</c> and <c>--tune-trials</c>: add to (or start) the config's tune: section.</summary>
    public static void ApplyTune(ExperimentConfig config, IReadOnlyList<string> tunes, string? strategy, int? trials)
    {
        foreach (string tune in tunes) ConfigReader.ApplyTune(config, tune);
        if (strategy is null && trials is null) return;
        if (config.Tune is not { } spec) throw new Core.ConfigException("--tune-strategy and --tune-trials set how a search runs: give the space with --tune, e.g. --tune \"lr=logspace(1e-4,1,9)\".");
        config.Tune = spec with { Strategy = strategy ?? spec.Strategy, Trials = trials ?? spec.Trials };
        ConfigReader.CheckTune(config.Tune, new ConfigOrigin("--tune-strategy"));
    }
}
