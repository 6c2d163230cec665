using JobGen.Storage;
using JobGen.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Redis.Tests;

/// <summary><c>AddJobGen().UseRedis(...)</c> wires the Redis storage into the client and the container owns it.</summary>
public sealed class RedisHostingTests(RedisServerFixture redis)
{
    [Fact]
    public async Task UseRedis_registers_a_redis_storage_that_the_client_enqueues_to()
    {
        var prefix = RedisTestStorage.NewPrefix();
        var services = new ServiceCollection();
        services.AddJobGen().UseRedis(redis.Server.Configuration, o => o.KeyPrefix = prefix);

        await using (var provider = services.BuildServiceProvider())
        {
            var storage = Assert.IsType<RedisJobStorage>(provider.GetRequiredService<IJobStorage>());
            var id = await provider.GetRequiredService<IJobClient>().EnqueueAsync(new JobRequest("tests.job", "hosted", 3, new byte[] { 0x90 }), cancellationToken: TestContext.Current.CancellationToken);

            Assert.False(string.IsNullOrEmpty(id));
            Assert.Equal(1L, (await storage.GetQueueCountsAsync("hosted", TestContext.Current.CancellationToken)).Ready);
        }
    }

    [Fact]
    public void UseRedis_rejects_options_that_cannot_work_with_the_setting_to_change()
    {
        var builder = new ServiceCollection().AddJobGen();

        var error = Assert.Throws<ArgumentException>(() => builder.UseRedis("localhost:6379", o => o.KeyPrefix = ""));
        Assert.Contains("KeyPrefix", error.Message, StringComparison.Ordinal);
    }
}
