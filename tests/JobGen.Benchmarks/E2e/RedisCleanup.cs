using StackExchange.Redis;

namespace JobGen.Benchmarks.E2e;

/// <summary>Deletes every key that names this run (its queues' keys), so a run against a shared Redis leaves nothing behind.</summary>
public static class RedisCleanup
{
    public static async Task DeleteKeysAsync(string redis, string run)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
        foreach (var endPoint in connection.GetEndPoints())
        {
            var server = connection.GetServer(endPoint);
            if (server.IsReplica)
            {
                continue;
            }

            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: $"*{run}*").ConfigureAwait(false))
            {
                keys.Add(key);
            }

            foreach (var key in keys)
            {
                await connection.GetDatabase().KeyDeleteAsync(key).ConfigureAwait(false);
            }
        }
    }
}
