using System.CommandLine;
using ActRun.Core.Models;

namespace ActRun.Commands.Evaluate;

/// <summary>The options of <c>actrun evaluate</c>; the action is in <see cref="EvaluateAction"/>.</summary>
public sealed class EvaluateCommand
{
    public Argument<string> Model { get; } = new Argument<string>("MODEL") { Description = "A model file written by --save-model (<out>/models/<run_id>.actrun-model)" }.FilePath();
    public Option<string?> Dataset { get; } = new("--dataset", "-d") { Description = "Dataset to evaluate on, as for compare (default: the one the model was trained on); a csv file is standardised with the model's statistics" };
    public Option<string> Split { get; } = OptionParsers.OneOf("--split", "Which split: test or train", "test", [.. ModelEvaluation.Splits]);
    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed of a toy set or a CSV split (default: the one the model was trained with)" };
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv or json", "table", "table", "csv", "json");
    public Option<string?> DataDir { get; } = new Option<string?>("--data-dir") { Description = "Dataset folder (default: $ACTRUN_DATA_DIR, else ./data)" }.FolderPath();
    public Option<bool> Offline { get; } = new("--offline") { Description = "Never download: a missing mnist or fashion_mnist is an error saying where to put the files" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No download progress on stderr" };

    public static Command Create(CliContext context)
    {
        var o = new EvaluateCommand();
        var command = new Command("evaluate", """
            Load a saved model and print its loss and accuracy on a dataset split.
            Examples:
              actrun evaluate results/mnist/models/e499073e7bf4.actrun-model
              actrun evaluate model.actrun-model --dataset fashion_mnist --split train --format json
              actrun evaluate model.actrun-model --dataset csv:new-rows.csv
            """)
        {
            o.Model, o.Dataset, o.Split, o.Seed, o.Format, o.DataDir, o.Offline, o.Quiet,
        };
        command.SetAction(parse => EvaluateAction.Run(parse, o, context));
        return command;
    }
}
