using ActRun.Core.Activations;

namespace ActRun.Cli.Tests;

/// <summary>
/// The same seed gives the same bits on every machine: the real `actrun compare` run as child processes whose
/// JIT is denied AVX-512, AVX2 or every hardware intrinsic (the paths an older x64, or a machine without the
/// vector units .NET uses, takes) writes a metrics.csv byte for byte equal to the default one, timing column
/// aside, for every catalog activation and a few custom expressions. .ci/run also runs this whole suite's
/// determinism tests with the test host itself restricted.
/// </summary>
public class DeterminismAcrossInstructionSetsTests
{
    private static readonly string[] Restrictions = ["DOTNET_EnableAVX512F", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic"];

    [Fact]
    public void Every_activation_gives_the_same_metrics_with_AVX512_AVX2_or_no_intrinsics()
    {
        string activations = string.Join(",", ActivationRegistry.Entries.Select(e => e.Name)
            .Concat(["x*sigmoid(1.5*x)", "log(1+exp(x))-tanh(x)", "x*erf(x)+softplus(-x)"]));
        string[] Args(string dir) =>
        [
            "compare", "--activations", activations, "--dataset", "circles(train_size=200, test_size=100)", "--hidden", "13,7",
            "--epochs", "2", "--batch-size", "16", "--threads", "2", "--no-plots", "--quiet", "--out", dir,
        ];

        string root = CliRunner.TempDir();
        string Run(string name, IReadOnlyDictionary<string, string> environment)
        {
            string dir = Path.Combine(root, name);
            var result = CliRunner.RunProcess(root, environment, Args(dir));
            Assert.True(result.ExitCode == 0, $"{name}: exit {result.ExitCode}: {result.Error}");
            return WithoutTiming(File.ReadAllLines(Path.Combine(dir, "metrics.csv")));
        }

        string expected = Run("default", new Dictionary<string, string>());
        Assert.Contains("elu,", expected);
        foreach (string variable in Restrictions)
            Assert.Equal(expected, Run(variable, new Dictionary<string, string> { [variable] = "0" }));
    }

    /// <summary>The file without its epoch_seconds column (wall time, the one value that may differ).</summary>
    private static string WithoutTiming(string[] lines)
    {
        // Counted from the end: the key column hidden ("[13,7]") is one quoted field with a comma inside, so a plain
        // split gives rows one more piece than the header before it, never after it.
        string[] header = lines[0].Split(',');
        int timing = Array.IndexOf(header, "epoch_seconds");
        Assert.True(timing >= 0, "metrics.csv has an epoch_seconds column");
        int fromEnd = header.Length - 1 - timing;
        return string.Join("\n", lines.Select(line =>
        {
            var fields = line.Split(',').ToList();
            fields.RemoveAt(fields.Count - 1 - fromEnd);
            return string.Join(",", fields);
        }));
    }
}
