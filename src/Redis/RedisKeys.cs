using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace JobGen.Storage.Redis;

/// <summary>
/// The key layout (docs/redis.md). Every key of one queue carries the hash tag <c>{q:NAME}</c>, so each
/// script touches one slot; the registry, processes and stats live outside any queue's slot and are
/// never touched by a queue script.
/// </summary>
internal sealed class RedisKeys
{
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, RedisQueueKeys> _queues = new(StringComparer.Ordinal);

    public RedisKeys(string prefix)
    {
        _prefix = prefix;
        Queues = prefix + ":queues";
        Processes = prefix + ":processes";
        Paused = prefix + ":paused";
        StatsProcessed = prefix + ":stats:processed";
        StatsFailed = prefix + ":stats:failed";
        ScheduleDefinitions = prefix + ":{schedules}:definitions";
        ScheduleQueues = prefix + ":{schedules}:queues";
    }

    /// <summary>Hash: schedule name → encoded definition. Same slot as <see cref="ScheduleQueues"/> (tag <c>{schedules}</c>).</summary>
    public RedisKey ScheduleDefinitions { get; }

    /// <summary>Hash: schedule name → the queue its ticks go to (where its last claimed tick lives).</summary>
    public RedisKey ScheduleQueues { get; }

    /// <summary>Set of every queue name ever enqueued or scheduled to.</summary>
    public RedisKey Queues { get; }

    /// <summary>Sorted set of process ids scored by heartbeat expiry (unix ms).</summary>
    public RedisKey Processes { get; }

    /// <summary>Set of the paused queue names.</summary>
    public RedisKey Paused { get; }

    public RedisKey StatsProcessed { get; }

    public RedisKey StatsFailed { get; }

    public RedisQueueKeys Queue(string name) => _queues.GetOrAdd(name, static (n, prefix) => new RedisQueueKeys(prefix, n), _prefix);

    /// <summary>Hash with one process's heartbeat fields.</summary>
    public RedisKey Process(string id) => _prefix + ":process:" + id;

    /// <summary>String with the signal an operator left for a process (expires with the process's heartbeat).</summary>
    public RedisKey ProcessSignal(string id) => _prefix + ":process-signal:" + id;

    public RedisKey StatsProcessedOn(DateOnly day) => StatsProcessed.Append(":" + Day(day));

    public RedisKey StatsFailedOn(DateOnly day) => StatsFailed.Append(":" + Day(day));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One queue's keys, all in the slot of <c>{q:NAME}</c>.</summary>
internal sealed class RedisQueueKeys
{
    public RedisQueueKeys(string prefix, string name)
    {
        var tag = prefix + ":{q:" + name + "}:";
        Name = name;
        UniquePrefix = tag + "unique:";
        Ready = tag + "ready";
        InFlight = tag + "inflight";
        Scheduled = tag + "scheduled";
        Dead = tag + "dead";
        LeaseSequence = tag + "lease-seq";
        Ticks = tag + "ticks";
    }

    public string Name { get; }

    /// <summary>List: LPUSH to enqueue, RPOP (the tail) to fetch; the tail is the front of the queue.</summary>
    public RedisKey Ready { get; }

    /// <summary>Sorted set of lease members (16-hex-digit lease number + payload) scored by lease deadline (unix ms).</summary>
    public RedisKey InFlight { get; }

    /// <summary>Sorted set of payloads scored by due time (unix ms).</summary>
    public RedisKey Scheduled { get; }

    /// <summary>Sorted set of encoded dead records scored by death time (unix ms).</summary>
    public RedisKey Dead { get; }

    /// <summary>Counter that numbers leases, so every fetch makes a unique in-flight member.</summary>
    public RedisKey LeaseSequence { get; }

    /// <summary>Hash: schedule name → last claimed tick (unix ms) of the schedules whose ticks go to this queue.</summary>
    public RedisKey Ticks { get; }

    /// <summary>Where the queue's unique locks live: a string per lock, "expiry-ms job-id" (docs/flow-control.md).</summary>
    public string UniquePrefix { get; }

    /// <summary>String: the unique lock <paramref name="key"/>, in the queue's slot.</summary>
    public RedisKey UniqueLock(string key) => UniquePrefix + key;
}
