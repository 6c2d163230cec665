using System.Text;
using JobGen.Storage.Redis;
using StackExchange.Redis;

namespace JobGen.Redis.Tests;

/// <summary>Cluster-only checks: queues really land on different masters and one fetch still spans them.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster)
{
    private static readonly DateTimeOffset Deadline = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Queues = ["critical", "default", "mailers", "reports", "low", "exports"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queues_live_on_several_masters_and_one_fetch_takes_from_all_in_order()
    {
        var prefix = RedisTestStorage.NewPrefix();
        await using var storage = await RedisTestStorage.ConnectAsync(cluster.Cluster.Configuration, prefix);
        foreach (var queue in Queues)
        {
            await storage.EnqueueAsync(queue, Encoding.UTF8.GetBytes(queue), Ct);
        }

        var nodesWithQueues = Queues.Select(q => storage.Connection.GetDatabase().IdentifyEndpoint(prefix + ":{q:" + q + "}:ready")).Distinct().Count();
        var jobs = await storage.FetchAsync(Queues, 10, Deadline, TimeSpan.Zero, Ct);

        Assert.True(nodesWithQueues >= 2, $"all {Queues.Length} queues hashed to one master");
        Assert.Equal(Queues, jobs.Select(j => j.Queue));
        Assert.Equal(Queues, jobs.Select(j => Encoding.UTF8.GetString(j.Payload.Span)));
    }

    [Fact]
    public async Task The_cluster_really_refuses_a_command_across_slots()
    {
        // Guards the suite itself: if this passed, a cross-slot script could pass too.
        await using var storage = await RedisTestStorage.ConnectAsync(cluster.Cluster.Configuration, RedisTestStorage.NewPrefix());

        // Keys passed as plain values, so the client cannot refuse first: the server must.
        var error = await Assert.ThrowsAsync<RedisServerException>(() => storage.Connection.GetDatabase().ExecuteAsync(
            "EVAL", "return redis.call('MGET', KEYS[1], KEYS[2])", "2", "{a}x", "{b}y"));
        Assert.Contains("CROSSSLOT", error.Message, StringComparison.Ordinal);
    }
}
