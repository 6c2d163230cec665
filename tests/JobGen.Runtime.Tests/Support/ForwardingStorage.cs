using JobGen.Storage;

namespace JobGen.Runtime.Tests.Support;

/// <summary>
/// A storage that hands every call to <see cref="Inner"/>; test storages override what they count or hold. It does
/// not implement <see cref="IJobStorage.AckManyAsync"/>: a derived storage that does not either gets the interface's
/// default (one <see cref="AckAsync"/> per job), as a third-party storage would.
/// </summary>
public abstract class ForwardingStorage(IJobStorage inner) : IJobStorage
{
    public IJobStorage Inner => inner;

    public virtual ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken) => inner.FetchAsync(queues, max, leaseDeadline, wait, cancellationToken);

    public virtual ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken) => inner.AckAsync(job, cancellationToken);

    public virtual ValueTask EnqueueAsync(string queue, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => inner.EnqueueAsync(queue, payload, cancellationToken);

    public virtual ValueTask EnqueueManyAsync(IReadOnlyList<QueuedPayload> payloads, CancellationToken cancellationToken) => inner.EnqueueManyAsync(payloads, cancellationToken);

    public virtual ValueTask ScheduleAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, CancellationToken cancellationToken) => inner.ScheduleAsync(queue, payload, dueAt, cancellationToken);

    public virtual ValueTask RetryAsync(FetchedJob job, ReadOnlyMemory<byte> retryPayload, DateTimeOffset dueAt, CancellationToken cancellationToken) => inner.RetryAsync(job, retryPayload, dueAt, cancellationToken);

    public virtual ValueTask KillAsync(FetchedJob job, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken) => inner.KillAsync(job, deadRecord, now, limits, cancellationToken);

    public virtual ValueTask RequeueAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken) => inner.RequeueAsync(jobs, cancellationToken);

    public virtual ValueTask RenewLeasesAsync(IReadOnlyList<FetchedJob> jobs, DateTimeOffset leaseDeadline, CancellationToken cancellationToken) => inner.RenewLeasesAsync(jobs, leaseDeadline, cancellationToken);

    public virtual ValueTask<int> PromoteDueAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.PromoteDueAsync(queue, now, max, cancellationToken);

    public virtual ValueTask<int> RescueExpiredAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.RescueExpiredAsync(queue, now, max, cancellationToken);

    public virtual ValueTask<IReadOnlyList<string>> GetQueuesAsync(CancellationToken cancellationToken) => inner.GetQueuesAsync(cancellationToken);

    public virtual ValueTask HeartbeatAsync(ProcessInfo process, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) => inner.HeartbeatAsync(process, ttl, now, cancellationToken);

    public virtual ValueTask RemoveProcessAsync(string processId, CancellationToken cancellationToken) => inner.RemoveProcessAsync(processId, cancellationToken);

    public virtual ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.GetProcessesAsync(now, cancellationToken);

    public virtual ValueTask IncrementStatsAsync(long processed, long failed, DateOnly day, CancellationToken cancellationToken) => inner.IncrementStatsAsync(processed, failed, day, cancellationToken);

    public virtual ValueTask<JobStats> GetStatsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken) => inner.GetStatsAsync(days, cancellationToken);

    public virtual ValueTask<QueueCounts> GetQueueCountsAsync(string queue, CancellationToken cancellationToken) => inner.GetQueueCountsAsync(queue, cancellationToken);

    public virtual ValueTask<IReadOnlyList<StoredPayload>> GetPageAsync(string queue, PayloadSet kind, int start, int count, CancellationToken cancellationToken) => inner.GetPageAsync(queue, kind, start, count, cancellationToken);

    public virtual ValueTask<bool> DeleteDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, CancellationToken cancellationToken) => inner.DeleteDeadAsync(queue, deadRecord, cancellationToken);

    public virtual ValueTask<bool> RetryDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => inner.RetryDeadAsync(queue, deadRecord, payload, cancellationToken);

    public virtual ValueTask SetQueuePausedAsync(string queue, bool paused, CancellationToken cancellationToken) => inner.SetQueuePausedAsync(queue, paused, cancellationToken);

    public virtual ValueTask<IReadOnlyList<string>> GetPausedQueuesAsync(CancellationToken cancellationToken) => inner.GetPausedQueuesAsync(cancellationToken);

    public virtual ValueTask<long> ClearReadyAsync(string queue, CancellationToken cancellationToken) => inner.ClearReadyAsync(queue, cancellationToken);

    public virtual ValueTask<bool> RemoveScheduledAsync(string queue, ReadOnlyMemory<byte> payload, bool runNow, CancellationToken cancellationToken) => inner.RemoveScheduledAsync(queue, payload, runNow, cancellationToken);

    public virtual ValueTask SignalProcessAsync(string processId, ProcessSignal signal, CancellationToken cancellationToken) => inner.SignalProcessAsync(processId, signal, cancellationToken);

    public virtual ValueTask<ProcessSignal> GetProcessSignalAsync(string processId, CancellationToken cancellationToken) => inner.GetProcessSignalAsync(processId, cancellationToken);

    public virtual ValueTask SaveScheduleAsync(StoredSchedule schedule, CancellationToken cancellationToken) => inner.SaveScheduleAsync(schedule, cancellationToken);

    public virtual ValueTask<IReadOnlyList<StoredSchedule>> GetSchedulesAsync(CancellationToken cancellationToken) => inner.GetSchedulesAsync(cancellationToken);

    public virtual ValueTask<bool> RemoveScheduleAsync(string name, CancellationToken cancellationToken) => inner.RemoveScheduleAsync(name, cancellationToken);

    public virtual ValueTask<bool> ClaimTickAsync(string schedule, string queue, DateTimeOffset tick, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => inner.ClaimTickAsync(schedule, queue, tick, payload, cancellationToken);

    public virtual ValueTask<bool> KillScheduledAsync(string queue, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken) => inner.KillScheduledAsync(queue, payload, deadRecord, now, limits, cancellationToken);

    public virtual ValueTask<string?> EnqueueUniqueAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset? dueAt, UniqueLock uniqueLock, DateTimeOffset now, CancellationToken cancellationToken) => inner.EnqueueUniqueAsync(queue, payload, dueAt, uniqueLock, now, cancellationToken);

    public virtual ValueTask<bool> ReleaseUniqueAsync(string queue, string key, string jobId, CancellationToken cancellationToken) => inner.ReleaseUniqueAsync(queue, key, jobId, cancellationToken);
}
