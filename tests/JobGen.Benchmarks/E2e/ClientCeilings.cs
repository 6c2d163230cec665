using System.Diagnostics;
using StackExchange.Redis;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// The same LPUSHes as redis-benchmark, but from .NET through StackExchange.Redis (the client JobGen uses), with a
/// payload the size of a no-op job's envelope: what the client library alone allows, so the gap between Redis's
/// ceiling and JobGen splits into the library's share and JobGen's own.
/// </summary>
public static class ClientCeilings
{
    private static readonly byte[] Payload = new byte[120];

    public static async Task<double> LpushOneCallerAsync(string redis, string key, int requests)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
        var db = connection.GetDatabase();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            await db.ListLeftPushAsync(key, Payload).ConfigureAwait(false);
        }

        var rate = requests / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await db.KeyDeleteAsync(key).ConfigureAwait(false);
        return rate;
    }

    public static async Task<double> LpushCallersAsync(string redis, string key, int requests, int callers)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
        var db = connection.GetDatabase();
        var next = -1;
        async Task CallerAsync()
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                await db.ListLeftPushAsync(key, Payload).ConfigureAwait(false);
            }
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(CallerAsync))).ConfigureAwait(false);
        var rate = requests / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await db.KeyDeleteAsync(key).ConfigureAwait(false);
        return rate;
    }
}
