using ActRun.Console;
using ActRun.Plots;
using ActRun.Core;
using ActRun.Core.Data;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Commands;

/// <summary>How a command wants a plan executed and reported.</summary>
public sealed record ExecutionRequest(string Command, string OutDir, RunOptions Options, string Format, bool Quiet, bool Check, ExistingResults Existing,
    bool Offline = false, string? Mirrors = null, bool Plots = true, bool FailOnDivergence = false);

/// <summary>
/// What <c>run</c> and <c>compare</c> share once they have a plan: load the data, train into the result folder,
/// print the summary, say which results missed their expected range, and choose the exit code.
/// </summary>
public static class ExperimentExecution
{
    /// <summary>The report is made from files already written: if it fails, the results stand and it can be rebuilt.</summary>
    private static (string Path, ReportVerdicts Verdicts) WriteReport(string outDir, bool plots, ShardSpec? shard, CliContext context)
    {
        try
        {
            return ReportFolder.Write(outDir, plots, shard);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Error.WriteLine($"actrun: warning: the report could not be drawn ({e.GetType().Name}: {e.Message}); the results are complete. Retry with 'actrun report {outDir}'.");
            return ("(not written)", ReportVerdicts.None);
        }
    }

    public static int Execute(ExperimentPlan plan, ExecutionRequest request, CliContext context)
    {
        string outDir = request.OutDir;
        ResultFolder.CheckUsable(outDir);
        // One writer per folder, from before anything in it is read (--resume) or judged until the report is written.
        // An existing folder is claimed at once; a new one only when there is something to write (after the data
        // loaded), so that a data error leaves no folder behind.
        string command = $"actrun {request.Command}";
        string hint = request.Command == "run" ? "add --resume to continue them or --overwrite to replace them" : "add --overwrite to replace them";
        ResultFolderLock? held = Directory.Exists(outDir) ? OutFolder.Claim(outDir, command, request.Existing, hint) : null;
        try
        {
            return Execute(plan, request, context, () => held ??= OutFolder.Claim(outDir, command, request.Existing, hint));
        }
        finally
        {
            held?.Dispose();
        }
    }

    /// <summary>Trains and reports; <paramref name="claim"/> locks the folder (if not yet) before the first write.</summary>
    private static int Execute(ExperimentPlan plan, ExecutionRequest request, CliContext context, Action claim)
    {
        string outDir = request.OutDir;
        var options = request.Options with { Baseline = BaselineTrainers.For(plan.Config) };
        var todo = ExperimentRunner.ToTrain(plan, outDir, options);
        if (!request.Offline)
            foreach (var image in todo.Select(r => r.Data.Spec).Where(s => s.Kind == DatasetKind.Images).Select(s => s.Name).Distinct())
                DataFetch.IfMissing(DatasetCatalog.ImageSet(image), DataLocator.Resolve(request.Options.DataDirectory), request.Mirrors, request.Quiet, context);
        var data = ExperimentRunner.LoadData(todo, options.DataDirectory);
        claim();
        if (request.Existing == ExistingResults.Overwrite) ResultFolder.RemoveResults(outDir);
        if (plan.Config is { Tune: not null, Tuned: null })
        {
            // Tune, then compare: each variant's search on validation, then the plan of the chosen settings.
            var (tuned, search) = TuningRunner.Search(plan.Config, outDir, options,
                (round, trials) => request.Quiet ? null : new ProgressLog(context.Error, $"tune round {round + 1}", trials.Runs.Count), context.Cancel, data);
            plan = ExperimentPlan.Create(tuned);
            if (!request.Quiet)
                context.Error.WriteLine($"tune: chose on {plan.Config.Tune!.Metric} ({search.Trials.Count} trial(s), {ResultFolder.TrialsFile}): " +
                                        string.Join("; ", tuned.Tuned!.Select(kv => $"{kv.Key} {new TunePoint(kv.Value).Label}")));
            todo = ExperimentRunner.ToTrain(plan, outDir, options);
            data = ExperimentRunner.LoadData(todo, options.DataDirectory, data);
        }
        int slice = plan.Shard(options.Shard).Count;

        var log = request.Quiet ? null : new ProgressLog(context.Error, request.Command, todo.Count);
        log?.Start(plan, data, outDir, slice - todo.Count);
        // On a terminal a live line per running run; in a pipe or a file one plain line per epoch; nothing with --quiet.
        var outcome = log is not null && context.ErrorIsInteractive
            ? LiveProgress.Run(context.Error, live => ExperimentRunner.Run(plan, outDir, options, data, live, context.Cancel))
            : ExperimentRunner.Run(plan, outDir, options, data, log, context.Cancel);

        SummaryOutput.Write(context.Out, request.Format, plan, outcome.Summary);
        var (report, verdicts) = WriteReport(outDir, request.Plots, options.Shard, context);
        if (!request.Quiet)
            foreach (string line in VerdictTable.BestLines(verdicts.Pairs)) context.Error.WriteLine($"Verdict: {line}");
        if (outcome.Dropped > 0)
            context.Error.WriteLine($"actrun: warning: {outcome.Dropped} run(s) in {outDir} are not part of this {(options.Shard is null ? "experiment" : "shard")} any more; their rows were left out.");
        if (!request.Quiet)
            context.Error.WriteLine($"Results in {outDir}/ ({ResultFolder.MetricsFile}, {ResultFolder.SummaryFile}, {ResultFolder.RunsFile}, {ResultFolder.ConfigFile}); " +
                                    $"{outcome.Trained} run(s) trained, {outcome.Kept} kept from before; report: {report}");
        // An incomplete variant is never checked against its range (its means are over fewer runs): it is reported as
        // such, and a check with one does not pass (exit 130 when interrupted, else 4).
        var incomplete = Expectations.Incomplete(outcome.Summary).ToList();
        foreach (string line in incomplete) context.Error.WriteLine($"actrun: {(request.Check ? "" : "warning: ")}{line}");
        if (outcome.Cancelled)
        {
            int cancelled = outcome.Summary.Sum(r => r.RunsCancelled);
            context.Error.WriteLine($"actrun: interrupted; {cancelled} run(s) did not finish, so the summary is incomplete: its means are over the runs that finished every epoch. Continue with --resume.");
            return ExitCodes.Interrupted;
        }
        var misses = Expectations.Misses(plan.Config, outcome.Summary).ToList();
        foreach (string miss in misses) context.Error.WriteLine($"actrun: {(request.Check ? "" : "warning: ")}{miss}");
        if (outcome.Diverged.Count > 0)
            context.Error.WriteLine($"actrun: {(request.FailOnDivergence ? "" : "warning: ")}{outcome.Diverged.Count} run(s) diverged (loss NaN, infinite or past the divergence bound): " +
                                    string.Join("; ", outcome.Diverged.Take(5)) + (outcome.Diverged.Count > 5 ? "; …" : "") +
                                    (request.FailOnDivergence ? " (--fail-on-divergence)" : "") + $". They are in {ResultFolder.RunsFile} with status diverged.");
        bool failed = (request.Check && (misses.Count > 0 || incomplete.Count > 0)) || (request.FailOnDivergence && outcome.Diverged.Count > 0);
        return failed ? ExitCodes.Check : ExitCodes.Success;
    }
}
