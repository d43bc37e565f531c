namespace ActRun;

/// <summary>Where a command writes: results to Out (stdout), everything else to Error (stderr).</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsInteractive, CancellationToken Cancel);
