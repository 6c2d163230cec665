namespace JobGen.Storage.InMemory;

/// <summary>Processes, stats and the operator API of the in-memory storage: the same semantics as Redis.</summary>
public sealed partial class InMemoryJobStorage
{
    private readonly Dictionary<string, (ProcessInfo Info, DateTimeOffset ExpiresAt)> _processes = new(StringComparer.Ordinal);
    private readonly Dictionary<DateOnly, (long Processed, long Failed)> _daily = [];
    private long _processed;
    private long _failed;

    /// <inheritdoc />
    public ValueTask HeartbeatAsync(ProcessInfo process, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        lock (_gate)
        {
            // A copy, as a remote storage keeps one: the caller's list may change after this call.
            var stored = process with { Running = [.. process.Running.Take(ProcessInfo.MaxRunningReported)], LastHeartbeatAt = now };
            _processes[process.Id] = (stored, now + ttl);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RemoveProcessAsync(string processId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _processes.Remove(processId);
            _signals.Remove(processId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Like the Redis keys' TTL: an expired heartbeat is gone for good.
            foreach (var id in _processes.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList())
            {
                _processes.Remove(id);
            }

            IReadOnlyList<ProcessInfo> alive = [.. _processes.Values.Select(p => p.Info).OrderBy(p => p.Id, StringComparer.Ordinal)];
            return ValueTask.FromResult(alive);
        }
    }

    /// <inheritdoc />
    public ValueTask IncrementStatsAsync(long processed, long failed, DateOnly day, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _processed += processed;
            _failed += failed;
            _daily.TryGetValue(day, out var today);
            _daily[day] = (today.Processed + processed, today.Failed + failed);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<JobStats> GetStatsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var perDay = days.Select(d => _daily.TryGetValue(d, out var c) ? new DailyJobStats(d, c.Processed, c.Failed) : new DailyJobStats(d, 0, 0)).ToList();
            return ValueTask.FromResult(new JobStats(_processed, _failed, perDay));
        }
    }

    /// <inheritdoc />
    public ValueTask<QueueCounts> GetQueueCountsAsync(string queue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var q))
            {
                return ValueTask.FromResult(new QueueCounts(queue, 0, 0, 0, 0, null));
            }

            ReadOnlyMemory<byte>? oldest = null; // not a null byte[]: that converts to an empty memory
            if (q.Ready.First is { } first)
            {
                oldest = first.Value;
            }

            return ValueTask.FromResult(new QueueCounts(queue, q.Ready.Count, q.InFlight.Count, q.Scheduled.Count, q.Dead.Count, oldest));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredPayload>> GetPageAsync(string queue, PayloadSet kind, int start, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var q))
            {
                return ValueTask.FromResult<IReadOnlyList<StoredPayload>>([]);
            }

            IEnumerable<StoredPayload> all = kind switch
            {
                PayloadSet.Ready => q.Ready.Select(p => new StoredPayload(p, null)),
                PayloadSet.InFlight => q.InFlight.OrderBy(p => p.Value).Select(p => new StoredPayload(p.Key.Payload, p.Value)),
                PayloadSet.Scheduled => q.Scheduled.Select(p => new StoredPayload(p.Value, p.Key.Due)),
                PayloadSet.Dead => q.Dead.Select(p => new StoredPayload(p.Value, p.Key.DiedAt)),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            IReadOnlyList<StoredPayload> page = [.. all.Skip(start).Take(count)];
            return ValueTask.FromResult(page);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_queues.TryGetValue(queue, out var q) && q.RemoveDead(deadRecord.Span));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RetryDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var q) || !q.RemoveDead(deadRecord.Span))
            {
                return ValueTask.FromResult(false);
            }

            q.Ready.AddLast(payload.ToArray());
        }

        Signal();
        return ValueTask.FromResult(true);
    }
}
