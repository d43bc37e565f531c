using System.Globalization;

namespace ActRun.Cli.Tests;

/// <summary>Verdicts end to end (issue 17.4–17.7): the report leads with them, compare prints the best variant's, and the margin is a setting.</summary>
public class VerdictTests
{
    [Fact]
    public void A_regression_gets_a_verdict_on_R2_and_tests_on_loss_RMSE_and_MAE()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "reg.csv");
        File.WriteAllLines(csv, TestCsv.SineData(300));
        string folder = Path.Combine(dir, "res");
        var result = CliRunner.Run("compare", "--activations", "tanh,linear", "--dataset", "csv:" + csv, "--task", "regression",
            "--epochs", "20", "--seeds", "3", "--no-plots", "--out", folder);
        Assert.True(result.ExitCode == 0, result.Error);

        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        string verdicts = report.Split("## Summary")[0];
        Assert.DoesNotContain("Nothing stands out", report);
        Assert.Contains("| `tanh` vs `linear` | test R² | +", verdicts);
        Assert.Contains("| 3 | tanh better |", verdicts);
        foreach (string metric in new[] { "test loss (MSE)", "test RMSE", "test MAE" })
            Assert.Contains($"| `tanh` vs `linear` | {metric} | −", verdicts);
        Assert.Contains("Verdict: tanh vs linear on test R²: tanh better (+", result.Error);
    }

    [Fact]
    public void The_margin_is_kept_in_the_config_and_report_can_judge_with_another()
    {
        string folder = Path.Combine(CliRunner.TempDir(), "res");
        var result = CliRunner.Run("compare", "-a", "relu,tanh", "--epochs", "2", "--seeds", "3", "--no-plots", "--margin", "0.3", "--out", folder);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("report:\n  equivalence_margin: 0.3\n", File.ReadAllText(Path.Combine(folder, "config.yaml")));
        Assert.Contains("(TOST) reject a difference of ±30.0 points", File.ReadAllText(Path.Combine(folder, "report.md")));

        Assert.Equal(0, CliRunner.Run("report", folder, "--no-plots", "--margin", "0.4").ExitCode);
        Assert.Contains("(TOST) reject a difference of ±40.0 points", File.ReadAllText(Path.Combine(folder, "report.md")));

        var bad = CliRunner.Run("report", folder, "--margin", "2");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--margin must be in (0, 1)", bad.Error);
    }

    [Fact]
    public void Several_datasets_get_ranks_a_Friedman_test_and_a_critical_difference_diagram()
    {
        string folder = Path.Combine(CliRunner.TempDir(), "res");
        var result = CliRunner.Run("compare", "-a", "relu,tanh,sigmoid", "--sweep", "dataset=circles,moons,xor", "--epochs", "2", "-q", "--out", folder);
        Assert.True(result.ExitCode == 0, result.Error);
        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("## Across datasets", report);
        Assert.Contains("| variant | `circles` | `moons` | `xor` | average rank |", report);
        Assert.Contains("Friedman χ² = ", report);
        Assert.Contains("Nemenyi critical difference (α = 0.05): 1.91", report); // 2.343·√(3·4/(6·3))
        Assert.Contains("![Critical-difference diagram](critical_difference.png)", report);
        Assert.True(new FileInfo(Path.Combine(folder, "critical_difference.png")).Length > 5_000);
        // Pairs form within a dataset only, and one seed gives no verdict.
        Assert.Contains("| `moons` | `", report);
        Assert.Contains("1 seed: too few for a verdict (3 or more needed)", report);
    }

}

public class CriticalDifferencePlotTests
{
    [Theory]
    // Sorted average ranks and a CD of 1: maximal runs within the CD, each of two or more variants.
    [InlineData(new[] { 1.0, 1.5, 2.2, 3.5, 4.0 }, 1.0, "0-1 1-2 3-4")]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 5.0, "0-2")]
    [InlineData(new[] { 1.0, 3.0, 5.0 }, 1.0, "")]
    public void Cliques_are_the_maximal_groups_within_the_critical_difference(double[] ranks, double cd, string expected) =>
        Assert.Equal(expected, string.Join(" ", ActRun.Plots.CriticalDifferencePlot.Cliques(ranks, cd).Select(c => $"{c.From}-{c.To}")));
}
