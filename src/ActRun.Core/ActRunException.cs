namespace ActRun.Core;

/// <summary>
/// Base of the errors that are meant for people: the message is one actionable line, and the CLI maps the
/// type to an exit code in one place.
/// </summary>
public abstract class ActRunException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A setting, option value or configuration file is wrong (exit code 2).</summary>
public sealed class ConfigException(string message, Exception? inner = null) : ActRunException(message, inner);

/// <summary>A dataset is missing, truncated or corrupt (exit code 3). The message names the file.</summary>
public sealed class DataException(string message, Exception? inner = null) : ActRunException(message, inner);

/// <summary>
/// Another process is writing into the result folder (exit code 5). The message names the folder and, when known,
/// the process that holds it; the folder was left untouched.
/// </summary>
public sealed class FolderInUseException(string folder, string message, Exception? inner = null) : ActRunException(message, inner)
{
    public string Folder { get; } = folder;
}
