using ActRun.Core.Data;
using ActRun.Core.Tests.Data;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Fuzz;

/// <summary>IDX files, raw and gzipped, alone and as an MNIST folder: any bytes either load or are one DataException.</summary>
public sealed class IdxFuzzTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly byte[] Images = IdxTestFiles.Encode([3, 4, 5], IdxTestFiles.Pattern(60));
    private static readonly byte[] Labels = IdxTestFiles.Encode([3], [1, 2, 9]);

    private static void ExpectTypedOutcome(byte[] bytes, Action read)
    {
        try
        {
            read();
        }
        catch (DataException e)
        {
            Assert.DoesNotContain('\n', e.Message.TrimEnd());
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name}: {e.Message}\ninput: {TestUtilities.Fuzz.Show(bytes)}\n{e}");
        }
    }

    [Fact]
    public void Mutated_idx_files_read_or_fail_with_a_data_error()
    {
        string path = _dir.Combine("fuzz-idx");
        TestUtilities.Fuzz.Cases(seed: 5001, maxCases: 4000, (random, _) =>
        {
            bool images = random.Next(2) == 0;
            bool gzip = random.Next(3) == 0;
            byte[] valid = images ? Images : Labels;
            // Mutate before or after compressing: a damaged archive and a damaged file inside a good one.
            byte[] bytes = gzip && random.Next(2) == 0
                ? TestUtilities.Fuzz.Mutate(random, IdxTestFiles.Gzip(valid))
                : gzip ? IdxTestFiles.Gzip(TestUtilities.Fuzz.Mutate(random, valid)) : TestUtilities.Fuzz.Mutate(random, valid);
            File.WriteAllBytes(path, bytes);
            ExpectTypedOutcome(bytes, () =>
            {
                if (images) IdxReader.ReadImages(path);
                else IdxReader.ReadLabels(path);
            });
        });
    }

    [Fact]
    public void Random_bytes_read_as_idx_fail_with_a_data_error()
    {
        string path = _dir.Combine("random-idx");
        TestUtilities.Fuzz.Cases(seed: 5002, maxCases: 4000, (random, _) =>
        {
            var bytes = new byte[random.Next(40)];
            random.NextBytes(bytes);
            if (bytes.Length >= 4 && random.Next(2) == 0) (bytes[0], bytes[1], bytes[2], bytes[3]) = (0, 0, 8, (byte)random.Next(1, 4));
            File.WriteAllBytes(path, bytes);
            ExpectTypedOutcome(bytes, () => IdxReader.ReadImages(path));
            ExpectTypedOutcome(bytes, () => IdxReader.ReadLabels(path));
        });
    }

    [Fact]
    public void An_mnist_folder_with_one_mutated_file_loads_or_fails_with_a_data_error()
    {
        string folder = _dir.Combine("mnist");
        Directory.CreateDirectory(folder);
        byte[][] valid =
        [
            IdxTestFiles.Encode([3, 28, 28], IdxTestFiles.Pattern(3 * 784)), IdxTestFiles.Encode([3], [0, 5, 9]),
            IdxTestFiles.Encode([2, 28, 28], IdxTestFiles.Pattern(2 * 784)), IdxTestFiles.Encode([2], [3, 7]),
        ];
        TestUtilities.Fuzz.Cases(seed: 5003, maxCases: 1500, (random, _) =>
        {
            int victim = random.Next(4);
            byte[] bytes = TestUtilities.Fuzz.Mutate(random, valid[victim]);
            for (int i = 0; i < 4; i++) File.WriteAllBytes(Path.Combine(folder, MnistLayout.FileNames[i]), i == victim ? bytes : valid[i]);
            ExpectTypedOutcome(bytes, () =>
            {
                var data = MnistLoader.Load(MnistLayout.Mnist, _dir.Path);
                Assert.True(data.Train.Count > 0 && data.Test.Count > 0);
            });
        });
    }
}
