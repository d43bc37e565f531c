namespace ActRun;

/// <summary>Where a command writes: results to Out (stdout), everything else to Error (stderr).</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsInteractive, CancellationToken Cancel)
{
    /// <summary>
    /// Called once the command line is known to run a command (not for --help or a usage error), before it runs: the
    /// process installs its signal handlers there, which would otherwise cost every start-up about 2 ms.
    /// </summary>
    public Action? Starting { get; init; }
}
