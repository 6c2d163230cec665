using System.Text;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

public sealed class UniqueJobTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JobRequest Unique(string job, string arg, UniqueUntil until = UniqueUntil.Succeeded, TimeSpan? lockFor = null) =>
        TestDispatcher.Request(job, arg) with { Unique = new UniqueOptions(until) { LockFor = lockFor } };

    [Fact]
    public async Task A_duplicate_enqueue_returns_the_existing_id_and_says_so_and_stores_nothing()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Start));

        var first = await client.TryEnqueueAsync(Unique("import", "file-1"), cancellationToken: Ct);
        var second = await client.TryEnqueueAsync(Unique("import", "file-1"), cancellationToken: Ct);
        var third = await client.EnqueueAsync(Unique("import", "file-1"), cancellationToken: Ct);
        var other = await client.TryEnqueueAsync(Unique("import", "file-2"), cancellationToken: Ct);

        Assert.False(first.Duplicate);
        Assert.Equal((first.Id, true), (second.Id, second.Duplicate));
        Assert.Equal(first.Id, third);
        Assert.False(other.Duplicate);
        Assert.Equal(2, (await storage.GetQueueCountsAsync(JobDefaults.Queue, Ct)).Ready);
    }

    [Fact]
    public async Task The_idempotency_key_header_is_the_uniqueness_key_whatever_the_arguments()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Start));
        var keyed = new EnqueueOptions { Headers = new Dictionary<string, string> { [UniqueOptions.IdempotencyKeyHeader] = "order-7" } };

        var first = await client.TryEnqueueAsync(TestDispatcher.Request("charge", "a"), keyed, Ct);
        var second = await client.TryEnqueueAsync(TestDispatcher.Request("charge", "b"), keyed, Ct);

        Assert.Equal((first.Id, true), (second.Id, second.Duplicate));
        var envelope = EnvelopeSerializer.Deserialize(Assert.Single(await storage.FetchAsync([JobDefaults.Queue], 10, Start, TimeSpan.Zero, Ct)).Payload);
        Assert.Equal(new UniqueLockInfo("charge:key:order-7", UniqueUntil.Succeeded), envelope.Unique);
    }

    [Fact]
    public async Task Bulk_enqueue_reports_duplicates_per_item()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Start));
        var held = await client.EnqueueAsync(Unique("import", "a"), cancellationToken: Ct);

        var results = await client.TryEnqueueManyAsync([Unique("import", "a"), TestDispatcher.Request("plain", "x"), Unique("import", "b"), Unique("import", "b")], Ct);

        Assert.Equal([true, false, false, true], results.Select(r => r.Duplicate));
        Assert.Equal(held, results[0].Id);
        Assert.Equal(results[2].Id, results[3].Id);
        Assert.Equal(3 + 1 - 1, (await storage.GetQueueCountsAsync(JobDefaults.Queue, Ct)).Ready);
    }

    [Fact]
    public async Task Until_succeeded_a_retry_keeps_the_lock_and_success_releases_it()
    {
        var time = new FakeTimeProvider(Start);
        var ran = new Countdown(2);
        var dispatcher = new TestDispatcher().Add("flaky", run =>
        {
            ran.Hit();
            if (run.Envelope.Attempt == 0)
            {
                throw new InvalidOperationException("first time fails");
            }
        });
        await using var h = WorkerHarness.Create(dispatcher, time: time);
        var id = await h.Client.EnqueueAsync(Unique("flaky", "x"), cancellationToken: Ct);
        await h.StartAsync();

        await h.UntilAsync(() => h.Count().Scheduled == 1, what: "the retry to be scheduled");
        Assert.Equal(new EnqueueResult(id, true), await h.Client.TryEnqueueAsync(Unique("flaky", "x"), cancellationToken: Ct));

        await h.UntilAsync(() => ran.Left == 0 && h.Count() == (0, 0, 0, 0), advance: TimeSpan.FromSeconds(1), what: "the retry to succeed");
        await h.UntilAsync(() => TryEnqueueFresh(h, "flaky"), what: "the lock to be released");
        await h.StopAsync();
    }

    [Fact]
    public async Task Until_started_the_lock_is_released_when_the_job_starts()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Add("slow", async _ =>
        {
            started.TrySetResult();
            await finish.Task;
        });
        await using var h = WorkerHarness.Create(dispatcher);
        var id = await h.Client.EnqueueAsync(Unique("slow", "x", UniqueUntil.Started), cancellationToken: Ct);
        await h.StartAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        var again = await h.Client.TryEnqueueAsync(Unique("slow", "x", UniqueUntil.Started), cancellationToken: Ct);
        finish.SetResult();
        await h.StopAsync();

        Assert.False(again.Duplicate);
        Assert.NotEqual(id, again.Id);
    }

    [Fact]
    public async Task A_job_that_dies_releases_its_lock()
    {
        var dispatcher = new TestDispatcher().Add("poison", _ => throw new InvalidOperationException("always"));
        await using var h = WorkerHarness.Create(dispatcher);
        await h.Client.EnqueueAsync(Unique("poison", "x") with { MaxAttempts = 1 }, cancellationToken: Ct);
        await h.StartAsync();

        await h.UntilAsync(() => h.Count().Dead == 1, what: "the job to die");
        await h.UntilAsync(() => TryEnqueueFresh(h, "poison"), what: "the lock to be released");
        await h.StopAsync();
    }

    [Fact]
    public async Task A_time_span_lock_outlives_the_job_and_lapses_after_its_span()
    {
        var storage = new InMemoryJobStorage();
        var time = new FakeTimeProvider(Start);
        var client = new JobClient(storage, time);
        var request = Unique("report", "x", UniqueUntil.LockExpires, TimeSpan.FromMinutes(10));

        var first = await client.TryEnqueueAsync(request, cancellationToken: Ct);
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.True((await client.TryEnqueueAsync(request, cancellationToken: Ct)).Duplicate);
        time.Advance(TimeSpan.FromMinutes(1));
        var later = await client.TryEnqueueAsync(request, cancellationToken: Ct);

        Assert.False(later.Duplicate);
        Assert.NotEqual(first.Id, later.Id);
    }

    [Fact]
    public async Task A_lock_that_expires_needs_a_span()
    {
        var client = new JobClient(new InMemoryJobStorage(), new FakeTimeProvider(Start));
        await Assert.ThrowsAsync<ArgumentException>(async () => await client.EnqueueAsync(Unique("report", "x", UniqueUntil.LockExpires), cancellationToken: Ct));
    }

    [Fact]
    public async Task Equal_arguments_share_a_key_and_other_arguments_do_not()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Start));
        await client.EnqueueAsync(Unique("j", "same"), cancellationToken: Ct);
        await client.EnqueueAsync(Unique("j", "other"), cancellationToken: Ct);

        var jobs = await storage.FetchAsync([JobDefaults.Queue], 10, Start, TimeSpan.Zero, Ct);
        var keys = jobs.Select(j => EnvelopeSerializer.Deserialize(j.Payload).Unique!.Key).ToArray();
        Assert.Equal(2, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.StartsWith("j:args:", k, StringComparison.Ordinal));
        Assert.Equal(Encoding.ASCII.GetByteCount("j:args:") + 32, keys[0].Length);
    }

    // True once a fresh unique enqueue of the job is not a duplicate (the fresh job is then taken off again).
    private static bool TryEnqueueFresh(WorkerHarness h, string job)
    {
        var result = h.Client.TryEnqueueAsync(Unique(job, "x") with { Delay = TimeSpan.FromDays(365) }, cancellationToken: Ct).AsTask().GetAwaiter().GetResult();
        return !result.Duplicate;
    }
}
