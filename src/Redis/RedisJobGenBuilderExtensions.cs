using JobGen.Storage;
using JobGen.Storage.Redis;

namespace JobGen;

/// <summary>
/// <c>UseRedis</c> on the <see cref="JobGenBuilder"/> returned by <c>AddJobGen</c>. In namespace <c>JobGen</c>, next to
/// the builder, so it shows up without an extra using.
/// </summary>
public static class RedisJobGenBuilderExtensions
{
    /// <summary>
    /// Keeps jobs in Redis (or Redis Cluster). <paramref name="configuration"/> is a StackExchange.Redis configuration
    /// string (<c>host:port,password=...,user=...,ssl=true,defaultDatabase=2</c>); <c>abortConnect=false</c> is applied
    /// unless given, so the app starts while Redis is down and reconnects after a Redis restart.
    /// <paramref name="configure"/> sets the rest (key prefix...). The storage is a singleton the container disposes.
    /// </summary>
    public static JobGenBuilder UseRedis(this JobGenBuilder builder, string configuration, Action<RedisStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = new RedisStorageOptions { Configuration = configuration };
        configure?.Invoke(options);
        options.Validate();
        return builder.UseStorage(_ => RedisJobStorage.Connect(options));
    }
}
