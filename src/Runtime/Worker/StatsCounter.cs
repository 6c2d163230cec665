using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Processed and failed counts, added in memory by the processors and written to the storage in one call per
/// flush (every second and at shutdown), so counting costs no round trip per job. Sidekiq's meaning:
/// processed counts every finished run, failed ones included.
/// </summary>
internal sealed class StatsCounter
{
    private long _processed;
    private long _failed;

    public void Add(bool failed)
    {
        Interlocked.Increment(ref _processed);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public async ValueTask FlushAsync(IJobStorage storage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var processed = Interlocked.Exchange(ref _processed, 0);
        var failed = Interlocked.Exchange(ref _failed, 0);
        if (processed == 0 && failed == 0)
        {
            return;
        }

        try
        {
            await storage.IncrementStatsAsync(processed, failed, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Put them back for the next flush.
            Interlocked.Add(ref _processed, processed);
            Interlocked.Add(ref _failed, failed);
            throw;
        }
    }
}
