using System.IO.Compression;
using System.Security.Cryptography;

namespace ActRun.Core.Data.Download;

public enum FileState
{
    Missing,
    Verified,
    Mismatch,
}

/// <summary>A file's verdict, with one line saying how it was reached.</summary>
public sealed record FileCheck(string? Path, FileState State, string Detail)
{
    public bool Ok => State == FileState.Verified;
}

/// <summary>
/// Checks a local copy against <see cref="RemoteFile"/>'s hashes: first the file's own SHA-256 against the
/// published .gz hashes (cheap, and exact for an untouched download), then the SHA-256 of the decompressed
/// content, which also accepts a recompressed or already decompressed copy.
/// </summary>
public static class FileVerifier
{
    public static FileCheck Check(string? path, RemoteFile expected)
    {
        if (path is null || !File.Exists(path)) return new FileCheck(path, FileState.Missing, "not found");
        try
        {
            bool gzip;
            string fileHash;
            using (var stream = File.OpenRead(path))
            {
                gzip = stream.ReadByte() == 0x1f && stream.ReadByte() == 0x8b;
                stream.Position = 0;
                fileHash = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            if (expected.GzipSha256.Contains(fileHash))
                return new FileCheck(path, FileState.Verified, "sha256 of the .gz matches the published file");
            if (!gzip)
                return fileHash == expected.ContentSha256
                    ? new FileCheck(path, FileState.Verified, "sha256 of the uncompressed file matches")
                    : new FileCheck(path, FileState.Mismatch, $"sha256 {fileHash}, expected content {expected.ContentSha256}");

            string contentHash;
            using (var stream = File.OpenRead(path))
            using (var content = new GZipStream(stream, CompressionMode.Decompress))
                contentHash = Convert.ToHexStringLower(SHA256.HashData(content));
            return contentHash == expected.ContentSha256
                ? new FileCheck(path, FileState.Verified, "sha256 of the decompressed content matches")
                : new FileCheck(path, FileState.Mismatch, $"decompressed content sha256 {contentHash}, expected {expected.ContentSha256}");
        }
        catch (InvalidDataException e)
        {
            return new FileCheck(path, FileState.Mismatch, $"corrupt gzip data ({e.Message})");
        }
        catch (IOException e)
        {
            return new FileCheck(path, FileState.Mismatch, $"read error ({e.Message})");
        }
    }
}
