using StackExchange.Redis;

namespace JobGen.Storage.Redis;

/// <summary>How <see cref="RedisJobStorage"/> connects and names its keys.</summary>
public sealed class RedisStorageOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string: endpoints, <c>password=</c>, <c>user=</c> (ACL), <c>ssl=true</c>,
    /// <c>defaultDatabase=</c> and the rest as StackExchange.Redis documents them. <c>abortConnect=false</c> is
    /// applied unless the string sets <c>abortConnect</c> itself, so a worker started before Redis (or across a
    /// Redis restart) keeps reconnecting instead of failing.
    /// </summary>
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>
    /// Adjusts the parsed configuration in code, for what a string cannot say: TLS certificate validation
    /// (<c>o.TrustIssuer(path)</c>, <c>o.CertificateValidation</c>), client certificates, a logger. Applied to the main
    /// connection and to the blocking ones.
    /// </summary>
    public Action<ConfigurationOptions>? ConfigureConnection { get; set; }

    /// <summary>Prefix of every key (<c>PREFIX:{q:NAME}:ready</c>, <c>PREFIX:queues</c>...); lets several apps or test runs share one Redis.</summary>
    public string KeyPrefix { get; set; } = "jobgen";

    /// <summary>
    /// Longest single blocking wait sent to Redis while a fetch waits for work; a longer fetch wait is made of several.
    /// Kept well under the connection's timeouts, which the blocking connection raises above it.
    /// </summary>
    public TimeSpan MaxBlockingWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a queue name is re-added to the queue registry by a process that keeps enqueuing to it.</summary>
    public TimeSpan RegistryRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws with a message naming the setting to change when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            throw new ArgumentException("RedisStorageOptions.Configuration is empty: set a StackExchange.Redis configuration string such as \"localhost:6379\".");
        }

        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw new ArgumentException("RedisStorageOptions.KeyPrefix is empty: set a prefix such as \"jobgen\".");
        }

        if (MaxBlockingWait < TimeSpan.FromMilliseconds(10) || MaxBlockingWait > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("RedisStorageOptions.MaxBlockingWait must be between 10 ms and 1 minute.");
        }
    }
}
