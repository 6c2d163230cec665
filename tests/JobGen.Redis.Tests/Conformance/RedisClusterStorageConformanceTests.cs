using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.Storage.Testing;

namespace JobGen.Redis.Tests.Conformance;

/// <summary>
/// The conformance suite on <see cref="RedisJobStorage"/> over a real 3-master Redis Cluster: a script that
/// touched keys of two slots would fail here with CROSSSLOT, so passing proves every script is single-slot.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterStorageConformanceTests(RedisClusterFixture cluster) : StorageConformanceTests
{
    private readonly string _prefix = RedisTestStorage.NewPrefix();
    private RedisJobStorage? _redis;

    protected override async ValueTask<IJobStorage> CreateStorageAsync() =>
        _redis = await RedisTestStorage.ConnectAsync(cluster.Cluster.Configuration, _prefix);

    protected override Task WaitUntilFetchIsWaitingAsync(string queue) => RedisTestStorage.WaitUntilBlockedAsync(_redis!, _prefix, queue);
}
