using System.Diagnostics;
using System.Globalization;

namespace JobGen.TestServers;

/// <summary>
/// A real Redis Cluster of three masters (no replicas) on free loopback ports, each a private redis-server
/// with <c>--cluster-enabled yes</c>, joined by <c>redis-cli --cluster create</c>; ready once every node
/// reports <c>cluster_state:ok</c>. Disposing kills the nodes and deletes their directories.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly List<RedisServer> _nodes = [];

    private RedisCluster()
    {
    }

    /// <summary>The master nodes.</summary>
    public IReadOnlyList<RedisServer> Nodes => _nodes;

    /// <summary>A StackExchange.Redis configuration string naming every node.</summary>
    public string Configuration => string.Join(',', _nodes.Select(n => n.Configuration));

    /// <summary>Starts three nodes, creates the cluster and waits until it is ok.</summary>
    public static async Task<RedisCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var cluster = new RedisCluster();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var port = FreePorts.NextWithClusterBus();
                cluster._nodes.Add(await RedisServer.StartAsync(port,
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000").ConfigureAwait(false));
            }

            await RedisTools.CliAsync(
                ["--cluster", "create", .. cluster._nodes.Select(n => n.Configuration), "--cluster-replicas", "0", "--cluster-yes"],
                cancellationToken).ConfigureAwait(false);
            await cluster.WaitUntilOkAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WaitUntilOkAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ReadyTimeout.TotalSeconds * Stopwatch.Frequency);
        var last = string.Empty;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var ok = 0;
            foreach (var node in _nodes)
            {
                last = await RedisTools.TryCommandAsync(node.Port, "CLUSTER INFO", cancellationToken).ConfigureAwait(false) ?? string.Empty;
                if (last.Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    ok++;
                }
            }

            if (ok == _nodes.Count)
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The Redis Cluster was not ok within {ReadyTimeout.TotalSeconds} s: {last}"));
    }
}
