using System.CommandLine;
using ActRun.Console;
using ActRun.Core;
using ActRun.Core.Data;
using ActRun.Core.Data.Download;

namespace ActRun.Commands.Data;

public static class DataAction
{
    public static int List(ParseResult parse, DataCommand o, CliContext context)
    {
        var rows = DatasetInventory.List(DataLocator.Resolve(parse.GetValue(o.DataDir)));
        string format = parse.GetValue(o.Format)!;
        if (format == "table")
            TextTable.Write(context.Out, ["name", "kind", "present", "verified", "location"],
                rows.Select(r => new[] { r.Name, r.Kind, r.Present, r.Verified, r.Location }));
        else
            RecordOutput.Write(context.Out, format, rows);
        return ExitCodes.Success;
    }

    public static int Fetch(ParseResult parse, DataCommand o, CliContext context)
    {
        var layout = DatasetCatalog.ImageSet(parse.GetValue(o.Name)!);
        var source = DownloadSources.For(layout).WithMirrorOverride(parse.GetValue(o.Mirrors));
        string dataDir = DataLocator.Resolve(parse.GetValue(o.DataDir));
        if (MnistLoader.FoundFolder(layout, dataDir) is { } found && found != MnistLoader.TargetFolder(layout, dataDir)
            && DatasetInventory.Verify(layout, dataDir).All(c => c.Ok))
        {
            context.Error.WriteLine($"{layout.Name}: already present and verified in {found}; nothing to fetch.");
            context.Out.WriteLine(found);
            return ExitCodes.Success;
        }
        string folder = DownloadProgress.Run(context, parse.GetValue(o.Quiet), observer =>
        {
            using var http = DatasetFetcher.CreateHttpClient();
            return new DatasetFetcher(http, observer).Fetch(source, dataDir, context.Cancel);
        });
        context.Out.WriteLine(folder);
        return ExitCodes.Success;
    }

    public static int Verify(ParseResult parse, DataCommand o, CliContext context)
    {
        var layout = DatasetCatalog.ImageSet(parse.GetValue(o.Name)!);
        var checks = DatasetInventory.Verify(layout, DataLocator.Resolve(parse.GetValue(o.DataDir)));
        var rows = checks.Select(c => new { file = c.Path ?? "", state = c.State.ToString().ToLowerInvariant(), detail = c.Detail }).ToList();
        if (parse.GetValue(o.Format) is "csv" or "json")
            RecordOutput.Write(context.Out, parse.GetValue(o.Format)!, rows);
        else
            TextTable.Write(context.Out, ["file", "state", "detail"], rows.Select(r => new[] { r.file, r.state, r.detail }));
        int bad = checks.Count(c => !c.Ok);
        if (bad == 0) return ExitCodes.Success;
        throw new DataException(
            $"{layout.Name}: {bad} of {checks.Count} files missing or not matching their published SHA-256. Run 'actrun data fetch {layout.Name}' to download them again.");
    }

    public static int Path(ParseResult parse, DataCommand o, CliContext context)
    {
        var layout = DatasetCatalog.ImageSet(parse.GetValue(o.Name)!);
        string dataDir = DataLocator.Resolve(parse.GetValue(o.DataDir));
        if (MnistLoader.FoundFolder(layout, dataDir) is { } found)
        {
            context.Out.WriteLine(found);
            return ExitCodes.Success;
        }
        string target = MnistLoader.TargetFolder(layout, dataDir);
        context.Out.WriteLine(target);
        throw new DataException($"{layout.Name}: not present yet; its files go in {target}. Run 'actrun data fetch {layout.Name}'.");
    }
}
