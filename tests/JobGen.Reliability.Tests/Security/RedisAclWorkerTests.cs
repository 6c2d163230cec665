using JobGen.Chaos;
using JobGen.Reliability.Tests.Processes;
using JobGen.TestServers;
using StackExchange.Redis;

namespace JobGen.Reliability.Tests.Security;

/// <summary>
/// A real worker process connected as a least-privilege Redis ACL user, given by the connection string: keys limited
/// to its prefix, no pub/sub channels, no dangerous commands. It runs its jobs, so every key the client and worker
/// touch lives under the prefix. (Password and ACL connections of the storage itself: tests/JobGen.Redis.Tests,
/// RedisConnectionTests.)
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class RedisAclWorkerTests
{
    [Fact]
    public async Task A_worker_runs_as_an_ACL_user_restricted_to_its_key_prefix()
    {
        await using var env = await ChaosEnvironment.StartAsync(null, "--requirepass", "admin-pw");
        var prefix = "acl-" + Guid.NewGuid().ToString("N")[..8];
        var admin = env.Redis.Configuration + ",password=admin-pw";
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(admin))
        {
            await connection.GetDatabase().ExecuteAsync("ACL", "SETUSER", "jobs", "on", ">jobs-pw", $"~{prefix}:*", "resetchannels", "+@all", "-@dangerous");
        }

        var asUser = env.Redis.Configuration + ",user=jobs,password=jobs-pw";
        var settings = env.Settings with { Redis = asUser, Prefix = prefix };
        await using var ledger = await ChaosLedger.ConnectAsync(asUser, prefix);
        await using var storage = await Storage.Redis.RedisJobStorage.ConnectAsync(new() { Configuration = asUser, KeyPrefix = prefix });
        var client = new JobClient(storage);
        for (var n = 0; n < 100; n++)
        {
            await client.EnqueueRecordAsync(n, 0, cancellationToken: TestContext.Current.CancellationToken);
        }

        var worker = await env.StartWorkerAsync(settings);
        await env.WaitUntilAsync(async () => await ledger.CountExecutedAsync() == 100, TimeSpan.FromSeconds(60), "100 jobs ran as the ACL user");

        Assert.False(worker.HasExited);
        Assert.DoesNotContain("NOPERM", worker.RecentOutput, StringComparison.Ordinal); // heartbeats, stats, leases: all inside the prefix
        var denied = await Assert.ThrowsAsync<RedisServerException>(() => storage.Connection.GetDatabase().StringSetAsync("outside-the-prefix", 1));
        Assert.Contains("NOPERM", denied.Message, StringComparison.Ordinal);
    }
}
