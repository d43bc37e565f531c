using ActRun.Console;
using ActRun.Core.Data;
using ActRun.Core.Data.Download;

namespace ActRun.Commands;

/// <summary>First use of an image set: download it (progress on stderr) unless some folder already has it.</summary>
public static class DataFetch
{
    public static void IfMissing(MnistLayout layout, string dataDir, string? mirrors, bool quiet, CliContext context)
    {
        if (MnistLoader.FoundFolder(layout, dataDir) is not null) return;
        if (!quiet) context.Error.WriteLine($"{layout.Name}: not found; downloading it into {MnistLoader.TargetFolder(layout, dataDir)} (--offline to never download)");
        var source = DownloadSources.For(layout).WithMirrorOverride(mirrors);
        DownloadProgress.Run(context, quiet, observer =>
        {
            using var http = DatasetFetcher.CreateHttpClient();
            return new DatasetFetcher(http, observer).EnsurePresent(source, layout, dataDir, context.Cancel);
        });
    }
}
