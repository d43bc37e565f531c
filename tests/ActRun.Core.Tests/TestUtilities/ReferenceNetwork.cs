namespace ActRun.Core.Tests.TestUtilities;

/// <summary>
/// An activation in double: a = f(z) for the element at (row, unit), given the layer's learned parameters
/// (prelu's slopes; empty for the rest). Row and unit let rrelu's training slopes differ per element.
/// </summary>
public delegate double ReferenceActivation(double z, int row, int unit, double[] parameters);

/// <summary>
/// A dense network in double precision, written for clarity and nothing else: z = x·W + b (W stored inputs ×
/// outputs, as the engine's), a = f(z) per hidden layer, a linear output layer, then a <see cref="ReferenceHeads"/>
/// loss. Its parameters are listed in the engine's order (per layer: kernel, bias, activation parameters), so
/// gradients compare tensor by tensor. It is the independent side of the whole-network gradient checks.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly int[] _sizes;
    private readonly ReferenceActivation?[] _activations;
    private readonly int[] _activationParameterCounts;

    /// <param name="sizes">Inputs, then each layer's width (the last is the output layer).</param>
    /// <param name="activations">One per hidden layer; the output layer is linear.</param>
    public ReferenceNetwork(int[] sizes, ReferenceActivation[] activations, int[] activationParameterCounts)
    {
        _sizes = sizes;
        _activations = [.. activations, null];
        _activationParameterCounts = [.. activationParameterCounts, 0];
        Parameters = [];
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            Parameters.Add(new double[sizes[l] * sizes[l + 1]]);
            Parameters.Add(new double[sizes[l + 1]]);
            if (_activationParameterCounts[l] > 0) Parameters.Add(new double[_activationParameterCounts[l]]);
        }
    }

    /// <summary>Kernel, bias and (where the activation learns) its parameters, layer by layer.</summary>
    public List<double[]> Parameters { get; }

    private int Layers => _sizes.Length - 1;

    /// <summary>Pre-activations of every layer for a batch (the last is the logits).</summary>
    public List<double[]> PreActivations(double[] x, int rows)
    {
        var result = new List<double[]>();
        double[] input = x;
        int p = 0;
        for (int l = 0; l < Layers; l++)
        {
            int n = _sizes[l], m = _sizes[l + 1];
            double[] w = Parameters[p++], b = Parameters[p++];
            double[] slopes = _activationParameterCounts[l] > 0 ? Parameters[p++] : [];
            var z = new double[rows * m];
            var a = new double[rows * m];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < m; j++)
                {
                    double sum = b[j];
                    for (int i = 0; i < n; i++) sum += input[r * n + i] * w[i * m + j];
                    z[r * m + j] = sum;
                    a[r * m + j] = _activations[l] is { } f ? f(sum, r, j, slopes) : sum;
                }
            result.Add(z);
            input = a;
        }
        return result;
    }

    public double[] Logits(double[] x, int rows) => PreActivations(x, rows)[^1];

    /// <summary>dL/dθ for every parameter by <see cref="ReferenceGradient.CentralDifference"/> of the whole network's loss.</summary>
    public List<double[]> NumericGradient(Func<double> loss, double step = 1e-4) =>
        Parameters.Select(values => Enumerable.Range(0, values.Length)
            .Select(i => ReferenceGradient.CentralDifference(values, i, step, loss)).ToArray()).ToList();

    /// <summary>
    /// dL/dθ by back-propagation: the chain rule through each layer, given dL/dlogits. The activation's partial
    /// derivatives (in z, and in its own parameters) are taken numerically from its scalar formula, so this checks
    /// the network's chain rule and the numeric gradient against each other, not an activation against itself.
    /// </summary>
    public List<double[]> BackpropGradient(double[] x, int rows, double[] logitGradient)
    {
        var z = PreActivations(x, rows);
        var inputs = new List<double[]> { x };
        int p = 0;
        var slopesOf = new double[Layers][];
        for (int l = 0; l < Layers; l++)
        {
            p += 2;
            slopesOf[l] = _activationParameterCounts[l] > 0 ? Parameters[p++] : [];
            if (l < Layers - 1)
            {
                var a = new double[z[l].Length];
                int m = _sizes[l + 1];
                for (int e = 0; e < a.Length; e++) a[e] = _activations[l]!(z[l][e], e / m, e % m, slopesOf[l]);
                inputs.Add(a);
            }
        }

        var gradients = Parameters.Select(v => new double[v.Length]).ToList();
        double[] da = logitGradient;
        int index = Parameters.Count;
        for (int l = Layers - 1; l >= 0; l--)
        {
            int n = _sizes[l], m = _sizes[l + 1];
            bool learns = _activationParameterCounts[l] > 0;
            if (learns) index--;
            int biasIndex = --index, kernelIndex = --index;
            var dz = new double[rows * m];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < m; j++)
                {
                    int e = r * m + j;
                    if (_activations[l] is not { } f)
                    {
                        dz[e] = da[e];
                        continue;
                    }
                    double[] slopes = slopesOf[l];
                    dz[e] = da[e] * ReferenceGradient.Derivative(v => f(v, r, j, slopes), z[l][e], 1e-4);
                    for (int q = 0; q < slopes.Length; q++)
                    {
                        double[] shifted = (double[])slopes.Clone();
                        int unit = q;
                        gradients[biasIndex + 1][q] += da[e] * ReferenceGradient.Derivative(
                            s => { shifted[unit] = s; return f(z[l][e], r, j, shifted); }, slopes[q], 1e-4);
                    }
                }
            double[] input = inputs[l];
            var dx = new double[rows * n];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < m; j++)
                {
                    double g = dz[r * m + j];
                    gradients[biasIndex][j] += g;
                    for (int i = 0; i < n; i++)
                    {
                        gradients[kernelIndex][i * m + j] += input[r * n + i] * g;
                        dx[r * n + i] += Parameters[kernelIndex][i * m + j] * g;
                    }
                }
            da = dx;
        }
        return gradients;
    }
}
