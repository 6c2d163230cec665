using System.Diagnostics;
using JobGen.Storage.Redis;
using StackExchange.Redis;

namespace JobGen.Redis.Tests;

/// <summary>
/// Measures (and prints) enqueue rate against a raw LPUSH and pickup latency of an idle, blocked fetch. The
/// figures are for docs/redis.md and the report; the assertions check only that every job arrived exactly once.
/// Run: dotnet test --project tests/JobGen.Redis.Tests -c Release -- --filter-class "*RedisLatencyProbeTests" --show-live-output on
/// </summary>
public sealed class RedisLatencyProbeTests(RedisServerFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enqueue_rate_of_one_caller_compared_with_raw_lpush()
    {
        var prefix = RedisTestStorage.NewPrefix();
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        var db = storage.Connection.GetDatabase();
        var payload = new byte[200];
        const int n = 1_000, rounds = 10;

        // Interleaved blocks, so drift in the machine's load hits both sides alike.
        RedisKey rawKey = prefix + ":raw";
        var raw = TimeSpan.Zero;
        var mine = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which side goes first, so neither always runs on a warmer or colder machine.
            for (var side = 0; side < 2; side++)
            {
                var rawSide = (side + round) % 2 == 0;
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < n; i++)
                {
                    if (rawSide)
                    {
                        await db.ListLeftPushAsync(rawKey, payload);
                    }
                    else
                    {
                        await storage.EnqueueAsync("rate", payload, Ct);
                    }
                }

                if (rawSide)
                {
                    raw += Stopwatch.GetElapsedTime(started);
                }
                else
                {
                    mine += Stopwatch.GetElapsedTime(started);
                }
            }
        }

        Report($"{rounds} x {n} each: raw LPUSH {rounds * n / raw.TotalSeconds:F0}/s, EnqueueAsync {rounds * n / mine.TotalSeconds:F0}/s, ratio {raw / mine:P0}");
        Assert.Equal(rounds * n, (await storage.GetQueueCountsAsync("rate", Ct)).Ready);
    }

    [Fact]
    public async Task Pickup_latency_of_an_idle_fetch()
    {
        var prefix = RedisTestStorage.NewPrefix();
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        const int n = 1_000;
        var latencies = new double[n];
        for (var i = -50; i < n; i++)
        {
            var fetch = FetchStampedAsync(storage, ["pickup"]);
            await RedisTestStorage.WaitUntilBlockedAsync(storage, prefix, "pickup");
            var started = Stopwatch.GetTimestamp();
            await storage.EnqueueAsync("pickup", BitConverter.GetBytes(i), Ct);
            var (jobs, fetchedAt) = await fetch.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            var job = Assert.Single(jobs);
            Assert.Equal(i, BitConverter.ToInt32(job.Payload.Span));
            Assert.True(await storage.AckAsync(job, Ct));
            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started, fetchedAt).TotalMilliseconds;
            }
        }

        Array.Sort(latencies);
        var rtt = new double[n];
        var db = storage.Connection.GetDatabase();
        for (var i = 0; i < n; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await db.PingAsync();
            rtt[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(rtt);
        Report($"PING round trip over {n}: p50 {rtt[n / 2]:F3} ms, p90 {rtt[n * 9 / 10]:F3} ms, p99 {rtt[n * 99 / 100]:F3} ms");

        // The same after 5 ms idle, as a parked fetch is: what waking this machine's threads costs.
        for (var i = 0; i < n; i++)
        {
            await Task.Delay(5, Ct);
            var started = Stopwatch.GetTimestamp();
            await db.PingAsync();
            rtt[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(rtt);
        Report($"PING round trip after 5 ms idle over {n}: p50 {rtt[n / 2]:F3} ms, p90 {rtt[n * 9 / 10]:F3} ms, p99 {rtt[n * 99 / 100]:F3} ms");
        Report($"pickup latency over {n}: p50 {latencies[n / 2]:F3} ms, p90 {latencies[n * 9 / 10]:F3} ms, p99 {latencies[n * 99 / 100]:F3} ms, max {latencies[^1]:F3} ms");
    }

    [Fact]
    public async Task Pickup_latency_of_an_idle_fetch_over_three_queues()
    {
        var prefix = RedisTestStorage.NewPrefix();
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        const int n = 500;
        var latencies = new double[n];
        for (var i = -50; i < n; i++)
        {
            var fetch = FetchStampedAsync(storage, ["first", "second", "third"]);
            await RedisTestStorage.WaitUntilBlockedAsync(storage, prefix, "third");
            var started = Stopwatch.GetTimestamp();
            await storage.EnqueueAsync("third", BitConverter.GetBytes(i), Ct);
            var (jobs, fetchedAt) = await fetch.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            var job = Assert.Single(jobs);
            Assert.Equal(i, BitConverter.ToInt32(job.Payload.Span));
            Assert.True(await storage.AckAsync(job, Ct));
            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started, fetchedAt).TotalMilliseconds;
            }
        }

        Array.Sort(latencies);
        Report($"pickup latency over {n}, job on the third of three queues: p50 {latencies[n / 2]:F3} ms, p90 {latencies[n * 9 / 10]:F3} ms, p99 {latencies[n * 99 / 100]:F3} ms");
    }

    // Stamps the moment the fetch hands over its jobs, as a worker's fetch loop would see it.
    private static async Task<(IReadOnlyList<JobGen.Storage.FetchedJob> Jobs, long At)> FetchStampedAsync(RedisJobStorage storage, string[] queues)
    {
        var jobs = await storage.FetchAsync(queues, 1, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromSeconds(10), Ct);
        return (jobs, Stopwatch.GetTimestamp());
    }

    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine("[probe] " + line);
    }
}
