using ActRun.Core;

namespace ActRun.Cli.Tests;

/// <summary>Every error is one line with its exit code; a stack trace only with --verbose.</summary>
public class ErrorReportingTests
{
    [Theory]
    [InlineData(new[] { "compare", "--epochs", "0" }, 2)]
    [InlineData(new[] { "run", "/nonexistent/exp.yaml" }, 2)]
    [InlineData(new[] { "compare", "--dataset", "csv:/nonexistent/data.csv", "--out", "/tmp/actrun-never-written" }, 3)]
    [InlineData(new[] { "merge", "/nonexistent/a", "--out", "/tmp/actrun-never-written" }, 2)]
    [InlineData(new[] { "report", "/nonexistent/a" }, 2)]
    public void Errors_are_one_line_and_verbose_adds_the_stack_trace(string[] args, int code)
    {
        var plain = CliRunner.Run(args);
        var verbose = CliRunner.Run([.. args, "--verbose"]);

        Assert.Equal(code, plain.ExitCode);
        Assert.Single(plain.Error.Trim().Split('\n'));
        Assert.StartsWith("actrun: ", plain.Error);
        Assert.DoesNotContain("   at ", plain.Error);
        Assert.Equal(code, verbose.ExitCode);
        Assert.StartsWith(plain.Error.Trim(), verbose.Error);
        // Parse errors have no exception behind them; the others show where they were thrown.
        if (args[1] != "--epochs") Assert.Contains("   at ActRun.", verbose.Error);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_internal_error_with_exit_1()
    {
        var error = new StringWriter();

        int code = CliApp.Report(new InvalidOperationException("boom\nsecond line"), error);

        Assert.Equal(1, code);
        Assert.Equal("actrun: internal error: InvalidOperationException: boom second line (run with --verbose for details)", error.ToString().Trim());
    }

    [Fact]
    public void An_error_inside_parallel_runs_keeps_its_own_exit_code()
    {
        var error = new StringWriter();

        int code = CliApp.Report(new AggregateException(new DataException("data.csv:3: bad row")), error);

        Assert.Equal(3, code);
        Assert.Equal("actrun: data.csv:3: bad row", error.ToString().Trim());
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("run")]
    [InlineData("merge")]
    public void An_out_that_is_a_file_is_a_one_line_usage_error_and_the_file_is_kept(string command)
    {
        string dir = CliRunner.TempDir();
        string file = Path.Combine(dir, "taken");
        File.WriteAllText(file, "keep me");
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, "dataset: {name: xor, train_size: 40, test_size: 20}\ntrain: {epochs: 1}\n");
        string[] args = command switch
        {
            "compare" => ["compare", "--epochs", "1", "--out", file],
            "run" => ["run", config, "--out", file],
            _ => ["merge", dir, "--out", file],
        };

        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    /// <summary>
    /// /dev/null is a file, so no folder can be made under it; /proc exists but takes no files: whoever runs the test
    /// (root included), neither can be a result folder.
    /// </summary>
    [Theory]
    [InlineData("/dev/null/results")]
    [InlineData("/proc")]
    public void An_out_folder_that_cannot_be_created_or_written_is_a_one_line_usage_error(string folder)
    {
        var result = CliRunner.Run("compare", "--epochs", "1", "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--out '{folder}'", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    // Found by CliValueFuzzTests: a NUL character in a path made File APIs throw ArgumentException, an internal error.
    [Theory]
    [InlineData("run", "\0")]
    [InlineData("report", "a\0b")]
    public void A_nul_character_in_an_argument_is_a_usage_error(string command, string value)
    {
        var result = CliRunner.Run(command, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("actrun: argument 2 contains a NUL character; no option value can hold one.", result.Error.Trim());
    }

    // Found by hand after the fuzzing: sizes that overflow an int were an OverflowException (internal error).
    [Fact]
    public void A_layer_too_large_for_an_array_is_a_usage_error_and_a_huge_batch_is_the_whole_set()
    {
        var wide = CliRunner.Run("compare", "-a", "relu", "--hidden", "2000000000", "--epochs", "1", "--quiet", "--no-plots", "--out", CliRunner.TempDir());
        var batch = CliRunner.Run("compare", "-a", "relu", "--batch-size", "2000000000", "--epochs", "1", "--quiet", "--no-plots", "--out", CliRunner.TempDir());

        Assert.Equal(2, wide.ExitCode);
        Assert.Contains("The model is too large: layer 1", wide.Error);
        Assert.Single(wide.Error.Trim().Split('\n'));
        Assert.True(batch.ExitCode == 0, batch.Error);
    }
}
