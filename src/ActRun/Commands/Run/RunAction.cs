using System.CommandLine;
using ActRun.Console;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Commands.Run;

/// <summary>Reads the config, applies --set and --sweep, plans the runs, then lists them (--dry-run) or executes them.</summary>
public static class RunAction
{
    /// <summary>--threads, or its former name --parallel; giving both is an error.</summary>
    private static int ThreadCount(ParseResult parse, RunCommand o)
    {
        int? threads = parse.GetValue(o.Threads), parallel = parse.GetValue(o.Parallel);
        if (threads is not null && parallel is not null)
            throw new Core.ConfigException("--parallel is the former name of --threads: give --threads only.");
        return threads ?? parallel ?? Environment.ProcessorCount;
    }

    public static int Run(ParseResult parse, RunCommand o, CliContext context)
    {
        string file = parse.GetValue(o.Config)!;
        var config = ReadConfig(file, parse.GetValue(o.Quiet), context);
        if (parse.GetValue(o.NoExpect)) config.Expect.Clear();
        if (parse.GetValue(o.NoTune)) (config.Tune, config.Tuned) = (null, null);
        ConfigOverrides.Apply(config, parse.GetValue(o.Set) ?? [], parse.GetValue(o.Sweep) ?? [], context);
        ConfigOverrides.ApplyTune(config, parse.GetValue(o.Tune) ?? [], parse.GetValue(o.TuneStrategy), parse.GetValue(o.TuneTrials));
        if (parse.GetValue(o.Baseline) is { } baseline) config.Baseline = OptionParsers.Baseline(baseline);
        SettingOption.Apply(parse, config, o.DivergenceFactor, o.ValidationFraction);
        var plan = ExperimentPlan.Create(config);
        var shard = parse.GetValue(o.Shard) is { } text ? ShardSpec.Parse(text) : null;

        if (parse.GetValue(o.DryRun))
        {
            DryRunOutput.Write(context.Out, parse.GetValue(o.Format)!, plan, plan.Shard(shard));
            if (!parse.GetValue(o.Quiet))
                context.Error.WriteLine($"{file}: {plan.Variants.Count} variant(s) x {config.RunSeeds().Count} seed(s) = {plan.Runs.Count} run(s)" +
                                        (shard is null ? "" : $"; shard {shard} has {plan.Shard(shard).Count}") + "; nothing trained (--dry-run).");
            return ExitCodes.Success;
        }

        string outDir = parse.GetValue(o.Out) ?? ResultFolder.NewDefaultPath(config.Name, DateTime.Now);
        bool resume = parse.GetValue(o.Resume), overwrite = parse.GetValue(o.Overwrite);
        if (resume && overwrite) throw new Core.ConfigException("--resume continues the results in --out and --overwrite replaces them: give one of them.");
        var options = new RunOptions(ThreadCount(parse, o), shard, resume, parse.GetValue(o.DataDir), Extras: parse.GetValue(o.NoDiagnostics) ? Core.Training.TrainingExtras.None : Core.Training.TrainingExtras.Diagnostics | Core.Training.TrainingExtras.DecisionGrid,
            SaveModels: parse.GetValue(o.SaveModel));
        return ExperimentExecution.Execute(plan,
            new ExecutionRequest("run", outDir, options, parse.GetValue(o.Format)!, parse.GetValue(o.Quiet), parse.GetValue(o.Check),
                resume ? ExistingResults.Resume : overwrite ? ExistingResults.Overwrite : ExistingResults.Refuse,
                Offline: parse.GetValue(o.Offline), Mirrors: parse.GetValue(o.Mirrors), Plots: !parse.GetValue(o.NoPlots), FailOnDivergence: parse.GetValue(o.FailOnDivergence)),
            context);
    }

    /// <summary>
    /// The file <paramref name="name"/>; when there is none, the shipped experiment of that name (bare, or as
    /// experiments/NAME.yaml, the path the docs use in a clone), so that an installed tool runs them anywhere.
    /// </summary>
    private static ExperimentConfig ReadConfig(string name, bool quiet, CliContext context)
    {
        if (File.Exists(name)) return ConfigReader.ReadFile(name);
        string folder = Path.GetDirectoryName(name) ?? "";
        if (folder is "" or "experiments" && ShippedExperiments.Find(Path.GetFileName(name)) is { } shipped)
        {
            if (!quiet) context.Error.WriteLine($"{name}: no such file; running the shipped experiment '{shipped.Name}' (see 'actrun experiments show {shipped.Name}').");
            return shipped.Read();
        }
        if (folder is "" or "experiments")
            throw new Core.ConfigException($"{name}: no such file, and no shipped experiment of that name.{Core.Suggest.DidYouMean(Path.GetFileNameWithoutExtension(name), ShippedExperiments.All.Select(e => e.Name))} See 'actrun experiments list'.");
        return ConfigReader.ReadFile(name);
    }
}
