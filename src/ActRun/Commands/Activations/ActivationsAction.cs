using System.CommandLine;
using System.Globalization;
using ActRun.Console;
using ActRun.Core.Activations;
using ActRun.Core.Results;
using ActRun.Plots;

namespace ActRun.Commands.Activations;

public static class ActivationsAction
{
    public static int List(ParseResult parse, ActivationsCommand o, CliContext context)
    {
        var rows = ActivationCatalog.List();
        string format = parse.GetValue(o.Format)!;
        if (format == "table")
        {
            TextTable.Write(context.Out, ["name", "parameters", "range", "max_dy", "zero_centred", "typical_use"],
                rows.Select(r => new[]
                {
                    r.Name, r.Parameters, r.Range,
                    r.MaxDerivative is double m ? m.ToString("G4", CultureInfo.InvariantCulture) : "-",
                    r.ZeroCentred ? "yes" : "no", r.TypicalUse,
                }));
        }
        else
        {
            RecordOutput.Write(context.Out, format, rows);
        }
        return ExitCodes.Success;
    }

    public static int Table(ParseResult parse, ActivationsCommand o, CliContext context)
    {
        var activations = Create(o.GivenNames(parse));
        var xs = parse.GetValue(o.Range) is string range ? ActivationCatalog.Range(range) : ActivationCatalog.Points(parse.GetValue(o.Points)!);
        RecordOutput.Write(context.Out, parse.GetValue(o.TableFormat)!, ActivationCatalog.Sample(activations, xs));
        return ExitCodes.Success;
    }

    public static int Plot(ParseResult parse, ActivationsCommand o, CliContext context)
    {
        var activations = Create(o.GivenNames(parse));
        var xs = ActivationCatalog.Range(parse.GetValue(o.PlotRange)!);
        string path = parse.GetValue(o.Out)!;
        ActivationPlot.Save(path, activations, xs);
        context.Error.WriteLine($"Wrote {path}");
        return ExitCodes.Success;
    }

    private static IReadOnlyList<Activation> Create(string names) =>
        ActivationRegistry.SplitList(names).Select(ActivationRegistry.Create).ToList();
}
