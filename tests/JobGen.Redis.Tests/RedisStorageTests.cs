using System.Text;
using JobGen.Storage;
using JobGen.Storage.InMemory;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using StackExchange.Redis;

namespace JobGen.Redis.Tests;

/// <summary>What only the Redis storage promises: its key layout, one command per enqueue and crash safety of the blocking wait.</summary>
public sealed class RedisStorageTests(RedisServerFixture redis)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_follow_the_documented_layout()
    {
        var prefix = RedisTestStorage.NewPrefix();
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        await storage.EnqueueManyAsync([new("mail", P("a")), new("mail", P("b")), new("mail", P("c"))], Ct);
        var jobs = await storage.FetchAsync(["mail"], 2, T0, TimeSpan.Zero, Ct);
        await storage.KillAsync(jobs[0], P("dead"), T0, DeadSetLimits.Default, Ct);
        await storage.ScheduleAsync("mail", P("later"), T0, Ct);
        await storage.HeartbeatAsync(new ProcessInfo("p1", "h", 1, ["mail"], 1, 0, T0, "1"), TimeSpan.FromMinutes(1), T0, Ct);
        await storage.IncrementStatsAsync(1, 1, new DateOnly(2026, 1, 1), Ct);

        var server = storage.Connection.GetServer(storage.Connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: prefix + ":*").Select(k => k.ToString()[(prefix.Length + 1)..]).Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            "process:p1", "processes", "queues",
            "stats:failed", "stats:failed:2026-01-01", "stats:processed", "stats:processed:2026-01-01",
            "{q:mail}:dead", "{q:mail}:inflight", "{q:mail}:lease-seq", "{q:mail}:ready", "{q:mail}:scheduled",
        ], keys);
    }

    [Fact]
    public async Task Enqueue_is_a_single_lpush_once_the_queue_is_registered()
    {
        await using var server = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",allowAdmin=true", KeyPrefix = "one-trip" });
        await storage.EnqueueAsync("q", P("warm-up"), Ct);
        var before = await CommandCallsAsync(storage);

        for (var i = 0; i < 100; i++)
        {
            await storage.EnqueueAsync("q", P("j" + i), Ct);
        }

        var after = await CommandCallsAsync(storage);
        Assert.Equal(100, after.GetValueOrDefault("lpush") - before.GetValueOrDefault("lpush"));
        Assert.Equal(0, after.GetValueOrDefault("sadd") - before.GetValueOrDefault("sadd"));
        Assert.Equal(0, after.GetValueOrDefault("evalsha") - before.GetValueOrDefault("evalsha"));
    }

    [Fact]
    public async Task A_job_fetched_from_another_storage_is_refused_with_a_clear_message()
    {
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, RedisTestStorage.NewPrefix());
        var memory = new InMemoryJobStorage();
        await memory.EnqueueAsync("q", P("x"), Ct);
        var foreign = Assert.Single(await memory.FetchAsync(["q"], 1, T0, TimeSpan.Zero, Ct));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await storage.AckAsync(foreign, Ct));
        Assert.Contains("not fetched from a RedisJobStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_that_dies_while_its_fetch_is_blocked_holds_no_job()
    {
        var prefix = RedisTestStorage.NewPrefix();
        var dying = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        var blocked = dying.FetchAsync(["q"], 1, T0, TimeSpan.FromMinutes(1), Ct).AsTask();
        await RedisTestStorage.WaitUntilBlockedAsync(dying, prefix, "q");

        // The process goes away while its BLMOVE is parked; work arrives meanwhile from another process.
        await dying.DisposeAsync();
        await using var other = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        await other.EnqueueAsync("q", P("survives"), Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => blocked.WaitAsync(TimeSpan.FromSeconds(10), Ct));

        var counts = await other.GetQueueCountsAsync("q", Ct);
        Assert.Equal((1L, 0L), (counts.Ready, counts.InFlight));
        Assert.Equal(["survives"], (await other.FetchAsync(["q"], 5, T0, TimeSpan.Zero, Ct)).Select(j => Encoding.UTF8.GetString(j.Payload.Span)));
    }

    [Fact]
    public async Task The_blocking_wait_leaves_the_ready_list_exactly_as_it_was()
    {
        var prefix = RedisTestStorage.NewPrefix();
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        var db = storage.Connection.GetDatabase();
        RedisKey ready = prefix + ":{q:q}:ready";
        await db.ListLeftPushAsync(ready, [(RedisValue)"a", (RedisValue)"b", (RedisValue)"c"]);

        // The exact command the waiter sends (docs/redis.md): a rotation of the tail onto itself.
        await db.ExecuteAsync("BLMOVE", [ready, ready, "RIGHT", "RIGHT", "1"], CommandFlags.None);

        Assert.Equal(["c", "b", "a"], (await db.ListRangeAsync(ready)).Select(v => (string)v!));
    }

    private static byte[] P(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<Dictionary<string, long>> CommandCallsAsync(RedisJobStorage storage)
    {
        var server = storage.Connection.GetServer(storage.Connection.GetEndPoints()[0]);
        var info = await server.InfoAsync("commandstats");
        return info.SelectMany(g => g).ToDictionary(
            kv => kv.Key["cmdstat_".Length..],
            kv => long.Parse(kv.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
