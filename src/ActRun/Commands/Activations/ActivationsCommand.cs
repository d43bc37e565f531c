using System.CommandLine;

namespace ActRun.Commands.Activations;

/// <summary>The options of <c>actrun activations list | table | plot</c>; the actions are in <see cref="ActivationsAction"/>.</summary>
public sealed class ActivationsCommand
{
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv or json", "table", "table", "csv", "json");

    public Option<string> TableFormat { get; } = OptionParsers.OneOf("--format", "What goes to stdout: csv or json", "csv", "csv", "json");

    /// <summary>--activations, as on compare (required: checked with its former name, <see cref="FormerNames"/>).</summary>
    public Option<string?> Names { get; } = new("--activations", "-a")
    {
        Description = "Activations, comma-separated: names with parameters (leaky_relu(0.2)) or expressions in x (x*sigmoid(x)) (required)",
    };

    /// <summary>The former name of --activations here, kept so that scripts keep working; not in the help.</summary>
    public Option<string?> FormerNames { get; } = OptionParsers.Hidden(new Option<string?>("--names", "-n") { Description = "The former name of --activations" });

    /// <summary>The activations given, under either name.</summary>
    public string GivenNames(ParseResult parse) => parse.GetValue(Names) ?? parse.GetValue(FormerNames)!;

    private void RequireNames(Command command) => command.Validators.Add(result =>
    {
        bool given = result.GetResult(Names) is not null, former = result.GetResult(FormerNames) is not null;
        if (given && former) result.AddError("--names is the former name of --activations: give --activations only.");
        else if (!given && !former) result.AddError($"activations {command.Name} needs --activations, e.g. --activations relu,tanh.");
    });

    public Option<string?> Range { get; } = new("--range") { Description = "Points FROM:TO:STEP, both ends included, e.g. -5:5:0.5" };
    public Option<string?> Points { get; } = new("--x") { Description = "Points V1,V2,… (also inf, -inf, nan)" };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "PNG file to write", Required = true };
    public Option<string> PlotRange { get; } = new("--range") { Description = "x range FROM:TO:STEP", DefaultValueFactory = _ => "-5:5:0.01" };

    public static Command Create(CliContext context)
    {
        var o = new ActivationsCommand();
        var list = new Command("list", """
            The catalog: name, aliases, parameters with defaults, formula, range, largest derivative, zero-centred, typical use.
            Example: actrun activations list --format json
            """)
        {
            o.Format,
        };
        list.SetAction(parse => ActivationsAction.List(parse, o, context));

        var table = new Command("table", """
            Value y and exact derivative dy of each activation at each point, as CSV on stdout (activation,x,y,dy).
            Example: actrun activations table --activations "relu,gelu,x*sigmoid(x)" --range -3:3:0.5
            """)
        {
            o.Names, o.FormerNames, o.Range, o.Points, o.TableFormat,
        };
        o.RequireNames(table);
        table.Validators.Add(result =>
        {
            bool range = result.GetResult(o.Range) is not null, points = result.GetResult(o.Points) is not null;
            if (range == points) result.AddError("activations table needs exactly one of --range FROM:TO:STEP or --x V1,V2,….");
        });
        table.SetAction(parse => ActivationsAction.Table(parse, o, context));

        var plot = new Command("plot", """
            Plot the functions (solid) and their derivatives (dashed) to a PNG.
            Example: actrun activations plot --activations relu,tanh,sigmoid,gelu --out activations.png
            """)
        {
            o.Names, o.FormerNames, o.Out, o.PlotRange,
        };
        o.RequireNames(plot);
        plot.SetAction(parse => ActivationsAction.Plot(parse, o, context));

        return new Command("activations", "The activation catalog: list it, tabulate values and derivatives, plot them.") { list, table, plot };
    }
}
