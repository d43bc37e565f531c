using System.Globalization;
using System.Text.Json;
using ActRun.Core.Experiments;
using ActRun.Core.Results;
using CsvHelper;

namespace ActRun.Cli.Tests;

/// <summary>
/// A result folder's files join: every per-run file starts with run_id, the key columns of summary.csv and seed;
/// summary.csv always names the dataset and the model; every --format json holds the CSV's columns.
/// </summary>
public class FileJoinTests
{
    // Two swept keys, two seeds, two hidden layers (a width list is one quoted CSV field); diagnostics are on by default.
    private const string Sweep = """
        name: join
        dataset: {name: circles, train_size: 200, test_size: 100}
        model: {hidden: [6, 4]}
        train: {epochs: 2}
        seeds: 2
        sweep:
          model.activation: [relu, tanh]
          train.lr: [0.01, 0.1]
        """;

    private static readonly string[] SweepKeys = ["activation", "dataset", "hidden", "lr"];

    private static string WriteConfig()
    {
        string path = Path.Combine(CliRunner.TempDir(), "exp.yaml");
        File.WriteAllText(path, Sweep);
        return path;
    }

    [Fact]
    public void Every_per_run_file_starts_with_run_id_the_summary_keys_and_seed_and_agrees_with_runs_csv_row_by_row()
    {
        string dir = CliRunner.TempDir();

        var result = CliRunner.Run("run", WriteConfig(), "--out", dir, "--quiet", "--no-plots");

        Assert.True(result.ExitCode == 0, result.Error);
        var summaryHeader = Header(Path.Combine(dir, "summary.csv"));
        Assert.Equal(SweepKeys, summaryHeader.TakeWhile(c => c != "seeds"));
        string[] run = ["run_id", .. SweepKeys, "seed"];
        Assert.Equal([.. run, "seed_index", "status"], Header(Path.Combine(dir, "runs.csv")).Take(run.Length + 2));
        Assert.Equal([.. run, "epoch", "learning_rate"], Header(Path.Combine(dir, "metrics.csv")).Take(run.Length + 2));
        Assert.Equal([.. run, "epoch", "layer"], Header(Path.Combine(dir, "layers.csv")).Take(run.Length + 2));
        Assert.Equal([.. run, "x1", "x2", "p"], Header(Path.Combine(dir, "regions.csv")));

        var runs = CsvTable.Read(Path.Combine(dir, "runs.csv")).ToDictionary(r => r["run_id"]);
        Assert.Equal(8, runs.Count);
        Assert.All(runs.Values, r => Assert.Equal(("circles", "[6,4]"), (r["dataset"], r["hidden"])));
        var counts = new Dictionary<string, int>();
        foreach (string file in (string[])["metrics.csv", "layers.csv", "regions.csv"])
        {
            var rows = CsvTable.Read(Path.Combine(dir, file));
            foreach (var row in rows)
            {
                Assert.True(runs.TryGetValue(row["run_id"], out var owner), $"{file}: run {row["run_id"]} is not in runs.csv");
                foreach (string column in run) Assert.Equal(owner[column], row[column]);
            }
            counts[file] = rows.Select(r => r["run_id"]).Distinct().Count();
        }
        // Every run has its epochs and layers; decision regions are recorded for each variant's first seed.
        Assert.Equal((8, 8, 4), (counts["metrics.csv"], counts["layers.csv"], counts["regions.csv"]));
        // The variants of summary.csv are exactly the key values the runs carry.
        var summaryKeys = CsvTable.Read(Path.Combine(dir, "summary.csv")).Select(r => Key(r, SweepKeys)).ToList();
        Assert.Equal(runs.Values.Select(r => Key(r, SweepKeys)).Distinct(), summaryKeys);
    }

