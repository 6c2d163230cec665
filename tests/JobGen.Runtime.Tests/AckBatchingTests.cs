using JobGen.Runtime.Tests.Support;
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
