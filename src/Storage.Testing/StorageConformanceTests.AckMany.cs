using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Batched acks (the worker's AckBatcher): per-job results, several queues in one call, stale leases left alone.
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task AckMany_drops_held_leases_of_several_queues_and_reports_each()
    {
        await EnqueueAllAsync("x", "x1", "x2");
        await EnqueueAllAsync("y", "y1");
        var x = await FetchNowAsync("x", 2);
        var y = await FetchNowAsync("y", 1);
        Assert.True(await Storage.AckAsync(x[1], Ct)); // already acked: reported as not held

        var acked = await Storage.AckManyAsync([x[0], y[0], x[1]], Ct);

        Assert.Equal([true, true, false], acked);
        Assert.Equal(0, await Storage.RescueExpiredAsync("x", T0 + TimeSpan.FromDays(1), 100, Ct));
        Assert.Equal(0, await Storage.RescueExpiredAsync("y", T0 + TimeSpan.FromDays(1), 100, Ct));
        Assert.False(await Storage.AckAsync(y[0], Ct));
    }

    [Fact]
    public async Task AckMany_of_a_stale_lease_does_not_drop_the_newer_lease_of_the_same_payload()
    {
        await EnqueueAllAsync("q", "same-bytes", "other");
        var first = await FetchNowAsync("q", 2, T0 + Lease);
        Assert.Equal(2, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));
        var current = await FetchNowAsync("q", 2, T0 + TimeSpan.FromMinutes(2));
        Assert.Equal(Texts(first).Order(), Texts(current).Order());

        var acked = await Storage.AckManyAsync(first, Ct);
        Assert.Equal([false, false], acked);

        // The newer leases are still held: they expire and are rescued like any other.
        Assert.Equal(2, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(3), 100, Ct));
        Assert.Equal(["other", "same-bytes"], (await DrainAsync("q")).Order());
    }

    [Fact]
    public async Task AckMany_reports_exactly_which_leases_of_a_mixed_batch_were_already_gone()
    {
        await EnqueueAllAsync("q", "a", "b", "c", "d", "e");
        var held = await FetchNowAsync("q", 5, T0 + Lease);
        Assert.True(await Storage.AckAsync(held[1], Ct));
        Assert.True(await Storage.AckAsync(held[4], Ct));

        var acked = await Storage.AckManyAsync(held, Ct);

        Assert.Equal([true, false, true, true, false], acked);
        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromDays(1), 100, Ct));
    }

    [Fact]
    public async Task AckMany_of_a_batch_larger_than_one_script_call_acks_every_job()
    {
        var payloads = Enumerable.Range(0, 2_500).Select(i => $"job-{i}").ToArray();
        await Storage.EnqueueManyAsync([.. payloads.Select(p => new QueuedPayload("q", P(p)))], Ct);
        var held = new List<FetchedJob>();
        while (await FetchNowAsync("q", 1000) is { Count: > 0 } jobs)
        {
            held.AddRange(jobs);
        }

        Assert.Equal(2_500, held.Count);
        Assert.Equal(payloads.Order(), Texts(held).Order());

        var acked = await Storage.AckManyAsync(held, Ct);

        Assert.Equal(2_500, acked.Length);
        Assert.All(acked, Assert.True);
        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromDays(1), 10_000, Ct));
        var again = await Storage.AckManyAsync([held[1234]], Ct);
        Assert.Equal([false], again);
    }

    [Fact]
    public async Task AckMany_of_one_job_acks_it_once()
    {
        await EnqueueAllAsync("q", "only");
        var job = Assert.Single(await FetchNowAsync("q", 1));

        var first = await Storage.AckManyAsync([job], Ct);
        var second = await Storage.AckManyAsync([job], Ct);

        Assert.Equal([true], first);
        Assert.Equal([false], second);
        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromDays(1), 100, Ct));
    }

    [Fact]
    public async Task AckMany_of_nothing_returns_nothing()
    {
        Assert.Empty(await Storage.AckManyAsync([], Ct));
    }
}
