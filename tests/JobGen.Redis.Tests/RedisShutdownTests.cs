using System.Text;
using JobGen.Storage;
using JobGen.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Redis.Tests;

/// <summary>
/// Stopping an idle worker ends its parked BLMOVE at once instead of waiting out the block (docs/worker.md,
/// "Graceful shutdown"), and nothing pushed at that moment is lost: the job is returned, ready, or leased and
/// rescuable. Waits here are an hour long, so a BLMOVE that is merely left to time out fails the test.
/// </summary>
public sealed class RedisShutdownTests(RedisServerFixture redis)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("solo")]
    [InlineData("first", "second")]
    public async Task Stopping_an_idle_worker_closes_its_blocking_connections(params string[] queues)
    {
        var prefix = RedisTestStorage.NewPrefix();
        var services = new ServiceCollection();
        services.AddJobGen(o =>
        {
            o.Worker.Queues = queues;
            o.Worker.FetchWait = Long;
        }).UseRedis(redis.Server.Configuration + ",allowAdmin=true,name=" + prefix, o =>
        {
            o.KeyPrefix = prefix;
            o.MaxBlockingWait = Long;
        });
        services.AddJobGenRedisTestsJobs(); // a worker refuses to start without jobs; none runs here
        await using var provider = services.BuildServiceProvider();
        var storage = (RedisJobStorage)provider.GetRequiredService<IJobStorage>();
        var worker = provider.GetRequiredService<JobWorker>();
        await worker.StartAsync(Ct);
        foreach (var queue in queues)
        {
            await RedisTestStorage.WaitUntilBlockedAsync(storage, prefix, queue);
        }

        await worker.StopAsync(CancellationToken.None);

        // The storage is still open (the container owns it): only the worker's waits have ended.
        Assert.Empty(await WaitUntilNoBlockingClientAsync(storage, prefix));
    }

    [Fact]
    public async Task A_storage_whose_wait_was_cancelled_waits_again_on_a_new_connection()
    {
        var prefix = RedisTestStorage.NewPrefix();
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cancelled = storage.FetchAsync(["q"], 5, T0, Long, cancel.Token).AsTask();
        await RedisTestStorage.WaitUntilBlockedAsync(storage, prefix, "q");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Long, Ct));
        Assert.Empty(await WaitUntilNoBlockingClientAsync(storage, prefix));

        var next = storage.FetchAsync(["q"], 5, T0, Long, Ct).AsTask();
        await RedisTestStorage.WaitUntilBlockedAsync(storage, prefix, "q");
        await storage.EnqueueAsync("q", P("after"), Ct);

        Assert.Equal(["after"], Texts(await next.WaitAsync(Long, Ct)));
    }

    [Fact]
    public async Task A_job_pushed_as_a_waiting_fetch_is_cancelled_is_never_lost_nor_held_twice()
    {
        const int rounds = 30;
        var prefix = RedisTestStorage.NewPrefix();
        var returned = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix))
        {
            for (var i = 0; i < rounds; i++)
            {
                var queue = "race" + i;
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                var fetch = storage.FetchAsync([queue], 5, T0, Long, cancel.Token).AsTask();
                await RedisTestStorage.WaitUntilBlockedAsync(storage, prefix, queue);

                // Push and cancel together, in varying order, so the cancel lands before, during and after the
                // BLMOVE's wake-up and the fetch queued behind it.
                var push = storage.EnqueueAsync(queue, P(queue), Ct).AsTask();
                if (i % 3 == 1)
                {
                    await push;
                }

                await cancel.CancelAsync();
                await push;
                try
                {
                    returned[queue] = Texts(await fetch.WaitAsync(Long, Ct)) is [var only] && only == queue;
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    returned[queue] = false;
                }
            }
        }

        // Disposal let every abandoned wait settle. Each job is in exactly one place: held by the caller that got it
        // (leased), back in ready, or leased by a reply lost with the closed connection, which the rescuer returns.
        await using var after = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        foreach (var (queue, wasReturned) in returned)
        {
            var counts = await after.GetQueueCountsAsync(queue, Ct);
            Assert.Equal(1L, counts.Ready + counts.InFlight);
            if (wasReturned)
            {
                Assert.Equal(0L, counts.Ready);
                continue;
            }

            await after.RescueExpiredAsync(queue, T0 + TimeSpan.FromDays(1), 10, Ct);
            Assert.Equal([queue], Texts(await after.FetchAsync([queue], 5, T0, TimeSpan.Zero, Ct)));
        }
    }

    // Closing is asynchronous on the server side: poll (bounded) until the storage's blocking clients are gone.
    private static async Task<List<string>> WaitUntilNoBlockingClientAsync(RedisJobStorage storage, string prefix)
    {
        var server = storage.Connection.GetServer(storage.Connection.GetEndPoints()[0]);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<string> blocking;
        while ((blocking = [.. (await server.ClientListAsync()).Select(c => c.Name ?? "").Where(n => n.StartsWith(prefix + "-blocking-", StringComparison.Ordinal))]).Count > 0
            && DateTime.UtcNow < until)
        {
            await Task.Delay(5, Ct);
        }

        return blocking;
    }

    private static byte[] P(string text) => Encoding.UTF8.GetBytes(text);

    private static string[] Texts(IReadOnlyList<FetchedJob> jobs) => [.. jobs.Select(j => Encoding.UTF8.GetString(j.Payload.Span))];
}
