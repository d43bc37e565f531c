using ActRun.Core.Results;
using ScottPlot;

namespace ActRun.Plots;

/// <summary>Writes a plot as a PNG whole or not at all (a temporary file renamed into place).</summary>
public static class PngFile
{
    public const int Width = 900, Height = 600;

    public static void Save(Plot plot, string path) => Save(plot, path, Width, Height);

    public static void Save(Plot plot, string path, int width, int height)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new Core.ConfigException($"--out '{path}': the folder '{folder}' does not exist.");
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
