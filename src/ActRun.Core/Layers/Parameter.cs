namespace ActRun.Core.Layers;

/// <summary>A trainable tensor and its gradient buffer (same length). Backward passes add into Gradient.</summary>
public sealed class Parameter(string name, int length)
{
    public string Name { get; } = name;
    public float[] Value { get; } = new float[length];
    public float[] Gradient { get; } = new float[length];

    public void ZeroGradient() => Array.Clear(Gradient);
}
