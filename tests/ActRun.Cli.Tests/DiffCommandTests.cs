using System.Globalization;
using System.Text.Json;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

public class DiffCommandTests
{
    private const string SmallCircles = "circles(train_size=200, test_size=100)";

    /// <summary>A small real result folder from compare (every call trains, in well under a second each).</summary>
    private static string Compare(params string[] extra)
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run(["compare", "--dataset", SmallCircles, "--epochs", "2", "--hidden", "8", "--out", dir, "-q", "--no-plots", "--no-diagnostics", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return dir;
    }

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        string path = Path.Combine(CliRunner.TempDir(), "out.csv");
        File.WriteAllText(path, text);
        return CsvTable.Read(path);
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Each run's reported test accuracy: at its first epoch of lowest val_loss (compare validates by default), else its last epoch.</summary>
    private static Dictionary<(string, string), double> FinalAccuracy(string dir) =>
        CsvTable.Read(Path.Combine(dir, "metrics.csv")).GroupBy(r => r["run_id"])
            .Select(g => g.All(r => r["val_loss"] == "") ? g.MaxBy(r => int.Parse(r["epoch"]))! : g.OrderBy(r => int.Parse(r["epoch"])).MinBy(r => D(r["val_loss"]))!)
            .ToDictionary(r => (r["activation"], r["seed"]), r => D(r["test_accuracy"]));

    [Fact]
    public void Diff_shows_differing_settings_metrics_side_by_side_and_a_paired_test_over_three_seeds()
    {
        string a = Compare("--activations", "relu,tanh", "--seeds", "3", "--lr", "0.01");
        string b = Compare("--activations", "relu,tanh,sigmoid", "--seeds", "3", "--lr", "0.05");

        var table = CliRunner.Run("diff", a, b);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("Settings that differ (A -> B):", table.Out);
        Assert.Contains("  train.lr: 0.01 -> 0.05", table.Out);
        Assert.Contains("  model.activation: sweep [relu, tanh] -> sweep [relu, tanh, sigmoid]", table.Out);
        Assert.Contains("Paired t-test", table.Out);
        Assert.Contains("diff: only in B: activation=sigmoid", table.Error);

        var csv = CliRunner.Run("diff", a, b, "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Error);
        Assert.Contains("train.lr: 0.01 -> 0.05", csv.Error);
        var rows = ReadCsv(csv.Out);
        Assert.Equal(["activation", "dataset", "hidden", "metric", "a", "b", "difference", "paired_seeds", "mean_difference", "ci95_low", "ci95_high", "t", "p", "test"], rows[0].Keys);
        // relu and tanh are in both; sigmoid in B only.
        Assert.Equal(["relu", "tanh"], rows.Select(r => r["activation"]).Distinct());

        var summaryA = CsvTable.Read(Path.Combine(a, "summary.csv")).ToDictionary(r => r["activation"]);
        var summaryB = CsvTable.Read(Path.Combine(b, "summary.csv")).ToDictionary(r => r["activation"]);
        foreach (var row in rows)
        {
            Assert.Equal(D(summaryA[row["activation"]][row["metric"]]), D(row["a"]));
            Assert.Equal(D(summaryB[row["activation"]][row["metric"]]), D(row["b"]));
            Assert.Equal(D(row["b"]) - D(row["a"]), D(row["difference"]), 12);
        }

        // The test, recomputed here from metrics.csv: the per-seed differences of the reported test accuracy.
        var finalA = FinalAccuracy(a);
        var finalB = FinalAccuracy(b);
        foreach (var row in rows.Where(r => r["metric"] == "test_accuracy"))
        {
            var d = new[] { "42", "43", "44" }.Select(s => finalB[(row["activation"], s)] - finalA[(row["activation"], s)]).ToList();
            double mean = d.Average(), sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / 2), se = sd / Math.Sqrt(3);
            Assert.Equal("3", row["paired_seeds"]);
            Assert.Equal(mean, D(row["mean_difference"]), 12);
            Assert.Equal(mean / se, D(row["t"]), 9);
            // t(2) quantile 0.975 = 4.302652730 (tables).
            Assert.Equal(mean - 4.302652730 * se, D(row["ci95_low"]), 8);
            Assert.Equal(mean + 4.302652730 * se, D(row["ci95_high"]), 8);
            Assert.InRange(D(row["p"]), 0, 1);
            Assert.Equal("paired t-test", row["test"]);
        }
        Assert.All(rows.Where(r => r["metric"] != "test_accuracy"), r => Assert.Equal("", r["p"]));

        var json = CliRunner.Run("diff", a, b, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Error);
        var items = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(rows.Count, items.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i]["metric"], items[i].GetProperty("metric").GetString());
            Assert.Equal(D(rows[i]["difference"]), items[i].GetProperty("difference").GetDouble());
            if (rows[i]["p"] == "") Assert.Equal(JsonValueKind.Null, items[i].GetProperty("p").ValueKind);
            else Assert.Equal(D(rows[i]["p"]), items[i].GetProperty("p").GetDouble());
        }
    }

    [Fact]
    public void A_folder_against_itself_has_the_same_settings_and_zero_differences()
    {
        string a = Compare("--activations", "relu", "--seeds", "3");
        var table = CliRunner.Run("diff", a, a);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("Same settings.", table.Out);
        var rows = ReadCsv(CliRunner.Run("diff", a, a, "--format", "csv").Out);
        Assert.All(rows, r => Assert.Equal(0.0, D(r["difference"])));
        Assert.Equal("paired t-test: every difference is the same, no p-value", rows.Single(r => r["metric"] == "test_accuracy")["test"]);
    }

    [Fact]
    public void Fewer_than_three_common_seeds_say_so_instead_of_a_p_value()
    {
        string a = Compare("--activations", "relu", "--seeds", "2");
        string b = Compare("--activations", "relu", "--seeds", "2", "--lr", "0.05");
        var csv = CliRunner.Run("diff", a, b, "--format", "csv");
        var row = ReadCsv(csv.Out).Single(r => r["metric"] == "test_accuracy");
        Assert.Equal("2", row["paired_seeds"]);
        Assert.Equal("", row["p"]);
        Assert.Equal("2 paired seeds (fewer than 3): no test", row["test"]);
        Assert.Contains("2 paired seeds (fewer than 3): no test", CliRunner.Run("diff", a, b).Out);
    }

    [Fact]
    public void A_key_swept_in_one_folder_matches_the_fixed_setting_of_the_other()
    {
        string a = Compare("--activations", "relu", "--seeds", "3", "--sweep", "train.lr=0.01,0.05");
        string b = Compare("--activations", "relu", "--seeds", "3", "--lr", "0.05");
        var result = CliRunner.Run("diff", a, b, "--format", "csv");
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = ReadCsv(result.Out);
        Assert.Equal(["0.05"], rows.Select(r => r["lr"]).Distinct());
        // Same settings and seeds as A's lr=0.05 variant: the same numbers.
        Assert.All(rows, r => Assert.Equal(0.0, D(r["difference"])));
        Assert.Contains("diff: only in A: activation=relu dataset=", result.Error);
        Assert.Contains("lr=0.01", result.Error);
    }

    [Fact]
    public void Folders_with_no_variant_in_common_get_a_note()
    {
        string a = Compare("--activations", "relu");
        string b = Compare("--activations", "tanh");
        var result = CliRunner.Run("diff", a, b, "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("diff: the folders have no variants in common", result.Error);
        Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only
    }

    [Fact]
    public void A_folder_that_is_not_a_result_folder_is_a_one_line_error()
    {
        string a = Compare("--activations", "relu");
        string empty = CliRunner.TempDir();
        var result = CliRunner.Run("diff", a, empty);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"actrun: diff: '{empty}' is not a result folder (no config.yaml); give folders written by compare, run or merge.\n", result.Error);
        Assert.Equal("", result.Out);
        var missing = CliRunner.Run("diff", Path.Combine(empty, "nope"), a);
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
