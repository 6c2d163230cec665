using System.Globalization;
using StackExchange.Redis;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Redis's own count of the commands it ran (<c>INFO commandstats</c>), read before and after a workload: how many
/// commands a job costs, a figure the machine's load cannot distort. Commands run inside Lua scripts count too,
/// under their own names, beside the <c>evalsha</c> that ran them.
/// </summary>
public sealed class RedisCommandStats(IServer server) : IAsyncDisposable
{
    private IConnectionMultiplexer? _admin;

    /// <summary>Connects its own admin connection (INFO needs <c>allowAdmin</c>; JobGen's connection does not have it).</summary>
    public static async Task<RedisCommandStats> ConnectAsync(string redis)
    {
        var admin = await ConnectionMultiplexer.ConnectAsync(redis + ",allowAdmin=true").ConfigureAwait(false);
        return new RedisCommandStats(admin.GetServer(admin.GetEndPoints()[0])) { _admin = admin };
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task<Dictionary<string, long>> SnapshotAsync()
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var group in await server.InfoAsync("commandstats").ConfigureAwait(false))
        {
            foreach (var pair in group)
            {
                // cmdstat_lpush: calls=123,usec=...,usec_per_call=...
                var name = pair.Key.Replace("cmdstat_", "", StringComparison.Ordinal);
                var field = pair.Value.Split(',').FirstOrDefault(f => f.StartsWith("calls=", StringComparison.Ordinal));
                if (field is not null)
                {
                    calls[name] = long.Parse(field["calls=".Length..], CultureInfo.InvariantCulture);
                }
            }
        }

        return calls;
    }

    /// <summary>CPU seconds redis-server has used (user + system, main thread and the rest), from <c>INFO cpu</c>.</summary>
    public async Task<double> CpuSecondsAsync()
    {
        double total = 0;
        foreach (var group in await server.InfoAsync("cpu").ConfigureAwait(false))
        {
            foreach (var pair in group)
            {
                if (pair.Key is "used_cpu_sys" or "used_cpu_user")
                {
                    total += double.Parse(pair.Value, CultureInfo.InvariantCulture);
                }
            }
        }

        return total;
    }

    /// <summary>Commands per job between two snapshots (those of at least 0.001 per job), largest first, e.g. "zrem 1.00, evalsha 0.06, ..." (the harness's own INFO and queue-count calls left out).</summary>
    public static (double Total, string Breakdown) PerJob(Dictionary<string, long> before, Dictionary<string, long> after, int jobs)
    {
        var diff = after
            .Select(p => (Name: p.Key, Calls: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Calls >= Math.Max(1, jobs / 1000) && p.Name is not "info" and not "llen" and not "zcard" and not "lindex")
            .OrderByDescending(p => p.Calls)
            .ToList();
        var total = diff.Sum(p => p.Calls) / (double)jobs;
        return (total, string.Join(", ", diff.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Calls / (double)jobs:0.###}"))));
    }
}
