namespace JobGen.Storage.InMemory;

/// <summary>Unique locks (docs/flow-control.md): taken together with the enqueue under the storage's one lock.</summary>
public sealed partial class InMemoryJobStorage
{
    private readonly Dictionary<(string Queue, string Key), (string JobId, DateTimeOffset? ExpiresAt)> _uniqueLocks = [];

    /// <inheritdoc />
    public ValueTask<string?> EnqueueUniqueAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset? dueAt, UniqueLock uniqueLock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        lock (_gate)
        {
            var name = (queue, uniqueLock.Key);
            if (_uniqueLocks.TryGetValue(name, out var held) && !(held.ExpiresAt <= now))
            {
                return ValueTask.FromResult<string?>(held.JobId);
            }

            _uniqueLocks[name] = (uniqueLock.JobId, uniqueLock.ExpiresAt);
            if (dueAt is { } due)
            {
                QueueOf(queue).AddScheduled(payload.ToArray(), due);
            }
            else
            {
                QueueOf(queue).Ready.AddLast(payload.ToArray());
            }
        }

        if (dueAt is null)
        {
            Signal();
        }

        return ValueTask.FromResult<string?>(null);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseUniqueAsync(string queue, string key, string jobId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var name = (queue, key);
            var released = _uniqueLocks.TryGetValue(name, out var held) && string.Equals(held.JobId, jobId, StringComparison.Ordinal) && _uniqueLocks.Remove(name);
            return ValueTask.FromResult(released);
        }
    }
}
