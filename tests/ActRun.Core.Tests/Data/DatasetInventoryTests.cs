using ActRun.Core.Data;
using ActRun.Core.Data.Download;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Data;

public sealed class DatasetInventoryTests
{
    [Fact]
    public void List_shows_every_dataset_and_an_absent_image_set_as_not_present()
    {
        using var dir = new TempDirectory();

        var rows = DatasetInventory.List(dir.Path);

        Assert.Equal(["circles", "xor", "moons", "spiral", "blobs", "mnist", "fashion_mnist", "csv"], rows.Select(r => r.Name));
        var mnist = rows.Single(r => r.Name == "mnist");
        Assert.Equal(("no", "-", dir.Combine("mnist")), (mnist.Present, mnist.Verified, mnist.Location));
    }

    [Fact]
    public void A_damaged_file_is_present_but_not_verified()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("mnist"));
        File.WriteAllBytes(dir.Combine("mnist", MnistLayout.TrainLabels), [1, 2, 3]);

        var checks = DatasetInventory.Verify(MnistLayout.Mnist, dir.Path);
        var row = DatasetInventory.List(dir.Path).Single(r => r.Name == "mnist");

        Assert.Equal([FileState.Missing, FileState.Mismatch, FileState.Missing, FileState.Missing], checks.Select(c => c.State));
        Assert.Equal(("1 of 4 files", "no"), (row.Present, row.Verified));
    }

    /// <summary>The hard-coded hashes against the real files: the shared MNIST copy is recompressed, so this also covers the content-hash path.</summary>
    [MnistDataFact("mnist")]
    public void Real_mnist_passes_verification() =>
        Assert.All(DatasetInventory.Verify(MnistLayout.Mnist, TestData.Directory), c => Assert.True(c.Ok, $"{c.Path}: {c.Detail}"));

    [MnistDataFact("fashion_mnist")]
    public void Real_fashion_mnist_passes_verification() =>
        Assert.All(DatasetInventory.Verify(MnistLayout.FashionMnist, TestData.Directory), c => Assert.True(c.Ok, $"{c.Path}: {c.Detail}"));
}
