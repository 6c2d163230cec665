using System.Diagnostics;
using JobGen.Chaos;
using StackExchange.Redis;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>
/// Redis (appendonly yes) killed and restarted mid-run: the worker processes reconnect by themselves, every job
/// whose enqueue returned success runs, and an enqueue during the outage fails fast with a connection exception.
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class RedisRestartTests
{
    private const int Before = 2_000, After = 500;
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Workers_reconnect_after_a_redis_restart_and_every_acknowledged_job_runs()
    {
        await using var env = await ChaosEnvironment.StartAsync(null, "--appendonly", "yes");
        var acknowledged = new HashSet<int>();
        await EnqueueAsync(env, 0, Before, acknowledged);
        var workers = new[] { await env.StartWorkerAsync(), await env.StartWorkerAsync() };
        await env.WaitUntilAsync(async () => await env.Ledger.CountExecutedAsync() >= Before / 10, TimeSpan.FromSeconds(30), "the drain is under way");

        await env.Redis.KillAsync();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<RedisException>(async () =>
            await env.Client.EnqueueRecordAsync(-1, 0, cancellationToken: TestContext.Current.CancellationToken));
        var failedAfter = clock.Elapsed;
        ChaosEnvironment.Log($"enqueue during the outage failed after {failedAfter.TotalSeconds:F2} s: {error.GetType().FullName}: {error.Message}");
        // The type says "the connection failed"; its message depends on the moment of the kill (SocketClosed,
        // "No connection is active/available", ...), so it is logged, not matched.
        Assert.IsType<RedisConnectionException>(error, exactMatch: false);
        Assert.InRange(failedAfter, TimeSpan.Zero, FailFast);

        await env.Redis.RestartAsync();
        await EnqueueAsync(env, Before, After, acknowledged);

        await env.WaitUntilAsync(
            async () => (await env.Ledger.ReadCountsAsync(LedgerCounter.Runs)).Keys.Count(acknowledged.Contains) == acknowledged.Count,
            TimeSpan.FromSeconds(120),
            $"all {acknowledged.Count} acknowledged jobs ran");
        Assert.All(workers, w => Assert.False(w.HasExited));
        Assert.Equal(Before + After, acknowledged.Count);
    }

    // Enqueues one by one; right after the restart the client may still be reconnecting, so an enqueue that
    // fails is retried (bounded) and only one that returned counts as acknowledged.
    private static async Task EnqueueAsync(ChaosEnvironment env, int from, int count, HashSet<int> acknowledged)
    {
        var deadline = Stopwatch.StartNew();
        for (var n = from; n < from + count; n++)
        {
            try
            {
                await env.Client.EnqueueRecordAsync(n, 20, cancellationToken: TestContext.Current.CancellationToken);
                acknowledged.Add(n);
            }
            catch (RedisException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                n--;
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }
}
