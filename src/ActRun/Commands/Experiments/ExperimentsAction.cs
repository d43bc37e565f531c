using System.CommandLine;
using ActRun.Console;
using ActRun.Core;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Commands.Experiments;

public static class ExperimentsAction
{
    private static readonly string[] Columns = ["name", "description"];

    public static int List(ParseResult parse, ExperimentsCommand o, CliContext context)
    {
        var rows = ShippedExperiments.All.Select(e => new[] { e.Name, e.Description }).ToList();
        switch (parse.GetValue(o.Format))
        {
            case "json": JsonTable.WriteTo(context.Out, Columns, rows); break;
            case "csv": CsvTable.WriteTo(context.Out, Columns, rows); break;
            default: TextTable.Write(context.Out, Columns, rows); break;
        }
        return ExitCodes.Success;
    }

    public static int Show(ParseResult parse, ExperimentsCommand o, CliContext context)
    {
        context.Out.Write(ShippedExperiments.Get(parse.GetValue(o.Name)!).Text);
        return ExitCodes.Success;
    }

    public static int Copy(ParseResult parse, ExperimentsCommand o, CliContext context)
    {
        var experiment = ShippedExperiments.Get(parse.GetValue(o.Name)!);
        string folder = parse.GetValue(o.Folder)!;
        string target = Path.Combine(folder, experiment.FileName);
        bool overwrite = parse.GetValue(o.Overwrite);
        if (Directory.Exists(target)) throw new ConfigException($"{target} is a folder; give another DIR.");
        if (File.Exists(target) && !overwrite) throw new ConfigException($"{target} already exists; it is kept. Add --overwrite to replace it, or give another DIR.");
        Directory.CreateDirectory(folder);
        // Written whole or not at all (a temporary file renamed into place), like every result file.
        AtomicFile.Write(target, stream => stream.Write(experiment.Content));
        context.Error.WriteLine($"{experiment.Name}: written to {target}; run it with 'actrun run {target}'.");
        context.Out.WriteLine(target);
        return ExitCodes.Success;
    }
}
