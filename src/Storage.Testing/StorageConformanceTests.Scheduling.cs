using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Retries, scheduled jobs, promotion and the dead set.
public abstract partial class StorageConformanceTests
{
    private static readonly DeadSetLimits Roomy = new(1000, TimeSpan.FromDays(180));

    [Fact]
    public async Task Retry_drops_the_lease_and_the_retry_payload_runs_only_once_due()
    {
        await EnqueueAllAsync("q", "attempt-1");
        var job = Assert.Single(await FetchNowAsync("q", 1));
        var due = T0 + TimeSpan.FromSeconds(20);

        await Storage.RetryAsync(job, P("attempt-2"), due, Ct);

        Assert.False(await Storage.AckAsync(job, Ct));
        Assert.Equal(0, await Storage.PromoteDueAsync("q", due - TimeSpan.FromMilliseconds(1), 100, Ct));
        Assert.Empty(await FetchNowAsync("q", 5));
        Assert.Equal(1, await Storage.PromoteDueAsync("q", due, 100, Ct));
        Assert.Equal(["attempt-2"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Retry_payload_is_listed_in_scheduled_with_its_due_time()
    {
        await EnqueueAllAsync("q", "attempt-1");
        var job = Assert.Single(await FetchNowAsync("q", 1));
        var due = T0 + TimeSpan.FromMinutes(3);

        await Storage.RetryAsync(job, P("attempt-2"), due, Ct);

        var scheduled = Assert.Single(await Storage.GetPageAsync("q", PayloadSet.Scheduled, 0, 10, Ct));
        Assert.Equal(("attempt-2", due), (Text(scheduled.Payload), scheduled.Score));
    }

    [Fact]
    public async Task Scheduled_jobs_are_promoted_in_due_order_up_to_max()
    {
        await Storage.ScheduleAsync("q", P("third"), T0 + TimeSpan.FromSeconds(3), Ct);
        await Storage.ScheduleAsync("q", P("first"), T0 + TimeSpan.FromSeconds(1), Ct);
        await Storage.ScheduleAsync("q", P("later"), T0 + TimeSpan.FromHours(1), Ct);
        await Storage.ScheduleAsync("q", P("second"), T0 + TimeSpan.FromSeconds(2), Ct);

        Assert.Equal(2, await Storage.PromoteDueAsync("q", T0 + TimeSpan.FromMinutes(1), 2, Ct));
        Assert.Equal(1, await Storage.PromoteDueAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));
        Assert.Equal(0, await Storage.PromoteDueAsync("q", T0 + TimeSpan.FromMinutes(1), 100, Ct));

        Assert.Equal(["first", "second", "third"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Promoted_jobs_queue_behind_jobs_already_ready()
    {
        await Storage.ScheduleAsync("q", P("was-scheduled"), T0, Ct);
        await EnqueueAllAsync("q", "already-ready");

        await Storage.PromoteDueAsync("q", T0, 100, Ct);

        Assert.Equal(["already-ready", "was-scheduled"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Many_pollers_promoting_at_once_move_each_job_exactly_once()
    {
        for (var i = 0; i < 200; i++)
        {
            await Storage.ScheduleAsync("q", P("s" + i), T0 + TimeSpan.FromMilliseconds(i), Ct);
        }

        var moved = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var total = 0;
            while (await Storage.PromoteDueAsync("q", T0 + TimeSpan.FromMinutes(1), 7, Ct) is > 0 and var n)
            {
                total += n;
            }

            return total;
        }, Ct)));

        Assert.Equal(200, moved.Sum());
        var ready = await DrainAsync("q");
        Assert.Equal(200, ready.Distinct().Count());
    }

    [Fact]
    public async Task Kill_moves_the_lease_to_the_dead_set()
    {
        await EnqueueAllAsync("q", "doomed");
        var job = Assert.Single(await FetchNowAsync("q", 1));

        await Storage.KillAsync(job, P("record"), T0, Roomy, Ct);

        Assert.False(await Storage.AckAsync(job, Ct));
        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromDays(1), 100, Ct));
        var dead = Assert.Single(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct));
        Assert.Equal(("record", T0), (Text(dead.Payload), dead.Score));
    }

    [Fact]
    public async Task Dead_set_keeps_only_the_newest_max_jobs()
    {
        await EnqueueAllAsync("q", "a", "b", "c");
        var jobs = await FetchNowAsync("q", 3);

        for (var i = 0; i < jobs.Count; i++)
        {
            await Storage.KillAsync(jobs[i], P("dead-" + Text(jobs[i].Payload)), T0 + TimeSpan.FromSeconds(i), new DeadSetLimits(2, TimeSpan.FromDays(180)), Ct);
        }

        Assert.Equal(["dead-b", "dead-c"], Texts(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct)));
    }

    [Fact]
    public async Task Dead_set_drops_records_older_than_max_age()
    {
        await EnqueueAllAsync("q", "old", "new");
        var jobs = await FetchNowAsync("q", 2);
        var limits = new DeadSetLimits(1000, TimeSpan.FromDays(180));

        await Storage.KillAsync(jobs[0], P("dead-old"), T0, limits, Ct);
        await Storage.KillAsync(jobs[1], P("dead-new"), T0 + TimeSpan.FromDays(181), limits, Ct);

        Assert.Equal(["dead-new"], Texts(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct)));
    }

    [Fact]
    public async Task Dead_sets_are_per_queue()
    {
        await EnqueueAllAsync("one", "1");
        await EnqueueAllAsync("two", "2");
        var jobs = await Storage.FetchAsync(["one", "two"], 2, T0 + Lease, TimeSpan.Zero, Ct);

        await Storage.KillAsync(jobs[0], P("dead-1"), T0, Roomy, Ct);
        await Storage.KillAsync(jobs[1], P("dead-2"), T0, Roomy, Ct);

        Assert.Equal(["dead-1"], Texts(await Storage.GetPageAsync("one", PayloadSet.Dead, 0, 10, Ct)));
        Assert.Equal(["dead-2"], Texts(await Storage.GetPageAsync("two", PayloadSet.Dead, 0, 10, Ct)));
    }
}
