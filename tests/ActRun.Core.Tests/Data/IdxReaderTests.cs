using ActRun.Core.Data;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_round_trip_raw_and_gzipped(bool gzip)
    {
        byte[] pixels = IdxTestFiles.Pattern(5 * 3 * 4);
        string path = IdxTestFiles.WriteImages(_dir.Combine("images"), 5, 3, 4, pixels, gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal((5, 3, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(pixels, images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_round_trip_raw_and_gzipped(bool gzip)
    {
        byte[] labels = [3, 1, 4, 1, 5, 9, 2, 6];
        string path = IdxTestFiles.WriteLabels(_dir.Combine("labels"), labels, gzip);

        Assert.Equal(labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Gzip_is_detected_from_the_content_not_the_name()
    {
        byte[] labels = [7, 8, 9];
        string raw = IdxTestFiles.WriteLabels(_dir.Combine("raw-with-gz-name.gz"), labels);
        string gzipped = IdxTestFiles.WriteLabels(_dir.Combine("gzipped-without-gz-name"), labels, gzip: true);

        Assert.Equal(labels, IdxReader.ReadLabels(raw));
        Assert.Equal(labels, IdxReader.ReadLabels(gzipped));
    }

    [Fact]
    public void Empty_file_is_a_data_error_naming_the_file()
    {
        string path = IdxTestFiles.Write(_dir.Combine("empty"), []);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadLabels(path));

        AssertNamesFile(e, path, "empty");
    }

    [Fact]
    public void Wrong_magic_is_a_data_error_naming_the_file()
    {
        byte[] bytes = IdxTestFiles.Encode([2], [1, 2]);
        bytes[0] = 0x50; // "PK": e.g. a zip archive saved under the IDX name
        string path = IdxTestFiles.Write(_dir.Combine("labels"), bytes);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadLabels(path));

        AssertNamesFile(e, path, "magic number");
    }

    [Fact]
    public void Element_type_other_than_unsigned_byte_is_a_data_error()
    {
        byte[] bytes = IdxTestFiles.Encode([2], [1, 2]);
        bytes[2] = 0x0D; // float32 elements
        string path = IdxTestFiles.Write(_dir.Combine("labels"), bytes);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadLabels(path));

        AssertNamesFile(e, path, "element type");
    }

    [Fact]
    public void Label_file_read_as_images_reports_the_wrong_dimension_count()
    {
        string path = IdxTestFiles.WriteLabels(_dir.Combine("labels"), [1, 2, 3]);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));

        AssertNamesFile(e, path, "has 1 dimension(s), expected 3");
    }

    [Theory]
    [InlineData(2, "expected 4 magic-number bytes, found 2")]
    [InlineData(9, "expected 16 header bytes, found 9")]
    public void Truncated_header_is_a_data_error_naming_the_file(int keptBytes, string detail)
    {
        byte[] whole = IdxTestFiles.Encode([2, 2, 2], new byte[8]);
        string path = IdxTestFiles.Write(_dir.Combine("images"), whole[..keptBytes]);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));

        AssertNamesFile(e, path, detail);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_body_reports_expected_and_found_sizes(bool gzip)
    {
        byte[] whole = IdxTestFiles.Encode([10, 4, 5], IdxTestFiles.Pattern(200));
        string path = IdxTestFiles.Write(_dir.Combine("images"), whole[..(16 + 120)], gzip);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));

        AssertNamesFile(e, path, "truncated: expected 200 image bytes, found 120");
    }

    [Fact]
    public void Cut_off_gzip_stream_is_a_data_error_naming_the_file()
    {
        byte[] gzipped = IdxTestFiles.Gzip(IdxTestFiles.Encode([1000], IdxTestFiles.Pattern(1000)));
        string path = IdxTestFiles.Write(_dir.Combine("labels.gz"), gzipped[..(gzipped.Length / 2)]);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadLabels(path));

        // Where the cut falls decides whether the decompressor notices first or the size check does.
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Matches("truncated: expected 1000 label bytes|corrupt gzip data", e.Message);
    }

    [Fact]
    public void Garbage_after_the_gzip_magic_is_a_corrupt_gzip_data_error()
    {
        byte[] bytes = [0x1f, 0x8b, .. IdxTestFiles.Pattern(64)];
        string path = IdxTestFiles.Write(_dir.Combine("labels.gz"), bytes);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadLabels(path));

        AssertNamesFile(e, path, "corrupt gzip data");
    }

    [Fact]
    public void Bytes_beyond_the_declared_size_are_a_data_error()
    {
        byte[] bytes = [.. IdxTestFiles.Encode([3], [1, 2, 3]), 4];
        string path = IdxTestFiles.Write(_dir.Combine("labels"), bytes);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadLabels(path));

        AssertNamesFile(e, path, "more data than the 3 label bytes");
    }

    [Fact]
    public void Missing_file_is_a_data_error_naming_the_file()
    {
        string path = _dir.Combine("no-such-file");

        var e = Assert.Throws<DataException>(() => IdxReader.ReadLabels(path));

        AssertNamesFile(e, path, "not found");
    }

    private static void AssertNamesFile(DataException e, string path, string detail)
    {
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(detail, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    // Found by IdxFuzzTests: three large sizes overflowed the byte count, and new byte[negative] threw OverflowException.
    [Fact]
    public void Sizes_whose_product_overflows_are_a_data_error()
    {
        string path = IdxTestFiles.Write(_dir.Combine("huge"), IdxTestFiles.Encode([0x55000300, 4, 0x262D343B], IdxTestFiles.Pattern(60)));

        var e = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));

        Assert.Contains("more than one array can hold", e.Message);
    }

    // A header that claims 2 GB in a file of a few bytes must not allocate 2 GB before finding out.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_small_file_that_declares_a_huge_body_is_truncated(bool gzip)
    {
        string path = IdxTestFiles.Write(_dir.Combine("claims"), IdxTestFiles.Encode([40000, 200, 200], IdxTestFiles.Pattern(100)), gzip);

        var e = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated: expected 1600000000 image bytes, found 100", e.Message);
    }
}
