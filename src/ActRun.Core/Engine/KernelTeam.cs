using System.Runtime.ExceptionServices;

namespace ActRun.Core.Engine;

/// <summary>Work that a <see cref="KernelTeam"/> splits into parts; part i of n must not depend on the others.</summary>
internal interface IKernelWork
{
    void Execute(int part, int parts);
}

/// <summary>
/// The threads one training run may use for its matrix products: the calling thread plus
/// <c>Threads − 1</c> workers that stay alive between products (spinning briefly, then sleeping), so a product
/// of a few hundred microseconds can still be shared. The split is by output blocks, and each output element is
/// computed by one thread in the same order as by a single thread: results never depend on the thread count.
/// </summary>
public sealed class KernelTeam : IDisposable
{
    // About 20–50 µs of spinning: longer than the gaps between the products of one training step.
    private const int SpinIterations = 2000;
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private IKernelWork? _work;
    private int _parts;
    private int _generation;
    private int _pending;
    private bool _disposed;
    private Exception? _failure;

    public KernelTeam(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        _workers = new Thread[threads - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            int part = i + 1;
            _workers[i] = new Thread(() => Work(part)) { IsBackground = true, Name = $"actrun-kernel-{part}" };
            _workers[i].Start();
        }
    }

    /// <summary>Threads that share each product, the caller's included.</summary>
    public int Threads { get; }

    /// <summary>Products with fewer multiply-adds run on the calling thread alone: waking a worker would cost more.</summary>
    internal long MinParallelWork { get; init; } = 96 * 1024;

    /// <summary>Runs parts 0..parts−1 (parts ≤ Threads): part 0 on the calling thread, the others on workers; returns when all are done.</summary>
    internal void Run(IKernelWork work, int parts)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (parts <= 1)
        {
            work.Execute(0, 1);
            return;
        }
        _work = work;
        _parts = parts;
        _failure = null;
        Volatile.Write(ref _pending, Threads - 1);
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            Monitor.PulseAll(_gate);
        }
        try
        {
            work.Execute(0, parts);
        }
        finally
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
            _work = null;
        }
        if (_failure is { } failure) ExceptionDispatchInfo.Throw(failure);
    }

    private void Work(int part)
    {
        int seen = 0;
        while (true)
        {
            int spins = 0;
            while (Volatile.Read(ref _generation) == seen && spins < SpinIterations)
            {
                Thread.SpinWait(8);
                spins++;
            }
            if (Volatile.Read(ref _generation) == seen)
            {
                lock (_gate)
                {
                    while (_generation == seen && !_disposed) Monitor.Wait(_gate);
                }
            }
            if (_disposed) return;
            seen = Volatile.Read(ref _generation);
            try
            {
                if (part < _parts) _work!.Execute(part, _parts);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            Interlocked.Decrement(ref _pending);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        lock (_gate)
        {
            _disposed = true;
            Interlocked.Increment(ref _generation);
            Monitor.PulseAll(_gate);
        }
        foreach (var worker in _workers) worker.Join();
    }
}
