using JobGen.Benchmarks.E2e;
using Xunit;

namespace JobGen.Benchmarks.Tests;

/// <summary>
/// The quick e2e run (10,000 jobs per workload) against a private redis-server: it fails when any job is lost, runs
/// twice or is left behind. It never asserts a time: figures on a shared CI machine mean nothing.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class QuickE2eSmokeTests
{
    [Fact]
    public async Task Quick_e2e_runs_every_job_exactly_once()
    {
        var lines = new List<ResultLine>();
        await E2eHarness.RunCheckedAsync(E2eOptions.Quick, lines.Add).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        Assert.Equal(["machine", "enqueue_single", "enqueue_concurrent", "enqueue_bulk", "drain_jit", "drain_inmemory", "latency_jit"], lines.Select(l => l.Workload));
        var workloads = lines.Skip(1).ToList();
        Assert.All(workloads, l => Assert.Equal(l.Workload == "latency_jit" ? E2eOptions.Quick.LatencyJobs : E2eOptions.Quick.Jobs, l.Jobs));
        Assert.All(workloads.Where(l => l.Workload != "drain_inmemory"), l => Assert.True(l.RedisCmdsPerJob > 0, $"{l.Workload} reports the Redis commands it cost"));
        var drain = lines.Single(l => l.Workload == "drain_jit");
        Assert.Equal("jit", drain.Worker);
        Assert.True(drain.RssMb > 0, "the drain worker reports its RSS");
    }
}

/// <summary>The drain check can fail: a job enqueued twice (so it runs twice) must fail the run, not pass as "all ran".</summary>
[Collection(LedgerCollection.Name)]
public sealed class DrainCheckTests
{
    [Fact]
    public async Task Drain_fails_loudly_when_a_job_runs_twice()
    {
        await using var redis = await JobGen.TestServers.RedisServer.StartAsync();
        await using var storage = JobGenStack.CreateStorage(redis.Configuration);
        var client = new JobClient(storage);
        const string queue = "bench-duplicate";
        var requests = Enumerable.Range(0, 100).Select(seq => JobGenStack.NoopRequest(seq, queue)).ToList();
        requests.Add(JobGenStack.NoopRequest(5, queue));
        await client.EnqueueManyAsync(requests, TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<HarnessFailure>(() => DrainWorkload.RunAsync(WorkerBinary.Jit, redis.Configuration, queue, jobs: 100, concurrency: 4));
        Assert.Contains("ran more than once", failure.Message, StringComparison.Ordinal);
    }
}
