using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Experiments;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Results;

namespace ActRun.Core.Models;

/// <summary>A network read back from a model file, with its header.</summary>
public sealed record SavedModel(string Path, ModelHeader Header, Network Network);

/// <summary>
/// The model file: line 1 is <c>actrun-model 1</c>, line 2 the JSON header (<see cref="ModelHeader"/>, one line),
/// then <see cref="ModelHeader.WeightCount"/> little-endian float32 values to the end of the file: for each Dense
/// layer its kernel [inputs × outputs] then its bias. Written whole or not at all; anything that does not read back
/// exactly (wrong first line, bad JSON, a short or long tail, a checksum mismatch) is a <see cref="DataException"/>
/// naming the file.
/// </summary>
public static class ModelFile
{
    public const string FormatName = "actrun-model";
    public const int FormatVersion = 1;
    public const string Extension = ResultFolder.ModelExtension;

    private static readonly byte[] FirstLine = Encoding.ASCII.GetBytes($"{FormatName} {FormatVersion}\n");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>models/&lt;run_id&gt;.actrun-model in a result folder.</summary>
    public static string PathFor(string folder, string runId) => System.IO.Path.Combine(folder, ResultFolder.ModelsFolder, runId + Extension);

    /// <summary>The header of a trained network of <paramref name="run"/> on <paramref name="data"/>.</summary>
    public static ModelHeader Describe(PlannedRun run, Dataset data, Network network)
    {
        var head = OutputHead.Create(run.Settings.Model.Output, data);
        var n = data.Normalisation;
        return new ModelHeader
        {
            ActrunVersion = RunRecord.Build.Version,
            RunId = run.RunId,
            Settings = run.SettingsLine,
            Seed = run.Seed,
            Inputs = network.Inputs,
            Hidden = run.Settings.Model.Hidden.ToList(),
            Activation = run.Settings.Model.Activation,
            Model = network.Spec.IsPlain ? null : network.Spec.ToString(),
            OutputActivation = head.Activation,
            Loss = head.Loss,
            Outputs = network.Outputs,
            EvaluationBatch = network.MaxBatch,
            Layers = network.Layers.Select(l => new ModelLayer
            {
                Kind = l is Dense ? null : l.Label,
                Inputs = l.Inputs, Outputs = l.Outputs, Activation = l.Activation?.Spec.ToString(),
                ActivationParameters = l.ActivationParameters?.Value.ToArray(),
            }).ToList(),
            Dataset = new ModelDataset
            {
                Name = run.Data.Spec.ToString(),
                Key = run.Data.Key,
                DataSeed = run.Data.Seed,
                Task = data.Task.ToString().ToLowerInvariant(),
                ClassCount = data.ClassCount,
                ClassNames = data.ClassNames?.ToList(),
                FeatureNames = data.FeatureNames.ToList(),
                PlaygroundFeatures = run.Data.Spec.Features.ToList(),
                Normalisation = new ModelNormalisation
                {
                    Kind = n.Kind, Scale = n.Scale, FeatureMean = n.FeatureMeans?.ToList(), FeatureStd = n.FeatureStds?.ToList(),
                    TargetMean = n.TargetMean, TargetStd = n.TargetStd,
                },
            },
        };
    }