    [Fact]
    public void Compare_summary_names_the_dataset_and_the_hidden_widths_as_one_field_that_reads_back_as_a_setting()
    {
        string dir = CliRunner.TempDir();

        var result = CliRunner.Run("compare", "-a", "relu,tanh", "-d", "moons", "--hidden", "5,3", "--epochs", "1", "--out", dir, "--quiet", "--no-plots", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.csv")), result.Out);
        Assert.Equal(["activation", "dataset", "hidden", "seeds"], Header(Path.Combine(dir, "summary.csv")).Take(4));
        Assert.Equal(["run_id", "activation", "dataset", "hidden", "seed", "epoch"], Header(Path.Combine(dir, "metrics.csv")).Take(6));
        var summary = CsvTable.Read(Path.Combine(dir, "summary.csv"));
        Assert.Equal(["relu", "tanh"], summary.Select(r => r["activation"]));
        Assert.All(summary, r => Assert.Equal(("moons", "[5,3]"), (r["dataset"], r["hidden"])));
        var config = new ExperimentConfig();
        ConfigReader.ApplySet(config, $"model.hidden={summary[0]["hidden"]}");
        ConfigReader.ApplySet(config, $"dataset.name={summary[0]["dataset"]}");
        Assert.Equal([5, 3], config.Model.Hidden);
        Assert.Equal("moons", config.Dataset.Name);
    }

    /// <summary>Each command with --format json, and how to get the CSV it must agree with; NaN and infinities included.</summary>
    public static TheoryData<string> JsonCommands => ["compare", "run", "dry-run", "merge", "evaluate", "activations list", "activations table", "data list", "data verify"];

    [Theory]
    [MemberData(nameof(JsonCommands))]
    public void Json_output_parses_with_the_csv_columns_as_keys_numbers_as_numbers_and_nan_as_null(string command)
    {
        var (csv, json, nulls) = command switch
        {
            // A learning rate of 1e30 makes relu's loss NaN in epoch 1: its summary row has NaN means.
            "compare" => FromFolder(out_ => ["compare", "-a", "relu,tanh", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "2", "--hidden", "4",
                "--out", out_, "--quiet", "--no-plots", "--format", "json"], minNulls: 1),
            "run" => FromFolder(out_ => ["run", WriteConfig(), "--out", out_, "--quiet", "--no-plots", "--format", "json"]),
            "merge" => FromFolder(out_ => ["merge", SweepFolder.Value, "--out", out_, "--format", "json"]),
            "dry-run" => Both(["run", WriteConfig(), "--dry-run"]),
            "evaluate" => Both(["evaluate", Directory.GetFiles(Path.Combine(SweepFolder.Value, "models"))[0]]),
            "activations list" => Both(["activations", "list"]),
            "activations table" => Both(["activations", "table", "--names", "relu,elu", "--x", "nan,-inf,0,1.5"], minNulls: 4),
            "data list" => Both(["data", "list", "--data-dir", CliRunner.TempDir()]),
            "data verify" => Both(["data", "verify", "mnist", "--data-dir", CliRunner.TempDir()]),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };

        Assert.True(AgreeingNonFiniteNulls(csv, json) >= nulls, $"expected at least {nulls} NaN or infinite values written as null:\n{json}");
    }

    private static readonly Lazy<string> SweepFolder = new(() =>
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("run", WriteConfig(), "--out", dir, "--quiet", "--no-plots", "--save-model");
        Assert.True(result.ExitCode == 0, result.Error);
        return dir;
    });

    /// <summary>The JSON a command printed and the summary.csv it wrote in the same run (timings differ between runs).</summary>
    private static (string Csv, string Json, int MinNulls) FromFolder(Func<string, string[]> args, int minNulls = 0)
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var result = CliRunner.Run(args(dir));
        Assert.True(result.ExitCode == 0, result.Error);
        return (File.ReadAllText(Path.Combine(dir, "summary.csv")), result.Out, minNulls);
    }

    /// <summary>The command's CSV and its JSON (it is deterministic); a non-zero exit (data verify on an empty folder) still prints its rows.</summary>
    private static (string Csv, string Json, int MinNulls) Both(string[] args, int minNulls = 0)
    {
        var csv = CliRunner.Run([.. args, "--format", "csv"]);
        var json = CliRunner.Run([.. args, "--format", "json"]);
        Assert.Equal(csv.ExitCode, json.ExitCode);
        Assert.NotEqual("", csv.Out);
        return (csv.Out, json.Out, minNulls);
    }

    /// <summary>Columns whose values are settings' texts, which may read as numbers (the sweep's learning rate).</summary>
    private static readonly string[] TextColumns = ["lr"];

    /// <summary>
    /// Checks a JSON array against the CSV it stands for: one object per row, the header's names as keys in order, a
    /// number for a finite number, null for an empty field, NaN or an infinity, the text otherwise (never a number
    /// as text, except in <see cref="TextColumns"/>). Returns how many NaN or infinite values became null.
    /// </summary>
    private static int AgreeingNonFiniteNulls(string csvText, string json)
    {
        using var reader = new CsvReader(new StringReader(csvText), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(kv => kv.Key, kv => (string)kv.Value)).ToList();
        string[] header = reader.HeaderRecord!;
        using var document = JsonDocument.Parse(json);
        var objects = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(rows.Count, objects.Count);
        int nulls = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(header, objects[i].EnumerateObject().Select(p => p.Name));
            foreach (var property in objects[i].EnumerateObject())
            {
                string text = rows[i][property.Name];
                bool number = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value);
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Null:
                        Assert.True(text == "" || (number && !double.IsFinite(value)), $"{property.Name}: null for '{text}'");
                        if (text != "") nulls++;
                        break;
                    case JsonValueKind.Number:
                        Assert.True(number && double.IsFinite(value), $"{property.Name}: a number for '{text}'");
                        Assert.Equal(value, property.Value.GetDouble());
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        Assert.Equal(text, property.Value.GetBoolean() ? "true" : "false", ignoreCase: true);
                        break;
                    default:
                        Assert.True(!number || TextColumns.Contains(property.Name), $"{property.Name}: the number '{text}' written as text");
                        Assert.Equal(text, property.Value.GetString());
                        break;
                }
            }
        }
        return nulls;
    }

    private static string[] Header(string path)
    {
        using var reader = new CsvReader(new StreamReader(path), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        return reader.HeaderRecord!;
    }

    private static string Key(Dictionary<string, string> row, IEnumerable<string> columns) => string.Join("|", columns.Select(c => row[c]));
}
