using ActRun.Core.Data;
using ActRun.Core.Engine;

namespace ActRun.Core.Losses;

/// <summary>
/// tanh output for a binary task, read as a probability p = (tanh(z) + 1) / 2, with binary cross-entropy.
/// Since (tanh(z) + 1) / 2 = σ(2z), the loss is computed stably from the logit 2z:
/// max(2z, 0) − 2z·y + log(1 + exp(−|2z|)). Gradient: 2 (σ(2z) − y) / rows.
/// </summary>
public sealed class TanhBinaryCrossEntropy : OutputHead
{
    public override string Activation => "tanh";
    public override string Loss => "binary_crossentropy";
    public override int OutputUnits(Dataset data) => 1;

    public override double PositiveProbability(ReadOnlySpan<float> z) => (DoubleMath.Tanh(z[0]) + 1) / 2;

    public override BatchLoss Evaluate(ReadOnlySpan<float> logits, int rows, in BatchTargets targets, Span<float> gradient, bool computeGradient)
    {
        double lossSum = 0;
        int correct = 0;
        float scale = 2f / rows;
        for (int r = 0; r < rows; r++)
        {
            double u = 2.0 * logits[r];
            int y = targets.Labels[r];
            lossSum += Math.Max(u, 0) - u * y + DoubleMath.Log(1 + DoubleMath.Exp(-Math.Abs(u)));
            if ((logits[r] > 0 ? 1 : 0) == y) correct++;
            if (computeGradient)
            {
                double p = u >= 0 ? 1 / (1 + DoubleMath.Exp(-u)) : DoubleMath.Exp(u) / (1 + DoubleMath.Exp(u));
                gradient[r] = (float)(p - y) * scale;
            }
        }
        return new BatchLoss(lossSum, correct);
    }
}
