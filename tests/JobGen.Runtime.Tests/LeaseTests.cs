using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

public sealed class LeaseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_job_running_longer_than_its_lease_keeps_it_through_renewals()
    {
        var time = new FakeTimeProvider(T0);
        var started = new Countdown(1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var dispatcher = new TestDispatcher().Add("long", async _ =>
        {
            Interlocked.Increment(ref runs);
            started.Hit();
            await gate.Task;
        });
        await using var h = WorkerHarness.Create(dispatcher, o => o.Worker.LeaseDuration = TimeSpan.FromSeconds(30), time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("long", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();
        await started.WaitAsync();

        // Five lease lengths pass while the job runs; the poller keeps looking for expired leases all along.
        await h.UntilAsync(() => time.GetUtcNow() >= T0.AddSeconds(150), advance: TimeSpan.FromSeconds(1));
        Assert.Equal((0, 1, 0, 0), h.Count());
        Assert.True(h.Storage.Snapshot("default").InFlight[0].LeaseDeadline > time.GetUtcNow(), "the lease was not renewed");

        gate.SetResult();
        await h.UntilAsync(() => h.Count() == (0, 0, 0, 0), what: "the ack");
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_poller_rescues_a_job_leased_by_a_worker_that_died_once_its_lease_expires()
    {
        var time = new FakeTimeProvider(T0);
        var ran = new Countdown(1);
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("orphan", _ => ran.Hit()), time: time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("orphan", "x"), cancellationToken: TestContext.Current.CancellationToken);
        var dead = await h.Storage.FetchAsync(["default"], 1, T0.AddSeconds(60), TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Single(dead); // leased by a "worker" that never comes back
        await h.StartAsync();

        await h.UntilAsync(() => time.GetUtcNow() >= T0.AddSeconds(59), advance: TimeSpan.FromSeconds(1));
        Assert.Equal(1, ran.Left);
        Assert.Equal((0, 1, 0, 0), h.Count());

        await h.UntilAsync(() => ran.Left == 0, advance: TimeSpan.FromSeconds(1), what: "the rescue and the run");
        Assert.True(time.GetUtcNow() > T0.AddSeconds(60));
        await h.UntilAsync(() => h.Count() == (0, 0, 0, 0), what: "the ack");
    }
}
