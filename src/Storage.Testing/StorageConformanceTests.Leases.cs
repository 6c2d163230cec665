using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Lease expiry, rescue, renewal, stale acks and requeue.
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Expired_lease_is_rescued_to_the_front_of_ready()
    {
        await EnqueueAllAsync("q", "first", "second");
        var leased = Assert.Single(await FetchNowAsync("q", 1, T0 + Lease));

        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + Lease, 100, Ct));
        Assert.Equal(1, await Storage.RescueExpiredAsync("q", T0 + Lease + TimeSpan.FromSeconds(1), 100, Ct));

        Assert.Equal("first", Text(leased.Payload));
        Assert.Equal(["first", "second"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Rescue_moves_at_most_max_and_only_expired_leases()
    {
        await EnqueueAllAsync("q", "a", "b", "c");
        await FetchNowAsync("q", 2, T0 + TimeSpan.FromSeconds(10));
        await FetchNowAsync("q", 1, T0 + TimeSpan.FromMinutes(10));

        Assert.Equal(1, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(1), 1, Ct));
        Assert.Equal(1, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));
        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));

        Assert.Equal(["a", "b"], (await DrainAsync("q")).Order());
    }

    [Fact]
    public async Task Renewed_lease_is_not_rescued_until_its_new_deadline()
    {
        await EnqueueAllAsync("q", "long-running");
        var job = Assert.Single(await FetchNowAsync("q", 1, T0 + Lease));

        await Storage.RenewLeasesAsync([job], T0 + TimeSpan.FromMinutes(5), Ct);

        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));
        Assert.True(await Storage.AckAsync(job, Ct));
    }

    [Fact]
    public async Task Retry_and_kill_of_a_rescued_lease_do_not_duplicate_the_job()
    {
        await EnqueueAllAsync("q", "a", "b");
        var stale = await FetchNowAsync("q", 2, T0);
        Assert.Equal(2, await Storage.RescueExpiredAsync("q", T0.AddMinutes(1), 10, Ct));

        // The rescued jobs are back in ready; the old worker's late retry and kill must not add copies.
        await Storage.RetryAsync(stale[0], P("a-retry"), T0, Ct);
        await Storage.KillAsync(stale[1], P("b-dead"), T0, DeadSetLimits.Default, Ct);

        var counts = await Storage.GetQueueCountsAsync("q", Ct);
        Assert.Equal((2L, 0L, 0L, 0L), (counts.Ready, counts.InFlight, counts.Scheduled, counts.Dead));
    }

    [Fact]
    public async Task Stale_ack_after_rescue_does_not_drop_the_newer_lease_of_the_same_payload()
    {
        await EnqueueAllAsync("q", "same-bytes");
        var stale = Assert.Single(await FetchNowAsync("q", 1, T0 + Lease));
        Assert.Equal(1, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));
        var current = Assert.Single(await FetchNowAsync("q", 1, T0 + TimeSpan.FromMinutes(2)));
        Assert.Equal(Text(stale.Payload), Text(current.Payload));

        Assert.False(await Storage.AckAsync(stale, Ct));

        // The newer lease is still held: it expires and is rescued like any other.
        Assert.Equal(1, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(3), 100, Ct));
        Assert.Equal(["same-bytes"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Renewing_a_rescued_lease_does_not_bring_it_back()
    {
        await EnqueueAllAsync("q", "job");
        var stale = Assert.Single(await FetchNowAsync("q", 1, T0 + Lease));
        Assert.Equal(1, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));

        await Storage.RenewLeasesAsync([stale], T0 + TimeSpan.FromMinutes(10), Ct);

        Assert.False(await Storage.AckAsync(stale, Ct));
        Assert.Equal(["job"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Requeue_returns_leased_jobs_to_the_front_in_their_order()
    {
        await EnqueueAllAsync("q", "a", "b", "c", "d");
        var held = await FetchNowAsync("q", 2);

        await Storage.RequeueAsync(held, Ct);

        Assert.False(await Storage.AckAsync(held[0], Ct));
        Assert.Equal(["a", "b", "c", "d"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Requeue_spans_queues_and_leaves_rescued_leases_alone()
    {
        await EnqueueAllAsync("x", "x1");
        await EnqueueAllAsync("y", "y1");
        var held = await Storage.FetchAsync(["x", "y"], 5, T0 + Lease, TimeSpan.Zero, Ct);
        Assert.Equal(1, await Storage.RescueExpiredAsync("y", T0 + TimeSpan.FromMinutes(1), 100, Ct));

        await Storage.RequeueAsync(held, Ct);

        Assert.Equal(["x1"], await DrainAsync("x"));
        Assert.Equal(["y1"], await DrainAsync("y"));
    }
}
