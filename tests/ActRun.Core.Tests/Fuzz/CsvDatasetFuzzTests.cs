using ActRun.Core.Data;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Fuzz;

/// <summary>CSV datasets: any file, and any dataset options, either load or are one DataException or ConfigException.</summary>
public sealed class CsvDatasetFuzzTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Valid =
    [
        "a,b,kind\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i},{2 * i},{(i % 2 == 0 ? "even" : "odd")}\n")),
        "x1,x2,y\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i * 0.5},{-i},{i * 1.5}\n")),
        "\"quoted, name\",value,label\n\"a,b\",1,0\n\"c\",2,1\n\"d\"\"e\",3,0\n f ,4,1\n",
    ];

    private static readonly string[] Tokens = [",", "\n", "\r\n", "\"", ";", "\t", " ", "NaN", "inf", "-", "1e400", "", "\n\n", ",,,", "label", "\uFEFF", "\0"];

    private static readonly string[] Options =
    [
        "", ", label_column=kind", ", label_column=y, task=regression", ", test_fraction=0.5", ", test_fraction=0.9", ", task=regression",
        ", label_column=0", ", label_column=nope", ", drop_columns=a", ", drop_columns='kind,nope'",
    ];

    [Fact]
    public void Mutated_csv_datasets_load_or_fail_with_a_data_or_config_error()
    {
        string path = _dir.Combine("fuzz.csv");
        TestUtilities.Fuzz.Cases(seed: 6001, maxCases: 2000, (random, _) =>
        {
            string text = random.Next(4) == 0
                ? TestUtilities.Fuzz.RandomText(random, 120, "abc012345.,-\n\"; e")
                : TestUtilities.Fuzz.Mutate(random, Valid[random.Next(Valid.Length)], Tokens);
            File.WriteAllText(path, text);
            string spec = $"csv(path={path}{Options[random.Next(Options.Length)]})";
            TestUtilities.Fuzz.ExpectTypedOutcome(spec, text, () =>
            {
                var data = DatasetCatalog.Load(DatasetSpec.Parse(spec), new DatasetLoadOptions(Seed: (ulong)random.Next()));
                Assert.True(data.Train.Count > 0 && data.FeatureCount > 0);
            });
        });
    }

    [Fact]
    public void Mutated_dataset_texts_parse_or_fail_with_a_config_error()
    {
        string[] valid = ["circles", "spiral(noise=0.2, train_size=200)", "moons(test_size=50)", "blobs", "xor(noise=0.1)", "csv:a.csv", "csv:a.csv,b.csv", "mnist"];
        string[] tokens = ["(", ")", "=", ",", "noise", "train_size", "test_size", "1e9", "-1", "NaN", "0", "2147483648", "csv:", " "];
        TestUtilities.Fuzz.Cases(seed: 6002, maxCases: 3000, (random, _) =>
        {
            string text = TestUtilities.Fuzz.Mutate(random, valid[random.Next(valid.Length)], tokens);
            string? features = random.Next(3) == 0 ? TestUtilities.Fuzz.Mutate(random, "x1,x2,x1^2", tokens) : null;
            TestUtilities.Fuzz.ExpectTypedOutcome("dataset", $"{text} --features {features}", () => DatasetSpec.Parse(text, features));
        });
    }
}
