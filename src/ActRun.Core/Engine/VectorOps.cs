using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>Lanes of the sums below: a fixed count, so a sum does not depend on the vector width.</summary>
    private const int SumLanes = 16;

    /// <summary>
    /// Σ x[i]² in double: element i goes to lane i mod 16 while whole groups of 16 last, the lanes are added in a
    /// fixed tree, then the tail in order. The same bits on every vector width and in the scalar form.
    /// </summary>
    public static unsafe double SumOfSquares(ReadOnlySpan<float> x)
    {
        fixed (float* a = x) return LaneSum(new Squares(a, null), x.Length);
    }

    /// <summary>Σ (a[i] − b[i])² in double, in the lanes of <see cref="SumOfSquares"/>.</summary>
    public static unsafe double SumOfSquaredDifferences(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        fixed (float* pa = a, pb = b[..a.Length]) return LaneSum(new Squares(pa, pb), a.Length);
    }

    /// <summary>Σ x[i] in double, in the lanes of <see cref="SumOfSquares"/>.</summary>
    public static unsafe double Sum(ReadOnlySpan<float> x)
    {
        fixed (float* p = x) return LaneSum(new Values(p), x.Length);
    }

    /// <summary>Σ (x[i] − mean)² in double, in the lanes of <see cref="SumOfSquares"/>.</summary>
    public static unsafe double SumOfSquaredDeviations(ReadOnlySpan<float> x, double mean)
    {
        fixed (float* p = x) return LaneSum(new Deviations(p, mean), x.Length);
    }

    /// <summary>
    /// Σ e[i] and Σ e[i]·h[i] with e[i] = dy[i]·γ[i], in double, in the lanes of <see cref="SumOfSquares"/>
    /// (layer normalization's backward sums over a row).
    /// </summary>
    public static unsafe (double Sum, double SumWithXhat) ScaledSums(ReadOnlySpan<float> dy, ReadOnlySpan<float> gamma, ReadOnlySpan<float> xhat)
    {
        int n = dy.Length;
        fixed (float* d = dy, g = gamma[..n], h = xhat[..n])
            return (LaneSum(new Scaled(d, g, null), n), LaneSum(new Scaled(d, g, h), n));
    }

    /// <summary>The terms of a lane sum: eight consecutive ones as two vectors of doubles, or one as a double, computed the same way.</summary>
    private interface ILaneTerms
    {
        (Vector256<double> Low, Vector256<double> High) Vector(int i);
        double Scalar(int i);
    }

    private static double LaneSum<T>(in T terms, int n) where T : struct, ILaneTerms
    {
        int end = n - n % SumLanes;
        Span<double> lanes = stackalloc double[SumLanes];
        if (Vector256.IsHardwareAccelerated && ElementwiseKernels.WidestVectorBits >= 256)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int i = 0; i < end; i += SumLanes)
            {
                var (x0, x1) = terms.Vector(i);
                var (x2, x3) = terms.Vector(i + 8);
                s0 += x0;
                s1 += x1;
                s2 += x2;
                s3 += x3;
            }
            s0.CopyTo(lanes);
            s1.CopyTo(lanes[4..]);
            s2.CopyTo(lanes[8..]);
            s3.CopyTo(lanes[12..]);
        }
        else
        {
            lanes.Clear();
            for (int i = 0; i < end; i++) lanes[i % SumLanes] += terms.Scalar(i);
        }
        for (int width = SumLanes / 2; width >= 1; width /= 2)
            for (int l = 0; l < width; l++) lanes[l] += lanes[l + width];
        double sum = lanes[0];
        for (int i = end; i < n; i++) sum += terms.Scalar(i);
        return sum;
    }

    /// <summary>a², or (a − b)² when b is given.</summary>
    private readonly unsafe struct Squares(float* a, float* b) : ILaneTerms
    {
        public (Vector256<double>, Vector256<double>) Vector(int i)
        {
            var (x0, x1) = Vector256.Widen(Vector256.Load(a + i));
            if (b != null)
            {
                var (y0, y1) = Vector256.Widen(Vector256.Load(b + i));
                (x0, x1) = (x0 - y0, x1 - y1);
            }
            return (x0 * x0, x1 * x1);
        }

        public double Scalar(int i)
        {
            double d = b != null ? (double)a[i] - b[i] : a[i];
            return d * d;
        }
    }

    private readonly unsafe struct Values(float* x) : ILaneTerms
    {
        public (Vector256<double>, Vector256<double>) Vector(int i) => Vector256.Widen(Vector256.Load(x + i));
        public double Scalar(int i) => x[i];
    }

    /// <summary>(x − mean)².</summary>
    private readonly unsafe struct Deviations(float* x, double mean) : ILaneTerms
    {
        public (Vector256<double>, Vector256<double>) Vector(int i)
        {
            var (x0, x1) = Vector256.Widen(Vector256.Load(x + i));
            var m = Vector256.Create(mean);
            (x0, x1) = (x0 - m, x1 - m);
            return (x0 * x0, x1 * x1);
        }

        public double Scalar(int i)
        {
            double d = x[i] - mean;
            return d * d;
        }
    }

    /// <summary>dy·γ, or (dy·γ)·x̂ when x̂ is given.</summary>
    private readonly unsafe struct Scaled(float* dy, float* gamma, float* xhat) : ILaneTerms
    {
        public (Vector256<double>, Vector256<double>) Vector(int i)
        {
            var (d0, d1) = Vector256.Widen(Vector256.Load(dy + i));
            var (g0, g1) = Vector256.Widen(Vector256.Load(gamma + i));
            var (e0, e1) = (d0 * g0, d1 * g1);
            if (xhat == null) return (e0, e1);
            var (h0, h1) = Vector256.Widen(Vector256.Load(xhat + i));
            return (e0 * h0, e1 * h1);
        }

        public double Scalar(int i)
        {
            double e = (double)dy[i] * gamma[i];
            return xhat == null ? e : e * xhat[i];
        }
    }

    /// <summary>y[j] = a[j]·b[j].</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        int n = a.Length, end = VectorPart(n);
        var av = MemoryMarshal.Cast<float, Vector<float>>(a[..end]);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(b[..end]);
        var yv = MemoryMarshal.Cast<float, Vector<float>>(y[..end]);
        for (int i = 0; i < av.Length; i++) yv[i] = av[i] * bv[i];
        for (int j = end; j < n; j++) y[j] = a[j] * b[j];
    }

    /// <summary>y[j] = (scale·a[j])·b[j].</summary>
    public static void MultiplyScaled(float scale, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        int n = a.Length, end = VectorPart(n);
        var av = MemoryMarshal.Cast<float, Vector<float>>(a[..end]);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(b[..end]);
        var yv = MemoryMarshal.Cast<float, Vector<float>>(y[..end]);
        var s = new Vector<float>(scale);
        for (int i = 0; i < av.Length; i++) yv[i] = s * av[i] * bv[i];
        for (int j = end; j < n; j++) y[j] = scale * a[j] * b[j];
    }

    /// <summary>Alpha dropout's output: y[j] = scale·(keep[j] = 1 ? x[j] : dropped) + offset.</summary>
    public static void AlphaDropout(ReadOnlySpan<float> x, ReadOnlySpan<float> keep, float scale, float dropped, float offset, Span<float> y)
    {
        int n = x.Length, end = VectorPart(n);
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x[..end]);
        var kv = MemoryMarshal.Cast<float, Vector<float>>(keep[..end]);
        var yv = MemoryMarshal.Cast<float, Vector<float>>(y[..end]);
        Vector<float> s = new(scale), d = new(dropped), o = new(offset);
        for (int i = 0; i < xv.Length; i++)
            yv[i] = s * Vector.ConditionalSelect(Vector.Equals(kv[i], Vector<float>.One), xv[i], d) + o;
        for (int j = end; j < n; j++) y[j] = scale * (keep[j] == 1f ? x[j] : dropped) + offset;
    }
}
