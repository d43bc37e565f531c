using System.Reflection;

/// <summary>
/// Loaded into a real actrun process by DOTNET_STARTUP_HOOKS (the runtime looks for this exact name, outside any
/// namespace): when the process ends it writes the names of every loaded assembly to $ACTRUN_TEST_ASSEMBLY_LOG, so a
/// test can see whether a command loaded ML.NET.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        string? log = Environment.GetEnvironmentVariable("ACTRUN_TEST_ASSEMBLY_LOG");
        if (log is null) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            File.WriteAllLines(log, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? ""));
    }
}
