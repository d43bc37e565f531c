using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Layers;
using ActRun.Core.Losses;

namespace ActRun.Core.Training;

/// <summary>A trained network's probability of class 1 at one point of the input plane.</summary>
public readonly record struct GridPoint(float X1, float X2, float P);

/// <summary>
/// Decision regions as TensorFlow Playground draws them: the network evaluated on a grid over the data's
/// bounding box (10% margin). Only for binary datasets whose inputs are the two plane coordinates.
/// </summary>
public static class DecisionGrid
{
    public const int Resolution = 80;

    public static bool Applies(Dataset data) => data.Task == TaskKind.Classification && data.ClassCount == 2 && data.FeatureCount == 2;

    public static IReadOnlyList<GridPoint> Compute(Network network, OutputHead head, Dataset data)
    {
        var (x1, x2) = (Axis(data, 0), Axis(data, 1));
        var points = new List<GridPoint>(Resolution * Resolution);
        var input = new float[network.MaxBatch * 2];
        var cells = (from b in x2 from a in x1 select (a, b)).ToArray();
        for (int start = 0; start < cells.Length; start += network.MaxBatch)
        {
            int rows = Math.Min(network.MaxBatch, cells.Length - start);
            for (int r = 0; r < rows; r++)
            {
                input[2 * r] = cells[start + r].a;
                input[2 * r + 1] = cells[start + r].b;
            }
            var logits = network.Forward(input, rows, ActivationContext.Evaluation);
            int k = network.Outputs;
            for (int r = 0; r < rows; r++)
                points.Add(new GridPoint(cells[start + r].a, cells[start + r].b, (float)head.PositiveProbability(logits.AsSpan(r * k, k))));
        }
        return points;
    }

    private static float[] Axis(Dataset data, int column)
    {
        float low = float.PositiveInfinity, high = float.NegativeInfinity;
        foreach (var split in new[] { data.Train, data.Test })
            for (int i = 0; i < split.Count; i++)
            {
                float v = split.Features[i, column];
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        float margin = 0.1f * (high - low);
        low -= margin;
        high += margin;
        return Enumerable.Range(0, Resolution).Select(i => low + (high - low) * i / (Resolution - 1)).ToArray();
    }
}
