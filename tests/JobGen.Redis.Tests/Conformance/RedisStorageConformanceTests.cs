using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.Storage.Testing;

namespace JobGen.Redis.Tests.Conformance;

/// <summary>The conformance suite on <see cref="RedisJobStorage"/> over one real redis-server.</summary>
public sealed class RedisStorageConformanceTests(RedisServerFixture redis) : StorageConformanceTests
{
    private readonly string _prefix = RedisTestStorage.NewPrefix();
    private RedisJobStorage? _redis;

    protected override async ValueTask<IJobStorage> CreateStorageAsync() =>
        _redis = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, _prefix);

    protected override Task WaitUntilFetchIsWaitingAsync(string queue) => RedisTestStorage.WaitUntilBlockedAsync(_redis!, _prefix, queue);
}
