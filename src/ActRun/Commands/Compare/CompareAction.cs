using System.CommandLine;
using System.Globalization;
using ActRun.Core;
using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Data.Csv;
using ActRun.Core.Experiments;
using ActRun.Core.Optimizers;
using ActRun.Core.Results;

namespace ActRun.Commands.Compare;

/// <summary>Resolves the options into a <see cref="Comparison"/>, then runs it as an experiment (the machinery of <c>run</c>).</summary>
public static class CompareAction
{
    public static int Run(ParseResult parse, CompareCommand o, CliContext context)
    {
        var spec = DatasetOptions(parse, o);
        string datasetName = spec.ToString();
        var activations = Comparison.CanonicalActivations(ActivationRegistry.SplitList(parse.GetValue(o.Activations)!));
        var comparison = new Comparison(
            datasetName,
            activations,
            OptionParsers.Given(parse, o.Hidden),
            o.Setting(TrainKeys.Optimizer).Given(parse),
            parse.GetValue(o.Seed),
            parse.GetValue(o.Seeds) ?? 1,
            spec.Features,
            parse.GetValue(o.Baseline) is { } baseline ? OptionParsers.Baseline(baseline) : null);

        string outDir = parse.GetValue(o.Out) ?? ResultFolder.NewDefaultPath(spec.Name, DateTime.Now);
        // The dataset's defaults first; the options given are stored over them as --set would store them (then --set itself).
        var config = comparison.ToConfig();
        SettingOption.Apply(parse, config, [.. o.Settings]);
        if (o.Setting(TrainKeys.Momentum).Given(parse) is not null && config.Train.Momentum > 0 && !OptimizerParameters.Momentum.AppliesTo(config.Train.Optimizer))
            throw new ConfigException($"--momentum applies to --optimizer {string.Join(", ", OptimizerParameters.Momentum.Optimizers)} only.");
        ConfigOverrides.Apply(config, parse.GetValue(o.Set) ?? [], parse.GetValue(o.Sweep) ?? [], context);
        ConfigOverrides.ApplyTune(config, parse.GetValue(o.Tune) ?? [], parse.GetValue(o.TuneStrategy), parse.GetValue(o.TuneTrials));
        if (parse.GetValue(o.Margin) is double margin) config.EquivalenceMargin = margin;
        var plan = ExperimentPlan.Create(config);
        var options = new RunOptions(parse.GetValue(o.Threads) ?? Environment.ProcessorCount, DataDirectory: parse.GetValue(o.DataDir), Extras: parse.GetValue(o.NoDiagnostics) ? Core.Training.TrainingExtras.None : Core.Training.TrainingExtras.Diagnostics | Core.Training.TrainingExtras.DecisionGrid,
            SaveModels: parse.GetValue(o.SaveModel));
        return ExperimentExecution.Execute(plan,
            new ExecutionRequest("compare", outDir, options, parse.GetValue(o.Format)!, parse.GetValue(o.Quiet), Check: false,
                parse.GetValue(o.Overwrite) ? ExistingResults.Overwrite : ExistingResults.Refuse,
                Offline: parse.GetValue(o.Offline), Mirrors: parse.GetValue(o.Mirrors), Plots: !parse.GetValue(o.NoPlots), FailOnDivergence: parse.GetValue(o.FailOnDivergence)),
            context);
    }

    /// <summary>--dataset with --features and the csv options folded in; a csv option on another dataset is an error.</summary>
    private static DatasetSpec DatasetOptions(ParseResult parse, CompareCommand o)
    {
        var spec = DatasetSpec.Parse(parse.GetValue(o.Dataset)!, parse.GetValue(o.Features));
        (string Option, string Key, string? Value)[] csvOptions =
        [
            ("--label-column", CsvOptions.LabelColumnKey, parse.GetValue(o.LabelColumn)),
            ("--drop-columns", CsvOptions.DropColumnsKey, parse.GetValue(o.DropColumns)),
            ("--task", CsvOptions.TaskKey, parse.GetValue(o.Task)),
            ("--test-fraction", CsvOptions.TestFractionKey, parse.GetValue(o.TestFraction)?.ToString("R", CultureInfo.InvariantCulture)),
        ];
        foreach (var (option, key, value) in csvOptions.Where(c => c.Value is not null))
        {
            if (spec.Kind != DatasetKind.Csv)
                throw new ConfigException($"{option} applies to csv datasets (--dataset csv:PATH), not to '{spec.Name}'.");
            spec = spec.WithOption(key, value!);
        }
        return spec;
    }
}
