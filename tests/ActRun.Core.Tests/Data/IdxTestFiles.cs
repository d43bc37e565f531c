using System.Buffers.Binary;
using System.IO.Compression;

namespace ActRun.Core.Tests.Data;

/// <summary>Writes small IDX files (raw or gzipped) for the reader and loader tests.</summary>
internal static class IdxTestFiles
{
    public static byte[] Encode(int[] sizes, byte[] body)
    {
        var bytes = new byte[4 + 4 * sizes.Length + body.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)sizes.Length;
        for (int d = 0; d < sizes.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), sizes[d]);
        body.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return output.ToArray();
    }

    public static string WriteLabels(string path, byte[] labels, bool gzip = false) =>
        Write(path, Encode([labels.Length], labels), gzip);

    public static string WriteImages(string path, int count, int rows, int columns, byte[] pixels, bool gzip = false) =>
        Write(path, Encode([count, rows, columns], pixels), gzip);

    public static string Write(string path, byte[] bytes, bool gzip = false)
    {
        File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        return path;
    }

    /// <summary>A body with varied bytes, so that a shifted or reordered read shows up.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)(i * 7 + 3);
        return bytes;
    }
}
