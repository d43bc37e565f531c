using System.Net;

namespace ActRun.Core.Data.Download;

/// <summary>
/// Downloads a dataset's files into &lt;data dir&gt;/&lt;folder&gt;/: each file from the first mirror that delivers a
/// copy passing <see cref="FileVerifier"/>. A download goes to a hidden temporary file beside its destination and
/// is renamed into place only once verified, so a failed, cut-off or wrong download leaves nothing behind.
/// </summary>
public sealed class DatasetFetcher(HttpClient http, IDownloadObserver? observer = null)
{
    private const int BufferSize = 1 << 16;

    /// <summary>An HTTP client for fetches: a bounded connect time, and a User-Agent (some servers refuse requests without one).</summary>
    public static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20), AutomaticDecompression = DecompressionMethods.None };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("actrun/0.1");
        return client;
    }

    /// <summary>
    /// Makes sure the image set can be loaded: when no folder holds all four files (<see cref="MnistLoader.FoundFolder"/>)
    /// they are fetched into the data dir. Returns whether anything was downloaded.
    /// </summary>
    public bool EnsurePresent(DownloadSource source, MnistLayout layout, string dataDirectory, CancellationToken cancel = default)
    {
        if (MnistLoader.FoundFolder(layout, dataDirectory) is not null) return false;
        Fetch(source, dataDirectory, cancel);
        return true;
    }

    /// <summary>
    /// Fetches every file of <paramref name="source"/> that is missing from, or fails verification in,
    /// &lt;<paramref name="dataDirectory"/>&gt;/&lt;folder&gt;. Returns the folder. When no mirror delivers a file, a
    /// <see cref="DataException"/> lists each mirror's failure and says which files to put where.
    /// </summary>
    public string Fetch(DownloadSource source, string dataDirectory, CancellationToken cancel = default)
    {
        string folder = Path.Combine(dataDirectory, source.Folder);
        bool created = !Directory.Exists(folder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{folder}: cannot create the folder for {source.Dataset} ({e.Message}). Choose another --data-dir.", e);
        }

        try
        {
            foreach (var file in source.Files)
            {
                cancel.ThrowIfCancellationRequested();
                var existing = FileVerifier.Check(MnistLoader.FindFile(folder, file.Name), file);
                if (existing.Ok)
                {
                    observer?.AlreadyPresent(file, existing.Path!);
                    continue;
                }
                Download(source, file, folder, cancel);
            }
            return folder;
        }
        catch
        {
            // A fetch that got nothing leaves no empty folder behind either. (Not an exception filter: filters run
            // before the inner finally blocks have deleted the temporary file.)
            if (created && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
            throw;
        }
    }

    private void Download(DownloadSource source, RemoteFile file, string folder, CancellationToken cancel)
    {
        var failures = new List<string>();
        foreach (Uri mirror in source.Mirrors)
        {
            var url = new Uri(mirror, file.GzipName);
            string temp = Path.Combine(folder, $".{file.GzipName}.{Environment.ProcessId}.part");
            try
            {
                string? failure = TryDownload(file, url, temp, cancel);
                if (failure is null)
                {
                    var check = FileVerifier.Check(temp, file);
                    if (check.Ok)
                    {
                        string path = MoveIntoPlace(temp, folder, file);
                        observer?.Completed(file, path, check.Detail);
                        return;
                    }
                    failure = "checksum mismatch: " + check.Detail;
                }
                failures.Add($"{url}: {failure}");
                observer?.AttemptFailed(file, url, failure);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        string names = string.Join(", ", source.Files.Select(f => f.GzipName));
        throw new DataException(
            $"{source.Dataset}: could not download {file.GzipName} from any mirror ({string.Join("; ", failures)}). " +
            $"Without network, put the four files ({names}) in {folder}{Path.DirectorySeparatorChar}, " +
            $"or point --data-dir or {DataLocator.EnvironmentVariable} at a folder that has a {source.Folder}{Path.DirectorySeparatorChar} subfolder with them.");
    }

    /// <summary>Streams one URL into <paramref name="temp"/>; returns null on a complete transfer, else why it failed.</summary>
    private string? TryDownload(RemoteFile file, Uri url, string temp, CancellationToken cancel)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            if (!response.IsSuccessStatusCode)
                return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            long? length = response.Content.Headers.ContentLength;
            observer?.Started(file, url, length);

            long received = 0;
            using (var body = response.Content.ReadAsStream(cancel))
            using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
            {
                var buffer = new byte[BufferSize];
                int n;
                while ((n = body.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    output.Write(buffer, 0, n);
                    received += n;
                    observer?.Progress(received);
                }
                output.Flush(flushToDisk: true);
            }
            if (length is long expected && received != expected)
                return $"truncated: received {received} of {expected} bytes";
            return null;
        }
        catch (HttpRequestException e)
        {
            return $"request failed ({e.Message})";
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            return $"timed out ({e.Message})";
        }
        catch (IOException e)
        {
            // The connection closed before Content-Length bytes arrived, or the disk failed.
            return $"transfer failed ({e.Message})";
        }
    }

    /// <summary>
    /// Renames the verified download to its name: <c>.gz</c> when it is compressed, the bare IDX name when the
    /// mirror served it uncompressed. A stale copy under the other name is removed, as the loader would prefer it.
    /// </summary>
    private static string MoveIntoPlace(string temp, string folder, RemoteFile file)
    {
        bool gzip;
        using (var stream = File.OpenRead(temp))
            gzip = stream.ReadByte() == 0x1f && stream.ReadByte() == 0x8b;
        string path = Path.Combine(folder, gzip ? file.GzipName : file.Name);
        string other = Path.Combine(folder, gzip ? file.Name : file.GzipName);
        File.Move(temp, path, overwrite: true);
        File.Delete(other);
        return path;
    }
}
