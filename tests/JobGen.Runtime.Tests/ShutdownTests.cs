using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_lets_running_jobs_finish_and_returns_fetched_but_unstarted_jobs_to_ready()
    {
        var started = new Countdown(2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new ConcurrentBag<string>();
        var dispatcher = new TestDispatcher().Add("block", async run =>
        {
            started.Hit();
            await gate.Task;
            done.Add(run.Envelope.Id);
        });
        await using var h = WorkerHarness.Create(dispatcher, o =>
        {
            o.Worker.Concurrency = 2;
            o.Worker.FetchBatchSize = 10;
        });
        var ids = await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, 20).Select(i => TestDispatcher.Request("block", i.ToString()))], TestContext.Current.CancellationToken);
        await h.StartAsync();
        await started.WaitAsync();
        await h.UntilAsync(() => h.Count().InFlight > 2, what: "the fetcher to hold jobs beyond the running ones");

        var stop = h.StopAsync();
        gate.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(2, done.Count);
        var counts = h.Count();
        Assert.Equal((18, 0, 0, 0), counts);
        var ready = h.Storage.Snapshot("default").Ready.Select(p => EnvelopeSerializer.Deserialize(p).Id);
        Assert.Equal(ids.Order(), done.Concat(ready).Order()); // nothing lost, nothing doubled
    }

    [Fact]
    public async Task At_the_deadline_running_jobs_are_cancelled_and_returned_without_spending_an_attempt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var started = new Countdown(2);
        var cancelledAt = new ConcurrentBag<DateTimeOffset>();
        var dispatcher = new TestDispatcher().Add("endless", async run =>
        {
            started.Hit();
            try
            {
                await Task.Delay(Timeout.Infinite, run.Token);
            }
            catch (OperationCanceledException)
            {
                cancelledAt.Add(time.GetUtcNow());
                throw;
            }
        });
        await using var h = WorkerHarness.Create(dispatcher, o =>
        {
            o.Worker.Concurrency = 2;
            o.Worker.ShutdownTimeout = TimeSpan.FromSeconds(10);
        }, time);
        await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, 6).Select(i => TestDispatcher.Request("endless", i.ToString()))], TestContext.Current.CancellationToken);
        await h.StartAsync();
        await started.WaitAsync();

        var stopAt = time.GetUtcNow();
        var stop = h.StopAsync();
        await h.UntilAsync(() => stop.IsCompleted, advance: TimeSpan.FromSeconds(1), what: "the stop to complete");
        await stop;

        Assert.Equal(2, cancelledAt.Count);
        Assert.All(cancelledAt, at => Assert.True(at >= stopAt + TimeSpan.FromSeconds(10), "a job was cancelled before the deadline"));
        Assert.Equal((6, 0, 0, 0), h.Count());
        Assert.All(h.Storage.Snapshot("default").Ready, p => Assert.Equal(0, EnvelopeSerializer.Deserialize(p).Attempt));
        var stats = await h.Monitor.GetStatsAsync(1, TestContext.Current.CancellationToken);
        Assert.Equal(0, stats.Processed);
    }

    [Fact]
    public async Task A_job_that_ignores_its_token_is_returned_at_the_deadline_and_its_late_finish_is_not_acked()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var started = new Countdown(1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Add("stubborn", async _ =>
        {
            started.Hit();
            await gate.Task; // ignores the token
        });
        await using var h = WorkerHarness.Create(dispatcher, o =>
        {
            o.Worker.Concurrency = 1;
            o.Worker.ShutdownTimeout = TimeSpan.FromSeconds(5);
        }, time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("stubborn", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();
        await started.WaitAsync();

        var stop = h.StopAsync();
        await h.UntilAsync(() => stop.IsCompleted, advance: TimeSpan.FromSeconds(1), what: "the stop to complete");
        Assert.Equal((1, 0, 0, 0), h.Count());

        gate.SetResult(); // finishes late: its lease is no longer this worker's
        await h.UntilAsync(() => h.Worker.Busy == 0, what: "the late job to end");
        Assert.Equal((1, 0, 0, 0), h.Count());
    }
}
