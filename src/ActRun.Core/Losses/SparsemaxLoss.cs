using ActRun.Core.Data;

namespace ActRun.Core.Losses;

/// <summary>
/// sparsemax + sparsemax loss (Martins &amp; Astudillo, 2016). sparsemax(z) is the Euclidean projection of z
/// onto the probability simplex: p_j = max(z_j − τ, 0), with τ chosen so the p sum to 1 — probabilities that
/// can be exactly zero. Loss: −z_y + ½ Σ_{j∈S} (z_j² − τ²) + ½, where S is the support. Gradient:
/// sparsemax(z) − onehot(y), divided by rows.
/// </summary>
public sealed class SparsemaxLoss : OutputHead
{
    public override string Activation => "sparsemax";
    public override string Loss => "sparsemax_loss";
    public override int OutputUnits(Dataset data) => data.ClassCount;

    public override double PositiveProbability(ReadOnlySpan<float> z) => Math.Max(z[1] - Threshold(z, new double[z.Length]), 0);

    public override BatchLoss Evaluate(ReadOnlySpan<float> logits, int rows, in BatchTargets targets, Span<float> gradient, bool computeGradient)
    {
        int k = logits.Length / rows;
        Span<double> sorted = k <= 256 ? stackalloc double[k] : new double[k];
        double lossSum = 0;
        int correct = 0;
        float scale = 1f / rows;
        for (int r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * k, k);
            int y = targets.Labels[r];
            double tau = Threshold(z, sorted);
            double squares = 0;
            int argmax = 0;
            for (int j = 0; j < k; j++)
            {
                if (z[j] > tau) squares += (double)z[j] * z[j] - tau * tau;
                if (z[j] > z[argmax]) argmax = j;
            }
            lossSum += -z[y] + 0.5 * squares + 0.5;
            if (argmax == y) correct++;
            if (computeGradient)
            {
                var g = gradient.Slice(r * k, k);
                for (int j = 0; j < k; j++) g[j] = (float)Math.Max(z[j] - tau, 0) * scale;
                g[y] -= scale;
            }
        }
        return new BatchLoss(lossSum, correct);
    }

    /// <summary>τ of sparsemax: sort descending, find the largest k with 1 + k·z_(k) > Σ_{i≤k} z_(i).</summary>
    public static double Threshold(ReadOnlySpan<float> z, Span<double> scratch)
    {
        for (int j = 0; j < z.Length; j++) scratch[j] = z[j];
        scratch.Sort((a, b) => b.CompareTo(a));
        double cumulative = 0, tau = 0;
        for (int i = 0; i < scratch.Length; i++)
        {
            cumulative += scratch[i];
            if (1 + (i + 1) * scratch[i] > cumulative) tau = (cumulative - 1) / (i + 1);
        }
        return tau;
    }
}
