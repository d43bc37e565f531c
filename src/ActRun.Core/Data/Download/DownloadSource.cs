namespace ActRun.Core.Data.Download;

/// <summary>
/// One file of a downloadable dataset. <see cref="Name"/> is the IDX name without <c>.gz</c>; mirrors serve
/// <c>Name.gz</c>. A copy is accepted when its own SHA-256 is one of <see cref="GzipSha256"/> (the file exactly
/// as published) or when the SHA-256 of its decompressed content is <see cref="ContentSha256"/> (the same data,
/// compressed again or not at all).
/// </summary>
public sealed record RemoteFile(string Name, IReadOnlyList<string> GzipSha256, string ContentSha256)
{
    public string GzipName => Name + ".gz";
}

/// <summary>Where a dataset is downloaded from (mirrors tried in order, each a base URL) and what it must hash to.</summary>
public sealed record DownloadSource(string Dataset, string Folder, IReadOnlyList<Uri> Mirrors, IReadOnlyList<RemoteFile> Files)
{
    /// <summary>Overrides the mirrors of every dataset: base URLs separated by commas, semicolons or spaces.</summary>
    public const string MirrorsVariable = "ACTRUN_MIRRORS";

    /// <summary>This source with other mirrors (from <c>--mirrors</c> or <see cref="MirrorsVariable"/>); blank keeps these.</summary>
    public DownloadSource WithMirrors(string? mirrors)
    {
        if (string.IsNullOrWhiteSpace(mirrors)) return this;
        var uris = new List<Uri>();
        foreach (string text in mirrors.Split([',', ';', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            string withSlash = text.EndsWith('/') ? text : text + "/";
            if (!Uri.TryCreate(withSlash, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
                throw new ConfigException($"Mirror '{text}' is not an http(s) URL. Give base URLs such as https://example.org/mnist/.");
            uris.Add(uri);
        }
        return this with { Mirrors = uris };
    }

    /// <summary>The mirrors chosen by an explicit option, else <see cref="MirrorsVariable"/>, else the built-in list.</summary>
    public DownloadSource WithMirrorOverride(string? option) =>
        WithMirrors(string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(MirrorsVariable) : option);
}

/// <summary>
/// The public mirrors and published hashes of the downloadable datasets. The URLs are the ones torchvision,
/// TensorFlow/Keras and the datasets' authors use; they are not reachable from the development machine, so
/// only the local-server tests exercise the download path.
/// </summary>
public static class DownloadSources
{
    /// <summary>
    /// MNIST: the .gz hashes are those of the files the public mirrors serve; the content hashes are of the
    /// decompressed IDX files (both from the project's data notes), so a recompressed copy is accepted too.
    /// </summary>
    public static DownloadSource Mnist { get; } = new(
        MnistLayout.Mnist.Name,
        MnistLayout.Mnist.Folder,
        [
            new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            new("http://yann.lecun.com/exdb/mnist/"),
        ],
        [
            new(MnistLayout.TrainImages, ["440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"],
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new(MnistLayout.TrainLabels, ["3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"],
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new(MnistLayout.TestImages, ["8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"],
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new(MnistLayout.TestLabels, ["f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"],
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        ]);

    /// <summary>
    /// Fashion-MNIST: Zalando publishes MD5 sums of the .gz files, not SHA-256, so copies are accepted by the
    /// SHA-256 of their decompressed content. Those hashes were computed from Debian's dataset-fashion-mnist
    /// package (whose .gz files are recompressed: same content, other bytes).
    /// </summary>
    public static DownloadSource FashionMnist { get; } = new(
        MnistLayout.FashionMnist.Name,
        MnistLayout.FashionMnist.Folder,
        [
            new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            new("https://storage.googleapis.com/tensorflow/tf-keras-datasets/"),
            new("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
        ],
        [
            new(MnistLayout.TrainImages, [], "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new(MnistLayout.TrainLabels, [], "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new(MnistLayout.TestImages, [], "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new(MnistLayout.TestLabels, [], "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        ]);

    public static IReadOnlyList<DownloadSource> All { get; } = [Mnist, FashionMnist];

    /// <summary>The source of an image set, by its canonical name.</summary>
    public static DownloadSource For(MnistLayout layout) => All.First(s => s.Dataset == layout.Name);
}
