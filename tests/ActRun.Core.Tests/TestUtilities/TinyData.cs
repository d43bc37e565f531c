using ActRun.Core.Data;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>Small in-memory datasets for engine tests (no generator, no files).</summary>
public static class TinyData
{
    public static Dataset Classification(int rows, int features, int classes, int seed)
    {
        var rng = new ActRun.Core.Engine.Rng((ulong)seed);
        var x = GradientCheck.RandomArray(rows * features, seed);
        var labels = Enumerable.Range(0, rows).Select(_ => rng.NextInt(classes)).ToArray();
        var split = new DataSplit(new FloatFeatures(x, rows, features), labels, null);
        return new Dataset("tiny", TaskKind.Classification, classes, Enumerable.Range(1, features).Select(i => $"x{i}").ToArray(), split, split);
    }

    public static Dataset Regression(int rows, int features, int seed)
    {
        var x = GradientCheck.RandomArray(rows * features, seed);
        var t = GradientCheck.RandomArray(rows, seed + 1);
        var split = new DataSplit(new FloatFeatures(x, rows, features), null, t);
        return new Dataset("tiny-regression", TaskKind.Regression, 0, Enumerable.Range(1, features).Select(i => $"x{i}").ToArray(), split, split);
    }
}
