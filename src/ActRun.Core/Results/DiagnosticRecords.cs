using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Results;

/// <summary>
/// One row of layers.csv: one run, epoch and layer (1 = first hidden layer; the last is the output layer).
/// Norms are Frobenius norms of the layer's first parameter (a kernel, a normalization's γ); grad_norm and update_ratio are means over the epoch's
/// steps; the activation statistics come from a fixed probe batch after the epoch. In the file the run's key
/// columns come between run_id and seed (<see cref="ResultFolder.RecordsHeader{T}"/>).
/// </summary>
public sealed class LayerRecord
{
    [Name("run_id")] public string RunId { get; set; } = "";
    /// <summary>
    /// The activation (a key column; "variant" in files of ActRun before the key columns). A report replaces it by
    /// the variant's label (the activation when only activations are compared): the plots group by it.
    /// </summary>
    [Name("activation", "variant")] public string Activation { get; set; } = "";
    [Name("seed")] public ulong Seed { get; set; }
    [Name("epoch")] public int Epoch { get; set; }
    [Name("layer")] public int Layer { get; set; }
    /// <summary>
    /// The layer's kind as in the model spec: dense (with its activation, if any), act, batch_norm, layer_norm, dropout,
    /// alpha_dropout, gaussian_noise. Empty in files of ActRun before model specs, which had only dense layers.
    /// </summary>
    [Name("layer_kind"), Optional] public string LayerKind { get; set; } = "";
    [Name("weight_norm")] public double WeightNorm { get; set; }
    [Name("grad_norm")] public double GradNorm { get; set; }
    /// <summary>‖ΔW‖ / ‖W‖ per step, averaged over the epoch: how fast the layer moves relative to its size.</summary>
    [Name("update_ratio")] public double UpdateRatio { get; set; }
    [Name("activation_mean")] public double ActivationMean { get; set; }
    [Name("activation_std")] public double ActivationStd { get; set; }
    /// <summary>Share of units whose derivative is zero for every sample of the probe batch (dead relu units); NaN for a layer without an activation.</summary>
    [Name("dead_fraction")] public double DeadFraction { get; set; }
    /// <summary>Share of the probe batch's pre-activations where the derivative is below 5% of its maximum; NaN for a layer without an activation.</summary>
    [Name("saturated_fraction")] public double SaturatedFraction { get; set; }
    /// <summary>
    /// The 15th, 50th and 85th percentiles of the activation's input z over the probe batch's samples and the layer's
    /// units (linear interpolation, as numpy's default): the picture of Ioffe &amp; Szegedy's Figure 1(b, c). NaN for a
    /// layer without an activation; NaN too in files of ActRun before these columns, which are read without them.
    /// </summary>
    [Name("input_p15"), Optional] public double InputP15 { get; set; } = double.NaN;
    /// <summary>The median of the activation's input (see <see cref="InputP15"/>).</summary>
    [Name("input_p50"), Optional] public double InputP50 { get; set; } = double.NaN;
    /// <summary>The 85th percentile of the activation's input (see <see cref="InputP15"/>).</summary>
    [Name("input_p85"), Optional] public double InputP85 { get; set; } = double.NaN;
}

/// <summary>
/// One row of regions.csv: a trained 2-D network's output at one grid point (probability of class 1). In the file
/// the run's key columns come between run_id and seed.
/// </summary>
public sealed class RegionRecord
{
    [Name("run_id")] public string RunId { get; set; } = "";
    /// <summary>The activation, or in a report the variant's label (as <see cref="LayerRecord.Activation"/>).</summary>
    [Name("activation", "variant")] public string Activation { get; set; } = "";
    [Name("seed")] public ulong Seed { get; set; }
    [Name("x1")] public float X1 { get; set; }
    [Name("x2")] public float X2 { get; set; }
    [Name("p")] public float P { get; set; }
}

/// <summary>One row of points.csv: a test point of a 2-D dataset with its class, drawn over the regions.</summary>
public sealed class PointRecord
{
    [Name("x1")] public float X1 { get; set; }
    [Name("x2")] public float X2 { get; set; }
    [Name("label")] public int Label { get; set; }
}
