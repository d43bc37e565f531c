using System.Globalization;
using ActRun.Core.Data.Download;
using Spectre.Console;

namespace ActRun.Console;

/// <summary>
/// Shows a fetch on stderr: a live progress bar per file when stderr is a terminal, plain lines when it is
/// redirected (a log file should not fill with redraws), nothing with --quiet. stdout is never touched.
/// </summary>
public static class DownloadProgress
{
    public static T Run<T>(CliContext context, bool quiet, Func<IDownloadObserver?, T> fetch)
    {
        if (quiet) return fetch(null);
        if (!context.ErrorIsInteractive) return fetch(new PlainLines(context.Error));

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Error),
            Interactive = InteractionSupport.Yes,
        });
        var notes = new List<string>();
        try
        {
            return console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .Start(progress => fetch(new Bars(progress, notes)));
        }
        finally
        {
            foreach (string note in notes) context.Error.WriteLine(note);
        }
    }

    private sealed class PlainLines(TextWriter error) : IDownloadObserver
    {
        public void AlreadyPresent(RemoteFile file, string path) => error.WriteLine($"{file.GzipName}: present and verified ({path})");

        public void Started(RemoteFile file, Uri url, long? length) =>
            error.WriteLine($"{file.GzipName}: downloading {url}{(length is long n ? $" ({Megabytes(n)} MB)" : "")}");

        public void Progress(long received) { }

        public void AttemptFailed(RemoteFile file, Uri url, string reason) => error.WriteLine($"{file.GzipName}: {url} failed: {reason}; trying the next mirror");

        public void Completed(RemoteFile file, string path, string detail) => error.WriteLine($"{file.GzipName}: {detail} -> {path}");

        private static string Megabytes(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>One bar per download; failures are kept and printed under the bars when the fetch ends.</summary>
    private sealed class Bars(ProgressContext progress, List<string> notes) : IDownloadObserver
    {
        private ProgressTask? _task;

        public void AlreadyPresent(RemoteFile file, string path) => notes.Add($"{file.GzipName}: present and verified ({path})");

        public void Started(RemoteFile file, Uri url, long? length)
        {
            _task = progress.AddTask(Markup.Escape(file.GzipName), maxValue: length ?? 1);
            _task.IsIndeterminate = length is null;
        }

        public void Progress(long received)
        {
            if (_task is { IsIndeterminate: false }) _task.Value = received;
        }

        public void AttemptFailed(RemoteFile file, Uri url, string reason)
        {
            _task?.StopTask();
            notes.Add($"{file.GzipName}: {url} failed: {reason}");
        }

        public void Completed(RemoteFile file, string path, string detail)
        {
            if (_task is not null)
            {
                _task.Value = _task.MaxValue;
                _task.StopTask();
            }
            notes.Add($"{file.GzipName}: {detail} -> {path}");
        }
    }
}
