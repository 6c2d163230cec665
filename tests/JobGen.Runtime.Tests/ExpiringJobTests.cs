using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

public sealed class ExpiringJobTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_fetched_after_its_expiry_is_not_run_and_is_kept_as_expired_not_retried()
    {
        var time = new FakeTimeProvider(Start);
        var runs = new ConcurrentQueue<string>();
        var dispatcher = new TestDispatcher().Add("stale", run => runs.Enqueue(run.Arg));
        await using var h = WorkerHarness.Create(dispatcher, time: time);
        var id = await h.Client.EnqueueAsync(TestDispatcher.Request("stale", "old"), new EnqueueOptions { ExpiresAt = Start + TimeSpan.FromSeconds(5) }, Ct);
        time.Advance(TimeSpan.FromSeconds(5));
        await h.StartAsync();

        await h.UntilAsync(() => h.Count().Dead == 1, what: "the expired job to be kept");
        await h.StopAsync();

        Assert.Empty(runs);
        var dead = Assert.Single(h.Dead());
        Assert.Equal((id, DeathReason.Expired), (dead.JobId, dead.Reason));
        Assert.Equal((0, 0, 0, 1), h.Count());
        var stats = await h.Monitor.GetStatsAsync(1, Ct);
        Assert.Equal((0L, 0L), (stats.Processed, stats.Failed));
    }

    [Fact]
    public async Task A_job_fetched_before_its_expiry_runs()
    {
        var time = new FakeTimeProvider(Start);
        var ran = new Countdown(1);
        var dispatcher = new TestDispatcher().Add("fresh", _ => ran.Hit());
        await using var h = WorkerHarness.Create(dispatcher, time: time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("fresh", "x") with { ExpiresAfter = TimeSpan.FromMinutes(1) }, cancellationToken: Ct);
        await h.StartAsync();

        await h.UntilAsync(() => ran.Left == 0, what: "the job to run");
        await h.StopAsync();
        Assert.Equal((0, 0, 0, 0), h.Count());
    }

    [Fact]
    public async Task The_expiry_span_counts_from_when_a_scheduled_job_is_due_and_survives_a_retry()
    {
        var storage = new InMemoryJobStorage();
        var time = new FakeTimeProvider(Start);
        var client = new JobClient(storage, time);
        var request = TestDispatcher.Request("later", "x") with { ExpiresAfter = TimeSpan.FromSeconds(30), Delay = TimeSpan.FromHours(1) };
        await client.EnqueueAsync(request, cancellationToken: Ct);

        var page = await storage.GetPageAsync(JobDefaults.Queue, PayloadSet.Scheduled, 0, 10, Ct);
        var envelope = EnvelopeSerializer.Deserialize(Assert.Single(page).Payload);
        Assert.Equal(Start + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(30), envelope.ExpiresAt);
        Assert.Equal(envelope.ExpiresAt, EnvelopeSerializer.Deserialize(EnvelopeSerializer.Encode(envelope.ForRetry("e", Start))).ExpiresAt);
    }

    [Fact]
    public async Task A_job_without_an_expiry_carries_no_expiry_field()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Start));
        await client.EnqueueAsync(TestDispatcher.Request("plain", "x"), cancellationToken: Ct);
        await client.EnqueueAsync(TestDispatcher.Request("plain", "x"), new EnqueueOptions { ExpiresAt = Start + TimeSpan.FromDays(1) }, Ct);

        var jobs = await storage.FetchAsync([JobDefaults.Queue], 10, Start + TimeSpan.FromMinutes(1), TimeSpan.Zero, Ct);
        var (plain, expiring) = (jobs[0].Payload, jobs[1].Payload);
        Assert.Null(EnvelopeSerializer.Deserialize(plain).ExpiresAt);
        Assert.Equal(1 + 1 + 8, expiring.Length - plain.Length); // key, int64 marker, value: nothing else changes
    }
}
