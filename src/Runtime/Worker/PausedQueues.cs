using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// The queues an operator paused, as last read from the storage: read before the first fetch and again on every
/// poll, so a pause reaches every worker within one poll interval. The fetcher leaves paused queues out of its order.
/// </summary>
internal sealed class PausedQueues
{
    private volatile HashSet<string>? _paused; // null until first read

    /// <summary>True once the storage has been read at least once.</summary>
    public bool Loaded => _paused is not null;

    public async ValueTask RefreshAsync(IJobStorage storage, CancellationToken cancellationToken)
    {
        var paused = await storage.GetPausedQueuesAsync(cancellationToken).ConfigureAwait(false);
        _paused = new HashSet<string>(paused, StringComparer.Ordinal);
    }

    /// <summary><paramref name="order"/> without the paused queues (the same list when none is paused).</summary>
    public IReadOnlyList<string> Filter(IReadOnlyList<string> order)
    {
        var paused = _paused;
        if (paused is null || paused.Count == 0)
        {
            return order;
        }

        var open = new List<string>(order.Count);
        foreach (var queue in order)
        {
            if (!paused.Contains(queue))
            {
                open.Add(queue);
            }
        }

        return open;
    }
}
