using System.Runtime.CompilerServices;
using System.Text;
using JobGen.Storage;

namespace JobGen;

// Paged, filtered lists (scheduled, retries, dead) and finding one job by its id. Every read is a slice of the
// storage's set; a filter or a search scans slices in list order and stops at MaxScan entries.
public sealed partial class JobMonitor
{
    /// <summary>Most entries one filtered list, bulk action or search reads from a set.</summary>
    public const int MaxScan = 20_000;

    private const int ScanChunk = 500;

    /// <summary>A page of a queue's scheduled jobs (scheduled by their client, retries excluded), soonest due first.</summary>
    public ValueTask<JobPage<ScheduledJobEntry>> GetScheduledPageAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        ScanPageAsync<ScheduledJobEntry>(query, JobList.Scheduled, cancellationToken);

    /// <summary>A page of a queue's retries (failed jobs waiting for their next attempt), soonest due first.</summary>
    public ValueTask<JobPage<ScheduledJobEntry>> GetRetryPageAsync(JobQuery query, CancellationToken cancellationToken = default) =>
        ScanPageAsync<ScheduledJobEntry>(query, JobList.Retries, cancellationToken);

    /// <summary>A page of a queue's dead jobs, newest death first.</summary>
    public async ValueTask<JobPage<DeadJobEntry>> GetDeadPageAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, 500);
        if (query.IsFiltered)
        {
            return await ScanPageAsync<DeadJobEntry>(query, JobList.Dead, cancellationToken).ConfigureAwait(false);
        }

        // Unfiltered: one slice counted back from the newest end.
        var total = (await _storage.GetQueueCountsAsync(query.Queue, cancellationToken).ConfigureAwait(false)).Dead;
        var end = total - ((long)Math.Max(0, query.Page) * size);
        var start = Math.Max(0, end - size);
        IReadOnlyList<DeadJobEntry> items = [];
        if (end > 0)
        {
            var slice = await _storage.GetPageAsync(query.Queue, PayloadSet.Dead, (int)start, (int)(end - start), cancellationToken).ConfigureAwait(false);
            items = [.. slice.Reverse().Select(p => ToDead(p.Payload)).OfType<DeadJobEntry>()];
        }

        return new JobPage<DeadJobEntry>(items, query.Page, size, total, start > 0);
    }

    /// <summary>
    /// Finds a job by its id on <paramref name="queue"/> (every queue when null), looking in <paramref name="hint"/>
    /// first, then in the dead, scheduled, in-flight and ready sets; null when it is in none of them (each set is
    /// searched up to <see cref="MaxScan"/> entries, so a ready job deep in a long queue may not be found).
    /// <paramref name="position"/>, with a queue and a hint, is where the job was last seen in that set's list order
    /// (dead: newest first): the entries around it are read first, so a link from a page finds its job in one slice.
    /// </summary>
    public async ValueTask<FoundJob?> FindJobAsync(string id, string? queue = null, PayloadSet? hint = null, long? position = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (queue is not null && hint is { } near && position is >= 0 and < int.MaxValue
            && await FindNearAsync(id, queue, near, position.Value, cancellationToken).ConfigureAwait(false) is { } quick)
        {
            return quick;
        }

        IReadOnlyList<string> queues = queue is null ? await _storage.GetQueuesAsync(cancellationToken).ConfigureAwait(false) : [queue];
        PayloadSet[] order = [PayloadSet.Dead, PayloadSet.Scheduled, PayloadSet.InFlight, PayloadSet.Ready];
        if (hint is { } first)
        {
            order = [first, .. order.Where(s => s != first)];
        }

        var needle = Encoding.UTF8.GetBytes(id);
        foreach (var set in order)
        {
            foreach (var name in queues)
            {
                await foreach (var stored in ScanAsync(name, set, set == PayloadSet.Dead, cancellationToken).ConfigureAwait(false))
                {
                    if (Match(stored, needle, id, name, set) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    private async ValueTask<FoundJob?> FindNearAsync(string id, string queue, PayloadSet set, long position, CancellationToken cancellationToken)
    {
        const int Around = 10;
        var index = position;
        if (set == PayloadSet.Dead)
        {
            index = (await _storage.GetQueueCountsAsync(queue, cancellationToken).ConfigureAwait(false)).Dead - 1 - position;
        }

        var start = (int)Math.Clamp(index - Around, 0, int.MaxValue);
        var slice = await _storage.GetPageAsync(queue, set, start, (2 * Around) + 1, cancellationToken).ConfigureAwait(false);
        var needle = Encoding.UTF8.GetBytes(id);
        foreach (var stored in slice)
        {
            if (Match(stored, needle, id, queue, set) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static FoundJob? Match(StoredPayload stored, byte[] needle, string id, string queue, PayloadSet set)
    {
        if (stored.Payload.Span.IndexOf(needle) < 0)
        {
            return null; // the id is in the stored bytes as UTF-8: only a hit is decoded
        }

        if (set == PayloadSet.Dead)
        {
            return ToDead(stored.Payload) is { } dead && dead.Dead.JobId == id
                ? new FoundJob(queue, set, dead.Envelope, stored.Score, dead.Dead, stored.Payload)
                : null;
        }

        return TryDecode(stored.Payload) is { } envelope && envelope.Id == id
            ? new FoundJob(queue, set, envelope, stored.Score, null, stored.Payload)
            : null;
    }

    private async ValueTask<JobPage<T>> ScanPageAsync<T>(JobQuery query, JobList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, 500);
        var skip = (long)Math.Max(0, query.Page) * size;
        var items = new List<T>(size);
        var hasNext = false;
        await foreach (var entry in MatchingAsync(list, query, cancellationToken).ConfigureAwait(false))
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (items.Count == size)
            {
                hasNext = true;
                break;
            }

            items.Add((T)entry);
        }

        return new JobPage<T>(items, query.Page, size, null, hasNext);
    }

    /// <summary>The entries of <paramref name="list"/> that match <paramref name="filter"/> (its page is ignored), in list order.</summary>
    private async IAsyncEnumerable<object> MatchingAsync(JobList list, JobQuery filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var set = list == JobList.Dead ? PayloadSet.Dead : PayloadSet.Scheduled;
        var job = filter.Job is null ? null : Encoding.UTF8.GetBytes(filter.Job); // as above: skip non-matching bytes undecoded
        await foreach (var stored in ScanAsync(filter.Queue, set, list == JobList.Dead, cancellationToken).ConfigureAwait(false))
        {
            if (job is not null && stored.Payload.Span.IndexOf(job) < 0)
            {
                continue;
            }

            if (list == JobList.Dead)
            {
                if (ToDead(stored.Payload) is { } dead
                    && (filter.Job is null || dead.Dead.Job == filter.Job)
                    && (filter.Reason is null || dead.Dead.Reason == filter.Reason))
                {
                    yield return dead;
                }

                continue;
            }

            var entry = new ScheduledJobEntry(filter.Queue, stored.Score ?? default, TryDecode(stored.Payload), stored.Payload);
            if (entry.IsRetry == (list == JobList.Retries) && (filter.Job is null || entry.Envelope?.Job == filter.Job))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Reads a set slice by slice (newest first when asked), at most <see cref="MaxScan"/> entries.</summary>
    private async IAsyncEnumerable<StoredPayload> ScanAsync(string queue, PayloadSet set, bool newestFirst, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long total = 0;
        if (newestFirst)
        {
            var counts = await _storage.GetQueueCountsAsync(queue, cancellationToken).ConfigureAwait(false);
            total = set switch { PayloadSet.Dead => counts.Dead, PayloadSet.Scheduled => counts.Scheduled, PayloadSet.InFlight => counts.InFlight, _ => counts.Ready };
        }

        var scanned = 0;
        while (scanned < MaxScan)
        {
            int start, count = ScanChunk;
            if (newestFirst)
            {
                var end = total - scanned;
                if (end <= 0)
                {
                    yield break;
                }

                start = (int)Math.Max(0, end - ScanChunk);
                count = (int)(end - start);
            }
            else
            {
                start = scanned;
            }

            var chunk = await _storage.GetPageAsync(queue, set, start, count, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Count; i++)
            {
                yield return chunk[newestFirst ? chunk.Count - 1 - i : i];
            }

            scanned += chunk.Count;
            if (chunk.Count < count)
            {
                yield break;
            }
        }
    }

    private static DeadJobEntry? ToDead(ReadOnlyMemory<byte> record)
    {
        try
        {
            var dead = DeadJob.Deserialize(record);
            return new DeadJobEntry(dead, TryDecode(dead.Payload), record);
        }
        catch (JobPayloadException)
        {
            return null; // not ours; nothing an operator can do with it here
        }
    }
}
