using System.CommandLine;

namespace ActRun.Commands.Experiments;

/// <summary>The options of <c>actrun experiments list | show | copy</c>; the actions are in <see cref="ExperimentsAction"/>.</summary>
public sealed class ExperimentsCommand
{
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv or json", "table", "table", "csv", "json");
    public Argument<string> Name { get; } = new("NAME") { Description = "A shipped experiment, e.g. mnist-linear-vs-nonlinear (see 'actrun experiments list')" };
    public Argument<string> Folder { get; } = new Argument<string>("DIR") { Description = "The folder to write NAME.yaml into (made if missing)" }.FolderPath();
    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace DIR/NAME.yaml when it exists" };

    public static Command Create(CliContext context)
    {
        var o = new ExperimentsCommand();
        var list = new Command("list", """
            The experiments shipped with the tool: name and description.
            Example: actrun experiments list --format json
            """)
        {
            o.Format,
        };
        list.SetAction(parse => ExperimentsAction.List(parse, o, context));

        var show = new Command("show", """
            Print a shipped experiment's YAML (comments included) to stdout.
            Example: actrun experiments show mnist-linear-vs-nonlinear
            """)
        {
            o.Name,
        };
        show.SetAction(parse => ExperimentsAction.Show(parse, o, context));

        var copy = new Command("copy", """
            Write a shipped experiment to DIR/NAME.yaml, to edit and run with 'actrun run DIR/NAME.yaml'.
            An existing file is kept unless --overwrite.
            Example: actrun experiments copy dead-relu my-experiments
            """)
        {
            o.Name, o.Folder, o.Overwrite,
        };
        copy.SetAction(parse => ExperimentsAction.Copy(parse, o, context));

        return new Command("experiments", """
            The experiments shipped with the tool: list them, print one, copy one to edit.
            'actrun run NAME' runs a shipped experiment when there is no file NAME.
            """) { list, show, copy };
    }
}
