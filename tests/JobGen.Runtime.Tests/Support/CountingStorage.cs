using JobGen.Storage;

namespace JobGen.Runtime.Tests.Support;

/// <summary>The real storage, with its fetch round trips counted.</summary>
public sealed class CountingStorage(IJobStorage inner) : IJobStorage
{
    private int _fetches;

    public IJobStorage Inner => inner;

    public int Fetches => Volatile.Read(ref _fetches);

    public ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        return inner.FetchAsync(queues, max, leaseDeadline, wait, cancellationToken);
    }

    public ValueTask EnqueueAsync(string queue, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => inner.EnqueueAsync(queue, payload, cancellationToken);

    public ValueTask EnqueueManyAsync(IReadOnlyList<QueuedPayload> payloads, CancellationToken cancellationToken) => inner.EnqueueManyAsync(payloads, cancellationToken);

    public ValueTask ScheduleAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, CancellationToken cancellationToken) => inner.ScheduleAsync(queue, payload, dueAt, cancellationToken);

    public ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken) => inner.AckAsync(job, cancellationToken);

    public ValueTask RetryAsync(FetchedJob job, ReadOnlyMemory<byte> retryPayload, DateTimeOffset dueAt, CancellationToken cancellationToken) => inner.RetryAsync(job, retryPayload, dueAt, cancellationToken);

    public ValueTask KillAsync(FetchedJob job, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken) => inner.KillAsync(job, deadRecord, now, limits, cancellationToken);

    public ValueTask RequeueAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken) => inner.RequeueAsync(jobs, cancellationToken);

    public ValueTask RenewLeasesAsync(IReadOnlyList<FetchedJob> jobs, DateTimeOffset leaseDeadline, CancellationToken cancellationToken) => inner.RenewLeasesAsync(jobs, leaseDeadline, cancellationToken);

    public ValueTask<int> PromoteDueAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.PromoteDueAsync(queue, now, max, cancellationToken);

    public ValueTask<int> RescueExpiredAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.RescueExpiredAsync(queue, now, max, cancellationToken);

    public ValueTask<IReadOnlyList<string>> GetQueuesAsync(CancellationToken cancellationToken) => inner.GetQueuesAsync(cancellationToken);

    public ValueTask HeartbeatAsync(ProcessInfo process, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken) => inner.HeartbeatAsync(process, ttl, now, cancellationToken);

    public ValueTask RemoveProcessAsync(string processId, CancellationToken cancellationToken) => inner.RemoveProcessAsync(processId, cancellationToken);

    public ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.GetProcessesAsync(now, cancellationToken);

    public ValueTask IncrementStatsAsync(long processed, long failed, DateOnly day, CancellationToken cancellationToken) => inner.IncrementStatsAsync(processed, failed, day, cancellationToken);

    public ValueTask<JobStats> GetStatsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken) => inner.GetStatsAsync(days, cancellationToken);

    public ValueTask<QueueCounts> GetQueueCountsAsync(string queue, CancellationToken cancellationToken) => inner.GetQueueCountsAsync(queue, cancellationToken);

    public ValueTask<IReadOnlyList<StoredPayload>> GetPageAsync(string queue, PayloadSet kind, int start, int count, CancellationToken cancellationToken) => inner.GetPageAsync(queue, kind, start, count, cancellationToken);

    public ValueTask<bool> DeleteDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, CancellationToken cancellationToken) => inner.DeleteDeadAsync(queue, deadRecord, cancellationToken);

    public ValueTask<bool> RetryDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => inner.RetryDeadAsync(queue, deadRecord, payload, cancellationToken);
}
