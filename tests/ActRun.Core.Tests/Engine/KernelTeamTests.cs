using ActRun.Core.Engine;

namespace ActRun.Core.Tests.Engine;

public class KernelTeamTests
{
    private sealed class Counting(int units) : IKernelWork
    {
        public int[] Runs { get; } = new int[units];
        public void Execute(int unit, int units) => Interlocked.Increment(ref Runs[unit]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 8)]
    [InlineData(3, 7)]
    [InlineData(4, 100)]
    public void Every_unit_runs_exactly_once_per_product(int threads, int units)
    {
        using var team = new KernelTeam(threads);
        for (int product = 0; product < 200; product++)
        {
            var work = new Counting(units);
            team.Run(work, units);
            Assert.All(work.Runs, count => Assert.Equal(1, count));
        }
    }

    private sealed class Failing : IKernelWork
    {
        public void Execute(int unit, int units)
        {
            if (unit == units - 1) throw new InvalidOperationException("unit failed");
        }
    }

    [Fact]
    public void A_failing_unit_is_rethrown_on_the_calling_thread_and_the_team_still_works()
    {
        using var team = new KernelTeam(2);
        Assert.Throws<InvalidOperationException>(() => team.Run(new Failing(), 4));
        var work = new Counting(4);
        team.Run(work, 4);
        Assert.All(work.Runs, count => Assert.Equal(1, count));
    }
}
