using System.CommandLine;
using System.Globalization;
using ActRun.Console;
using ActRun.Core.Data;
using ActRun.Core.Models;
using ActRun.Core.Results;

namespace ActRun.Commands.Evaluate;

/// <summary>Reads the model, loads the data as the model saw it (fetching MNIST if missing), prints the score.</summary>
public static class EvaluateAction
{
    public static int Run(ParseResult parse, EvaluateCommand o, CliContext context)
    {
        var model = ModelFile.Read(parse.GetValue(o.Model)!);
        string? datasetText = parse.GetValue(o.Dataset);
        var spec = DatasetSpec.Parse(datasetText ?? model.Header.Dataset.Name);
        string? dataDir = parse.GetValue(o.DataDir);
        if (spec.Kind == DatasetKind.Images && !parse.GetValue(o.Offline))
            DataFetch.IfMissing(DatasetCatalog.ImageSet(spec.Name), DataLocator.Resolve(dataDir), null, parse.GetValue(o.Quiet), context);
        var data = ModelEvaluation.Load(model.Header, datasetText, dataDir, parse.GetValue(o.Seed));
        var score = ModelEvaluation.Evaluate(model, data, parse.GetValue(o.Split)!);
        Write(context.Out, parse.GetValue(o.Format)!, score);
        return ExitCodes.Success;
    }

    private static readonly string[] Columns = ["model", "dataset", "split", "samples", "loss", "accuracy"];

    private static void Write(TextWriter output, string format, ModelScore s)
    {
        switch (format)
        {
            case "csv":
                CsvTable.WriteTo(output, Columns, [[s.Model, s.Dataset, s.Split, s.Samples, s.Loss, s.Accuracy]]);
                break;
            case "json":
                JsonTable.WriteTo(output, Columns, [[s.Model, s.Dataset, s.Split, s.Samples, s.Loss, s.Accuracy]]);
                break;
            default:
                TextTable.Write(output, Columns, [[s.Model, s.Dataset, s.Split, s.Samples.ToString(CultureInfo.InvariantCulture), F(s.Loss), F(s.Accuracy)]], rightAlignedFrom: 3);
                break;
        }
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
