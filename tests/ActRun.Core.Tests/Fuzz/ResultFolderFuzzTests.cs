using ActRun.Core.Experiments;
using ActRun.Core.Results;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Fuzz;

/// <summary>
/// Result folders with a damaged file, as --resume, merge and report read them: they read, or fail with one
/// ConfigException or DataException naming the file; never an index-out-of-range or a CsvHelper exception.
/// </summary>
public sealed class ResultFolderFuzzTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Files =
        [ResultFolder.RunsFile, ResultFolder.MetricsFile, ResultFolder.ConfigFile, ResultFolder.LayersFile, ResultFolder.RegionsFile, ResultFolder.PointsFile];

    private static readonly string[] Tokens = ["\"", ",", "\n", ",,", "NaN", "ok", "running", "diverged", "-1", "99999999999", "relu", "\r\n", "epoch", "run_id"];

    [Fact]
    public void Damaged_result_files_read_back_or_fail_with_a_typed_error()
    {
        var plan = ExperimentPlan.Create(ConfigReader.Parse("""
            dataset: {name: xor, train_size: 40, test_size: 20}
            model: {hidden: [3]}
            train: {epochs: 2, batch_size: 16}
            sweep: {model.activation: [relu, tanh]}
            """, "exp.yaml"));
        string valid = _dir.Combine("valid");
        ExperimentRunner.Run(plan, valid, new RunOptions(1), ExperimentRunner.LoadData(plan.Runs, null));
        var originals = Files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(valid, f)));
        string folder = _dir.Combine("damaged");
        Directory.CreateDirectory(folder);

        TestUtilities.Fuzz.Cases(seed: 3001, maxCases: 1500, (random, _) =>
        {
            string victim = Files[random.Next(Files.Length)];
            string text = TestUtilities.Fuzz.Mutate(random, originals[victim], Tokens);
            foreach (var (file, content) in originals) File.WriteAllText(Path.Combine(folder, file), file == victim ? text : content);
            string input = $"{victim}: {text}";
            TestUtilities.Fuzz.ExpectTypedOutcome("load", input, () => ResultFolder.Load(folder));
            TestUtilities.Fuzz.ExpectTypedOutcome("report", input, () => ReportData.Load(folder));
            TestUtilities.Fuzz.ExpectTypedOutcome("resume", input, () => ExperimentRunner.ToTrain(plan, folder, new RunOptions(1, Resume: true)));
            TestUtilities.Fuzz.ExpectTypedOutcome("merge", input, () => ResultMerge.Merge([folder], _dir.Combine("merged")));
        });
    }
}
