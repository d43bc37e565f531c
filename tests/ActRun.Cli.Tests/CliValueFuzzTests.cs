using System.Text;

namespace ActRun.Cli.Tests;

/// <summary>
/// Command lines with random and mutated values: every one ends in success, a usage error (2) or a data error (3),
/// with errors on one line and never a stack trace. The token is cancelled before the start, so everything is
/// checked, loaded and planned but nothing trains (a valid command line then ends as interrupted, 130).
/// </summary>
public class CliValueFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("ACTRUN_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 6);

    private static readonly int SeedOffset = int.TryParse(Environment.GetEnvironmentVariable("ACTRUN_FUZZ_SEED"), out int offset) ? offset : 0;

    private static readonly string[] Nasty =
    [
        "", " ", "0", "-1", "1", "3", "-0", "1e309", "NaN", "inf", "-inf", "1e-320", "2147483647", "2147483648", "99999999999999999999", "0.5", "1.5",
        "0x10", "1,5", "1;2", "relu", "rleu", "x", "(", ")", "[", "]", ",", "=", "--", "-", "--epochs", "é", "\u0000", "\n", "\"", "'", "a b",
        "/dev/null", "/nonexistent/folder", "..", ".", "csv:", "csv:/nonexistent.csv", "mnist", "circles(noise=2)", "2/4", "0/4", "5/4", "1/0",
    ];

    /// <summary>The value options of compare, each with values that are valid.</summary>
    private static readonly (string Option, string[] Values)[] CompareOptions =
    [
        ("--activations", ["relu,tanh", "leaky_relu(negative_slope=0.2),x*sigmoid(x)", "elu(alpha=2)"]),
        ("--dataset", ["circles", "xor(noise=0.1, train_size=100)", "moons", "spiral(train_size=120, test_size=40)"]),
        ("--features", ["x1,x2", "x1^2,x2^2", "sin(x1),x1*x2"]),
        ("--hidden", ["8", "4,4"]), ("--output-activation", ["auto", "softmax", "sigmoid"]), ("--init", ["auto", "he_normal"]),
        ("--epochs", ["1", "2"]), ("--batch-size", ["16", "1000000"]), ("--lr", ["0.01", "1e-5"]), ("--optimizer", ["sgd", "adam"]),
        ("--momentum", ["0", "0.9"]), ("--seed", ["0", "18446744073709551615"]), ("--seeds", ["1", "2"]), ("--format", ["table", "csv", "json"]),
        ("--threads", ["1", "2"]), ("--test-fraction", ["0.2"]), ("--task", ["classification"]), ("--label-column", ["y"]),
    ];

    private static readonly (string Option, string[] Values)[] RunOptions =
    [
        ("--set", ["train.lr=0.05", "model.hidden=[4]", "train.epochs=1", "seeds=2"]),
        ("--sweep", ["train.lr=0.01,0.1", "model.activation=relu,tanh", "train.lr=logspace(1e-3,1e-1,3)"]),
        ("--shard", ["1/2", "2/2"]), ("--parallel", ["1", "2"]), ("--format", ["csv", "json"]),
    ];

    private static string Value(Random random, string[] valid) => random.Next(3) switch
    {
        0 => valid[random.Next(valid.Length)],
        1 => Nasty[random.Next(Nasty.Length)],
        _ => Mutate(random, valid[random.Next(valid.Length)]),
    };

    private static string Mutate(Random random, string text)
    {
        var s = new StringBuilder(text);
        for (int i = random.Next(1, 3); i > 0; i--)
        {
            int at = random.Next(s.Length + 1);
            if (random.Next(2) == 0 && s.Length > 0) s.Remove(Math.Min(at, s.Length - 1), 1);
            else s.Insert(at, Nasty[random.Next(Nasty.Length)]);
        }
        return s.ToString();
    }

    private static string[] Arguments(Random random, string dir, string config, int i)
    {
        var args = new List<string>();
        switch (random.Next(4))
        {
            case 0 or 1:
                args.AddRange(["compare", "--out", Path.Combine(dir, $"c{i}"), "--offline", "--quiet", "--no-plots", "--data-dir", dir]);
                // Usually a small set, so that loading the data stays quick.
                if (random.Next(3) > 0) args.AddRange(["--dataset", "circles(train_size=100, test_size=50)"]);
                foreach (var (option, values) in CompareOptions.OrderBy(_ => random.Next()).Take(random.Next(1, 5)))
                    args.AddRange([option, Value(random, values)]);
                break;
            case 2:
                args.AddRange(["run", random.Next(8) == 0 ? Value(random, [config]) : config, "--out", Path.Combine(dir, $"r{i}"), "--offline", "--quiet", "--no-plots"]);
                if (random.Next(3) == 0) args.Add("--dry-run");
                foreach (var (option, values) in RunOptions.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                    args.AddRange([option, Value(random, values)]);
                break;
            default:
                args.AddRange(random.Next(3) switch
                {
                    0 => ["activations", "table", "--names", Value(random, ["relu,tanh", "x^2", "elu(alpha=0.5)"]), "--range", Value(random, ["-5:5:0.5", "0:1:0.25"])],
                    1 => ["activations", "table", "--names", Value(random, ["relu", "softplus(beta=2)"]), "--x", Value(random, ["1,2", "inf,-inf,nan"])],
                    _ => [Value(random, ["report", "merge"]), Value(random, [dir]), "--out", Path.Combine(dir, $"m{i}")],
                });
                break;
        }
        // Now and then a token anywhere: an option where a value goes, a stray word, an empty string.
        if (random.Next(5) == 0) args.Insert(random.Next(1, args.Count + 1), Nasty[random.Next(Nasty.Length)]);
        return args.ToArray();
    }

    [Fact]
    public void Random_and_mutated_values_end_in_success_or_a_one_line_usage_or_data_error()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, """
            name: fuzz
            dataset: {name: xor, train_size: 80, test_size: 40}
            model: {hidden: [4], activation: relu}
            train: {epochs: 1, batch_size: 16}
            seeds: 2
            sweep: {model.activation: [relu, tanh]}
            """);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var codes = new Dictionary<int, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 2000 && (i < 30 || clock.Elapsed < Budget); i++)
        {
            var random = new Random(unchecked((4242 + SeedOffset) * 1_000_003 + i));
            string[] args = Arguments(random, dir, config, i);
            string shown = string.Join(" ", args.Select(a => $"'{a}'"));
            CliResult result;
            try
            {
                result = CliRunner.Run(cancelled.Token, args);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: actrun {shown} threw {e}");
                throw;
            }
            codes[result.ExitCode] = codes.GetValueOrDefault(result.ExitCode) + 1;
            Assert.True(result.ExitCode is 0 or 2 or 3 or 130, $"case {i}: actrun {shown} exited {result.ExitCode}: {result.Error}");
            Assert.DoesNotContain("internal error", result.Error);
            Assert.DoesNotContain("   at ", result.Error);
            if (result.ExitCode is 2 or 3)
            {
                string[] lines = result.Error.Trim().Split('\n');
                Assert.True(lines.Length == 1 && lines[0].StartsWith("actrun: "), $"case {i}: actrun {shown}: not one error line: {result.Error}");
            }
        }
        // The generator reaches both sides: command lines that pass every check, and ones that fail them.
        Assert.True(codes.GetValueOrDefault(2) > 0 && codes.GetValueOrDefault(130) + codes.GetValueOrDefault(0) > 0, string.Join(", ", codes));
    }
}
