using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using JobGen.Storage.InMemory;
using JobGen.Worker;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

public sealed class MonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queues_report_sizes_and_the_latency_of_the_oldest_ready_job()
    {
        var time = new FakeTimeProvider(T0);
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, time);
        var monitor = new JobMonitor(storage, time);
        await client.EnqueueAsync(TestDispatcher.Request("a", "1", queue: "mail"), cancellationToken: _ct);
        time.Advance(TimeSpan.FromSeconds(30));
        await client.EnqueueAsync(TestDispatcher.Request("a", "2", queue: "mail"), cancellationToken: _ct);
        await client.EnqueueAsync(TestDispatcher.Request("a", "3", queue: "mail"), new EnqueueOptions { Delay = TimeSpan.FromHours(1) }, _ct);
        time.Advance(TimeSpan.FromSeconds(12));

        var summary = Assert.Single(await monitor.GetQueuesAsync(_ct));
        Assert.Equal(new QueueSummary("mail", 2, 0, 1, 0, TimeSpan.FromSeconds(42)), summary);
        var scheduled = Assert.Single(await monitor.GetScheduledAsync("mail", cancellationToken: _ct));
        Assert.Equal(T0.AddSeconds(30).AddHours(1), scheduled.DueAt);
        Assert.False(scheduled.IsRetry);
        Assert.Equal("3", System.Text.Encoding.UTF8.GetString(scheduled.Envelope!.Arguments.Span));
        Assert.Empty(await monitor.GetRetriesAsync("mail", cancellationToken: _ct));
        Assert.Equal(2, (await monitor.GetReadyAsync("mail", cancellationToken: _ct)).Count);
        Assert.Equal(TimeSpan.Zero, (await monitor.GetQueueAsync("empty", _ct)).Latency);
    }

    [Fact]
    public async Task Dead_jobs_are_listed_decoded_and_can_be_retried_as_a_fresh_run_or_deleted()
    {
        var died = new Countdown(2);
        var dispatcher = new TestDispatcher().Add("bad", _ => throw new InvalidOperationException("nope"));
        await using var h = WorkerHarness.Create(dispatcher, build: b => b.AddDeathHandler(new CallbackDeathHandler(died.Hit)));
        var first = await h.Client.EnqueueAsync(TestDispatcher.Request("bad", "1", maxAttempts: 1), cancellationToken: _ct);
        var second = await h.Client.EnqueueAsync(TestDispatcher.Request("bad", "2", maxAttempts: 1), cancellationToken: _ct);
        await h.StartAsync();
        await died.WaitAsync();
        await h.StopAsync();

        var dead = (await h.Monitor.GetDeadAsync("default", cancellationToken: _ct)).OrderBy(d => d.Dead.JobId == first ? 0 : 1).ToList();
        Assert.Equal([first, second], dead.Select(d => d.Dead.JobId)); // both there (they died concurrently, in either order)
        Assert.All(dead, d => Assert.Equal(DeathReason.AttemptsExhausted, d.Dead.Reason));
        Assert.Equal("System.InvalidOperationException: nope", dead[0].Envelope!.LastError);

        Assert.True(await h.Monitor.RetryDeadAsync(dead[0], _ct));
        Assert.False(await h.Monitor.RetryDeadAsync(dead[0], _ct));
        Assert.True(await h.Monitor.DeleteDeadAsync(dead[1], _ct));
        Assert.False(await h.Monitor.DeleteDeadAsync(dead[1], _ct));

        Assert.Equal((1, 0, 0, 0), h.Count());
        var ready = Assert.Single(await h.Monitor.GetReadyAsync("default", cancellationToken: _ct));
        Assert.Equal(first, ready!.Id);
        Assert.Equal(0, ready.Attempt);
    }

    [Fact]
    public async Task An_undecodable_dead_job_can_be_deleted_but_not_retried()
    {
        var died = new Countdown(1);
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("idle", _ => { }), build: b => b.AddDeathHandler(new CallbackDeathHandler(died.Hit)));
        await h.Storage.EnqueueAsync("default", new byte[] { 0xC1 }, _ct);
        await h.StartAsync();
        await died.WaitAsync();

        var entry = Assert.Single(await h.Monitor.GetDeadAsync("default", cancellationToken: _ct));
        Assert.Null(entry.Envelope);
        Assert.False(await h.Monitor.RetryDeadAsync(entry, _ct));
        Assert.True(await h.Monitor.DeleteDeadAsync(entry, _ct));
    }

    [Fact]
    public void Weighted_queue_order_puts_each_queue_first_in_proportion_to_its_weight()
    {
        var selector = QueueSelector.Parse(["a,3", "b,1"]);
        Assert.True(selector.IsWeighted);
        var firstA = 0;
        const int draws = 20_000;
        for (var i = 0; i < draws; i++)
        {
            var order = selector.NextOrder();
            Assert.Equal(2, order.Count);
            firstA += order[0] == "a" ? 1 : 0;
        }

        Assert.InRange(firstA / (double)draws, 0.72, 0.78); // expected 0.75; 8+ standard deviations of slack
        Assert.False(QueueSelector.Parse(["a", "b"]).IsWeighted);
        Assert.Equal(["a", "b"], QueueSelector.Parse(["a", "b"]).NextOrder());
    }

    private sealed class CallbackDeathHandler(Action callback) : IJobDeathHandler
    {
        public ValueTask OnJobDiedAsync(DeadJob dead, JobEnvelope? envelope, Exception? exception, CancellationToken cancellationToken)
        {
            callback();
            return ValueTask.CompletedTask;
        }
    }
}
