namespace JobGen.Storage;

/// <summary>A worker process as it registers itself.</summary>
public sealed record ProcessInfo(
    string Id,
    string Host,
    int Pid,
    IReadOnlyList<string> Queues,
    int Concurrency,
    int Busy,
    DateTimeOffset StartedAt,
    string Version)
{
    /// <summary>Most running jobs a worker reports in one heartbeat (<see cref="Running"/>); <see cref="Busy"/> counts them all.</summary>
    public const int MaxRunningReported = 100;

    /// <summary>
    /// The jobs it is running now, earliest start first, at most <see cref="MaxRunningReported"/>. As fresh as its last
    /// heartbeat; empty from a worker that does not report them.
    /// </summary>
    public IReadOnlyList<RunningJob> Running { get; init; } = [];

    /// <summary>When its latest heartbeat was stored (the time passed to <see cref="IJobStorage.HeartbeatAsync"/>); set by <see cref="IJobStorage.GetProcessesAsync"/>.</summary>
    public DateTimeOffset? LastHeartbeatAt { get; init; }
}

/// <summary>Processed and failed totals.</summary>
public sealed record JobStats(long Processed, long Failed, IReadOnlyList<DailyJobStats> Days);

/// <summary>One UTC day's totals.</summary>
public sealed record DailyJobStats(DateOnly Day, long Processed, long Failed);

/// <summary>Sizes of one queue's structures.</summary>
public sealed record QueueCounts(string Queue, long Ready, long InFlight, long Scheduled, long Dead, ReadOnlyMemory<byte>? OldestReady);

/// <summary>Which structure of a queue to page through.</summary>
public enum PayloadSet
{
    /// <summary>Waiting to run.</summary>
    Ready,

    /// <summary>Leased to a worker.</summary>
    InFlight,

    /// <summary>Due later (delayed jobs and retries).</summary>
    Scheduled,

    /// <summary>Dead records.</summary>
    Dead,
}

/// <summary>One stored payload and its score (due time, lease deadline or death time).</summary>
public readonly record struct StoredPayload(ReadOnlyMemory<byte> Payload, DateTimeOffset? Score);

/// <summary>What an operator asks a worker process to do (Sidekiq's quiet and stop).</summary>
public enum ProcessSignal
{
    /// <summary>Keep working.</summary>
    None,

    /// <summary>Stop fetching new jobs; jobs already fetched finish. The process stays registered.</summary>
    Quiet,

    /// <summary>Shut the worker down gracefully, as at host shutdown: running jobs finish or go back to their queues.</summary>
    Stop,
}

/// <summary>A unique lock to take together with an enqueue (<see cref="IJobStorage.EnqueueUniqueAsync"/>).</summary>
/// <param name="Key">The lock's key (job id and argument hash, or job id and idempotency key).</param>
/// <param name="JobId">The id of the job the lock is taken for.</param>
/// <param name="ExpiresAt">When the lock lapses by itself; null for never (released by the worker).</param>
public readonly record struct UniqueLock(string Key, string JobId, DateTimeOffset? ExpiresAt);
