using System.CommandLine;
using ActRun.Commands.Activations;
using ActRun.Commands.Compare;
using ActRun.Commands.Diff;
using ActRun.Commands.Merge;
using ActRun.Commands.Report;
using ActRun.Commands.Run;
using ActRun.Commands.Data;
using ActRun.Commands.Evaluate;
using ActRun.Commands.Experiments;
using ActRun.Core;

namespace ActRun;

/// <summary>
/// Builds the command tree, reports parse errors as one line (exit 2) and maps exceptions to exit codes in
/// this one place. In-process entry point for the tests, with its own writers.
/// </summary>
public static class CliApp
{
    public const string VerboseOption = "--verbose";

    /// <param name="args">
    /// The command line, when known: compare and run, whose options are built from every setting's declaration (which
    /// loads the config, optimizer and dataset types, about 15 ms at start-up), are then built in full only when their
    /// name is on it, else as stubs with their name and help text, which is all the root's help and suggestions use.
    /// </param>
    public static RootCommand BuildRoot(CliContext context, IReadOnlyList<string>? args = null) =>
        new("ActRun: what does the activation function do to my network? Train the same MLP once per activation and compare.")
        {
            args is null || args.Contains("compare") ? CompareCommand.Create(context) : new Command("compare", CompareCommand.Description),
            ActivationsCommand.Create(context),
            args is null || args.Contains("run") ? RunCommand.Create(context) : new Command("run", RunCommand.Description),
            ExperimentsCommand.Create(context),
            MergeCommand.Create(context),
            ReportCommand.Create(context),
            DataCommand.Create(context),
            EvaluateCommand.Create(context),
            DiffCommand.Create(context),
            // Recursive: accepted after any command, where a user adds it when an error needs explaining.
            new Option<bool>(VerboseOption) { Description = "On an error, also print the exception and its stack trace", Recursive = true },
        };

    /// <summary>
    /// Runs a command line. Synchronous, as every command's action is: an async entry point would compile its state
    /// machines (and System.CommandLine's) at every start-up.
    /// </summary>
    public static int Run(string[] args, CliContext context)
    {
        // Read from the tokens, not the parse: an error can come before (or instead of) a successful parse.
        bool verbose = args.TakeWhile(a => a != "--").Contains(VerboseOption);
        try
        {
            // No path, name or number holds a NUL character, and .NET's file APIs throw ArgumentException for one.
            int nul = Array.FindIndex(args, a => a.Contains('\0'));
            if (nul >= 0)
            {
                context.Error.WriteLine($"actrun: argument {nul + 1} contains a NUL character; no option value can hold one.");
                return ExitCodes.Usage;
            }
            var root = BuildRoot(context, args);
            SetHelpWidth(root, context);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                context.Error.WriteLine($"actrun: {OneLine(MissingCommand(parse, root) ?? Describe(parse.Errors[0], root))}");
                return ExitCodes.Usage;
            }
            if (parse.Action is not System.CommandLine.Help.HelpAction) context.Starting?.Invoke();
            var invocation = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = context.Out,
                Error = context.Error,
                ProcessTerminationTimeout = null,
            };
            return parse.Invoke(invocation);
        }
        catch (Exception e)
        {
            return Report(e, context.Error, verbose);
        }
    }

    /// <summary>
    /// One line per failure kind; the exception type decides the exit code. The stack trace follows only with
    /// --verbose: without it, an error is for the person running the command, not for us.
    /// </summary>
    public static int Report(Exception e, TextWriter error, bool verbose = false)
    {
        e = Unwrap(e);
        (int code, string line) = e switch
        {
            ConfigException => (ExitCodes.Usage, e.Message),
            FolderInUseException => (ExitCodes.FolderInUse, e.Message),
            DataException => (ExitCodes.Data, e.Message),
            OperationCanceledException => (ExitCodes.Interrupted, "interrupted."),
            IOException or UnauthorizedAccessException => (ExitCodes.Failure, e.Message),
            OutOfMemoryException => (ExitCodes.Failure, "not enough memory for this experiment; use a smaller model, dataset or --batch-size, or fewer --threads."),
            _ => (ExitCodes.Failure, $"internal error: {e.GetType().Name}: {e.Message} (run with {VerboseOption} for details)"),
        };
        error.WriteLine($"actrun: {OneLine(line)}");
        if (verbose) error.WriteLine(e.ToString());
        return code;
    }

    /// <summary>
    /// The error that matters inside the wrappers of parallel work (Parallel.ForEach, tasks): a typed ActRun error
    /// first, as it carries the message meant for people.
    /// </summary>
    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    var inner = aggregate.Flatten().InnerExceptions;
                    e = inner.FirstOrDefault(x => x is ActRunException) ?? inner[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } target }:
                    e = target;
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary>Messages of other libraries may span lines; the error stays one line.</summary>
    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Help is wrapped to the terminal's width, and to <see cref="HelpWidth"/> columns when stdout is not a terminal.</summary>
    public const int HelpWidth = 100;

    private static void SetHelpWidth(RootCommand root, CliContext context)
    {
        int width = HelpWidth;
        if (ReferenceEquals(context.Out, System.Console.Out) && !System.Console.IsOutputRedirected)
        {
            try
            {
                if (System.Console.WindowWidth > 0) width = System.Console.WindowWidth;
            }
            catch (IOException)
            {
                // No terminal size to be had: keep the fixed width.
            }
        }
        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>())
            if (help.Action is System.CommandLine.Help.HelpAction action) action.MaxWidth = width;
    }

    /// <summary>
    /// A command that needs a subcommand (<c>actrun</c>, <c>actrun data</c>) given none or an unknown one: the line names
    /// its commands and, for a mistyped one, the closest. Null for any other error.
    /// </summary>
    private static string? MissingCommand(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        if (command.Action is not null || command.Subcommands.Count == 0) return null;
        var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        string path = command is RootCommand ? "actrun" : $"actrun {command.Name}";
        string list = $"Commands: {string.Join(", ", names)}. See '{path} --help'.";
        string? token = parse.UnmatchedTokens.FirstOrDefault();
        if (token is null) return $"'{path}' needs a command. {list}";
        if (token.StartsWith('-'))
            return parse.Errors.FirstOrDefault(e => e.Message.Contains($"'{token}'")) is { } unknown ? Describe(unknown, root) : null;
        return $"'{token}' is not a command of '{path}'.{Suggest.DidYouMean(token, names)} {list}";
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
