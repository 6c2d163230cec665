using JobGen.Storage.Redis;
using StackExchange.Redis;

namespace JobGen.Redis.Tests;

/// <summary>Creates isolated <see cref="RedisJobStorage"/> instances (unique key prefix and client name) and inspects them.</summary>
internal static class RedisTestStorage
{
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static Task<RedisJobStorage> ConnectAsync(string configuration, string prefix) =>
        RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = configuration + ",allowAdmin=true,name=" + prefix, KeyPrefix = prefix });

    /// <summary>
    /// Waits (bounded) until the storage with client name <paramref name="prefix"/> has its blocking connection for
    /// <paramref name="queue"/> parked on a BLMOVE.
    /// </summary>
    public static async Task WaitUntilBlockedAsync(RedisJobStorage storage, string prefix, string queue)
    {
        var name = prefix + "-blocking-" + queue;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < until)
        {
            foreach (var endpoint in storage.Connection.GetEndPoints())
            {
                var clients = await storage.Connection.GetServer(endpoint).ClientListAsync();
                if (clients.Any(c => c.Name == name && c.Flags.HasFlag(ClientFlags.Blocked)))
                {
                    return;
                }
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No blocked client named {name} within 10 s: the waiting fetch never blocked.");
    }
}
