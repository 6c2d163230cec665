using System.Collections.Concurrent;
using JobGen.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Redis.Tests;

/// <summary>
/// The real worker (AddJobGen + UseRedis, generated jobs) on the Redis storage: two workers, as two apps would
/// run, drain one queue and every job runs exactly once; a failing job is retried through the scheduled set.
/// </summary>
public sealed class RedisWorkerEndToEndTests(RedisServerFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_workers_drain_a_queue_and_each_job_runs_exactly_once()
    {
        const int jobs = 3_000;
        var prefix = RedisTestStorage.NewPrefix();
        var ledger = new RedisE2ELedger(jobs);
        await using var first = Worker(prefix, ledger);
        await using var second = Worker(prefix, ledger);
        var client = first.GetRequiredService<IJobClient>();
        var ids = new List<string>();
        foreach (var chunk in Enumerable.Range(0, jobs).Chunk(500))
        {
            ids.AddRange(await client.EnqueueManyAsync([.. chunk.Select(JobGenRedisTestsJobs.CreateCountRequest)], Ct));
        }

        await first.GetRequiredService<JobWorker>().StartAsync(Ct);
        await second.GetRequiredService<JobWorker>().StartAsync(Ct);
        await ledger.AllRan.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await first.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);
        await second.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);

        Assert.Equal(0, ledger.RanTwice);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ledger.Runs.Keys.Order(StringComparer.Ordinal));
        var counts = await first.GetRequiredService<IJobStorage>().GetQueueCountsAsync("e2e", Ct);
        Assert.Equal((0L, 0L, 0L, 0L), (counts.Ready, counts.InFlight, counts.Scheduled, counts.Dead));
    }

    [Fact]
    public async Task A_job_that_fails_once_is_retried_through_the_scheduled_set_and_then_succeeds()
    {
        var prefix = RedisTestStorage.NewPrefix();
        var ledger = new RedisE2ELedger(1);
        await using var worker = Worker(prefix, ledger, quickRetry: true);

        await worker.GetRequiredService<IJobClient>().EnqueueFlakyAsync(7, cancellationToken: Ct);
        await worker.GetRequiredService<JobWorker>().StartAsync(Ct);
        await ledger.AllRan.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await worker.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);

        Assert.Equal(2, ledger.Attempts.Values.Single());
        var stats = await worker.GetRequiredService<IJobStorage>().GetStatsAsync([], Ct);
        // As in Sidekiq, "processed" counts every run, the failed one included.
        Assert.Equal((2L, 1L), (stats.Processed, stats.Failed));
    }

    private ServiceProvider Worker(string prefix, RedisE2ELedger ledger, bool quickRetry = false)
    {
        var services = new ServiceCollection();
        var jobs = services.AddJobGen(o =>
        {
            o.Worker.Concurrency = 4;
            o.Worker.Queues = ["e2e"];
            o.Worker.PollInterval = TimeSpan.FromMilliseconds(50);
            o.Worker.StatsFlushInterval = TimeSpan.FromMilliseconds(50);
        }).UseRedis(redis.Server.Configuration, o => o.KeyPrefix = prefix);
        if (quickRetry)
        {
            jobs.UseRetryPolicy(new ImmediateRetry());
        }

        services.AddSingleton(ledger).AddJobGenRedisTestsJobs();
        return services.BuildServiceProvider(validateScopes: true);
    }

    private sealed class ImmediateRetry : IRetryPolicy
    {
        public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => TimeSpan.FromMilliseconds(10);
    }
}

/// <summary>What the end-to-end jobs saw.</summary>
public sealed class RedisE2ELedger(int expected)
{
    private int _remaining = expected;
    private int _ranTwice;

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    public TaskCompletionSource AllRan { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int RanTwice => _ranTwice;

    public void Ran(string jobId)
    {
        if (!Runs.TryAdd(jobId, 1))
        {
            Interlocked.Increment(ref _ranTwice);
        }
        else if (Interlocked.Decrement(ref _remaining) == 0)
        {
            AllRan.TrySetResult();
        }
    }
}

/// <summary>Jobs compiled by the generator into this test assembly.</summary>
public sealed class RedisE2EJobs(RedisE2ELedger ledger)
{
    [BackgroundJob("redis.e2e.count", Queue = "e2e")]
    public ValueTask Count(int number, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }

    [BackgroundJob("redis.e2e.flaky", Queue = "e2e", MaxAttempts = 3)]
    public ValueTask Flaky(int number, JobContext context)
    {
        if (ledger.Attempts.AddOrUpdate(context.JobId, 1, (_, n) => n + 1) == 1)
        {
            throw new InvalidOperationException("first attempt fails");
        }

        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }
}
