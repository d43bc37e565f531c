using ActRun.Core.Experiments;

namespace ActRun.Core.Tests.Experiments;

/// <summary>
/// The shipped experiments are the measured tables of the docs: each table row is a variant, and `--check` can
/// only notice that the engine changed a result if every row has an expected range.
/// </summary>
public class ShippedExperimentTests
{
    public static TheoryData<string> Experiments()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ActRun.sln"))) root = Path.GetDirectoryName(root)!;
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "experiments"), "*.yaml").Order()) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Every_variant_of_a_shipped_experiment_has_an_expected_range(string file)
    {
        var plan = ExperimentPlan.Create(ConfigReader.ReadFile(file));

        var uncovered = plan.Variants.Where(v => !plan.Config.Expect.Keys.Any(v.Matches)).Select(v => v.Label).ToList();

        Assert.True(uncovered.Count == 0, $"{Path.GetFileName(file)}: no expect: range for {string.Join(", ", uncovered)}");
    }
}
