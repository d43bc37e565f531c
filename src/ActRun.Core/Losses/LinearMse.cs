using ActRun.Core.Data;

namespace ActRun.Core.Losses;

/// <summary>
/// linear output + mean squared error, averaged over output units (Keras). Gradient: 2 (z − t) / (rows · units).
/// On a classification dataset the targets are one-hot (one unit of 0/1 for two classes) and accuracy is by
/// arg-max (or z > 0.5 with one unit); on regression there is no accuracy.
/// </summary>
public sealed class LinearMse : OutputHead
{
    public override string Activation => "linear";
    public override string Loss => "mean_squared_error";
    public override int OutputUnits(Dataset data) => data.OutputCount;

    /// <summary>The output for class 1 (the only one with one unit), clipped to [0, 1].</summary>
    public override double PositiveProbability(ReadOnlySpan<float> z) => Math.Clamp(z.Length == 1 ? z[0] : z[1], 0, 1);

    public override BatchLoss Evaluate(ReadOnlySpan<float> logits, int rows, in BatchTargets targets, Span<float> gradient, bool computeGradient)
    {
        int k = logits.Length / rows;
        bool classification = targets.Values.IsEmpty;
        double lossSum = 0;
        int correct = 0;
        float scale = 2f / (rows * k);
        for (int r = 0; r < rows; r++)
        {
            double rowLoss = 0;
            int argmax = 0;
            for (int j = 0; j < k; j++)
            {
                float z = logits[r * k + j];
                float t = classification ? (k == 1 ? targets.Labels[r] : (j == targets.Labels[r] ? 1f : 0f)) : targets.Values[r * k + j];
                float d = z - t;
                rowLoss += (double)d * d;
                if (z > logits[r * k + argmax]) argmax = j;
                if (computeGradient) gradient[r * k + j] = d * scale;
            }
            lossSum += rowLoss / k;
            if (classification)
            {
                int predicted = k == 1 ? (logits[r] > 0.5f ? 1 : 0) : argmax;
                if (predicted == targets.Labels[r]) correct++;
            }
        }
        return new BatchLoss(lossSum, correct);
    }
}
