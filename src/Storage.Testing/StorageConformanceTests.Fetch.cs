using System.Collections.Concurrent;
using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Enqueue, fetch and ack; batches; queue order; bulk enqueue; waiting for work.
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Enqueued_payload_is_fetched_once_and_ack_drops_the_lease()
    {
        await Storage.EnqueueAsync("q", P("job-1"), Ct);

        var fetched = Assert.Single(await FetchNowAsync("q", 10));
        Assert.Equal("q", fetched.Queue);
        Assert.Equal("job-1", Text(fetched.Payload));
        Assert.Empty(await FetchNowAsync("q", 10));

        Assert.True(await Storage.AckAsync(fetched, Ct));
        Assert.False(await Storage.AckAsync(fetched, Ct));
        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromDays(1), 100, Ct));
    }

    [Fact]
    public async Task Fetch_takes_a_batch_of_at_most_max_in_enqueue_order()
    {
        await EnqueueAllAsync("q", "a", "b", "c", "d", "e");

        Assert.Equal(["a", "b", "c"], Texts(await FetchNowAsync("q", 3)));
        Assert.Equal(["d", "e"], Texts(await FetchNowAsync("q", 3)));
        Assert.Empty(await FetchNowAsync("q", 3));
    }

    [Fact]
    public async Task Fetch_empties_queues_in_the_strict_order_given()
    {
        await EnqueueAllAsync("low", "l1", "l2", "l3");
        await EnqueueAllAsync("high", "h1");

        Assert.Equal(["h1", "l1", "l2"], Texts(await Storage.FetchAsync(["high", "low"], 3, T0 + Lease, TimeSpan.Zero, Ct)));
        await Storage.EnqueueAsync("high", P("h2"), Ct);
        Assert.Equal(["h2"], Texts(await Storage.FetchAsync(["high", "low"], 1, T0 + Lease, TimeSpan.Zero, Ct)));
        Assert.Equal(["l3"], Texts(await Storage.FetchAsync(["high", "low"], 5, T0 + Lease, TimeSpan.Zero, Ct)));
    }

    [Fact]
    public async Task Fetch_reports_the_queue_each_job_came_from()
    {
        await EnqueueAllAsync("a", "from-a");
        await EnqueueAllAsync("b", "from-b");

        var jobs = await Storage.FetchAsync(["a", "b"], 5, T0 + Lease, TimeSpan.Zero, Ct);

        Assert.Equal(["a:from-a", "b:from-b"], jobs.Select(j => j.Queue + ":" + Text(j.Payload)));
    }

    [Fact]
    public async Task Identical_payloads_are_separate_jobs_with_separate_leases()
    {
        await EnqueueAllAsync("q", "same", "same");

        var jobs = await FetchNowAsync("q", 5);

        Assert.Equal(["same", "same"], Texts(jobs));
        Assert.True(await Storage.AckAsync(jobs[0], Ct));
        Assert.True(await Storage.AckAsync(jobs[1], Ct));
    }

    [Fact]
    public async Task Bulk_enqueue_keeps_order_within_each_queue()
    {
        QueuedPayload[] items = [new("a", P("a1")), new("b", P("b1")), new("a", P("a2")), new("b", P("b2")), new("a", P("a3"))];

        await Storage.EnqueueManyAsync(items, Ct);

        Assert.Equal(["a1", "a2", "a3"], await DrainAsync("a"));
        Assert.Equal(["b1", "b2"], await DrainAsync("b"));
    }

    [Fact]
    public async Task Bulk_enqueue_of_many_payloads_delivers_each_once()
    {
        var items = Enumerable.Range(0, 2_500).Select(i => new QueuedPayload("bulk", P("j" + i))).ToArray();

        await Storage.EnqueueManyAsync(items, Ct);

        Assert.Equal(items.Select(i => Text(i.Payload)), await DrainAsync("bulk"));
    }

    [Fact]
    public async Task Concurrent_fetchers_never_get_the_same_job()
    {
        await Storage.EnqueueManyAsync([.. Enumerable.Range(0, 300).Select(i => new QueuedPayload("q", P("j" + i)))], Ct);
        var seen = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (await FetchNowAsync("q", 7) is { Count: > 0 } jobs)
            {
                foreach (var job in jobs)
                {
                    seen.Add(Text(job.Payload));
                    Assert.True(await Storage.AckAsync(job, Ct));
                }
            }
        }, Ct)));

        Assert.Equal(300, seen.Count);
        Assert.Equal(300, seen.Distinct().Count());
    }

    [Fact]
    public async Task Fetch_with_zero_wait_on_empty_queues_returns_nothing()
    {
        Assert.Empty(await Storage.FetchAsync(["nothing", "here"], 5, T0 + Lease, TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task Fetch_that_waits_returns_nothing_when_no_work_arrives()
    {
        Assert.Empty(await Storage.FetchAsync(["idle"], 5, T0 + Lease, TimeSpan.FromMilliseconds(150), Ct));
    }

    [Fact]
    public async Task Waiting_fetch_wakes_up_when_a_job_is_enqueued()
    {
        var fetch = Storage.FetchAsync(["wake"], 5, T0 + Lease, TimeSpan.FromMinutes(1), Ct).AsTask();
        await WaitUntilFetchIsWaitingAsync("wake");
        Assert.False(fetch.IsCompleted);

        await Storage.EnqueueAsync("wake", P("arrived"), Ct);

        // Bounded: a fetch that never wakes fails here instead of hanging for its full minute.
        Assert.Equal(["arrived"], Texts(await fetch.WaitAsync(TimeSpan.FromSeconds(10), Ct)));
    }

    [Fact]
    public async Task Waiting_fetch_on_several_queues_wakes_up_for_any_of_them()
    {
        var fetch = Storage.FetchAsync(["first", "second", "third"], 5, T0 + Lease, TimeSpan.FromMinutes(1), Ct).AsTask();
        await WaitUntilFetchIsWaitingAsync("third");

        await Storage.EnqueueManyAsync([new("third", P("late"))], Ct);

        var job = Assert.Single(await fetch.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(("third", "late"), (job.Queue, Text(job.Payload)));
    }

    [Fact]
    public async Task Waiting_fetch_wakes_up_when_a_scheduled_job_is_promoted()
    {
        await Storage.ScheduleAsync("promoted", P("due"), T0, Ct);
        var fetch = Storage.FetchAsync(["promoted"], 5, T0 + Lease, TimeSpan.FromMinutes(1), Ct).AsTask();
        await WaitUntilFetchIsWaitingAsync("promoted");

        Assert.Equal(1, await Storage.PromoteDueAsync("promoted", T0, 10, Ct));

        Assert.Equal(["due"], Texts(await fetch.WaitAsync(TimeSpan.FromSeconds(10), Ct)));
    }

    [Fact]
    public async Task A_cancelled_waiting_fetch_leaves_later_work_to_the_next_fetch()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var fetch = Storage.FetchAsync(["cancel"], 5, T0 + Lease, TimeSpan.FromMinutes(1), cancel.Token).AsTask();
        await WaitUntilFetchIsWaitingAsync("cancel");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await Storage.EnqueueAsync("cancel", P("after-cancel"), Ct);

        // Nothing may stay leased by the abandoned fetch: the job is (or promptly is again) ready for the next one.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        IReadOnlyList<FetchedJob> next;
        while ((next = await FetchNowAsync("cancel", 5)).Count == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(["after-cancel"], Texts(next));
    }

    [Fact]
    public async Task Queue_registry_lists_every_queue_enqueued_or_scheduled_to()
    {
        await Storage.EnqueueAsync("beta", P("x"), Ct);
        await Storage.ScheduleAsync("alpha", P("y"), T0, Ct);
        await Storage.EnqueueManyAsync([new("gamma", P("z"))], Ct);

        Assert.Equal(["alpha", "beta", "gamma"], await Storage.GetQueuesAsync(Ct));
    }

    [Fact]
    public async Task A_fetch_of_many_large_and_empty_payloads_returns_each_exactly_once_with_its_exact_bytes()
    {
        // Sizes around the fetch reply's 60 KB framing chunks: empty, tiny, a few KB, one payload bigger than a chunk.
        int[] sizes = [0, 1, 15, 16, 17, 4_000, 59_990, 60_000, 200_000, .. Enumerable.Repeat(3_000, 60)];
        var payloads = sizes.Select((size, i) => Enumerable.Range(0, size).Select(b => (byte)(b * 31 + i)).ToArray()).ToArray();
        await Storage.EnqueueManyAsync([.. payloads.Select(p => new QueuedPayload("q", p))], Ct);

        var fetched = await FetchNowAsync("q", payloads.Length, T0 + Lease);

        Assert.Equal(payloads.Length, fetched.Count);
        Assert.Equal(
            payloads.Select(Convert.ToHexString).Order(),
            fetched.Select(j => Convert.ToHexString(j.Payload.Span)).Order());
        Assert.All(await Storage.AckManyAsync(fetched, Ct), Assert.True);
        Assert.Equal(0, await Storage.RescueExpiredAsync("q", T0 + TimeSpan.FromDays(1), 1000, Ct));
    }
}
