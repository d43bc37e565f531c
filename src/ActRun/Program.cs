using ActRun;

// Ctrl-C asks the running command to stop at the next step boundary; a second Ctrl-C ends the process.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancel.IsCancellationRequested) return;
    e.Cancel = true;
    cancel.Cancel();
};
var context = new CliContext(Console.Out, Console.Error, !Console.IsErrorRedirected, cancel.Token);
return await CliApp.RunAsync(args, context);
