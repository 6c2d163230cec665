using JobGen.Storage;

namespace JobGen;

/// <summary>
/// Which jobs of one queue's scheduled, retry or dead list to show or act on: a page, optionally narrowed to one job
/// id and (dead jobs) one reason. Pages are read from the storage in slices; a filtered list is scanned in list order
/// up to <see cref="JobMonitor.MaxScan"/> entries, so no request reads a whole set.
/// </summary>
public sealed record JobQuery
{
    /// <summary>The queue whose list is read.</summary>
    public required string Queue { get; init; }

    /// <summary>Zero-based page number.</summary>
    public int Page { get; init; }

    /// <summary>Entries per page (1 to 500). Default 25.</summary>
    public int PageSize { get; init; } = 25;

    /// <summary>Only entries of this stable job id, when set.</summary>
    public string? Job { get; init; }

    /// <summary>Only dead entries that died for this reason, when set (ignored for scheduled jobs and retries).</summary>
    public DeathReason? Reason { get; init; }

    /// <summary>True when a filter narrows the list (then totals are not known without a scan).</summary>
    public bool IsFiltered => Job is not null || Reason is not null;
}

/// <summary>One page of a list.</summary>
/// <param name="Items">The entries, in list order.</param>
/// <param name="Page">The zero-based page number.</param>
/// <param name="PageSize">The page size asked for.</param>
/// <param name="Total">Entries in the whole list when known (an unfiltered list), else null.</param>
/// <param name="HasNext">True when a later page has entries.</param>
public sealed record JobPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long? Total, bool HasNext);

/// <summary>A job found by its id: where it is and what is stored.</summary>
/// <param name="Queue">The queue it is on.</param>
/// <param name="Set">The structure holding it.</param>
/// <param name="Envelope">Its envelope (null when undecodable).</param>
/// <param name="Score">When it is due (scheduled), its lease deadline (in flight) or when it died (dead); null when ready.</param>
/// <param name="Dead">Its dead record, for a dead job.</param>
/// <param name="Stored">The stored bytes (the dead record for a dead job): its identity for the storage.</param>
public sealed record FoundJob(string Queue, PayloadSet Set, JobEnvelope? Envelope, DateTimeOffset? Score, DeadJob? Dead, ReadOnlyMemory<byte> Stored);
