using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Engine;

/// <summary>
/// Element-wise loops of the training step, with <see cref="Vector{T}"/> and a scalar tail. Each element gets
/// exactly the scalar expression's operations (no fused multiply-add, the same conversions between float and
/// double, square roots and divisions correctly rounded in both forms), so results equal the plain loops on every
/// vector width. <see cref="ElementwiseKernels.WidestVectorBits"/> set to 0 forces the scalar form (tests).
/// </summary>
public static class VectorOps
{
    private static bool Vectors
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector.IsHardwareAccelerated && ElementwiseKernels.WidestVectorBits > 0;
    }

    /// <summary>Elements handled by the vector loop of a span of <paramref name="n"/> floats (the rest is the scalar tail).</summary>
    private static int VectorPart(int n) => Vectors ? n - n % Vector<float>.Count : 0;

    /// <summary>target[j] += values[j].</summary>
    public static void AddInPlace(Span<float> target, ReadOnlySpan<float> values)
    {
        int n = target.Length, end = VectorPart(n);
        var t = MemoryMarshal.Cast<float, Vector<float>>(target[..end]);
        var v = MemoryMarshal.Cast<float, Vector<float>>(values[..end]);
        for (int i = 0; i < t.Length; i++) t[i] += v[i];
        for (int j = end; j < n; j++) target[j] += values[j];
    }

    /// <summary>w[j] −= rate · g[j] (the product rounded before the subtraction).</summary>
    public static void Step(Span<float> w, ReadOnlySpan<float> g, float rate)
    {
        int n = w.Length, end = VectorPart(n);
        var wv = MemoryMarshal.Cast<float, Vector<float>>(w[..end]);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(g[..end]);
        var r = new Vector<float>(rate);
        for (int i = 0; i < wv.Length; i++) wv[i] -= r * gv[i];
        for (int j = end; j < n; j++) w[j] -= rate * g[j];
    }

    /// <summary>w[j] *= factor.</summary>
    public static void Scale(Span<float> w, float factor)
    {
        int n = w.Length, end = VectorPart(n);
        var wv = MemoryMarshal.Cast<float, Vector<float>>(w[..end]);
        var f = new Vector<float>(factor);
        for (int i = 0; i < wv.Length; i++) wv[i] *= f;
        for (int j = end; j < n; j++) w[j] *= factor;
    }

    /// <summary>
    /// Adam's update without amsgrad (Keras's ε placement): m ← β1·m + c1·g; v ← β2·v + (c2·g)·g;
    /// w ← w − (step·m)/(√v + ε).
    /// </summary>
    public static void AdamStep(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float beta1, float c1, float beta2, float c2, float step, float epsilon)
    {
        int n = w.Length, end = VectorPart(n);
        var wv = MemoryMarshal.Cast<float, Vector<float>>(w[..end]);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(g[..end]);
        var mv = MemoryMarshal.Cast<float, Vector<float>>(m[..end]);
        var vv = MemoryMarshal.Cast<float, Vector<float>>(v[..end]);
        Vector<float> b1 = new(beta1), k1 = new(c1), b2 = new(beta2), k2 = new(c2), s = new(step), e = new(epsilon);
        for (int i = 0; i < wv.Length; i++)
        {
            var gi = gv[i];
            var mi = b1 * mv[i] + k1 * gi;
            var vi = b2 * vv[i] + k2 * gi * gi;
            mv[i] = mi;
            vv[i] = vi;
            wv[i] -= s * mi / (Vector.SquareRoot(vi) + e);
        }
        for (int j = end; j < n; j++)
        {
            m[j] = beta1 * m[j] + c1 * g[j];
            v[j] = beta2 * v[j] + c2 * g[j] * g[j];
            w[j] -= step * m[j] / (MathF.Sqrt(v[j]) + epsilon);
        }
    }

    /// <summary>sum[j] += x[j], in double.</summary>
    public static void AddWidened(Span<double> sum, ReadOnlySpan<float> x)
    {
        int n = sum.Length, end = VectorPart(n);
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x[..end]);
        var sv = MemoryMarshal.Cast<double, Vector<double>>(sum[..end]);
        for (int i = 0; i < xv.Length; i++)
        {
            Vector.Widen(xv[i], out var lo, out var hi);
            sv[2 * i] += lo;
            sv[2 * i + 1] += hi;
        }
        for (int j = end; j < n; j++) sum[j] += x[j];
    }

    /// <summary>sum[j] += (x[j] − mean[j])², in double.</summary>
    public static void AddSquaredDeviation(Span<double> sum, ReadOnlySpan<float> x, ReadOnlySpan<double> mean)
    {
        int n = sum.Length, end = VectorPart(n);
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x[..end]);
        var sv = MemoryMarshal.Cast<double, Vector<double>>(sum[..end]);
        var mv = MemoryMarshal.Cast<double, Vector<double>>(mean[..end]);
        for (int i = 0; i < xv.Length; i++)
        {
            Vector.Widen(xv[i], out var lo, out var hi);
            var d0 = lo - mv[2 * i];
            var d1 = hi - mv[2 * i + 1];
            sv[2 * i] += d0 * d0;
            sv[2 * i + 1] += d1 * d1;
        }
        for (int j = end; j < n; j++)
        {
            double d = x[j] - mean[j];
            sum[j] += d * d;
        }
    }

    /// <summary>sum[j] += a[j] and product[j] += a[j]·b[j], in double.</summary>
    public static void AddSumAndProduct(Span<double> sum, Span<double> product, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = sum.Length, end = VectorPart(n);
        var av = MemoryMarshal.Cast<float, Vector<float>>(a[..end]);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(b[..end]);
        var sv = MemoryMarshal.Cast<double, Vector<double>>(sum[..end]);
        var pv = MemoryMarshal.Cast<double, Vector<double>>(product[..end]);
        for (int i = 0; i < av.Length; i++)
        {
            Vector.Widen(av[i], out var a0, out var a1);
            Vector.Widen(bv[i], out var b0, out var b1);
            sv[2 * i] += a0;
            sv[2 * i + 1] += a1;
            pv[2 * i] += a0 * b0;
            pv[2 * i + 1] += a1 * b1;
        }
        for (int j = end; j < n; j++)
        {
            sum[j] += a[j];
            product[j] += (double)a[j] * b[j];
        }
    }

    /// <summary>
    /// Normalization of one row: x̂[j] = (float)((x[j] − mean[j])·invStd[j]) in double, then y[j] = γ[j]·x̂[j] + β[j] in float.
    /// </summary>
    public static void Normalize(ReadOnlySpan<float> x, ReadOnlySpan<double> mean, ReadOnlySpan<double> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> xhat, Span<float> y)
    {
        int n = x.Length, end = VectorPart(n);
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x[..end]);
        var mv = MemoryMarshal.Cast<double, Vector<double>>(mean[..end]);
        var iv = MemoryMarshal.Cast<double, Vector<double>>(invStd[..end]);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(gamma[..end]);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(beta[..end]);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(xhat[..end]);
        var yv = MemoryMarshal.Cast<float, Vector<float>>(y[..end]);
        for (int i = 0; i < xv.Length; i++)
        {
            Vector.Widen(xv[i], out var lo, out var hi);
            var h = Vector.Narrow((lo - mv[2 * i]) * iv[2 * i], (hi - mv[2 * i + 1]) * iv[2 * i + 1]);
            hv[i] = h;
            yv[i] = gv[i] * h + bv[i];
        }
        for (int j = end; j < n; j++)
        {
            float h = (float)((x[j] - mean[j]) * invStd[j]);
            xhat[j] = h;
            y[j] = gamma[j] * h + beta[j];
        }
    }

    /// <summary>The same with one mean and inverse deviation for the whole row (layer normalization).</summary>
    public static void Normalize(ReadOnlySpan<float> x, double mean, double invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> xhat, Span<float> y)
    {
        int n = x.Length, end = VectorPart(n);
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x[..end]);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(gamma[..end]);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(beta[..end]);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(xhat[..end]);
        var yv = MemoryMarshal.Cast<float, Vector<float>>(y[..end]);
        Vector<double> m = new(mean), s = new(invStd);
        for (int i = 0; i < xv.Length; i++)
        {
            Vector.Widen(xv[i], out var lo, out var hi);
            var h = Vector.Narrow((lo - m) * s, (hi - m) * s);
            hv[i] = h;
            yv[i] = gv[i] * h + bv[i];
        }
        for (int j = end; j < n; j++)
        {
            float h = (float)((x[j] - mean) * invStd);
            xhat[j] = h;
            y[j] = gamma[j] * h + beta[j];
        }
    }

    /// <summary>
    /// Batch normalization's input gradient of one row: dx[j] = (float)(scale[j]·(rows·dy[j] − Σdy[j] − x̂[j]·Σdyx̂[j])), in double.
    /// </summary>
    public static void BatchNormInputGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> xhat, ReadOnlySpan<double> scale,
        ReadOnlySpan<double> sumDy, ReadOnlySpan<double> sumDyXhat, double rows, Span<float> dx)
    {
        int n = dy.Length, end = VectorPart(n);
        var dv = MemoryMarshal.Cast<float, Vector<float>>(dy[..end]);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(xhat[..end]);
        var cv = MemoryMarshal.Cast<double, Vector<double>>(scale[..end]);
        var sv = MemoryMarshal.Cast<double, Vector<double>>(sumDy[..end]);
        var pv = MemoryMarshal.Cast<double, Vector<double>>(sumDyXhat[..end]);
        var ov = MemoryMarshal.Cast<float, Vector<float>>(dx[..end]);
        var count = new Vector<double>(rows);
        for (int i = 0; i < dv.Length; i++)
        {
            Vector.Widen(dv[i], out var d0, out var d1);
            Vector.Widen(hv[i], out var h0, out var h1);
            int a = 2 * i, b = 2 * i + 1;
            ov[i] = Vector.Narrow(cv[a] * (count * d0 - sv[a] - h0 * pv[a]), cv[b] * (count * d1 - sv[b] - h1 * pv[b]));
        }
        for (int j = end; j < n; j++)
            dx[j] = (float)(scale[j] * (rows * (double)dy[j] - sumDy[j] - xhat[j] * sumDyXhat[j]));
    }

    /// <summary>target[j] += a[j]·b[j], in float (the product rounded before the sum).</summary>
    public static void AddProduct(Span<float> target, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = target.Length, end = VectorPart(n);
        var t = MemoryMarshal.Cast<float, Vector<float>>(target[..end]);
        var av = MemoryMarshal.Cast<float, Vector<float>>(a[..end]);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(b[..end]);
        for (int i = 0; i < t.Length; i++) t[i] += av[i] * bv[i];
        for (int j = end; j < n; j++) target[j] += a[j] * b[j];
    }

    /// <summary>
    /// Layer normalization's input gradient of one row: dx[j] = (float)(scale·(units·dy[j]·γ[j] − sum − x̂[j]·sumXhat)), in double.
    /// </summary>
    public static void LayerNormInputGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> xhat, ReadOnlySpan<float> gamma,
        double scale, double units, double sum, double sumXhat, Span<float> dx)
    {
        int n = dy.Length, end = VectorPart(n);
        var dv = MemoryMarshal.Cast<float, Vector<float>>(dy[..end]);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(xhat[..end]);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(gamma[..end]);
        var ov = MemoryMarshal.Cast<float, Vector<float>>(dx[..end]);
        Vector<double> c = new(scale), u = new(units), s = new(sum), p = new(sumXhat);
        for (int i = 0; i < dv.Length; i++)
        {
            Vector.Widen(dv[i], out var d0, out var d1);
            Vector.Widen(hv[i], out var h0, out var h1);
            Vector.Widen(gv[i], out var g0, out var g1);
            ov[i] = Vector.Narrow(c * (u * d0 * g0 - s - h0 * p), c * (u * d1 * g1 - s - h1 * p));
        }
        for (int j = end; j < n; j++)
            dx[j] = (float)(scale * (units * (double)dy[j] * gamma[j] - sum - xhat[j] * sumXhat));
    }
}
