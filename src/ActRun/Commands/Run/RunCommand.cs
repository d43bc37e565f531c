using System.CommandLine;
using ActRun.Core.Experiments;

namespace ActRun.Commands.Run;

/// <summary>The options of <c>actrun run</c>; the action is in <see cref="RunAction"/>.</summary>
public sealed class RunCommand
{
    public Argument<string> Config { get; } = new Argument<string>("CONFIG") { Description = "The experiment file (YAML), e.g. experiments/activations-on-circles.yaml, or the name of a shipped experiment (actrun experiments list)" }.FilePath();
    public Option<string[]> Set { get; } = new("--set") { Description = "Change a setting: --set train.lr=0.05 (repeatable; dotted keys)", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Sweep { get; } = new("--sweep") { Description = "Sweep a setting: --sweep train.lr=0.01,0.1, --sweep \"train.lr=logspace(1e-3,1e-1,5)\", --sweep \"model.hidden=[16],[64],[64,64]\" (repeatable)" };
    public Option<string[]> Tune { get; } = new("--tune") { Description = "Search a setting per variant on the validation split before comparing: --tune \"lr=logspace(1e-4,1,9)\", --tune train.momentum=0,0.9, --tune \"lr=loguniform(1e-4,1)\" with --tune-strategy random (repeatable; see docs/tuning.md)", AllowMultipleArgumentsPerToken = false };
    public Option<string?> TuneStrategy { get; } = new Option<string?>("--tune-strategy") { Description = "How --tune searches: grid (every point), random (--tune-trials points drawn) or halving (successive halving over the grid) (default: grid)" }.AcceptOnlyFromAmong("grid", "random", "halving");
    public Option<int?> TuneTrials { get; } = OptionParsers.PositiveInt("--tune-trials", "Random search (and halving, when given): how many points to draw");
    public Option<string?> Out { get; } = new Option<string?>("--out", "-o") { Description = "Result folder (default: a new folder under results/); one that already holds results is refused unless --resume or --overwrite" }.FolderPath();
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Check the config and list the runs (id, variant, seed) without training" };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue the results in --out: skip runs that completed, re-run the others from the start" };
    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace the results in --out: first remove every file the earlier results wrote there (CSV files, config.yaml, report.md, plots, models/); other files stay" };
    public Option<string?> Shard { get; } = new("--shard") { Description = "Run only the I-th of N fixed slices of the runs (e.g. 2/4); combine the folders with 'actrun merge'" };
    public Option<int?> Threads { get; } = OptionParsers.PositiveInt("--threads", "Threads to use (default: one per core): runs train in parallel first, spare threads share each run's matrix products; results do not depend on it");
    /// <summary>The earlier name of --threads on run, kept so scripts keep working; not in the help.</summary>
    public Option<int?> Parallel { get; } = OptionParsers.Hidden(OptionParsers.PositiveInt("--parallel", "The former name of --threads"));
    public Option<bool> NoExpect { get; } = new("--no-expect") { Description = "Drop the config's expect: ranges (no expected column, nothing to --check)" };
    public Option<bool> NoTune { get; } = new("--no-tune") { Description = "Drop the config's tune: and tuned: sections: every variant at the settings as written, for the ranking without tuning" };
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv, json, or markdown (a table for docs)", "table", "table", "csv", "json", "markdown");
    public Option<bool> Check { get; } = new("--check") { Description = "Exit with code 4 when a result falls outside the config's expect: range" };
    public Option<string?> DataDir { get; } = new Option<string?>("--data-dir") { Description = "Dataset folder (default: $ACTRUN_DATA_DIR, else ./data)" }.FolderPath();
    public Option<bool> Offline { get; } = new("--offline") { Description = "Never download: a missing mnist or fashion_mnist is an error saying where to put the files" };
    public Option<string?> Mirrors { get; } = new("--mirrors") { Description = "Base URLs to download a missing dataset from, comma-separated, tried in order (default: the public mirrors, or $ACTRUN_MIRRORS)" };
    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "No PNG plots (report.md is still written)" };
    public Option<bool> NoDiagnostics { get; } = new("--no-diagnostics") { Description = "No layers.csv (per-layer gradient and activation statistics) or regions.csv" };
    public Option<string?> Baseline { get; } = new("--baseline") { Description = "Train a reference model once per dataset (overrides the config's baseline:): mlnet (ML.NET's multinomial logistic regression, row 'mlnet-logreg') or none" };
    public Option<bool> SaveModel { get; } = new("--save-model") { Description = "Write each trained network to <out>/models/<run_id>.actrun-model (see 'actrun evaluate')" };
    public SettingOption DivergenceFactor { get; } = new(TrainKeys.DivergenceFactor, "as --set train.divergence_factor=VALUE; default: the config's, else " + TrainKeys.DivergenceFactor.Default);
    public SettingOption ValidationFraction { get; } = new(TrainKeys.ValidationFraction, "as --set train.validation_fraction=VALUE; default: the config's, else " + TrainKeys.ValidationFraction.Default);
    public Option<bool> FailOnDivergence { get; } = new("--fail-on-divergence") { Description = "Exit with code 4 when a run diverged: its loss became NaN, infinite or passed the divergence bound (the other runs still complete)" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress lines on stderr" };

    /// <summary>The command's help text (also that of the stub <see cref="CliApp"/> builds when another command runs).</summary>
    public const string Description = """
        Run an experiment file: every point of its sweep, with every seed, in parallel.
        Writes config.yaml, runs.csv, metrics.csv and summary.csv to --out; prints the summary to stdout.
        Examples:
          actrun run experiments/activations-on-circles.yaml
          actrun run exp.yaml --set train.epochs=10 --sweep "train.lr=logspace(1e-3,1e-1,5)" --out results/lr
          actrun run exp.yaml --out results/lr --resume
          actrun run exp.yaml --shard 1/4 --out results/shard1    (then: actrun merge results/shard* --out results/all)
          actrun run experiments/mnist-linear-vs-nonlinear.yaml --baseline mlnet --save-model
        """;

    public static Command Create(CliContext context)
    {
        var options = new RunCommand();
        var command = new Command("run", Description);
        command.Arguments.Add(options.Config);
        foreach (var option in new Option[]
                 {
                     options.Set, options.Sweep, options.Tune, options.TuneStrategy, options.TuneTrials, options.Out, options.DryRun, options.Resume, options.Overwrite, options.Shard, options.Threads, options.Parallel,
                     options.Format, options.Check, options.NoExpect, options.NoTune, options.DataDir, options.Offline, options.Mirrors, options.NoPlots, options.NoDiagnostics,
                     options.Baseline, options.SaveModel, options.DivergenceFactor.Option, options.ValidationFraction.Option, options.FailOnDivergence, options.Quiet,
                 })
            command.Options.Add(option);
        command.SetAction(parse => RunAction.Run(parse, options, context));
        return command;
    }
}
