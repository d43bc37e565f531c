namespace ActRun;

/// <summary>The documented exit codes (README, "Exit codes").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Runtime or I/O failure.</summary>
    public const int Failure = 1;
    /// <summary>Bad usage: an option, value or configuration is wrong.</summary>
    public const int Usage = 2;
    /// <summary>A dataset is missing, truncated or corrupt.</summary>
    public const int Data = 3;
    /// <summary>A result fell outside the range its config expects, and --check was given.</summary>
    public const int Check = 4;
    /// <summary>The result folder is being written by another process (one writer per folder); nothing was touched.</summary>
    public const int FolderInUse = 5;
    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Interrupted = 130;
}
