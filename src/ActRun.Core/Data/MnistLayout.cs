namespace ActRun.Core.Data;

/// <summary>
/// A dataset stored like MNIST: four IDX files with MNIST's names (each raw or <c>.gz</c>) in
/// <c>&lt;data dir&gt;/&lt;Folder&gt;/</c>, 28×28 grey images and 10 classes. Another dataset in this format is
/// one more instance here and one more line in <see cref="DatasetCatalog"/>.
/// </summary>
/// <param name="Name">The dataset's name in the catalog and in results.</param>
/// <param name="Description">One line for <c>datasets list</c>.</param>
/// <param name="Folder">The subfolder of the data directory that holds the files.</param>
/// <param name="SystemFolders">Folders searched after the data directory, e.g. where a system package installs the files.</param>
/// <param name="InstallHint">Extra advice for the missing-files message, or null.</param>
public sealed record MnistLayout(string Name, string Description, string Folder, IReadOnlyList<string> SystemFolders, string? InstallHint)
{
    public const int ImageRows = 28;
    public const int ImageColumns = 28;
    public const int ClassCount = 10;

    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    public static IReadOnlyList<string> FileNames { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    public static MnistLayout Mnist { get; } = new(
        "mnist", "handwritten digits 0-9, 28x28 grey, 60,000 train + 10,000 test (files in <data dir>/mnist/)", "mnist", [], null);

    /// <summary>Zalando's Fashion-MNIST; Debian's <c>dataset-fashion-mnist</c> package installs it with MNIST's file names.</summary>
    public static MnistLayout FashionMnist { get; } = new(
        "fashion_mnist",
        "Zalando's clothing images, 10 classes, MNIST's format and sizes (<data dir>/fashion-mnist/ or the Debian package)",
        "fashion-mnist",
        ["/usr/share/datasets/fashion-mnist"],
        "on Debian or Ubuntu, 'apt-get install dataset-fashion-mnist' also works");
}
