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

    [Fact]
    public void The_embedded_experiments_are_the_files_of_experiments_byte_for_byte()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ActRun.sln"))) root = Path.GetDirectoryName(root)!;
        var files = Directory.GetFiles(Path.Combine(root, "experiments"), "*.yaml").ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllBytes);

        var embedded = ShippedExperiments.All.ToDictionary(e => e.Name, e => e.Content);

        Assert.Equal(files.Keys.Order(), embedded.Keys.Order());
        foreach (var (name, bytes) in files) Assert.True(bytes.AsSpan().SequenceEqual(embedded[name]), $"{name}.yaml differs from the embedded copy");
    }

    [Fact]
    public void A_shipped_experiment_is_named_after_its_file_and_has_a_description()
    {
        Assert.NotEmpty(ShippedExperiments.All);
        foreach (var e in ShippedExperiments.All)
        {
            var config = e.Read();
            Assert.Equal(e.Name, config.Name);
            Assert.False(string.IsNullOrWhiteSpace(e.Description), e.Name);
            Assert.Equal(config.Description, e.Description);
        }
        Assert.Same(ShippedExperiments.Find("dead-relu"), ShippedExperiments.Find("dead-relu.yaml"));
        Assert.Null(ShippedExperiments.Find("dead-rleu"));
        var error = Assert.Throws<ConfigException>(() => ShippedExperiments.Get("dead-rleu"));
        Assert.Contains("Did you mean 'dead-relu'?", error.Message);
    }
}
