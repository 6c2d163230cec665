using System.Diagnostics;
using System.Text;
using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.Testing;
using StackExchange.Redis;

namespace JobGen.Redis.Tests;

/// <summary>Connection strings (password, ACL user) and surviving a Redis restart, each on its own redis-server.</summary>
public sealed class RedisConnectionTests
{
    private static readonly DateTimeOffset Deadline = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connects_with_the_default_user_password_from_the_configuration_string()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "s3cret");

        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",password=s3cret", KeyPrefix = "auth" });

        await AssertRoundTripAsync(storage);
    }

    [Fact]
    public async Task Connects_as_an_acl_user_from_the_configuration_string()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "admin-pw");
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",password=admin-pw"))
        {
            // A user limited to the storage's own keys.
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "jobs", "on", ">jobs-pw", "~acl:*", "+@all");
        }

        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",user=jobs,password=jobs-pw", KeyPrefix = "acl" });

        await AssertRoundTripAsync(storage);
    }

    [Fact]
    public async Task A_wrong_password_fails_the_command_instead_of_passing_silently()
    {
        await using var server = await RedisServer.StartAsync("--requirepass", "right");

        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration + ",password=wrong,connectTimeout=500,asyncTimeout=500", KeyPrefix = "auth" });

        await Assert.ThrowsAnyAsync<RedisException>(async () => await storage.EnqueueAsync("q", "x"u8.ToArray(), Ct));
    }

    [Fact]
    public async Task The_same_storage_works_again_after_redis_restarts_and_keeps_what_was_enqueued()
    {
        await using var server = await RedisServer.StartAsync("--appendonly", "yes", "--appendfsync", "always");
        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration, KeyPrefix = "restart" });
        await storage.EnqueueAsync("q", Encoding.UTF8.GetBytes("before"), Ct);
        await storage.EnqueueAsync("q", Encoding.UTF8.GetBytes("also-before"), Ct);
        Assert.Single(await storage.FetchAsync(["q"], 1, Deadline, TimeSpan.Zero, Ct));

        await server.KillAsync();
        await server.RestartAsync();

        // Reconnecting takes a moment: retry (bounded) until the same instance answers, then everything works.
        var fetched = await RetryUntilConnectedAsync(() => storage.FetchAsync(["q"], 5, Deadline, TimeSpan.Zero, Ct).AsTask());
        Assert.Equal(["also-before"], fetched.Select(j => Encoding.UTF8.GetString(j.Payload.Span)));
        Assert.True(await storage.AckAsync(fetched[0], Ct));
        await storage.EnqueueAsync("q", Encoding.UTF8.GetBytes("after"), Ct);
        var after = await storage.FetchAsync(["q"], 5, Deadline, TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(["after"], after.Select(j => Encoding.UTF8.GetString(j.Payload.Span)));
        // "before" (leased before the restart) and "after" are both still leased: the lease survived too.
        Assert.Equal((2L, 0L), await InFlightAndReadyAsync(storage, "q"));
    }

    [Fact]
    public async Task A_fetch_waiting_across_a_restart_is_woken_by_work_enqueued_after_it()
    {
        await using var server = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new() { Configuration = server.Configuration, KeyPrefix = "wait-restart", MaxBlockingWait = TimeSpan.FromMilliseconds(300) });
        var waiting = storage.FetchAsync(["q"], 1, Deadline, TimeSpan.FromSeconds(30), Ct).AsTask();

        await server.KillAsync();
        await server.RestartAsync();
        await RetryUntilConnectedAsync(async () => { await storage.EnqueueAsync("q", "late"u8.ToArray(), Ct); return 0; });

        var job = Assert.Single(await waiting.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.Equal("late", Encoding.UTF8.GetString(job.Payload.Span));
    }

    private static async Task AssertRoundTripAsync(RedisJobStorage storage)
    {
        await storage.EnqueueAsync("q", "hello"u8.ToArray(), Ct);
        var job = Assert.Single(await storage.FetchAsync(["q"], 1, Deadline, TimeSpan.FromSeconds(5), Ct));
        Assert.True(await storage.AckAsync(job, Ct));
        Assert.Equal(["q"], await storage.GetQueuesAsync(Ct));
    }

    private static async Task<(long InFlight, long Ready)> InFlightAndReadyAsync(IJobStorage storage, string queue)
    {
        var counts = await storage.GetQueueCountsAsync(queue, Ct);
        return (counts.InFlight, counts.Ready);
    }

    private static async Task<T> RetryUntilConnectedAsync<T>(Func<Task<T>> action)
    {
        var until = Stopwatch.GetTimestamp() + 20 * Stopwatch.Frequency;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (RedisException) when (Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(50, Ct);
            }
        }
    }
}
