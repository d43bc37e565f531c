using System.IO.Compression;
using System.Security.Cryptography;
using ActRun.Core.Data;
using ActRun.Core.Data.Download;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Data.Download;

/// <summary>
/// The download path against a local server: small generated IDX files whose hashes are injected as the
/// expected ones. Never the real data, never the network.
/// </summary>
public sealed class DatasetFetcherTests : IDisposable
{
    private const int Images = 3;
    private readonly TempDirectory _dir = new();

    /// <summary>Raw IDX content per file name (without .gz): three 28x28 images and three labels per split.</summary>
    private readonly Dictionary<string, byte[]> _content = new()
    {
        [MnistLayout.TrainImages] = IdxTestFiles.Encode([Images, 28, 28], IdxTestFiles.Pattern(Images * 28 * 28)),
        [MnistLayout.TrainLabels] = IdxTestFiles.Encode([Images], [1, 2, 3]),
        [MnistLayout.TestImages] = IdxTestFiles.Encode([Images, 28, 28], IdxTestFiles.Pattern(Images * 28 * 28).Reverse().ToArray()),
        [MnistLayout.TestLabels] = IdxTestFiles.Encode([Images], [7, 8, 9]),
    };

    public void Dispose() => _dir.Dispose();

    private byte[] Published(string name) => IdxTestFiles.Gzip(_content[name]);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The expected-hash table for the generated files, served from the given mirrors.</summary>
    private DownloadSource Source(params string[] mirrors) => new(
        "mnist", "mnist", mirrors.Select(m => new Uri(m)).ToArray(),
        MnistLayout.FileNames.Select(name => new RemoteFile(name, [Sha256(Published(name))], Sha256(_content[name]))).ToArray());

    /// <summary>Serves the published .gz files under /good/, 404 elsewhere, unless <paramref name="special"/> answers first.</summary>
    private LocalHttpServer Server(Func<string, HttpReply?>? special = null) => new(path =>
    {
        if (special?.Invoke(path) is { } reply) return reply;
        string file = Path.GetFileName(path);
        return path.StartsWith("/good/") && file.EndsWith(".gz") && _content.ContainsKey(file[..^3])
            ? new HttpReply(200, Published(file[..^3]))
            : HttpReply.NotFound;
    });

    private string Folder => _dir.Combine("mnist");

    private static DatasetFetcher Fetcher(RecordingObserver? observer = null) => new(new HttpClient(), observer);

    [Fact]
    public void Good_download_puts_the_four_verified_files_in_place_and_they_load()
    {
        using var server = Server();

        string folder = Fetcher().Fetch(Source(server.Mirror("good")), _dir.Path);

        Assert.Equal(Folder, folder);
        foreach (string name in MnistLayout.FileNames)
            Assert.Equal(Published(name), File.ReadAllBytes(Path.Combine(folder, name + ".gz")));
        Assert.Equal(4, Directory.GetFiles(folder).Length);
        var data = MnistLoader.Load(MnistLayout.Mnist, _dir.Path);
        Assert.Equal([7, 8, 9], data.Test.Labels!);
    }

    [Fact]
    public void Mirror_answering_404_is_skipped_for_the_next_one()
    {
        using var server = Server();
        var observer = new RecordingObserver();

        Fetcher(observer).Fetch(Source(server.Mirror("gone"), server.Mirror("good")), _dir.Path);

        Assert.Equal($"/gone/{MnistLayout.TrainImages}.gz", server.Requests.First());
        Assert.Contains($"/good/{MnistLayout.TrainImages}.gz", server.Requests);
        Assert.Contains(observer.Failures, f => f.Contains("HTTP 404 Not Found"));
        Assert.Equal(4, Directory.GetFiles(Folder).Length);
    }

    [Fact]
    public void Checksum_mismatch_is_rejected_and_leaves_nothing_behind()
    {
        byte[] other = IdxTestFiles.Gzip(IdxTestFiles.Encode([Images], [0, 0, 0]));
        using var server = Server(path => path.StartsWith("/bad/") ? new HttpReply(200, other) : null);

        var e = Assert.Throws<DataException>(() => Fetcher().Fetch(Source(server.Mirror("bad")), _dir.Path));

        Assert.Contains("checksum mismatch", e.Message);
        Assert.False(Directory.Exists(Folder), "the folder the fetch created stays only when a file landed in it");
    }