    /// <summary>Writes the header and the network's weights, whole or not at all.</summary>
    public static void Write(string path, ModelHeader header, Network network)
    {
        var values = Tensors(network).SelectMany(t => t.Values).ToArray();
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        header.Tensors = Tensors(network).Select(t => new ModelTensor { Name = t.Name, Shape = t.Shape.ToList() }).ToList();
        header.WeightCount = values.Length;
        header.WeightsSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(FirstLine);
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(header, Json));
            stream.WriteByte((byte)'\n');
            stream.Write(bytes);
        });
    }

    /// <summary>Reads a model file and rebuilds its network; any damage is a <see cref="DataException"/> naming the file.</summary>
    public static SavedModel Read(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataException($"{path}: model file not found.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path}: cannot read the model file ({e.Message}).", e);
        }
        if (!file.AsSpan().StartsWith(FirstLine))
            throw new DataException($"{path}: not an ActRun model file (it should start with '{FormatName} {FormatVersion}'); save one with --save-model.");
        int start = FirstLine.Length;
        int end = Array.IndexOf(file, (byte)'\n', start);
        if (end < 0) throw new DataException($"{path}: the model file is truncated inside its header.");
        ModelHeader header;
        try
        {
            header = JsonSerializer.Deserialize<ModelHeader>(file.AsSpan(start, end - start), Json)
                ?? throw new DataException($"{path}: the model header is empty.");
        }
        catch (JsonException e)
        {
            throw new DataException($"{path}: the model header is damaged (not valid JSON: {e.Message}).", e);
        }
        var weights = file.AsSpan(end + 1);
        if (weights.Length != header.WeightCount * sizeof(float))
            throw new DataException($"{path}: the model file is {(weights.Length < header.WeightCount * sizeof(float) ? "truncated" : "longer than its header says")}: " +
                                    $"{header.WeightCount} weights need {header.WeightCount * sizeof(float)} bytes after the header, found {weights.Length}.");
        if (Convert.ToHexStringLower(SHA256.HashData(weights)) != header.WeightsSha256)
            throw new DataException($"{path}: the weights do not match their checksum; the file is damaged.");
        return new SavedModel(path, header, Build(path, header, weights));
    }

    private static Network Build(string path, ModelHeader header, ReadOnlySpan<byte> weights)
    {
        Network network;
        try
        {
            ActivationRegistry.Create(header.Activation);
            // Files from before model specs have no model: theirs is the plain stack of hidden.
            var spec = header.Model is { } model ? ModelSpec.Parse(model) : ModelSpec.Plain(header.Hidden);
            network = new Network(header.Inputs, spec, () => ActivationRegistry.Create(header.Activation), header.Outputs, Math.Max(1, header.EvaluationBatch));
        }
        catch (Exception e) when (e is ConfigException or ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new DataException($"{path}: the model header describes no network this ActRun can build ({e.Message}).", e);
        }
        var tensors = Tensors(network).ToList();
        if (tensors.Count != header.Tensors.Count || tensors.Zip(header.Tensors).Any(p => p.First.Name != p.Second.Name || !p.First.Shape.SequenceEqual(p.Second.Shape)))
            throw new DataException($"{path}: the tensors listed in the header do not fit the network it describes.");
        int offset = 0;
        foreach (var (_, _, values) in tensors)
            for (int i = 0; i < values.Length; i++, offset += 4) values[i] = BinaryPrimitives.ReadSingleLittleEndian(weights[offset..]);
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var learned = network.Layers[i].ActivationParameters;
            float[]? stored = i < header.Layers.Count ? header.Layers[i].ActivationParameters : null;
            if ((learned is null) != (stored is null) || (learned is not null && learned.Value.Length != stored!.Length))
                throw new DataException($"{path}: layer {i + 1}'s activation parameters do not fit its activation '{header.Layers.ElementAtOrDefault(i)?.Activation}'.");
            stored?.CopyTo(learned!.Value, 0);
        }
        return network;
    }

    /// <summary>
    /// The tensors in file order: per layer, named <c>{kind}_{n}/{tensor}</c> with n counting that kind from 1
    /// (<c>dense_1/kernel</c>, <c>dense_1/bias</c>, <c>batch_norm_1/gamma</c>, …, <c>batch_norm_1/moving_variance</c>),
    /// its parameters then its state. An activation's learned parameters are in the header instead.
    /// </summary>
    private static IEnumerable<(string Name, int[] Shape, float[] Values)> Tensors(Network network)
    {
        var counts = new Dictionary<string, int>();
        foreach (var layer in network.Layers)
        {
            int n = counts[layer.Kind] = counts.GetValueOrDefault(layer.Kind) + 1;
            foreach (var p in layer.Parameters.Where(p => p != layer.ActivationParameters))
                yield return ($"{layer.Kind}_{n}/{p.Name}", layer is Dense d && p == d.Weights ? [layer.Inputs, layer.Outputs] : [p.Value.Length], p.Value);
            foreach (var s in layer.State)
                yield return ($"{layer.Kind}_{n}/{s.Name}", [s.Values.Length], s.Values);
        }
    }
}
