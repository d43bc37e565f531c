using System.Runtime.InteropServices;
using ActRun;

// SIGINT (Ctrl-C) and SIGTERM ask the running command to stop at the next epoch boundary and write what
// completed; a second signal ends the process at once.
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext signal)
{
    if (cancel.IsCancellationRequested) return;
    signal.Cancel = true;
    // Said at once: the epoch may take a while, and the user should know a second signal will not wait for it.
    Console.Error.WriteLine("actrun: stopping at the end of the current epoch; signal again to stop at once.");
    cancel.Cancel();
}
// Installed when a command starts (CliContext.Starting): help and usage errors end at once without them.
var signals = new List<PosixSignalRegistration>();
void HandleSignals()
{
    signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
}

// Work on other threads (progress display, timers) must not end the process with a stack trace either.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    CliApp.Report(e.ExceptionObject as Exception ?? new Exception(e.ExceptionObject?.ToString()), Console.Error, args.Contains(CliApp.VerboseOption));
    Environment.Exit(ExitCodes.Failure);
};

var context = new CliContext(Console.Out, Console.Error, !Console.IsErrorRedirected, cancel.Token) { Starting = HandleSignals };
int code = CliApp.Run(args, context);
foreach (var signal in signals) signal.Dispose();
return code;
