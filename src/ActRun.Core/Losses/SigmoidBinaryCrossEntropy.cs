using ActRun.Core.Activations.Simd;
using ActRun.Core.Data;
using ActRun.Core.Engine;

namespace ActRun.Core.Losses;

/// <summary>
/// sigmoid + binary cross-entropy, per output unit, averaged over units (Keras). Loss from the logit in the
/// stable form max(z, 0) − z·y + log(1 + exp(−|z|)). Gradient: (σ(z) − y) / (rows · units).
/// With two classes there is one unit (y ∈ {0, 1}); with more, one unit per class against one-hot targets.
/// </summary>
public sealed class SigmoidBinaryCrossEntropy : OutputHead
{
    public override string Activation => "sigmoid";
    public override string Loss => "binary_crossentropy";
    public override int OutputUnits(Dataset data) => data.ClassCount == 2 ? 1 : data.ClassCount;

    public override double PositiveProbability(ReadOnlySpan<float> z) => FloatMath.Sigmoid(z.Length == 1 ? z[0] : z[1]);

    public override BatchLoss Evaluate(ReadOnlySpan<float> logits, int rows, in BatchTargets targets, Span<float> gradient, bool computeGradient)
    {
        int k = logits.Length / rows;
        double lossSum = 0;
        int correct = 0;
        float scale = 1f / (rows * k);
        for (int r = 0; r < rows; r++)
        {
            int label = targets.Labels[r];
            double rowLoss = 0;
            int argmax = 0;
            for (int j = 0; j < k; j++)
            {
                float z = logits[r * k + j];
                float y = k == 1 ? label : (j == label ? 1f : 0f);
                rowLoss += Math.Max(z, 0) - z * y + DoubleMath.Log(1 + DoubleMath.Exp(-Math.Abs(z)));
                if (z > logits[r * k + argmax]) argmax = j;
                if (computeGradient) gradient[r * k + j] = (FloatMath.Sigmoid(z) - y) * scale;
            }
            lossSum += rowLoss / k;
            int predicted = k == 1 ? (logits[r] > 0 ? 1 : 0) : argmax;
            if (predicted == label) correct++;
        }
        return new BatchLoss(lossSum, correct);
    }
}
