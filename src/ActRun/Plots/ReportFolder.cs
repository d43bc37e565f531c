using ActRun.Core.Results;

namespace ActRun.Plots;

/// <summary>The plots and report.md of a result folder, made from its files alone (after a run, or by <c>actrun report</c>).</summary>
public static class ReportFolder
{
    /// <param name="shard">The slice the folder holds when it was just run as a shard; null reports on the whole experiment.</param>
    /// <param name="margin">The equivalence margin when given on the command line (--margin); else the config's or the default.</param>
    public static (string Path, ReportVerdicts Verdicts) Write(string folder, bool plots, Core.Experiments.ShardSpec? shard = null, double? margin = null)
    {
        var data = ReportData.Load(folder, shard);
        var drawn = plots ? ResultPlots.WriteAll(folder, data) : [];
        var pairs = Comparisons.Pairs(data.Finals, data.Regression, margin ?? data.Margin);
        var across = AcrossDatasets.From(data.Finals, data.Regression);
        string? diagram = null;
        if (across is not null && plots)
        {
            CriticalDifferencePlot.Write(Path.Combine(folder, CriticalDifferencePlot.File), across);
            diagram = CriticalDifferencePlot.File;
        }
        var verdicts = new ReportVerdicts(pairs, across, diagram, data.Tuned);
        string path = Path.Combine(folder, ResultFolder.ReportFile);
        AtomicFile.WriteText(path, ReportWriter.Build(data.ConfigYaml, data.Summary, verdicts, Verdicts.From(data.Summary, data.Layers), drawn));
        return (path, verdicts);
    }
}
