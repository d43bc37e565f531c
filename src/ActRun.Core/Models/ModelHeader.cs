namespace ActRun.Core.Models;

/// <summary>
/// The JSON header of a saved model (second line of the file, snake_case keys): what the network is, what it was
/// trained on and how that data was normalised, and the list of weight tensors that follow the header as
/// little-endian float32 in this order. See the README's "Saved models" section for the whole format.
/// </summary>
public sealed class ModelHeader
{
    public string Format { get; set; } = ModelFile.FormatName;
    public int FormatVersion { get; set; } = ModelFile.FormatVersion;
    public string ActrunVersion { get; set; } = "";
    public string RunId { get; set; } = "";
    /// <summary>The run's settings as in runs.csv.</summary>
    public string Settings { get; set; } = "";
    public ulong Seed { get; set; }
    public int Inputs { get; set; }
    public List<int> Hidden { get; set; } = [];
    /// <summary>The hidden layers' activation, canonical text with its parameters (<c>leaky_relu(negative_slope=0.2)</c>).</summary>
    public string Activation { get; set; } = "";
    /// <summary>The hidden layers' spec (<c>[dense(64), batch_norm, act, dropout(0.2)]</c>); absent for the plain stack of <see cref="Hidden"/>.</summary>
    public string? Model { get; set; }
    /// <summary>The output activation with its loss (softmax, sigmoid, linear, …), as resolved for training.</summary>
    public string OutputActivation { get; set; } = "";
    public string Loss { get; set; } = "";
    public int Outputs { get; set; }
    /// <summary>Rows per evaluation batch in training; evaluating with the same batches reproduces its numbers exactly.</summary>
    public int EvaluationBatch { get; set; }
    public List<ModelLayer> Layers { get; set; } = [];
    public ModelDataset Dataset { get; set; } = new();
    public List<ModelTensor> Tensors { get; set; } = [];
    /// <summary>Number of float32 values after the header.</summary>
    public long WeightCount { get; set; }
    /// <summary>SHA-256 (hex) of the weight bytes, to catch a damaged file.</summary>
    public string WeightsSha256 { get; set; } = "";
}

/// <summary>One layer: its kind (absent for a dense layer), shape, activation's canonical text and any learned activation parameters (prelu's slopes).</summary>
public sealed class ModelLayer
{
    public string? Kind { get; set; }
    public int Inputs { get; set; }
    public int Outputs { get; set; }
    public string? Activation { get; set; }
    public float[]? ActivationParameters { get; set; }
}

/// <summary>A weight tensor in the binary part: name and shape (kernels are [inputs, outputs], row-major).</summary>
public sealed class ModelTensor
{
    public string Name { get; set; } = "";
    public List<int> Shape { get; set; } = [];
}

/// <summary>The data the model was trained on, and what to do to new data so the model sees the same kind of input.</summary>
public sealed class ModelDataset
{
    /// <summary>The dataset's spec text (<c>mnist</c>, <c>spiral(noise=0.2)</c>, <c>csv:iris.csv</c>).</summary>
    public string Name { get; set; } = "";
    /// <summary>The data key of the run (spec, features, subsets, seed).</summary>
    public string Key { get; set; } = "";
    /// <summary>The seed the toy data or the CSV split was drawn from.</summary>
    public ulong DataSeed { get; set; }
    public string Task { get; set; } = "";
    public int ClassCount { get; set; }
    /// <summary>Class names in output order (CSV classification); null when classes are numbers 0..n-1.</summary>
    public List<string>? ClassNames { get; set; }
    /// <summary>The network's input features by name (pixel_0_0…, a CSV file's columns, Playground's x1^2…).</summary>
    public List<string> FeatureNames { get; set; } = [];
    /// <summary>Playground feature toggles computed from (x1, x2) on the 2-D sets; x1,x2 by default.</summary>
    public List<string> PlaygroundFeatures { get; set; } = [];
    public ModelNormalisation Normalisation { get; set; } = new();
}

/// <summary>feature → (feature × scale − mean) / std; target → (target − target_mean) / target_std.</summary>
public sealed class ModelNormalisation
{
    /// <summary>none, scale (MNIST's 1/255) or standardise (CSV: training-split mean and std).</summary>
    public string Kind { get; set; } = "none";
    public double Scale { get; set; } = 1.0;
    public List<double>? FeatureMean { get; set; }
    public List<double>? FeatureStd { get; set; }
    public double? TargetMean { get; set; }
    public double? TargetStd { get; set; }
}
