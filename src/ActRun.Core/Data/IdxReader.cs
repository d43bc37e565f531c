using System.Buffers.Binary;
using System.IO.Compression;

namespace ActRun.Core.Data;

/// <summary>Images read from an idx3-ubyte file: <see cref="Count"/> × <see cref="Rows"/> × <see cref="Columns"/> bytes, row-major.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);

/// <summary>
/// Reads the IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/): a big-endian header
/// <c>00 00 08 d</c> (unsigned bytes, d dimensions), d big-endian int32 sizes, then exactly the product of the
/// sizes in bytes. A file may be gzip-compressed; that is detected from its first two bytes (1f 8b), not from its
/// name, so a decompressed file that kept its <c>.gz</c> name still reads.
/// Every problem surfaces as a <see cref="DataException"/> whose message names the file.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;
    private const string Refetch = "Delete it and fetch it again.";

    /// <summary>Reads an idx1-ubyte label file: one byte per sample.</summary>
    public static byte[] ReadLabels(string path)
    {
        var (_, body) = Read(path, dimensionCount: 1, what: "label");
        return body;
    }

    /// <summary>Reads an idx3-ubyte image file into one byte array.</summary>
    public static IdxImages ReadImages(string path)
    {
        var (sizes, body) = Read(path, dimensionCount: 3, what: "image");
        return new IdxImages(sizes[0], sizes[1], sizes[2], body);
    }

    private static (int[] Sizes, byte[] Body) Read(string path, int dimensionCount, string what)
    {
        if (path.Contains('\0')) throw new DataException($"'{path.Replace('\0', '?')}': not a usable path (it holds a NUL character).");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            int[] sizes = ReadHeader(stream, path, dimensionCount, what);
            return (sizes, ReadBody(stream, path, sizes, what));
        }
        catch (FileNotFoundException)
        {
            throw new DataException($"{path}: file not found. Place the {what} file there, or set --data-dir or ACTRUN_DATA_DIR.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DataException($"{path}: folder not found. Place the {what} file there, or set --data-dir or ACTRUN_DATA_DIR.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException($"{path}: cannot be read ({e.Message}). Check its permissions.", e);
        }
        catch (InvalidDataException e)
        {
            // GZipStream's verdict on a damaged or cut-off compressed stream.
            throw new DataException($"{path}: corrupt gzip data ({e.Message}). {Refetch}", e);
        }
        catch (IOException e)
        {
            throw new DataException($"{path}: read error ({e.Message}). Check the disk, or delete the file and fetch it again.", e);
        }
    }

    /// <summary>Peeks at the first two bytes and rewinds: the gzip magic is 1f 8b.</summary>
    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static int[] ReadHeader(Stream stream, string path, int dimensionCount, string what)
    {
        Span<byte> magic = stackalloc byte[4];
        int n = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (n == 0)
            throw new DataException($"{path}: empty file (no IDX header). {Refetch}");
        if (n < 4)
            throw new DataException($"{path}: truncated header: expected 4 magic-number bytes, found {n}. {Refetch}");

        uint magicNumber = BinaryPrimitives.ReadUInt32BigEndian(magic);
        uint expectedMagic = UnsignedByteType << 8 | (uint)dimensionCount;
        if (magic[0] != 0 || magic[1] != 0)
            throw new DataException(
                $"{path}: not an IDX file: magic number 0x{magicNumber:x8}, expected 0x{expectedMagic:x8}. {Refetch}");
        if (magic[2] != UnsignedByteType)
            throw new DataException(
                $"{path}: IDX element type 0x{magic[2]:x2} is not supported; expected unsigned bytes (0x08) as in MNIST. Check that this is the right file.");
        if (magic[3] != dimensionCount)
            throw new DataException(
                $"{path}: has {magic[3]} dimension(s), expected {dimensionCount} for an {what} file. Check that this is the {what} file and not another one.");

        Span<byte> sizeBytes = stackalloc byte[4 * dimensionCount];
        n = stream.ReadAtLeast(sizeBytes, sizeBytes.Length, throwOnEndOfStream: false);
        if (n < sizeBytes.Length)
            throw new DataException(
                $"{path}: truncated header: expected {4 + sizeBytes.Length} header bytes, found {4 + n}. {Refetch}");

        var sizes = new int[dimensionCount];
        for (int d = 0; d < dimensionCount; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(sizeBytes.Slice(4 * d, 4));
            if (sizes[d] < 0)
                throw new DataException($"{path}: dimension {d} has a negative size ({sizes[d]}). {Refetch}");
        }
        return sizes;
    }

    /// <summary>
    /// Up to <paramref name="count"/> bytes, in a buffer that grows with what arrives (a compressed stream's length is
    /// unknown until it ends, and its header's claim is not trusted with the allocation).
    /// </summary>
    private static byte[] ReadUpTo(Stream stream, int count)
    {
        var body = new byte[Math.Min(count, 1 << 20)];
        int n = 0;
        while (true)
        {
            n += stream.ReadAtLeast(body.AsSpan(n), body.Length - n, throwOnEndOfStream: false);
            if (n < body.Length || body.Length == count) return n == body.Length ? body : body[..n];
            Array.Resize(ref body, (int)Math.Min(count, 2L * body.Length));
        }
    }

    private static byte[] ReadBody(Stream stream, string path, int[] sizes, string what)
    {
        // Three sizes up to 2^31 overflow a long: stop multiplying once past what an array can hold.
        long expected = sizes.Contains(0) ? 0 : 1;
        foreach (int size in sizes)
        {
            if (expected == 0) break;
            if (expected > Array.MaxLength / size)
                throw new DataException(
                    $"{path}: declares {string.Join('x', sizes)} {what} bytes, more than one array can hold. Check that this is the right file.");
            expected *= size;
        }

        // A damaged header can declare gigabytes: a raw file shows it is short before anything is allocated.
        if (stream is FileStream file && file.Length - file.Position < expected)
            throw new DataException($"{path}: truncated: expected {expected} {what} bytes, found {file.Length - file.Position}. {Refetch}");
        byte[] body = ReadUpTo(stream, (int)expected);
        if (body.Length < expected)
            throw new DataException($"{path}: truncated: expected {expected} {what} bytes, found {body.Length}. {Refetch}");

        Span<byte> extra = stackalloc byte[1];
        if (stream.Read(extra) != 0)
            throw new DataException(
                $"{path}: more data than the {expected} {what} bytes its header declares. {Refetch}");
        return body;
    }
}
