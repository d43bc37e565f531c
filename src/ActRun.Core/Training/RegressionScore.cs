namespace ActRun.Core.Training;

/// <summary>
/// The test-split scores of a regression network, over every output: the root mean squared error
/// (RMSE = √(Σ(ŷ−y)² / (n·k))), the mean absolute error (MAE = Σ|ŷ−y| / (n·k)) and the coefficient of
/// determination (R² = 1 − Σ(ŷ−y)² / Σ(y−ȳ)², averaged over the k outputs as scikit-learn's "uniform_average").
/// The values are in the units the network is trained on (the standardised targets when the data is standardised);
/// R² is the same in either. R² is NaN when the targets do not vary.
/// </summary>
public readonly record struct RegressionScore(double Rmse, double Mae, double R2)
{
    public static RegressionScore None { get; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>The scores of predictions against targets, both row-major with <paramref name="outputs"/> values a row.</summary>
    public static RegressionScore Of(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int outputs)
    {
        var sums = new Accumulator(outputs);
        sums.Add(predictions, targets, predictions.Length / outputs);
        return sums.Score();
    }

    /// <summary>Sums over batches of rows (one pass: Σ(ŷ−y)², Σ|ŷ−y|, Σy and Σy² per output, in double).</summary>
    public sealed class Accumulator(int outputs)
    {
        private readonly double[] _squared = new double[outputs], _sum = new double[outputs], _sumSquares = new double[outputs];
        private double _absolute;
        private long _rows;

        public void Add(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int rows)
        {
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < outputs; j++)
                {
                    double y = targets[r * outputs + j], d = predictions[r * outputs + j] - y;
                    _squared[j] += d * d;
                    _absolute += Math.Abs(d);
                    _sum[j] += y;
                    _sumSquares[j] += y * y;
                }
            _rows += rows;
        }

        public RegressionScore Score()
        {
            if (_rows == 0) return None;
            double n = _rows, r2 = 0;
            for (int j = 0; j < outputs; j++)
            {
                double total = _sumSquares[j] - _sum[j] * _sum[j] / n;
                r2 += total > 0 ? 1 - _squared[j] / total : double.NaN;
            }
            return new RegressionScore(Math.Sqrt(_squared.Sum() / (n * outputs)), _absolute / (n * outputs), r2 / outputs);
        }
    }
}