    [Fact]
    public void A_bad_second_file_keeps_the_verified_first_and_leaves_no_partial_file()
    {
        using var server = Server(path => path.EndsWith(MnistLayout.TrainLabels + ".gz") ? new HttpReply(200, "garbage"u8.ToArray()) : null);

        Assert.Throws<DataException>(() => Fetcher().Fetch(Source(server.Mirror("good")), _dir.Path));

        Assert.Equal([MnistLayout.TrainImages + ".gz"], Directory.GetFiles(Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Truncated_body_is_rejected_and_the_next_mirror_is_tried()
    {
        using var server = Server(path => path.StartsWith("/cut/") ? Half(Published(Path.GetFileName(path)[..^3])) : null);
        var observer = new RecordingObserver();

        Fetcher(observer).Fetch(Source(server.Mirror("cut"), server.Mirror("good")), _dir.Path);

        Assert.Equal(4, observer.Failures.Count);
        Assert.All(observer.Failures, f => Assert.Matches("transfer failed|truncated", f));
        Assert.Equal(4, Directory.GetFiles(Folder).Length);
        foreach (string name in MnistLayout.FileNames)
            Assert.Equal(Published(name), File.ReadAllBytes(Path.Combine(Folder, name + ".gz")));
    }

    [Fact]
    public void Truncated_body_on_the_only_mirror_is_a_data_error()
    {
        using var server = Server(path => Half(Published(Path.GetFileName(path)[..^3])));

        var e = Assert.Throws<DataException>(() => Fetcher().Fetch(Source(server.Mirror("cut")), _dir.Path));

        Assert.Matches("transfer failed|truncated", e.Message);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public void Recompressed_copy_is_accepted_by_its_decompressed_content()
    {
        using var server = Server(path => path.StartsWith("/re/") ? new HttpReply(200, Recompress(_content[Path.GetFileName(path)[..^3]])) : null);
        var observer = new RecordingObserver();

        Fetcher(observer).Fetch(Source(server.Mirror("re")), _dir.Path);

        Assert.All(observer.Completions, c => Assert.Contains("decompressed content", c));
        Assert.Equal(4, Directory.GetFiles(Folder).Length);
    }

    [Fact]
    public void When_every_mirror_fails_the_error_says_which_files_to_put_where()
    {
        using var server = Server();

        var e = Assert.Throws<DataException>(() => Fetcher().Fetch(Source(server.Mirror("a"), server.Mirror("b")), _dir.Path));

        Assert.StartsWith($"mnist: could not download {MnistLayout.TrainImages}.gz from any mirror ({server.Mirror("a")}{MnistLayout.TrainImages}.gz: HTTP 404 Not Found; ", e.Message);
        Assert.Contains($"put the four files ({string.Join(", ", MnistLayout.FileNames.Select(n => n + ".gz"))}) in {Folder}{Path.DirectorySeparatorChar}", e.Message);
    }

    [Fact]
    public void Files_already_present_and_verified_are_not_downloaded_again()
    {
        using var server = Server();
        var source = Source(server.Mirror("good"));
        Fetcher().Fetch(source, _dir.Path);
        int requests = server.Requests.Count;

        var observer = new RecordingObserver();
        Fetcher(observer).Fetch(source, _dir.Path);

        Assert.Equal(requests, server.Requests.Count);
        Assert.Equal(4, observer.Present);
    }

    [Fact]
    public void A_corrupt_local_file_is_replaced_by_a_verified_download()
    {
        using var server = Server();
        Directory.CreateDirectory(Folder);
        // A raw (uncompressed) copy that is damaged: the loader would prefer it to the .gz, so it must go.
        File.WriteAllBytes(Path.Combine(Folder, MnistLayout.TrainLabels), [0, 0, 8, 1, 0, 0, 0, 3, 1]);

        Fetcher().Fetch(Source(server.Mirror("good")), _dir.Path);

        Assert.False(File.Exists(Path.Combine(Folder, MnistLayout.TrainLabels)));
        Assert.Equal([1, 2, 3], MnistLoader.Load(MnistLayout.Mnist, _dir.Path).Train.Labels!);
    }

    [Fact]
    public void Ensure_present_downloads_nothing_when_the_set_is_found()
    {
        using var server = Server();
        var source = Source(server.Mirror("good"));

        Assert.True(Fetcher().EnsurePresent(source, MnistLayout.Mnist, _dir.Path));
        Assert.False(Fetcher().EnsurePresent(source, MnistLayout.Mnist, _dir.Path));
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public void Cancelled_fetch_leaves_no_folder_behind()
    {
        using var server = Server();

        Assert.ThrowsAny<OperationCanceledException>(() => Fetcher().Fetch(Source(server.Mirror("good")), _dir.Path, new CancellationToken(canceled: true)));

        Assert.False(Directory.Exists(Folder));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Mirror_override_replaces_the_list_and_rejects_what_is_not_http()
    {
        var source = DownloadSources.Mnist.WithMirrors("http://127.0.0.1:1/a, http://127.0.0.1:1/b/");

        Assert.Equal(["http://127.0.0.1:1/a/", "http://127.0.0.1:1/b/"], source.Mirrors.Select(m => m.ToString()));
        Assert.Same(DownloadSources.Mnist, DownloadSources.Mnist.WithMirrors("  "));
        Assert.Throws<ConfigException>(() => DownloadSources.Mnist.WithMirrors("ftp://example.org/"));
    }

    private static HttpReply Half(byte[] body) => new(200, body[..(body.Length / 2)], DeclaredLength: body.Length);

    private static byte[] Recompress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            gzip.Write(content);
        return output.ToArray();
    }

    private sealed class RecordingObserver : IDownloadObserver
    {
        public List<string> Failures { get; } = [];
        public List<string> Completions { get; } = [];
        public int Present { get; private set; }

        public void AlreadyPresent(RemoteFile file, string path) => Present++;
        public void Started(RemoteFile file, Uri url, long? length) { }
        public void Progress(long received) { }
        public void AttemptFailed(RemoteFile file, Uri url, string reason) => Failures.Add(reason);
        public void Completed(RemoteFile file, string path, string detail) => Completions.Add(detail);
    }
}
