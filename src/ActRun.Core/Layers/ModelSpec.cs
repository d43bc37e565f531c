using System.Globalization;

namespace ActRun.Core.Layers;

/// <summary>
/// The hidden part of a model as a list of layers, e.g. <c>[dense(256), batch_norm, act, dropout(0.2), dense(128), act]</c>;
/// the output layer (a dense layer as wide as the output head needs, then the head) always follows it. <c>act</c> is the
/// activation being compared; <c>act(tanh)</c> is fixed. The text form is canonical and parses back to an equal spec.
/// The shorthand <c>hidden: [64, 32]</c> with <c>norm</c> and <c>dropout</c> expands to
/// <c>dense(64), [batch_norm|layer_norm], act, [dropout(rate)]</c> per hidden width (Keras's usual order).
/// </summary>
public sealed record ModelSpec(IReadOnlyList<LayerSpec> Layers)
{
    public static IReadOnlyList<string> Norms { get; } = ["none", "batch", "layer"];

    public bool Equals(ModelSpec? other) => other is not null && ToString() == other.ToString();
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The widths of the dense layers: the model's <c>hidden</c> column.</summary>
    public IReadOnlyList<int> DenseWidths => Layers.Where(l => l.Kind == "dense").Select(l => (int)l.Argument!.Value).ToList();

    /// <summary>
    /// True for the plain shorthand (each hidden layer <c>dense(n), act</c>): such a model is described by
    /// <c>model.hidden</c> and <c>model.activation</c> alone, so its run ids are the ones it had before model specs.
    /// </summary>
    public bool IsPlain => Layers.Count % 2 == 0 && Enumerable.Range(0, Layers.Count / 2)
        .All(i => Layers[2 * i].Kind == "dense" && Layers[2 * i + 1].IsComparedActivation);

    public override string ToString() => $"[{string.Join(", ", Layers)}]";

    /// <summary>
    /// The kinds of the built <see cref="Network"/>'s layers in order, the output dense layer last: a <c>dense(n), act</c>
    /// pair is one dense layer (with its activation), so these are the rows of layers.csv.
    /// </summary>
    public IReadOnlyList<string> NetworkKinds()
    {
        var kinds = new List<string>();
        for (int i = 0; i < Layers.Count; i++)
        {
            kinds.Add(Layers[i].Kind);
            if (Layers[i].Kind == "dense" && i + 1 < Layers.Count && Layers[i + 1].Kind == LayerSpec.ActivationKind) i++;
        }
        kinds.Add("dense");
        return kinds;
    }

    public static ModelSpec Plain(IReadOnlyList<int> hidden) => Shorthand(hidden, "none", 0);

    /// <summary>The layers of <c>hidden</c> with <c>norm</c> (none, batch, layer) and <c>dropout</c> (rate, 0 for none).</summary>
    public static ModelSpec Shorthand(IReadOnlyList<int> hidden, string? norm, double dropout)
    {
        var layers = new List<LayerSpec>();
        foreach (int width in hidden)
        {
            layers.Add(new LayerSpec("dense", width));
            if (norm == "batch") layers.Add(new LayerSpec("batch_norm"));
            else if (norm == "layer") layers.Add(new LayerSpec("layer_norm"));
            layers.Add(new LayerSpec(LayerSpec.ActivationKind));
            if (dropout > 0) layers.Add(new LayerSpec("dropout", dropout));
        }
        return new ModelSpec(layers);
    }

    /// <summary>
    /// Reads a spec: the layers separated by commas outside parentheses, with or without the enclosing brackets.
    /// An error names the layer by its position.
    /// </summary>
    public static ModelSpec Parse(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']')) trimmed = trimmed[1..^1];
        var items = SplitTopLevel(trimmed);
        var layers = new List<LayerSpec>();
        for (int i = 0; i < items.Count; i++)
        {
            try
            {
                layers.Add(LayerSpec.Parse(items[i]));
            }
            catch (ConfigException e)
            {
                throw new ConfigException($"model layer {(i + 1).ToString(CultureInfo.InvariantCulture)} of [{trimmed}]: {e.Message}", e);
            }
        }
        return new ModelSpec(layers);
    }

    /// <summary>Splits at the commas outside parentheses; empty items are errors.</summary>
    internal static IReadOnlyList<string> SplitTopLevel(string text)
    {
        var items = new List<string>();
        if (text.Trim().Length == 0) return items;
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] == '(') depth++;
            else if (i < text.Length && text[i] == ')') depth--;
            else if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                string item = text[start..i].Trim();
                if (item.Length == 0) throw new ConfigException($"model layers [{text.Trim()}]: an empty layer between commas; write layers as dense(64), act, dropout(0.2).");
                items.Add(item);
                start = i + 1;
            }
        }
        if (depth != 0) throw new ConfigException($"model layers [{text.Trim()}]: unbalanced parentheses.");
        return items;
    }
}
