namespace ActRun.Core.Data.Download;

/// <summary>Hears how a fetch goes (the CLI draws a progress bar or prints lines). Called on the fetching thread.</summary>
public interface IDownloadObserver
{
    /// <summary>A file is already present and verified; nothing to download.</summary>
    void AlreadyPresent(RemoteFile file, string path);

    /// <summary>A download starts; <paramref name="length"/> is null when the server does not say.</summary>
    void Started(RemoteFile file, Uri url, long? length);

    /// <summary>Bytes received so far for the current download.</summary>
    void Progress(long received);

    /// <summary>One mirror did not deliver a good copy; the next one is tried.</summary>
    void AttemptFailed(RemoteFile file, Uri url, string reason);

    /// <summary>The file is verified and in place.</summary>
    void Completed(RemoteFile file, string path, string detail);
}
