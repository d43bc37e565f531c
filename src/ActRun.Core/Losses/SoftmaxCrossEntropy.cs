using ActRun.Core.Data;
using ActRun.Core.Engine;

namespace ActRun.Core.Losses;

/// <summary>
/// softmax + categorical cross-entropy. Loss: logsumexp(z) − z_y, computed in log space after subtracting
/// the row maximum (never log of a rounded-to-zero probability). Gradient: (p − onehot(y)) / rows.
/// </summary>
public sealed class SoftmaxCrossEntropy : OutputHead
{
    public override string Activation => "softmax";
    public override string Loss => "categorical_crossentropy";
    public override int OutputUnits(Dataset data) => data.ClassCount;

    public override double PositiveProbability(ReadOnlySpan<float> z)
    {
        float max = z[0];
        foreach (float v in z) max = Math.Max(max, v);
        double sum = 0;
        foreach (float v in z) sum += DoubleMath.Exp(v - max);
        return DoubleMath.Exp(z[1] - max) / sum;
    }

    public override BatchLoss Evaluate(ReadOnlySpan<float> logits, int rows, in BatchTargets targets, Span<float> gradient, bool computeGradient)
    {
        int k = logits.Length / rows;
        double lossSum = 0;
        int correct = 0;
        float scale = 1f / rows;
        // Each exp once: the sum and the gradient use the same values (half the time of the step's loss).
        Span<double> exps = k <= 256 ? stackalloc double[k] : new double[k];
        for (int r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * k, k);
            int y = targets.Labels[r];
            float max = z[0];
            int argmax = 0;
            for (int j = 1; j < k; j++)
                if (z[j] > max) { max = z[j]; argmax = j; }
            double sum = 0;
            for (int j = 0; j < k; j++) sum += exps[j] = DoubleMath.Exp(z[j] - max);
            double logSum = DoubleMath.Log(sum);
            lossSum += logSum - (z[y] - max);
            if (argmax == y) correct++;
            if (computeGradient)
            {
                var g = gradient.Slice(r * k, k);
                double inv = 1.0 / sum;
                for (int j = 0; j < k; j++) g[j] = (float)(exps[j] * inv) * scale;
                g[y] -= scale;
            }
        }
        return new BatchLoss(lossSum, correct);
    }
}
