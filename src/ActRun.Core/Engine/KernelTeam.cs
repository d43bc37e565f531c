using System.Runtime.ExceptionServices;

namespace ActRun.Core.Engine;

/// <summary>Work that a <see cref="KernelTeam"/> cuts into units; unit i of n must not depend on the others.</summary>
internal interface IKernelWork
{
    void Execute(int unit, int units);
}

/// <summary>
/// The threads one training run may use for its matrix products: the calling thread plus <c>Threads − 1</c>
/// workers that stay alive between products (spinning briefly, then sleeping). A product is cut into units of
/// output blocks that the threads claim one at a time, so a worker the OS has not scheduled yet never holds the
/// product up: the caller takes its units. Each output element is computed whole by one thread, in the same order
/// as by a single thread, so results never depend on the thread count or on who took which unit.
/// </summary>
public sealed class KernelTeam : IDisposable
{
    // About 50 µs of spinning (Thread.SpinWait(8) is ~0.3 µs): longer than the gaps between the products of a step.
    private const int SpinIterations = 200;
    private const int MaxUnits = 0xFFFF;
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private IKernelWork? _work;

    // generation (bits 32..63) | units (bits 16..31) | next unit to claim (bits 0..15): one word, so a claim by
    // compare-exchange can only succeed for the product it read.
    private long _state;
    private int _done;
    private bool _disposed;
    private Exception? _failure;

    public KernelTeam(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        _workers = new Thread[threads - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"actrun-kernel-{i + 1}" };
            _workers[i].Start();
        }
    }

    /// <summary>Threads that share each product, the caller's included.</summary>
    public int Threads { get; }

    /// <summary>Products with fewer multiply-adds run on the calling thread alone: waking a worker would cost more.</summary>
    internal long MinParallelWork { get; init; } = 96 * 1024;

    /// <summary>Runs units 0..units−1 on the calling thread and the workers; returns when all are done.</summary>
    internal void Run(IKernelWork work, int units)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(units, MaxUnits);
        if (units <= 1 || _workers.Length == 0)
        {
            for (int unit = 0; unit < units; unit++) work.Execute(unit, units);
            return;
        }
        _work = work;
        _failure = null;
        Volatile.Write(ref _done, 0);
        long generation = (Volatile.Read(ref _state) >> 32) + 1;
        lock (_gate)
        {
            Interlocked.Exchange(ref _state, generation << 32 | (long)units << 16);
            Monitor.PulseAll(_gate);
        }
        Claim(generation);
        var spin = new SpinWait();
        while (Volatile.Read(ref _done) != units) spin.SpinOnce(sleep1Threshold: -1);
        _work = null;
        if (_failure is { } failure) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Takes and runs units of the given generation's product until none is left.</summary>
    private void Claim(long generation)
    {
        while (true)
        {
            long state = Volatile.Read(ref _state);
            int units = (int)(state >> 16) & MaxUnits, unit = (int)state & MaxUnits;
            if (state >> 32 != generation || unit >= units) return;
            if (Interlocked.CompareExchange(ref _state, state + 1, state) != state) continue;
            try
            {
                _work!.Execute(unit, units);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            Interlocked.Increment(ref _done);
        }
    }

    private void Work()
    {
        long seen = 0;
        while (true)
        {
            for (int spins = 0; Volatile.Read(ref _state) >> 32 == seen && spins < SpinIterations; spins++) Thread.SpinWait(8);
            if (Volatile.Read(ref _state) >> 32 == seen)
            {
                lock (_gate)
                {
                    while (Volatile.Read(ref _state) >> 32 == seen && !_disposed) Monitor.Wait(_gate);
                }
            }
            if (_disposed) return;
            seen = Volatile.Read(ref _state) >> 32;
            Claim(seen);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var worker in _workers) worker.Join();
    }
}
