namespace JobGen.Storage.InMemory;

/// <summary>Operator controls of the in-memory storage: paused queues, clearing, scheduled removal, process signals.</summary>
public sealed partial class InMemoryJobStorage
{
    private readonly HashSet<string> _paused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProcessSignal> _signals = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask SetQueuePausedAsync(string queue, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        lock (_gate)
        {
            _ = paused ? _paused.Add(queue) : _paused.Remove(queue);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetPausedQueuesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<string>>([.. _paused]);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> ClearReadyAsync(string queue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var q))
            {
                return ValueTask.FromResult(0L);
            }

            long count = q.Ready.Count;
            q.Ready.Clear();
            return ValueTask.FromResult(count);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveScheduledAsync(string queue, ReadOnlyMemory<byte> payload, bool runNow, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var q) || q.RemoveScheduled(payload.Span) is not { } removed)
            {
                return ValueTask.FromResult(false);
            }

            if (!runNow)
            {
                return ValueTask.FromResult(true);
            }

            q.Ready.AddFirst(removed);
        }

        Signal();
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask<bool> KillScheduledAsync(string queue, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var q) || q.RemoveScheduled(payload.Span) is null)
            {
                return ValueTask.FromResult(false);
            }

            q.AddDead(deadRecord.ToArray(), now, limits);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask SignalProcessAsync(string processId, ProcessSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processId);
        lock (_gate)
        {
            _signals[processId] = signal;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ProcessSignal> GetProcessSignalAsync(string processId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_signals.TryGetValue(processId, out var signal) ? signal : ProcessSignal.None);
        }
    }
}
