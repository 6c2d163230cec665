namespace JobGen.Storage;

/// <summary>
/// Where jobs live. Implementations move opaque payloads (encoded envelopes) between per-queue structures:
/// <c>ready</c> (waiting), <c>inflight</c> (leased to a worker until a deadline), <c>scheduled</c> (due later,
/// retries included) and <c>dead</c>. Every operation on one queue is atomic, and every one of them touches only
/// that queue's keys, so the Redis implementation is single-slot and runs on Redis Cluster.
/// Time is always passed in by the caller (the worker's <see cref="TimeProvider"/>), never read by the storage.
/// </summary>
public interface IJobStorage
{
    /// <summary>Makes a payload ready on <paramref name="queue"/>.</summary>
    ValueTask EnqueueAsync(string queue, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Makes many payloads ready, pipelined; each item's queue is its own.</summary>
    ValueTask EnqueueManyAsync(IReadOnlyList<QueuedPayload> payloads, CancellationToken cancellationToken);

    /// <summary>Adds a payload to the queue's scheduled set, due at <paramref name="dueAt"/>.</summary>
    ValueTask ScheduleAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> ready payloads, trying <paramref name="queues"/> in the order given and
    /// moving each atomically from ready to in-flight with the lease deadline. When every queue is empty it waits up to
    /// <paramref name="wait"/> for work to arrive (without busy polling where the storage can block) and may return none.
    /// </summary>
    ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>The job finished: drops its lease. Returns false when the lease had already been rescued.</summary>
    ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Acks many finished jobs (of any queues) in as few round trips as the storage allows; element <c>i</c> of the
    /// result tells whether <c>jobs[i]</c>'s lease was still held, like <see cref="AckAsync"/>. The default acks one
    /// by one, all at once (as concurrent processors would); the built-in storages override it (Redis: one script call
    /// per queue and chunk).
    /// </summary>
    async ValueTask<bool[]> AckManyAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var pending = new Task<bool>[jobs.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = AckAsync(jobs[i], cancellationToken).AsTask();
        }

        return await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>Atomically drops the lease and schedules <paramref name="retryPayload"/> at <paramref name="dueAt"/>.</summary>
    ValueTask RetryAsync(FetchedJob job, ReadOnlyMemory<byte> retryPayload, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Atomically drops the lease and adds <paramref name="deadRecord"/> (an encoded <see cref="DeadJob"/>) to the queue's dead set, trimming it by count and age.</summary>
    ValueTask KillAsync(FetchedJob job, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken);

    /// <summary>Returns leased payloads to the front of their ready lists (graceful shutdown).</summary>
    ValueTask RequeueAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken);

    /// <summary>Extends the leases of running jobs; leases already rescued are left alone.</summary>
    ValueTask RenewLeasesAsync(IReadOnlyList<FetchedJob> jobs, DateTimeOffset leaseDeadline, CancellationToken cancellationToken);

    /// <summary>Moves up to <paramref name="max"/> scheduled payloads due by <paramref name="now"/> to ready. Safe to run from many processes at once.</summary>
    ValueTask<int> PromoteDueAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Returns up to <paramref name="max"/> payloads whose lease expired before <paramref name="now"/> to ready.</summary>
    ValueTask<int> RescueExpiredAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Every queue that has ever been enqueued to (the registry the poller and the operator API walk).</summary>
    ValueTask<IReadOnlyList<string>> GetQueuesAsync(CancellationToken cancellationToken);

    // ---- processes, stats and the operator API ----

    /// <summary>Registers or refreshes a worker process; it is dropped when not refreshed within <paramref name="ttl"/>.</summary>
    ValueTask HeartbeatAsync(ProcessInfo process, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deregisters a worker process (graceful shutdown).</summary>
    ValueTask RemoveProcessAsync(string processId, CancellationToken cancellationToken);

    /// <summary>The worker processes whose heartbeat has not expired at <paramref name="now"/>.</summary>
    ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds to the processed and failed totals, overall and for <paramref name="day"/> (UTC).</summary>
    ValueTask IncrementStatsAsync(long processed, long failed, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Processed and failed totals, overall and for each day of <paramref name="days"/>.</summary>
    ValueTask<JobStats> GetStatsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken);

    /// <summary>Sizes of one queue's structures and its oldest ready payload (for latency), if any.</summary>
    ValueTask<QueueCounts> GetQueueCountsAsync(string queue, CancellationToken cancellationToken);

    /// <summary>A page of one queue's payloads of the given <paramref name="kind"/>, oldest first, with their scores
    /// (due time, lease deadline or death time; null for ready). Dead entries are encoded <see cref="DeadJob"/> records.</summary>
    ValueTask<IReadOnlyList<StoredPayload>> GetPageAsync(string queue, PayloadSet kind, int start, int count, CancellationToken cancellationToken);

    /// <summary>Removes one dead record; false when it was not there.</summary>
    ValueTask<bool> DeleteDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, CancellationToken cancellationToken);

    /// <summary>Atomically removes one dead record and makes <paramref name="payload"/> ready; false when the record was not there.</summary>
    ValueTask<bool> RetryDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    // ---- operator controls (dashboard, CLI): queues, scheduled jobs, processes ----

    /// <summary>
    /// Pauses (<paramref name="paused"/> true) or resumes a queue. The flag is stored, so it outlives every process;
    /// workers read <see cref="GetPausedQueuesAsync"/> on every poll and do not fetch from a paused queue. Jobs can
    /// still be enqueued to it, and due scheduled jobs are still promoted to its ready list.
    /// </summary>
    ValueTask SetQueuePausedAsync(string queue, bool paused, CancellationToken cancellationToken);

    /// <summary>The queues paused now, in any order.</summary>
    ValueTask<IReadOnlyList<string>> GetPausedQueuesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes every ready payload of <paramref name="queue"/> at once (in-flight, scheduled and dead are kept); returns how many were deleted.</summary>
    ValueTask<long> ClearReadyAsync(string queue, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically removes one payload from the queue's scheduled set and, when <paramref name="runNow"/>, puts it at
    /// the front of ready (run now) instead of dropping it (delete). False when it was not scheduled any more.
    /// </summary>
    ValueTask<bool> RemoveScheduledAsync(string queue, ReadOnlyMemory<byte> payload, bool runNow, CancellationToken cancellationToken);

    /// <summary>
    /// Leaves a signal for a worker process (quiet: stop fetching; stop: shut the worker down), read by that
    /// process's heartbeat with <see cref="GetProcessSignalAsync"/>. The latest signal wins; it lives as long as the
    /// process's registration.
    /// </summary>
    ValueTask SignalProcessAsync(string processId, ProcessSignal signal, CancellationToken cancellationToken);

    /// <summary>The signal left for a process, <see cref="ProcessSignal.None"/> when none.</summary>
    ValueTask<ProcessSignal> GetProcessSignalAsync(string processId, CancellationToken cancellationToken);

    // ---- recurring schedules (docs/recurring.md) ----

    /// <summary>
    /// Adds or replaces the schedule named <see cref="StoredSchedule.Name"/>. Its last claimed tick is kept, also when
    /// the schedule moves to another queue.
    /// </summary>
    ValueTask SaveScheduleAsync(StoredSchedule schedule, CancellationToken cancellationToken);

    /// <summary>Every schedule, with the last tick claimed on each (null when none was).</summary>
    ValueTask<IReadOnlyList<StoredSchedule>> GetSchedulesAsync(CancellationToken cancellationToken);

    /// <summary>Removes a schedule and its last claimed tick; false when there was none of that name.</summary>
    ValueTask<bool> RemoveScheduleAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// In one atomic step: if the last tick claimed on schedule <paramref name="schedule"/> is earlier than
    /// <paramref name="tick"/> (or there is none), records <paramref name="tick"/> as its last claimed tick and makes
    /// <paramref name="payload"/> ready on <paramref name="queue"/>, and returns true; otherwise changes nothing and
    /// returns false. However many processes race for a tick, exactly one gets true.
    /// </summary>
    ValueTask<bool> ClaimTickAsync(string schedule, string queue, DateTimeOffset tick, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    // ---- operator controls, continued ----

    /// <summary>
    /// Kills a scheduled job or retry: in one atomic step removes <paramref name="payload"/> from the queue's scheduled
    /// set and adds <paramref name="deadRecord"/> (an encoded <see cref="DeadJob"/>) to its dead set at
    /// <paramref name="now"/>, trimming the dead set as <see cref="KillAsync"/> does. False, and nothing changed, when
    /// the payload was not scheduled any more (promoted, run, deleted or killed meanwhile).
    /// </summary>
    ValueTask<bool> KillScheduledAsync(string queue, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken);

    // ---- flow control: unique jobs (docs/flow-control.md) ----

    /// <summary>
    /// In one atomic step on <paramref name="queue"/>: when no live lock named <see cref="UniqueLock.Key"/> is held
    /// there (none, or one that lapsed by <paramref name="now"/>), takes it for <see cref="UniqueLock.JobId"/> until
    /// <see cref="UniqueLock.ExpiresAt"/> and stores <paramref name="payload"/> (ready, or scheduled at
    /// <paramref name="dueAt"/>), returning null; otherwise stores nothing and returns the id of the job holding the
    /// lock. However many processes race, one payload is stored. Storages without unique jobs throw
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    ValueTask<string?> EnqueueUniqueAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset? dueAt, UniqueLock uniqueLock, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not support unique jobs.");

    /// <summary>Releases the unique lock <paramref name="key"/> of <paramref name="queue"/> if job <paramref name="jobId"/> holds it; false when it did not (lapsed, or taken by another job since).</summary>
    ValueTask<bool> ReleaseUniqueAsync(string queue, string key, string jobId, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not support unique jobs.");
}

/// <summary>A payload and the queue it goes to.</summary>
public readonly record struct QueuedPayload(string Queue, ReadOnlyMemory<byte> Payload);

/// <summary>Caps on a queue's dead set, applied on every kill: like Sidekiq, 10,000 jobs and 6 months.</summary>
/// <param name="MaxJobs">Most dead jobs kept per queue.</param>
/// <param name="MaxAge">Oldest dead job kept.</param>
public readonly record struct DeadSetLimits(int MaxJobs, TimeSpan MaxAge)
{
    /// <summary>10,000 jobs, 180 days.</summary>
    public static DeadSetLimits Default => new(10_000, TimeSpan.FromDays(180));
}
