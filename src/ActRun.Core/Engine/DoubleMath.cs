namespace ActRun.Core.Engine;

/// <summary>
/// exp, log, expm1, tanh, sin, cos and pow in double, from +, −, ×, ÷, floor and exact power-of-two scaling only,
/// so they give the same bits on every machine (<see cref="Math"/>'s come from the C library: glibc, macOS and
/// Windows differ in the last bit). The losses, the random normal draws, the toy datasets and the custom
/// expressions use them; float activations use FloatMath. Cephes' double-precision range reductions and
/// rational/minimax coefficients (S. L. Moshier, Cephes Math Library 2.8: exp.c, log.c, sin.c), within a few
/// ulp of the exact value (tested in DoubleMathTests); sin and cos lose accuracy beyond |x| = 2^29 (as Cephes'),
/// but stay deterministic.
/// </summary>
public static class DoubleMath
{
    private const double Log2E = 1.4426950408889634073599;
    private const double LnHigh = 6.93145751953125E-1;
    private const double LnLow = 1.42860682030941723212E-6;

    /// <summary>e^x: x = n ln2 + r, |r| ≤ ln2/2, e^r = 1 + 2r P(r²) / (Q(r²) − r P(r²)), then 2^n exactly.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > 709.782712893384) return double.PositiveInfinity;
        if (x < -745.2) return 0;
        double n = Math.Floor(Log2E * x + 0.5);
        double r = x - n * LnHigh;
        r -= n * LnLow;
        double rr = r * r;
        double p = r * ((1.26177193074810590878E-4 * rr + 3.02994407707441961300E-2) * rr + 9.99999999999999999910E-1);
        double q = ((3.00198505138664455042E-6 * rr + 2.52448340349684104192E-3) * rr + 2.27265548208155028766E-1) * rr + 2.00000000000000000009E0;
        double y = 1.0 + 2.0 * (p / (q - p));
        // 2^n built from its bits where it is a normal double (the common case, and cheaper than ScaleB, which
        // handles the ends exactly: results that overflow or fall into the subnormals).
        return n is > -1022 and < 1023 ? y * BitConverter.Int64BitsToDouble((long)(n + 1023) << 52) : Math.ScaleB(y, (int)n);
    }

    /// <summary>ln x: x = m 2^e, m in [√½, √2), ln(1 + f) = f − f²/2 + f³ P(f)/Q(f) with f = m − 1 (exact).</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x == 0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        int shift = 0;
        if (x < 2.2250738585072014E-308)
        {
            x *= 18014398509481984.0; // 2^54: subnormals become normal
            shift = 54;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)(bits >> 52) - 1022 - shift;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FE0000000000000L); // [0.5, 1)
        double f;
        if (m < 0.70710678118654752440)
        {
            exponent--;
            f = m + m - 1.0;
        }
        else
        {
            f = m - 1.0;
        }
        double z = f * f;
        double p = ((((1.01875663804580931796E-4 * f + 4.97494994976747001425E-1) * f + 4.70579119878881725854E0) * f
            + 1.44989225341610930846E1) * f + 1.79368678507819816313E1) * f + 7.70838733755885391666E0;
        double q = ((((f + 1.12873587189167450590E1) * f + 4.52279145837532221105E1) * f + 8.29875266912776603211E1) * f
            + 7.11544750618563894466E1) * f + 2.31251620126765340583E1;
        double e = exponent;
        double y = f * (z * p / q);
        y -= e * 2.121944400546905827679e-4;
        y -= 0.5 * z;
        return f + y + e * 0.693359375;
    }

    /// <summary>e^x − 1 without cancellation near 0 (Kahan: (u − 1) x / ln u with u = e^x rounded).</summary>
    public static double Expm1(double x)
    {
        if (x < -40) return -1;
        double u = Exp(x);
        if (u == 1.0) return x;
        double uMinus1 = u - 1.0;
        if (double.IsPositiveInfinity(u)) return u;
        return uMinus1 * (x / Log(u));
    }

    /// <summary>tanh x = e / (e + 2) with e = expm1(2x), ±1 beyond |x| = 22 (where it rounds to ±1).</summary>
    public static double Tanh(double x)
    {
        if (double.IsNaN(x)) return x;
        if (Math.Abs(x) > 22) return Math.Sign(x);
        if (x == 0) return x;
        double e = Expm1(2 * Math.Abs(x));
        double t = e / (e + 2);
        return x < 0 ? -t : t;
    }

    /// <summary>sin x: reduced to z in [−π/4, π/4] by octant (π/4 in three parts), then Cephes' sin or cos polynomial.</summary>
    public static double Sin(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return double.NaN;
        bool negative = x < 0;
        var (octant, z) = Reduce(Math.Abs(x));
        if (octant > 3)
        {
            negative = !negative;
            octant -= 4;
        }
        double y = octant is 1 or 2 ? CosPolynomial(z) : SinPolynomial(z);
        return negative ? -y : y;
    }

    /// <summary>cos x, with the reduction of <see cref="Sin"/>.</summary>
    public static double Cos(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return double.NaN;
        bool negative = false;
        var (octant, z) = Reduce(Math.Abs(x));
        if (octant > 3)
        {
            negative = true;
            octant -= 4;
        }
        if (octant > 1) negative = !negative;
        double y = octant is 1 or 2 ? SinPolynomial(z) : CosPolynomial(z);
        return negative ? -y : y;
    }

    /// <summary>
    /// x^y. An integer y up to 2^20 in magnitude multiplies by repeated squaring (so x^2 is x·x exactly and a
    /// negative x keeps its sign for odd y); otherwise e^(y ln x), NaN for x &lt; 0. Special values as
    /// <see cref="Math.Pow"/>: y = 0 gives 1, x = 0 gives 0 or +inf.
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (y == 0 || x == 1) return 1;
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        if (Math.Floor(y) == y && Math.Abs(y) <= 1 << 20)
        {
            long n = (long)Math.Abs(y);
            double result = 1, square = x;
            while (n > 0)
            {
                if ((n & 1) == 1) result *= square;
                square *= square;
                n >>= 1;
            }
            return y < 0 ? 1 / result : result;
        }
        if (x < 0) return double.NaN;
        if (x == 0) return y > 0 ? 0 : double.PositiveInfinity;
        return Exp(y * Log(x));
    }

    /// <summary>The octant j (0..7) of x ≥ 0 and z = x − j' π/4 in [−π/4, π/4], j' = j rounded up to even.</summary>
    private static (int Octant, double Z) Reduce(double x)
    {
        double j = Math.Floor(x * (4 / Math.PI));
        if (j - 2 * Math.Floor(j / 2) == 1) j += 1; // odd octants map to the next zero
        double z = ((x - j * 7.85398125648498535156E-1) - j * 3.77489470793079817668E-8) - j * 2.69515142907905952645E-15;
        return ((int)(j - 8 * Math.Floor(j / 8)), z);
    }

    private static double SinPolynomial(double z)
    {
        double zz = z * z;
        return z + z * zz * (((((1.58962301576546568060E-10 * zz - 2.50507477628578072866E-8) * zz + 2.75573136213857245213E-6) * zz
            - 1.98412698295895385996E-4) * zz + 8.33333333332211858878E-3) * zz - 1.66666666666666307295E-1);
    }

    private static double CosPolynomial(double z)
    {
        double zz = z * z;
        return 1.0 - 0.5 * zz + zz * zz * (((((-1.13585365213876817300E-11 * zz + 2.08757008419747316778E-9) * zz
            - 2.75573141792967388112E-7) * zz + 2.48015872888517045348E-5) * zz - 1.38888888888730564116E-3) * zz + 4.16666666666665929218E-2);
    }
}
