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
}
