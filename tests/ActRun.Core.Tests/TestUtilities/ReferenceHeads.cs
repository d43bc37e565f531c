namespace ActRun.Core.Tests.TestUtilities;

/// <summary>
/// Every output head's loss, gradient and correct count in double precision, written from the textbook
/// definitions (PyTorch/Keras docs, Martins and Astudillo for sparsemax) rather than from the engine's code:
/// log_softmax is z − logsumexp(z), sparsemax's threshold is found by bisection instead of by sorting, the tanh
/// head goes through p = (tanh z + 1)/2 instead of σ(2z). Logits are rows × k, row-major.
/// </summary>
public static class ReferenceHeads
{
    /// <summary>The heads by their output-activation name; "linear" covers both classification and regression.</summary>
    public static readonly string[] Names = ["softmax", "log_softmax", "sparsemax", "sigmoid", "tanh", "linear"];

    /// <summary>Mean loss over the rows (the engine's LossSum / rows).</summary>
    public static double Loss(string head, double[] z, int rows, int[]? labels, double[]? targets)
    {
        int k = z.Length / rows;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            double[] row = z[(r * k)..((r + 1) * k)];
            sum += head switch
            {
                "softmax" => -Math.Log(Softmax(row)[labels![r]]),
                "log_softmax" => -LogSoftmax(row)[labels![r]],
                "sparsemax" => SparsemaxLoss(row, labels![r]),
                "sigmoid" => Mean(k, j => BinaryCrossEntropyFromLogit(row[j], Target(labels!, r, j, k))),
                "tanh" => TanhBinaryCrossEntropy(row[0], labels![r]),
                "linear" => Mean(k, j => Square(row[j] - (targets is null ? Target(labels!, r, j, k) : targets[r * k + j]))),
                _ => throw new ArgumentException(head),
            };
        }
        return sum / rows;
    }

    /// <summary>d(mean loss)/dz, from the derivative of each definition.</summary>
    public static double[] Gradient(string head, double[] z, int rows, int[]? labels, double[]? targets)
    {
        int k = z.Length / rows;
        var g = new double[z.Length];
        for (int r = 0; r < rows; r++)
        {
            var row = z.AsSpan(r * k, k);
            double[] p = head switch
            {
                "softmax" or "log_softmax" => Softmax(row),
                "sparsemax" => Sparsemax(row),
                _ => [],
            };
            for (int j = 0; j < k; j++)
            {
                double y = targets is null ? Target(labels!, r, j, k) : targets[r * k + j];
                g[r * k + j] = head switch
                {
                    "softmax" or "log_softmax" or "sparsemax" => p[j] - y,
                    "sigmoid" => (1 / (1 + Math.Exp(-row[j])) - y) / k,
                    // dL/dp · dp/dz with dp/dz = (1 − tanh² z)/2 = 2p(1 − p): −2(1 − p) for y = 1, 2p for y = 0.
                    "tanh" => 2 * (TanhProbabilities(row[0]).P - y),
                    "linear" => 2 * (row[j] - y) / k,
                    _ => throw new ArgumentException(head),
                } / rows;
            }
        }
        return g;
    }

    /// <summary>Rows whose prediction equals the label: arg-max, or with one unit the head's decision threshold.</summary>
    public static int Correct(string head, double[] z, int rows, int[] labels)
    {
        int k = z.Length / rows, correct = 0;
        for (int r = 0; r < rows; r++)
        {
            var row = z.AsSpan(r * k, k);
            int predicted = k > 1 ? ArgMax(row) : row[0] > (head == "linear" ? 0.5 : 0) ? 1 : 0;
            if (predicted == labels[r]) correct++;
        }
        return correct;
    }

    /// <summary>One-hot target of unit j, or the 0/1 label itself when there is one unit.</summary>
    private static double Target(int[] labels, int r, int j, int k) => k == 1 ? labels[r] : j == labels[r] ? 1 : 0;

    private static double Mean(int k, Func<int, double> term)
    {
        double sum = 0;
        for (int j = 0; j < k; j++) sum += term(j);
        return sum / k;
    }

    private static double Square(double v) => v * v;

    private static int ArgMax(ReadOnlySpan<double> z)
    {
        int best = 0;
        for (int j = 1; j < z.Length; j++)
            if (z[j] > z[best]) best = j;
        return best;
    }

    public static double[] Softmax(ReadOnlySpan<double> z)
    {
        var log = LogSoftmax(z);
        return log.Select(Math.Exp).ToArray();
    }

    /// <summary>log_softmax(z)_j = z_j − m − log Σ exp(z_i − m), m = max z.</summary>
    public static double[] LogSoftmax(ReadOnlySpan<double> z)
    {
        double m = z[ArgMax(z)], sum = 0;
        foreach (double v in z) sum += Math.Exp(v - m);
        var result = new double[z.Length];
        for (int j = 0; j < z.Length; j++) result[j] = z[j] - m - Math.Log(sum);
        return result;
    }

    /// <summary>−y log σ(z) − (1 − y) log(1 − σ(z)), with log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z).</summary>
    private static double BinaryCrossEntropyFromLogit(double z, double y) =>
        y * ReferenceMath.Softplus(-z) + (1 - y) * ReferenceMath.Softplus(z);

    /// <summary>
    /// p = (tanh z + 1)/2 = eᶻ / (eᶻ + e⁻ᶻ) and 1 − p = e⁻ᶻ / (eᶻ + e⁻ᶻ), taken in that form so that neither rounds
    /// to 0 or 1 for large |z| (tanh z itself is exactly ±1 in double from |z| ≈ 19).
    /// </summary>
    private static (double P, double LogP, double LogQ) TanhProbabilities(double z)
    {
        double m = Math.Abs(z);
        double logSum = m + Math.Log(Math.Exp(z - m) + Math.Exp(-z - m));
        return (Math.Exp(z - logSum), z - logSum, -z - logSum);
    }

    private static double TanhBinaryCrossEntropy(double z, double y)
    {
        var (_, logP, logQ) = TanhProbabilities(z);
        return -(y * logP + (1 - y) * logQ);
    }

    /// <summary>τ with Σ max(z_j − τ, 0) = 1, by bisection on [max z − 1, max z] (the sum falls from ≥ 1 to 0 there).</summary>
    public static double SparsemaxThreshold(ReadOnlySpan<double> z)
    {
        double high = z[ArgMax(z)], low = high - 1;
        for (int i = 0; i < 200; i++)
        {
            double mid = (low + high) / 2, sum = 0;
            foreach (double v in z) sum += Math.Max(v - mid, 0);
            if (sum > 1) low = mid;
            else high = mid;
        }
        return (low + high) / 2;
    }

    public static double[] Sparsemax(ReadOnlySpan<double> z)
    {
        double tau = SparsemaxThreshold(z);
        var p = new double[z.Length];
        for (int j = 0; j < z.Length; j++) p[j] = Math.Max(z[j] - tau, 0);
        return p;
    }

    /// <summary>The sparsemax loss as Martins and Astudillo define it: −z_y + ½ Σ_{j in support} (z_j² − τ²) + ½.</summary>
    private static double SparsemaxLoss(ReadOnlySpan<double> z, int y)
    {
        double tau = SparsemaxThreshold(z), squares = 0;
        foreach (double v in z)
            if (v > tau) squares += v * v - tau * tau;
        return -z[y] + squares / 2 + 0.5;
    }
}
