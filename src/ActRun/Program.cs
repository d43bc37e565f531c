using System.Runtime.InteropServices;
using ActRun;

// SIGINT (Ctrl-C) and SIGTERM ask the running command to stop at the next epoch boundary and write what
// completed; a second signal ends the process at once.
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext signal)
{
    if (cancel.IsCancellationRequested) return;
    signal.Cancel = true;
    cancel.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var context = new CliContext(Console.Out, Console.Error, !Console.IsErrorRedirected, cancel.Token);
return await CliApp.RunAsync(args, context);
