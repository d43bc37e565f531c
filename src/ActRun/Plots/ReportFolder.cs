using ActRun.Core.Results;

namespace ActRun.Plots;

/// <summary>The plots and report.md of a result folder, made from its files alone (after a run, or by <c>actrun report</c>).</summary>
public static class ReportFolder
{
    /// <param name="shard">The slice the folder holds when it was just run as a shard; null reports on the whole experiment.</param>
    public static string Write(string folder, bool plots, Core.Experiments.ShardSpec? shard = null)
    {
        var data = ReportData.Load(folder, shard);
        var drawn = plots ? ResultPlots.WriteAll(folder, data) : [];
        var verdicts = Verdicts.From(data.Summary, data.Metrics, data.Layers);
        string path = Path.Combine(folder, ResultFolder.ReportFile);
        AtomicFile.WriteText(path, ReportWriter.Build(data.ConfigYaml, data.Summary, verdicts, drawn));
        return path;
    }
}
