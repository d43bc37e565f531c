using System.CommandLine;
using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Experiments;

namespace ActRun.Commands.Compare;

/// <summary>The options of <c>actrun compare</c>; the action is in <see cref="CompareAction"/>.</summary>
public sealed class CompareCommand
{
    public Option<string> Activations { get; } = new("--activations", "-a")
    {
        Description = "Activations to compare, comma-separated; commas inside parentheses do not split: relu,leaky_relu(negative_slope=0.2)",
        DefaultValueFactory = _ => "relu,tanh,sigmoid",
    };

    public Option<string> Dataset { get; } = new("--dataset", "-d")
    {
        Description = "Dataset: circles, xor, moons, spiral, blobs (with options: \"spiral(noise=0.2, train_size=2000)\"), mnist, fashion_mnist, or your own csv:PATH / csv:TRAIN.csv,TEST.csv",
        DefaultValueFactory = _ => Core.Experiments.DatasetDefaults.Dataset,
    };

    public Option<string?> Features { get; } = new("--features") { Description = "Network inputs for the 2-D sets, as TensorFlow Playground's toggles: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2) (default: x1,x2)" };
    public Option<string?> LabelColumn { get; } = new("--label-column") { Description = "csv: the label or target column (default: the last column)" };
    public Option<string?> DropColumns { get; } = new("--drop-columns") { Description = "csv: columns to leave out, comma-separated (an id, a date, free text)" };
    public Option<string?> Task { get; } = new Option<string?>("--task") { Description = "csv: classification (string or integer labels) or regression (numeric target) (default: classification)" }.AcceptOnlyFromAmong("classification", "regression");
    public Option<double?> TestFraction { get; } = OptionParsers.PositiveRate("--test-fraction", "csv with one file: the share of rows held out for testing, split with --seed (default 0.2)");
    public Option<int[]?> Hidden { get; } = OptionParsers.LayerSizes("--hidden", $"Hidden layer widths, e.g. 128 or 64,64 ({ByDataset(d => ConfigKeys.WidthList(d.Hidden))})");
    /// <summary>
    /// An option for every setting that declares one (<see cref="ConfigKey.Option"/>), in declaration order: a key gets
    /// its option on compare by declaring it. The action stores the values given over the dataset's defaults, as --set would.
    /// </summary>
    public IReadOnlyList<SettingOption> Settings { get; } = DeclaredOptions();
    public Option<ulong> Seed { get; } = OptionParsers.Seed("--seed", "Base seed: toy data comes from it, and seed i of each activation is seed + i", 42UL);
    public Option<int?> Seeds { get; } = OptionParsers.PositiveInt("--seeds", "Train each activation with this many seeds (default 1)");
    public Option<string[]> Set { get; } = new("--set") { Description = "Change a setting of the comparison's config, as for run: --set train.momentum=0.5 (repeatable; dotted keys)", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Sweep { get; } = new("--sweep") { Description = "Sweep a setting, as for run: --sweep train.lr=0.01,0.1 (repeatable); every activation runs at every value" };
    public Option<string[]> Tune { get; } = new("--tune") { Description = "Search a setting per variant on the validation split before comparing: --tune \"lr=logspace(1e-4,1,9)\", --tune train.momentum=0,0.9, --tune \"lr=loguniform(1e-4,1)\" with --tune-strategy random (repeatable; see docs/tuning.md)", AllowMultipleArgumentsPerToken = false };
    public Option<string?> TuneStrategy { get; } = new Option<string?>("--tune-strategy") { Description = "How --tune searches: grid (every point), random (--tune-trials points drawn) or halving (successive halving over the grid) (default: grid)" }.AcceptOnlyFromAmong("grid", "random", "halving");
    public Option<int?> TuneTrials { get; } = OptionParsers.PositiveInt("--tune-trials", "Random search (and halving, when given): how many points to draw");
    public Option<string?> Out { get; } = new Option<string?>("--out", "-o") { Description = "Result folder (default: a new folder under results/); one that already holds results is refused unless --overwrite" }.FolderPath();
    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace the results in --out: first remove every file the earlier results wrote there (CSV files, config.yaml, report.md, plots, models/); other files stay" };
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv, json, or markdown (a table for docs)", "table", "table", "csv", "json", "markdown");
    public Option<string?> DataDir { get; } = new Option<string?>("--data-dir") { Description = "Dataset folder (default: $ACTRUN_DATA_DIR, else ./data)" }.FolderPath();
    public Option<bool> Offline { get; } = new("--offline") { Description = "Never download: a missing mnist or fashion_mnist is an error saying where to put the files" };
    public Option<string?> Mirrors { get; } = new("--mirrors") { Description = "Base URLs to download a missing dataset from, comma-separated, tried in order (default: the public mirrors, or $ACTRUN_MIRRORS)" };
    public Option<int?> Threads { get; } = OptionParsers.PositiveInt("--threads", "Threads to use (default: one per core): runs train in parallel first, spare threads share each run's matrix products; results do not depend on it");
    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "No PNG plots (report.md is still written)" };
    public Option<bool> NoDiagnostics { get; } = new("--no-diagnostics") { Description = "No layers.csv (per-layer gradient and activation statistics) or regions.csv" };
    public Option<string?> Baseline { get; } = new("--baseline") { Description = "Also train a reference model once per dataset, on the same split and features: mlnet (ML.NET's multinomial logistic regression, row 'mlnet-logreg'; classification only) or none" };
    public Option<bool> SaveModel { get; } = new("--save-model") { Description = "Write each trained network to <out>/models/<run_id>.actrun-model (see 'actrun evaluate')" };
    public Option<bool> FailOnDivergence { get; } = new("--fail-on-divergence") { Description = "Exit with code 4 when a run diverged: its loss became NaN, infinite or passed the divergence bound (the other runs still complete)" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress lines on stderr" };
    public Option<double?> Margin { get; } = OptionParsers.Margin("--margin");

    /// <summary>The command's help text (also that of the stub <see cref="CliApp"/> builds when another command runs).</summary>
    public const string Description = """
        Train the same MLP once per activation (and seed) and compare loss and accuracy.
        Writes metrics.csv, summary.csv and config.yaml to --out; prints the summary to stdout.
        Examples:
          actrun compare --activations relu,tanh,sigmoid
          actrun compare --activations relu,linear --dataset mnist --epochs 5
          actrun compare --activations linear --dataset circles --features x1^2,x2^2
          actrun compare --dataset csv:iris.csv --label-column species
          actrun compare --activations linear --dataset mnist --epochs 5 --baseline mlnet
          actrun compare --activations relu --dataset fashion_mnist --save-model --out results/fm
          actrun compare --activations relu,tanh --sweep train.lr=0.003,0.01,0.03
        """;

    public static Command Create(CliContext context)
    {
        var options = new CompareCommand();
        var command = new Command("compare", Description);
        Option[] all =
        [
            options.Activations, options.Dataset, options.Features, options.LabelColumn, options.DropColumns, options.Task, options.TestFraction, options.Hidden, .. options.Settings.Select(s => s.Option),
            options.Seed, options.Seeds, options.Set, options.Sweep, options.Tune, options.TuneStrategy, options.TuneTrials,
            options.Out, options.Overwrite, options.Format, options.DataDir, options.Offline, options.Mirrors, options.Threads, options.NoPlots, options.NoDiagnostics,
            options.Baseline, options.SaveModel, options.FailOnDivergence, options.Quiet, options.Margin,
        ];
        foreach (var option in all)
            command.Options.Add(option);
        command.SetAction(parse => CompareAction.Run(parse, options, context));
        return command;
    }

    /// <summary>A plain loop: LINQ's Where-then-ToList would compile its array builder at start-up, about 1 ms of every launch.</summary>
    private static List<SettingOption> DeclaredOptions()
    {
        var options = new List<SettingOption>();
        foreach (var key in ConfigKeys.Declared)
            if (key.Option is not null) options.Add(new SettingOption(key, DefaultNote(key)));
        return options;
    }

    /// <summary>The option of a declared setting.</summary>
    public SettingOption Setting(ConfigKey key) => Settings.Single(s => s.Key == key);

    /// <summary>Where compare's default of a setting comes from: the dataset's defaults (<see cref="DatasetDefaults"/>), else the key's.</summary>
    private static string DefaultNote(ConfigKey key) => key.Path switch
    {
        "train.epochs" => ByDataset(d => Text(d.Epochs)),
        "train.batch_size" => ByDataset(d => Text(d.BatchSize)),
        "train.optimizer" => ByDataset(d => d.Optimizer),
        "train.lr" => ByDataset(d => $"{Text(d.LearningRate)} with {d.Optimizer}"),
        "train.momentum" => ByDataset(d => d.Momentum == 0 ? "0" : $"{Text(d.Momentum)} with {d.Optimizer}"),
        "train.validation_fraction" => "default: " + Text(DatasetDefaults.ValidationFraction),
        _ => "default: " + key.Default,
    };

    /// <summary>
    /// compare's default per kind of dataset, from <see cref="DatasetDefaults"/>: "32 on 2-D sets and csv, 64 on images".
    /// Plain loops: the help is built at start-up, where LINQ over value tuples would be compiled first.
    /// </summary>
    private static string ByDataset(Func<DatasetDefaults, string> value)
    {
        string[] places = ["2-D sets", "images", "csv"];
        DatasetKind[] kinds = [DatasetKind.Toy, DatasetKind.Images, DatasetKind.Csv];
        var values = new List<string>();
        var where = new List<string>();
        for (int i = 0; i < kinds.Length; i++)
        {
            string v = value(DatasetDefaults.For(kinds[i]));
            int at = values.IndexOf(v);
            if (at < 0)
            {
                values.Add(v);
                where.Add(places[i]);
            }
            else
                where[at] += " and " + places[i];
        }
        var parts = new string[values.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = $"{values[i]} on {where[i]}";
        return "default: " + string.Join(", ", parts);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
