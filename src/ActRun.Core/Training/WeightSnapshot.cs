using ActRun.Core.Layers;

namespace ActRun.Core.Training;

/// <summary>
/// A copy of everything a network computes with: every layer's parameters (activation parameters included) and its
/// non-trainable state (batch_norm's running statistics), so that restoring it gives back the network of that moment
/// bit for bit (Keras's <c>restore_best_weights</c>, which also restores non-trainable weights).
/// </summary>
public sealed class WeightSnapshot
{
    private readonly float[][] _values;

    private WeightSnapshot(float[][] values) => _values = values;

    public static WeightSnapshot Take(Network network) => new(Tensors(network).Select(t => t.ToArray()).ToArray());

    /// <summary>Copies the network's current values into this snapshot (reusing its arrays).</summary>
    public void Update(Network network)
    {
        int i = 0;
        foreach (var t in Tensors(network)) t.CopyTo(_values[i++], 0);
    }

    public void Restore(Network network)
    {
        int i = 0;
        foreach (var t in Tensors(network)) _values[i++].CopyTo(t, 0);
    }

    private static IEnumerable<float[]> Tensors(Network network) =>
        network.Layers.SelectMany(l => l.Parameters.Select(p => p.Value).Concat(l.State.Select(s => s.Values)));
}
