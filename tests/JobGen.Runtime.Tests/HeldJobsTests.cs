using JobGen.Storage;
using JobGen.Worker;

namespace JobGen.Runtime.Tests;

public sealed class HeldJobsTests
{
    [Fact]
    public void A_lease_is_released_once_and_snapshots_hold_only_unreleased_leases()
    {
        var held = new HeldJobs();
        var first = Jobs(3);
        var second = Jobs(2);
        held.AddBatch(first);
        held.AddBatch(second);

        Assert.True(held.Release(first[1]));
        Assert.False(held.Release(first[1])); // a second release (e.g. after the shutdown took it) is refused

        Assert.Equal(4, held.Count);
        Assert.Equal([first[0], first[2], second[0], second[1]], held.Snapshot());
        Assert.False(held.Holds(first[1]));
        Assert.True(held.Holds(second[0]));
    }

    [Fact]
    public async Task Release_all_takes_each_remaining_lease_exactly_once_even_with_concurrent_releases()
    {
        var held = new HeldJobs();
        var jobs = Jobs(10_000);
        foreach (var chunk in jobs.Chunk(500))
        {
            held.AddBatch(chunk);
        }

        var releasedByProcessors = new int[1];
        var processors = Task.Run(() =>
        {
            for (var i = 0; i < jobs.Length; i += 2)
            {
                if (held.Release(jobs[i]))
                {
                    Interlocked.Increment(ref releasedByProcessors[0]);
                }
            }
        }, TestContext.Current.CancellationToken);
        var byShutdown = held.ReleaseAll();
        await processors;
        var rest = held.ReleaseAll();

        Assert.Equal(jobs.Length, releasedByProcessors[0] + byShutdown.Count + rest.Count);
        Assert.Equal(0, held.Count);
        Assert.Empty(held.Snapshot());
    }

    private static FetchedJob[] Jobs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new FetchedJob("q", BitConverter.GetBytes(i)))];
}
