using System.Security.Cryptography;
using ActRun.Core.Data;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Data;

/// <summary>
/// Loads the real files when they are at hand (<c>ACTRUN_DATA_DIR=/work/shared/data</c> here) and checks them
/// against the published label counts and the SHA-256 of the decompressed files.
/// </summary>
public sealed class RealMnistTests
{
    [MnistDataFact("mnist")]
    public void Real_mnist_has_the_published_sizes_label_counts_and_content()
    {
        Dataset data = MnistLoader.Load(MnistLayout.Mnist, TestData.Directory);

        Assert.Equal((60_000, 10_000, 784), (data.Train.Count, data.Test.Count, data.FeatureCount));
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], LabelCounts(data.Train));
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], LabelCounts(data.Test));
        // Re-encoding what was read must give back the original files byte for byte (hashes from data/README.md).
        Assert.Equal("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", ImagesSha256(data.Train));
        Assert.Equal("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", ImagesSha256(data.Test));
    }

    [MnistDataFact("fashion_mnist")]
    public void Real_fashion_mnist_has_60000_and_10000_balanced_images()
    {
        Dataset data = MnistLoader.Load(MnistLayout.FashionMnist, TestData.Directory);

        Assert.Equal(("fashion_mnist", 60_000, 10_000, 784), (data.Name, data.Train.Count, data.Test.Count, data.FeatureCount));
        Assert.All(LabelCounts(data.Train), count => Assert.Equal(6000, count));
        Assert.All(LabelCounts(data.Test), count => Assert.Equal(1000, count));
    }

    private static int[] LabelCounts(DataSplit split)
    {
        var counts = new int[10];
        foreach (int label in split.Labels!) counts[label]++;
        return counts;
    }

    private static string ImagesSha256(DataSplit split)
    {
        var features = (ByteFeatures)split.Features;
        byte[] file = IdxTestFiles.Encode([split.Count, 28, 28], features.Data.ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
