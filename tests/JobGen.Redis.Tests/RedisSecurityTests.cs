using JobGen.Storage;
using JobGen.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace JobGen.Redis.Tests;

/// <summary>
/// Signed envelopes and a [Sensitive] argument on a real redis-server: the round trip works, the forgery dies, and
/// no key of the server holds a card number in clear text afterwards.
/// </summary>
public sealed class RedisSecurityTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Signed_and_encrypted_jobs_round_trip_and_no_redis_key_holds_a_plain_value()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = new SecureRunScenario();
        var services = new ServiceCollection();
        services.AddJobGen(SecureRunScenario.Configure).UseRedis(redis.Server.Configuration, o => o.KeyPrefix = RedisTestStorage.NewPrefix());
        services.AddSingleton<IJobDispatcher>(scenario);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var dead = await scenario.RunAsync(provider, ct);

        Assert.Equal(Enumerable.Range(0, SecureRunScenario.Payments).Where(i => i % 2 == 0), scenario.Ran.Keys.Order());
        Assert.All(scenario.Ran, run => Assert.Equal(SecureRunScenario.Card(run.Key), run.Value));
        Assert.Equal(SecureRunScenario.Payments / 2, dead.Count(d => d.Reason == DeathReason.AttemptsExhausted));
        Assert.Equal("forged", Assert.Single(dead, d => d.Reason == DeathReason.BadSignature).JobId);

        var found = new List<string>();
        var scanned = 0;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration + ",allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var db = connection.GetDatabase();
        await foreach (var key in server.KeysAsync(pageSize: 500))
        {
            scanned++;
            foreach (var value in await ValuesAsync(db, key))
            {
                found.AddRange(SecureRunScenario.PlainCardsIn(value).Select(card => $"{key}: {card}"));
            }
        }

        Assert.True(scanned > 0);
        Assert.Empty(found);
    }

    // Every value stored under the key, read by its type (not DUMP, whose RDB encoding may compress a string).
    private static async Task<List<byte[]>> ValuesAsync(IDatabase db, RedisKey key)
    {
        var values = new List<byte[]> { (byte[])key! };
        switch (await db.KeyTypeAsync(key))
        {
            case RedisType.String: values.Add((byte[])(await db.StringGetAsync(key))!); break;
            case RedisType.List: values.AddRange((await db.ListRangeAsync(key)).Select(v => (byte[])v!)); break;
            case RedisType.Set: values.AddRange((await db.SetMembersAsync(key)).Select(v => (byte[])v!)); break;
            case RedisType.SortedSet: values.AddRange((await db.SortedSetRangeByRankAsync(key)).Select(v => (byte[])v!)); break;
            case RedisType.Hash:
                foreach (var entry in await db.HashGetAllAsync(key))
                {
                    values.Add((byte[])entry.Name!);
                    values.Add((byte[])entry.Value!);
                }

                break;
            case RedisType.Stream:
                foreach (var entry in await db.StreamRangeAsync(key))
                {
                    values.AddRange(entry.Values.SelectMany(v => new[] { (byte[])v.Name!, (byte[])v.Value! }));
                }

                break;
        }

        return values;
    }
}
