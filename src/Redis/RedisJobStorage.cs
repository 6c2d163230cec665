using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;

namespace JobGen.Storage.Redis;

/// <summary>
/// <see cref="IJobStorage"/> on Redis or Redis Cluster (docs/redis.md). Enqueue is one LPUSH; fetch, retry,
/// kill, requeue, promote and rescue are Lua scripts that each touch one queue's keys (one hash slot); a fetch
/// that finds nothing blocks on a dedicated connection until work arrives. This file: connecting, enqueue,
/// schedule and disposal. Fetch and waiting are in RedisJobStorage.Fetch.cs, leases in RedisJobStorage.Leases.cs,
/// the operator API in RedisJobStorage.Operator.cs.
/// </summary>
public sealed partial class RedisJobStorage : IJobStorage, IAsyncDisposable, IDisposable
{
    private const int PushChunk = 512;
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(2);

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly RedisStorageOptions _options;
    private readonly ConfigurationOptions _blockingOptions;
    private readonly ConcurrentDictionary<string, RedisReadyWaiter> _waiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _registeredAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _orphans = new();

    private RedisJobStorage(ConnectionMultiplexer connection, ConfigurationOptions configuration, RedisStorageOptions options)
    {
        _connection = connection;
        _db = connection.GetDatabase();
        _options = options;
        _keys = new RedisKeys(options.KeyPrefix);
        _blockingOptions = BlockingOptions(configuration, options.MaxBlockingWait);
    }

    /// <summary>The connection this storage owns (for diagnostics and tests).</summary>
    public IConnectionMultiplexer Connection => _connection;

    /// <summary>Connects with <paramref name="options"/>; with <c>abortConnect=false</c> (the default here) it returns even while Redis is down and reconnects in the background.</summary>
    public static async Task<RedisJobStorage> ConnectAsync(RedisStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var configuration = ParseConfiguration(options.Configuration);
        options.ConfigureConnection?.Invoke(configuration);
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        return new RedisJobStorage(connection, configuration, options);
    }

    /// <summary>Synchronous <see cref="ConnectAsync"/>, for DI factories.</summary>
    public static RedisJobStorage Connect(RedisStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var configuration = ParseConfiguration(options.Configuration);
        options.ConfigureConnection?.Invoke(configuration);
        return new RedisJobStorage(ConnectionMultiplexer.Connect(configuration), configuration, options);
    }

    /// <summary>Parses a StackExchange.Redis configuration string and applies <c>abortConnect=false</c> unless it says otherwise.</summary>
    public static ConfigurationOptions ParseConfiguration(string configuration)
    {
        var parsed = ConfigurationOptions.Parse(configuration);
        if (!configuration.Contains("abortConnect", StringComparison.OrdinalIgnoreCase))
        {
            parsed.AbortOnConnectFail = false;
        }

        return parsed;
    }

    /// <inheritdoc />
    public ValueTask EnqueueAsync(string queue, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var push = _db.ListLeftPushAsync(_keys.Queue(queue).Ready, payload);
        return RegisterIfStale(queue) is { } register ? new ValueTask(Task.WhenAll(push, register)) : new ValueTask(push);
    }

