using System.Globalization;

namespace ActRun.Cli.Tests;

/// <summary>CSV datasets made in the tests rather than downloaded.</summary>
public static class TestCsv
{
    /// <summary>y = sin(x1) + x2² + noise, the lines of a CSV file with a header: a nonlinear regression target.</summary>
    public static IEnumerable<string> SineData(int rows)
    {
        var random = new Random(1);
        yield return "x1,x2,y";
        for (int i = 0; i < rows; i++)
        {
            double x1 = random.NextDouble() * 6 - 3, x2 = random.NextDouble() * 3 - 1.5, noise = (random.NextDouble() - 0.5) * 0.2;
            yield return string.Create(CultureInfo.InvariantCulture, $"{x1:F4},{x2:F4},{Math.Sin(x1) + x2 * x2 + noise:F4}");
        }
    }
}
