using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using JobGen.Storage.InMemory;

namespace JobGen.Runtime.Tests;

// The worker sends acks in batches (AckBatcher): what finishes while one ack round trip is out goes in the next one.
public sealed class AckBatchingTests
{
    private const int Jobs = 50;

    [Fact]
    public async Task Acks_finished_while_a_round_trip_is_out_go_together_in_the_next_one()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new Countdown(Jobs);
        var counting = new CountingStorage(new InMemoryJobStorage()) { AckGate = gate.Task };
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("noop", _ => done.Hit()), build: b => b.UseStorage(_ => counting));
        await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, Jobs).Select(i => TestDispatcher.Request("noop", i.ToString()))], TestContext.Current.CancellationToken);

        await h.StartAsync();
        await done.WaitAsync(); // every job ran although the first ack is still held: processors do not wait for acks
        Assert.Equal(Jobs, h.Count().InFlight);

        // A job's ack is queued after its body returns: wait until no run is in progress, so every ack is pending.
        await h.UntilAsync(() => h.Worker.Busy == 0, what: "the last runs to hand over their acks");
        gate.SetResult();
        await h.UntilAsync(() => h.Count().InFlight == 0, what: "the acks to reach the storage");

        var batches = counting.AckBatches;
        Assert.Equal(2, batches.Length);
        Assert.InRange(batches[0], 1, 4); // whatever had finished when the first ack left (concurrency 4)
        Assert.Equal(Jobs, batches.Sum());
        Assert.Equal(0, counting.SingleAcks);
        Assert.Equal((0, 0, 0, 0), h.Count());
    }

    [Fact]
    public async Task Stop_sends_pending_acks_before_it_returns_and_requeues_none_of_those_jobs()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new Countdown(Jobs);
        var counting = new CountingStorage(new InMemoryJobStorage()) { AckGate = gate.Task };
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("noop", _ => done.Hit()), build: b => b.UseStorage(_ => counting));
        await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, Jobs).Select(i => TestDispatcher.Request("noop", i.ToString()))], TestContext.Current.CancellationToken);
        await h.StartAsync();
        await done.WaitAsync();

        var stop = h.StopAsync();

        // While the ack round trip is held, the stop must not return. (This can only fail if the stop returns with
        // acks pending: a correct worker never completes the stop here, however long the wait.)
        var first = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
        Assert.NotSame(stop, first);
        Assert.Equal(Jobs, h.Count().InFlight);
        gate.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal((0, 0, 0, 0), h.Count()); // all acked before the stop returned; nothing back in ready
        Assert.Equal(Jobs, counting.AckBatches.Sum());
        var stats = await h.Monitor.GetStatsAsync(1, TestContext.Current.CancellationToken);
        Assert.Equal(Jobs, stats.Processed);
    }
}

// A storage without its own AckManyAsync gets the interface's default: one AckAsync per job, with per-job results.
public sealed class DefaultAckManyTests
{
    [Fact]
    public async Task The_default_AckMany_acks_each_job_and_reports_stale_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        var storage = new SingleAckStorage(new InMemoryJobStorage());
        IJobStorage asInterface = storage;
        foreach (var name in new[] { "a", "b", "c" })
        {
            await storage.EnqueueAsync("q", System.Text.Encoding.UTF8.GetBytes(name), ct);
        }

        var jobs = await storage.FetchAsync(["q"], 3, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.Zero, ct);
        Assert.True(await storage.AckAsync(jobs[1], ct));

        var acked = await asInterface.AckManyAsync(jobs, ct);

        Assert.Equal([true, false, true], acked);
        Assert.Equal(4, storage.Acks);
        Assert.Equal(0, await storage.RescueExpiredAsync("q", DateTimeOffset.UtcNow.AddDays(1), 100, ct));
    }

    [Fact]
    public async Task A_worker_on_such_a_storage_acks_every_job()
    {
        const int jobs = 200;
        var done = new Countdown(jobs);
        var storage = new SingleAckStorage(new InMemoryJobStorage());
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("noop", _ => done.Hit()), build: b => b.UseStorage(_ => storage));
        await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, jobs).Select(i => TestDispatcher.Request("noop", i.ToString()))], TestContext.Current.CancellationToken);

        await h.StartAsync();
        await done.WaitAsync();
        await h.UntilAsync(() => h.Count().InFlight == 0, what: "every ack");

        Assert.Equal(jobs, storage.Acks);
        Assert.Equal((0, 0, 0, 0), h.Count());
    }
}
