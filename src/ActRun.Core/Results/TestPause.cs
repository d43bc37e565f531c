namespace ActRun.Core.Results;

/// <summary>
/// A pause at a named moment of a file write, for the tests that kill or disturb a real process there and nowhere
/// else: with <c>ACTRUN_TEST_PAUSE_AT=POINT</c> (or <c>POINT#N</c>, the N-th time it is reached) the process writes
/// <c>actrun-test-pause: POINT</c> to stderr and waits for a byte on stdin before it goes on. Points:
/// <c>append:FILE</c> (half of a batch of rows written), <c>write:FILE</c> (the temporary file written, not yet
/// flushed or closed) and <c>rename:FILE</c> (the temporary file whole, not yet renamed over FILE). Without the
/// variable, nothing happens; no user setting reaches it.
/// </summary>
public static class TestPause
{
    public const string Variable = "ACTRUN_TEST_PAUSE_AT";

    private static readonly (string Point, int Count)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static readonly object Gate = new();
    private static int _reached;

    private static (string, int)? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        int hash = text.LastIndexOf('#');
        return hash > 0 && int.TryParse(text[(hash + 1)..], out int n) ? (text[..hash], n) : (text, 1);
    }

    /// <summary>Whether a pause is set at all.</summary>
    public static bool Active => Target is not null;

    /// <summary>Pauses here when the variable names this point (and this is the N-th time it is reached).</summary>
    public static void At(string kind, string path)
    {
        if (Target is not { } target) return;
        string point = $"{kind}:{Path.GetFileName(path)}";
        if (point != target.Point) return;
        lock (Gate)
        {
            if (++_reached != target.Count) return;
            // The test's signal: stderr is where a process says what it does (Core has no console UI otherwise).
            Console.Error.WriteLine($"actrun-test-pause: {point}");
            Console.Error.Flush();
            // The raw stream, not Console.In: a reader blocked inside Console's lock would hold up the runtime's own
            // signal handling, which the signal tests exercise.
            using var input = Console.OpenStandardInput();
            input.ReadByte();
        }
    }
}
