using JobGen.Storage;

namespace JobGen;

/// <summary>
/// The operator API over any <see cref="IJobStorage"/>: queue sizes and latency, pages of scheduled, retry and
/// dead jobs with their envelopes decoded, finding a job by id, pausing and clearing queues, running, retrying or
/// deleting listed jobs (one, a selection or every match of a filter), signalling processes, live processes and stats. Used by
/// tests and by the dashboard and CLI. Registered by <c>AddJobGen</c>.
/// </summary>
public sealed partial class JobMonitor
{
    private readonly IJobStorage _storage;
    private readonly TimeProvider _time;
    private EnvelopeSigner? _signer;

    /// <summary>A monitor over <paramref name="storage"/>; latencies are measured against <paramref name="time"/>.</summary>
    public JobMonitor(IJobStorage storage, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The caps applied to a dead set when a job is killed from here (the app's <c>DeadJobsMaxCount</c>/<c>DeadJobsMaxAge</c> when registered by <c>AddJobGen</c>).</summary>
    public DeadSetLimits DeadSetLimits { get; init; } = DeadSetLimits.Default;

    /// <summary>Signs retried dead jobs (JobGen:Security:SigningKeys; set by <c>AddJobGen</c>) after checking their old signature.</summary>
    internal EnvelopeSigner? Signer { get => _signer; init => _signer = value; }

    /// <summary>Every known queue with its sizes and latency.</summary>
    public async ValueTask<IReadOnlyList<QueueSummary>> GetQueuesAsync(CancellationToken cancellationToken = default)
    {
        var names = await _storage.GetQueuesAsync(cancellationToken).ConfigureAwait(false);
        var paused = await _storage.GetPausedQueuesAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<QueueSummary>(names.Count);
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            result.Add(await SummarizeAsync(name, paused.Contains(name, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>One queue's sizes, and its latency: how long its oldest ready job has waited (zero when none).</summary>
    public async ValueTask<QueueSummary> GetQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        var paused = await _storage.GetPausedQueuesAsync(cancellationToken).ConfigureAwait(false);
        return await SummarizeAsync(queue, paused.Contains(queue, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<QueueSummary> SummarizeAsync(string queue, bool paused, CancellationToken cancellationToken)
    {
        var counts = await _storage.GetQueueCountsAsync(queue, cancellationToken).ConfigureAwait(false);
        var latency = TimeSpan.Zero;
        if (counts.OldestReady is { } oldest && TryDecode(oldest) is { } envelope)
        {
            var waited = _time.GetUtcNow() - envelope.EnqueuedAt;
            latency = waited > TimeSpan.Zero ? waited : TimeSpan.Zero;
        }

        return new QueueSummary(queue, counts.Ready, counts.InFlight, counts.Scheduled, counts.Dead, latency) { IsPaused = paused };
    }

    /// <summary>A page of a queue's scheduled set (delayed jobs and retries), soonest first.</summary>
    public async ValueTask<IReadOnlyList<ScheduledJobEntry>> GetScheduledAsync(string queue, int start = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        var page = await _storage.GetPageAsync(queue, PayloadSet.Scheduled, start, count, cancellationToken).ConfigureAwait(false);
        return [.. page.Select(p => new ScheduledJobEntry(queue, p.Score ?? default, TryDecode(p.Payload), p.Payload))];
    }

    /// <summary>The retries among a page of the scheduled set (jobs that failed at least once).</summary>
    public async ValueTask<IReadOnlyList<ScheduledJobEntry>> GetRetriesAsync(string queue, int start = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        var page = await GetScheduledAsync(queue, start, count, cancellationToken).ConfigureAwait(false);
        return [.. page.Where(e => e.IsRetry)];
    }

    /// <summary>A page of a queue's ready jobs, next to run first.</summary>
    public async ValueTask<IReadOnlyList<JobEnvelope?>> GetReadyAsync(string queue, int start = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        var page = await _storage.GetPageAsync(queue, PayloadSet.Ready, start, count, cancellationToken).ConfigureAwait(false);
        return [.. page.Select(p => TryDecode(p.Payload))];
    }

    /// <summary>A page of a queue's running jobs (in-flight leases), soonest lease deadline first.</summary>
    public async ValueTask<IReadOnlyList<RunningJobEntry>> GetInFlightAsync(string queue, int start = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        var page = await _storage.GetPageAsync(queue, PayloadSet.InFlight, start, count, cancellationToken).ConfigureAwait(false);
        return [.. page.Select(p => new RunningJobEntry(queue, p.Score ?? default, TryDecode(p.Payload)))];
    }

    /// <summary>A page of a queue's dead set, oldest death first.</summary>
    public async ValueTask<IReadOnlyList<DeadJobEntry>> GetDeadAsync(string queue, int start = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        var page = await _storage.GetPageAsync(queue, PayloadSet.Dead, start, count, cancellationToken).ConfigureAwait(false);
        var result = new List<DeadJobEntry>(page.Count);
        foreach (var item in page)
        {
            DeadJob record;
            try
            {
                record = DeadJob.Deserialize(item.Payload);
            }
            catch (JobPayloadException)
            {
                continue; // not ours; nothing an operator can do with it here
            }

            result.Add(new DeadJobEntry(record, TryDecode(record.Payload), item.Payload));
        }

        return result;
    }

    /// <summary>
    /// Puts a dead job back on its queue as a fresh run (attempts reset, enqueued now); false when it is no longer in
    /// the dead set or its payload cannot be decoded (an undecodable job can only be deleted).
    /// </summary>
    public async ValueTask<bool> RetryDeadAsync(DeadJobEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Envelope is not { } old)
        {
            return false;
        }

        // Signing on: only a job a listed key signed is signed again, so retrying a forged job cannot launder it.
        if (_signer is not null && _signer.Verify(entry.Dead.Payload.Span, old) is not null)
        {
            return false;
        }

        var fresh = new JobEnvelope
        {
            Id = old.Id,
            Job = old.Job,
            Kind = old.Kind,
            Queue = old.Queue,
            Arguments = old.Arguments,
            CreatedAt = old.CreatedAt,
            EnqueuedAt = _time.GetUtcNow(),
            Attempt = 0,
            MaxAttempts = old.MaxAttempts,
            LastError = old.LastError,
            Headers = old.Headers,
        };
        return await _storage.RetryDeadAsync(entry.Dead.Queue, entry.Record, EnvelopeSerializer.Encode(fresh, _signer), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a dead job; false when it was no longer there.</summary>
    public ValueTask<bool> DeleteDeadAsync(DeadJobEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _storage.DeleteDeadAsync(entry.Dead.Queue, entry.Record, cancellationToken);
    }

    /// <summary>The worker processes alive now.</summary>
    public ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(CancellationToken cancellationToken = default) =>
        _storage.GetProcessesAsync(_time.GetUtcNow(), cancellationToken);

    /// <summary>Processed and failed totals, overall and for the last <paramref name="days"/> UTC days (today first).</summary>
    public ValueTask<JobStats> GetStatsAsync(int days = 7, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var list = new DateOnly[Math.Max(0, days)];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = today.AddDays(-i);
        }

        return _storage.GetStatsAsync(list, cancellationToken);
    }

    private static JobEnvelope? TryDecode(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return EnvelopeSerializer.Deserialize(payload);
        }
        catch (JobPayloadException)
        {
            return null;
        }
    }
}

/// <summary>One queue's sizes and latency (age of its oldest ready job).</summary>
public sealed record QueueSummary(string Queue, long Ready, long InFlight, long Scheduled, long Dead, TimeSpan Latency)
{
    /// <summary>True while the queue is paused (workers do not fetch from it).</summary>
    public bool IsPaused { get; init; }
}

/// <summary>A scheduled job: when it is due and its envelope (null if undecodable).</summary>
public sealed record ScheduledJobEntry(string Queue, DateTimeOffset DueAt, JobEnvelope? Envelope, ReadOnlyMemory<byte> Payload)
{
    /// <summary>True for a retry of a failed job, false for a job scheduled by its client.</summary>
    public bool IsRetry => Envelope is { Attempt: > 0 };
}

/// <summary>A running job: its lease deadline (renewed while it runs) and its envelope (null if undecodable).</summary>
public sealed record RunningJobEntry(string Queue, DateTimeOffset LeaseDeadline, JobEnvelope? Envelope);

/// <summary>A dead job: its record, its envelope (null if undecodable) and the stored record bytes (its identity).</summary>
public sealed record DeadJobEntry(DeadJob Dead, JobEnvelope? Envelope, ReadOnlyMemory<byte> Record);
