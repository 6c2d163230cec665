using JobGen.Storage;

namespace JobGen.Benchmarks.Micro;

/// <summary>
/// A storage that accepts enqueues and drops them, so the enqueue micro-benchmarks measure the client's own work
/// (request, envelope, bytes) through the real <see cref="JobClient"/> without Redis. Nothing else is supported.
/// </summary>
public sealed class DiscardingStorage : IJobStorage
{
    public long Bytes { get; private set; }

    public ValueTask EnqueueAsync(string queue, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        Bytes += payload.Length;
        return ValueTask.CompletedTask;
    }

    public ValueTask EnqueueManyAsync(IReadOnlyList<QueuedPayload> payloads, CancellationToken cancellationToken)
    {
        Bytes += payloads.Count;
        return ValueTask.CompletedTask;
    }

    public ValueTask ScheduleAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, CancellationToken cancellationToken) => No();

    public ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken) => No<IReadOnlyList<FetchedJob>>();

    public ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken) => No<bool>();

    public ValueTask RetryAsync(FetchedJob job, ReadOnlyMemory<byte> retryPayload, DateTimeOffset dueAt, CancellationToken cancellationToken) => No();

    public ValueTask KillAsync(FetchedJob job, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken) => No();

    public ValueTask RequeueAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken) => No();

    public ValueTask RenewLeasesAsync(IReadOnlyList<FetchedJob> jobs, DateTimeOffset leaseDeadline, CancellationToken cancellationToken) => No();

    public ValueTask<int> PromoteDueAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) => No<int>();

    public ValueTask<int> RescueExpiredAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) => No<int>();

    public ValueTask<IReadOnlyList<string>> GetQueuesAsync(CancellationToken cancellationToken) => No<IReadOnlyList<string>>();

    public ValueTask HeartbeatAsync(ProcessInfo process, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) => No();

    public ValueTask RemoveProcessAsync(string processId, CancellationToken cancellationToken) => No();

    public ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(DateTimeOffset now, CancellationToken cancellationToken) => No<IReadOnlyList<ProcessInfo>>();

    public ValueTask IncrementStatsAsync(long processed, long failed, DateOnly day, CancellationToken cancellationToken) => No();

    public ValueTask<JobStats> GetStatsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken) => No<JobStats>();

    public ValueTask<QueueCounts> GetQueueCountsAsync(string queue, CancellationToken cancellationToken) => No<QueueCounts>();

    public ValueTask<IReadOnlyList<StoredPayload>> GetPageAsync(string queue, PayloadSet kind, int start, int count, CancellationToken cancellationToken) => No<IReadOnlyList<StoredPayload>>();

    public ValueTask<bool> DeleteDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, CancellationToken cancellationToken) => No<bool>();

    public ValueTask<bool> RetryDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => No<bool>();

    public ValueTask SetQueuePausedAsync(string queue, bool paused, CancellationToken cancellationToken) => No();

    public ValueTask<IReadOnlyList<string>> GetPausedQueuesAsync(CancellationToken cancellationToken) => No<IReadOnlyList<string>>();

    public ValueTask<long> ClearReadyAsync(string queue, CancellationToken cancellationToken) => No<long>();

    public ValueTask<bool> RemoveScheduledAsync(string queue, ReadOnlyMemory<byte> payload, bool runNow, CancellationToken cancellationToken) => No<bool>();

    public ValueTask SignalProcessAsync(string processId, ProcessSignal signal, CancellationToken cancellationToken) => No();

    public ValueTask<ProcessSignal> GetProcessSignalAsync(string processId, CancellationToken cancellationToken) => No<ProcessSignal>();

    public ValueTask SaveScheduleAsync(StoredSchedule schedule, CancellationToken cancellationToken) => No();

    public ValueTask<IReadOnlyList<StoredSchedule>> GetSchedulesAsync(CancellationToken cancellationToken) => No<IReadOnlyList<StoredSchedule>>();

    public ValueTask<bool> RemoveScheduleAsync(string name, CancellationToken cancellationToken) => No<bool>();

    public ValueTask<bool> ClaimTickAsync(string schedule, string queue, DateTimeOffset tick, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => No<bool>();

    public ValueTask<bool> KillScheduledAsync(string queue, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken) => No<bool>();

    // Takes every unique lock: measures the client's side of a unique enqueue (key hash, envelope field), not a storage.
    public ValueTask<string?> EnqueueUniqueAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset? dueAt, UniqueLock uniqueLock, DateTimeOffset now, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<bool> ReleaseUniqueAsync(string queue, string key, string jobId, CancellationToken cancellationToken) => No<bool>();

    private static ValueTask No() => throw new NotSupportedException("The discarding storage only takes enqueues.");

    private static ValueTask<T> No<T>() => throw new NotSupportedException("The discarding storage only takes enqueues.");
}
