using ActRun.Core.Data;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Data;

public sealed class MnistLoaderTests : IDisposable
{
    private const int Pixels = 28 * 28;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string MnistFolder => Directory.CreateDirectory(_dir.Combine("mnist")).FullName;

    /// <summary>A tiny MNIST-shaped set: image i is filled with the value i, label i % 10.</summary>
    private void WriteFakeMnist(int trainCount = 6, int testCount = 4, bool gzip = false)
    {
        WriteSplit(MnistLayout.TrainImages, MnistLayout.TrainLabels, trainCount, gzip);
        WriteSplit(MnistLayout.TestImages, MnistLayout.TestLabels, testCount, gzip);
    }

    private void WriteSplit(string imagesName, string labelsName, int count, bool gzip)
    {
        string suffix = gzip ? ".gz" : "";
        var pixels = new byte[count * Pixels];
        for (int i = 0; i < count; i++) pixels.AsSpan(i * Pixels, Pixels).Fill((byte)(i * 50));
        byte[] labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        IdxTestFiles.WriteImages(Path.Combine(MnistFolder, imagesName + suffix), count, 28, 28, pixels, gzip);
        IdxTestFiles.WriteLabels(Path.Combine(MnistFolder, labelsName + suffix), labels, gzip);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Loads_the_four_files_as_bytes_scaled_to_unit_range(bool gzip)
    {
        WriteFakeMnist(gzip: gzip);

        Dataset data = MnistLoader.Load(MnistLayout.Mnist, _dir.Path);

        Assert.Equal(("mnist", TaskKind.Classification, 10, 784), (data.Name, data.Task, data.ClassCount, data.FeatureCount));
        Assert.Equal((6, 4), (data.Train.Count, data.Test.Count));
        Assert.Equal([0, 1, 2, 3, 4, 5], data.Train.Labels!);
        var features = Assert.IsType<ByteFeatures>(data.Train.Features);
        Assert.Equal(1f / 255f, features.Scale);
        Assert.Equal(100 * (1f / 255f), features[2, 783]); // value = byte × scale
        Assert.Equal(784, data.FeatureNames.Count);
        Assert.Equal("pixel_27_27", data.FeatureNames[^1]);
    }

    [Fact]
    public void Subsets_keep_the_first_samples_and_stay_bytes()
    {
        WriteFakeMnist();

        Dataset data = MnistLoader.Load(MnistLayout.Mnist, _dir.Path, trainSubset: 3, testSubset: 2);

        Assert.Equal([0, 1, 2], data.Train.Labels!);
        Assert.Equal([0, 1], data.Test.Labels!);
        Assert.IsType<ByteFeatures>(data.Train.Features);
        Assert.Equal(3, data.Train.Features.Rows);
        Assert.Equal(50 * (1f / 255f), data.Train.Features[1, 0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Subset_that_is_not_positive_or_too_large_is_a_config_error(int subset)
    {
        WriteFakeMnist();

        var e = Assert.Throws<ConfigException>(() => MnistLoader.Load(MnistLayout.Mnist, _dir.Path, trainSubset: subset));

        Assert.Contains("train subset", e.Message);
    }

    [Fact]
    public void Missing_files_error_names_each_expected_path_and_what_to_do()
    {
        WriteFakeMnist();
        File.Delete(Path.Combine(MnistFolder, MnistLayout.TrainImages));
        File.Delete(Path.Combine(MnistFolder, MnistLayout.TestLabels));

        var e = Assert.Throws<DataException>(() => MnistLoader.Load(MnistLayout.Mnist, _dir.Path));

        Assert.Contains(Path.Combine(MnistFolder, MnistLayout.TrainImages), e.Message);
        Assert.Contains(Path.Combine(MnistFolder, MnistLayout.TestLabels), e.Message);
        Assert.DoesNotContain(MnistLayout.TrainLabels, e.Message);
        Assert.Contains("ACTRUN_DATA_DIR", e.Message);
        Assert.Contains("--data-dir", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Empty_data_directory_names_all_four_files()
    {
        var e = Assert.Throws<DataException>(() => MnistLoader.Load(MnistLayout.Mnist, _dir.Path));

        foreach (string name in MnistLayout.FileNames)
            Assert.Contains(Path.Combine(_dir.Path, "mnist", name), e.Message);
    }

    [Fact]
    public void Label_count_that_differs_from_image_count_is_a_data_error_naming_both_files()
    {
        WriteFakeMnist();
        string labels = IdxTestFiles.WriteLabels(Path.Combine(MnistFolder, MnistLayout.TestLabels), [1, 2, 3]);

        var e = Assert.Throws<DataException>(() => MnistLoader.Load(MnistLayout.Mnist, _dir.Path));

        Assert.StartsWith(labels + ": 3 labels", e.Message);
        Assert.Contains(Path.Combine(MnistFolder, MnistLayout.TestImages) + " has 4 images", e.Message);
    }

    [Fact]
    public void Label_of_ten_or_more_is_a_data_error()
    {
        WriteFakeMnist();
        string labels = IdxTestFiles.WriteLabels(Path.Combine(MnistFolder, MnistLayout.TestLabels), [1, 2, 10, 3]);

        var e = Assert.Throws<DataException>(() => MnistLoader.Load(MnistLayout.Mnist, _dir.Path));

        Assert.StartsWith(labels + ": label 10 at index 2", e.Message);
    }

    [Fact]
    public void Images_that_are_not_28_by_28_are_a_data_error()
    {
        WriteFakeMnist();
        string images = IdxTestFiles.WriteImages(
            Path.Combine(MnistFolder, MnistLayout.TrainImages), 6, 27, 29, new byte[6 * 27 * 29]);

        var e = Assert.Throws<DataException>(() => MnistLoader.Load(MnistLayout.Mnist, _dir.Path));

        Assert.StartsWith(images + ": images are 27x29, expected 28x28", e.Message);
    }
}
