namespace ActRun.Core.Tests.TestUtilities;

/// <summary>Derivatives in double by central differences with one Richardson step: error O(h⁴), about 1e-10 here.</summary>
public static class ReferenceGradient
{
    /// <summary>dL/dv[i] at the current values: (4 D(h/2) − D(h)) / 3 with D(h) = (L(v + h) − L(v − h)) / 2h.</summary>
    public static double CentralDifference(double[] values, int i, double step, Func<double> loss)
    {
        double original = values[i];
        double Difference(double h)
        {
            values[i] = original + h;
            double plus = loss();
            values[i] = original - h;
            double minus = loss();
            values[i] = original;
            return (plus - minus) / (2 * h);
        }
        return (4 * Difference(step / 2) - Difference(step)) / 3;
    }

    /// <summary>f'(x) of a scalar function the same way.</summary>
    public static double Derivative(Func<double, double> f, double x, double step)
    {
        double D(double h) => (f(x + h) - f(x - h)) / (2 * h);
        return (4 * D(step / 2) - D(step)) / 3;
    }
}