    /// <inheritdoc />
    public async ValueTask EnqueueManyAsync(IReadOnlyList<QueuedPayload> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (payloads.Count == 0)
        {
            return;
        }

        // Every chunk's LPUSH is sent before the first reply is awaited: one pipelined round trip per batch.
        var pending = new List<Task>();
        var first = payloads[0].Queue;
        if (AllOn(first, payloads))
        {
            PushChunks(first, payloads, pending);
        }
        else
        {
            foreach (var (queue, items) in ByQueue(payloads))
            {
                PushChunks(queue, items, pending);
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    // LPUSH a b c leaves c at the head, so a (the first given) is fetched first. The values are the payloads' own
    // memory (RedisValue keeps a ReadOnlyMemory without copying it), written straight to the socket.
    private void PushChunks(string queue, IReadOnlyList<QueuedPayload> items, List<Task> pending)
    {
        var ready = _keys.Queue(queue).Ready;
        for (var from = 0; from < items.Count; from += PushChunk)
        {
            var values = new RedisValue[Math.Min(PushChunk, items.Count - from)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = items[from + i].Payload;
            }

            pending.Add(_db.ListLeftPushAsync(ready, values));
        }

        if (RegisterIfStale(queue) is { } register)
        {
            pending.Add(register);
        }
    }

    private static bool AllOn(string queue, IReadOnlyList<QueuedPayload> payloads)
    {
        for (var i = 1; i < payloads.Count; i++)
        {
            if (!string.Equals(payloads[i].Queue, queue, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Groups in order of each queue's first payload, each group in the order given.
    private static List<(string Queue, List<QueuedPayload> Items)> ByQueue(IReadOnlyList<QueuedPayload> payloads)
    {
        var groups = new List<(string, List<QueuedPayload>)>();
        var index = new Dictionary<string, List<QueuedPayload>>(StringComparer.Ordinal);
        foreach (var payload in payloads)
        {
            if (!index.TryGetValue(payload.Queue, out var items))
            {
                index[payload.Queue] = items = [];
                groups.Add((payload.Queue, items));
            }

            items.Add(payload);
        }

        return groups;
    }

    /// <inheritdoc />
    public async ValueTask ScheduleAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var add = _db.SortedSetAddAsync(_keys.Queue(queue).Scheduled, payload, dueAt.ToUnixTimeMilliseconds());
        await (RegisterIfStale(queue) is { } register ? Task.WhenAll(add, register) : add).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        var members = await _db.SetMembersAsync(_keys.Queues).ConfigureAwait(false);
        return [.. members.Select(m => (string)m!).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Synchronous disposal does not wait for abandoned waits; their leases, if any, expire and are rescued.
        foreach (var waiter in _waiters.Values)
        {
            waiter.Dispose();
        }

        _connection.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Blocking connections first: closing them (without QUIT) ends parked waits at once, so abandoned waits
        // settle now and can still requeue what they leased over the main connection, which closes last.
        foreach (var waiter in _waiters.Values)
        {
            waiter.Dispose();
        }

        try
        {
            await Task.WhenAll(_orphans.Keys).WaitAsync(OrphanGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still unsettled: their leases expire and are rescued.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    // The registry key is in another slot than the queue, so it is a separate command, pipelined with the
    // enqueue and sent again only every RegistryRefresh per queue and process: enqueue stays one round trip.
    private Task? RegisterIfStale(string queue)
    {
        var now = Environment.TickCount64;
        if (_registeredAt.TryGetValue(queue, out var at) && now - at < (long)_options.RegistryRefresh.TotalMilliseconds)
        {
            return null;
        }

        _registeredAt[queue] = now;
        return RegisterAsync(queue);
    }

    private async Task RegisterAsync(string queue)
    {
        try
        {
            await _db.SetAddAsync(_keys.Queues, queue).ConfigureAwait(false);
        }
        catch
        {
            _registeredAt.TryRemove(queue, out _);
            throw;
        }
    }

    private static ConfigurationOptions BlockingOptions(ConfigurationOptions configuration, TimeSpan maxBlock)
    {
        // A blocking command holds its connection: it gets its own, with timeouts above the longest block.
        var blocking = configuration.Clone();
        var timeout = (int)(maxBlock + TimeSpan.FromSeconds(10)).TotalMilliseconds;
        blocking.AsyncTimeout = Math.Max(blocking.AsyncTimeout, timeout);
        blocking.SyncTimeout = Math.Max(blocking.SyncTimeout, timeout);
        blocking.ClientName = (configuration.ClientName ?? "jobgen") + "-blocking";

        // No pub/sub on it: without a configuration channel no subscription connection is opened.
        blocking.ConfigurationChannel = string.Empty;
        return blocking;
    }
}
