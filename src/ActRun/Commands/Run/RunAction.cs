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
        var config = ConfigReader.ReadFile(file);
        if (parse.GetValue(o.NoExpect)) config.Expect.Clear();
        ConfigOverrides.Apply(config, parse.GetValue(o.Set) ?? [], parse.GetValue(o.Sweep) ?? [], context);
        if (parse.GetValue(o.Baseline) is { } baseline) config.Baseline = OptionParsers.Baseline(baseline);
        if (parse.GetValue(o.DivergenceFactor) is { } factor) config.Train.DivergenceFactor = factor;
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
}
