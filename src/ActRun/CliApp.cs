using System.CommandLine;
using ActRun.Commands.Activations;
using ActRun.Commands.Compare;
using ActRun.Commands.Merge;
using ActRun.Commands.Report;
using ActRun.Commands.Run;
using ActRun.Commands.Data;
using ActRun.Commands.Evaluate;
using ActRun.Core;

namespace ActRun;

/// <summary>
/// Builds the command tree, reports parse errors as one line (exit 2) and maps exceptions to exit codes in
/// this one place. In-process entry point for the tests, with its own writers.
/// </summary>
public static class CliApp
{
    public static RootCommand BuildRoot(CliContext context) =>
        new("ActRun: what does the activation function do to my network? Train the same MLP once per activation and compare.")
        {
            CompareCommand.Create(context),
            ActivationsCommand.Create(context),
            RunCommand.Create(context),
            MergeCommand.Create(context),
            ReportCommand.Create(context),
            DataCommand.Create(context),
            EvaluateCommand.Create(context),
        };

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            context.Error.WriteLine($"actrun: {Describe(parse.Errors[0], root)}");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = context.Out,
            Error = context.Error,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, context.Cancel);
        }
        catch (Exception e)
        {
            return Report(e, context.Error);
        }
    }

    /// <summary>One line per failure kind; the exception type decides the exit code.</summary>
    public static int Report(Exception e, TextWriter error)
    {
        switch (e)
        {
            case ConfigException:
                error.WriteLine($"actrun: {e.Message}");
                return ExitCodes.Usage;
            case DataException:
                error.WriteLine($"actrun: {e.Message}");
                return ExitCodes.Data;
            case OperationCanceledException:
                error.WriteLine("actrun: interrupted.");
                return ExitCodes.Interrupted;
            case IOException or UnauthorizedAccessException:
                error.WriteLine($"actrun: {e.Message}");
                return ExitCodes.Failure;
            default:
                error.WriteLine($"actrun: internal error: {e.GetType().Name}: {e.Message}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>The parser's message, with a "did you mean" for a mistyped option or command.</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError error, RootCommand root)
    {
        string message = error.Message;
        const string prefix = "Unrecognized command or argument '";
        if (message.StartsWith(prefix) && message.EndsWith("'."))
        {
            string token = message[prefix.Length..^2];
            var command = error.SymbolResult is System.CommandLine.Parsing.CommandResult cr ? cr.Command : root;
            var names = command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Concat(command.Subcommands.Select(c => c.Name));
            return message + Suggest.DidYouMean(token, names) + $" See 'actrun {(command == root ? "" : command.Name + " ")}--help'.";
        }
        return message;
    }
}
