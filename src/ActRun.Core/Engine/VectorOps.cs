using System.Numerics;
using System.Runtime.InteropServices;

namespace ActRun.Core.Engine;

/// <summary>
/// Element-wise loops of the training step, with <see cref="Vector{T}"/> and a scalar tail. Each element gets
/// exactly the scalar expression's operations (no fused multiply-add), so results equal the plain loops.
/// </summary>
public static class VectorOps
{
    /// <summary>target[j] += values[j].</summary>
    public static void AddInPlace(Span<float> target, ReadOnlySpan<float> values)
    {
        int n = target.Length, j = 0;
        var t = MemoryMarshal.Cast<float, Vector<float>>(target);
        var v = MemoryMarshal.Cast<float, Vector<float>>(values[..n]);
        for (int i = 0; i < t.Length; i++) t[i] += v[i];
        j = t.Length * Vector<float>.Count;
        for (; j < n; j++) target[j] += values[j];
    }

    /// <summary>w[j] −= rate · g[j] (the product rounded before the subtraction).</summary>
    public static void Step(Span<float> w, ReadOnlySpan<float> g, float rate)
    {
        int n = w.Length, j = 0;
        var wv = MemoryMarshal.Cast<float, Vector<float>>(w);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(g[..n]);
        var r = new Vector<float>(rate);
        for (int i = 0; i < wv.Length; i++) wv[i] -= r * gv[i];
        j = wv.Length * Vector<float>.Count;
        for (; j < n; j++) w[j] -= rate * g[j];
    }
}
