using JobGen.Storage;

namespace JobGen;

// What an operator can change: pause, resume and clear queues; run, retry, delete or kill listed jobs one by one,
// by selection or by filter; signal worker processes.
public sealed partial class JobMonitor
{
    /// <summary>Pauses a queue: every worker stops fetching from it within one poll interval; it stays paused across restarts.</summary>
    public ValueTask PauseQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        _storage.SetQueuePausedAsync(queue, true, cancellationToken);

    /// <summary>Resumes a paused queue.</summary>
    public ValueTask ResumeQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        _storage.SetQueuePausedAsync(queue, false, cancellationToken);

    /// <summary>The paused queues.</summary>
    public ValueTask<IReadOnlyList<string>> GetPausedQueuesAsync(CancellationToken cancellationToken = default) =>
        _storage.GetPausedQueuesAsync(cancellationToken);

    /// <summary>Deletes every job waiting on a queue (running, scheduled and dead jobs stay); returns how many.</summary>
    public ValueTask<long> ClearQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        _storage.ClearReadyAsync(queue, cancellationToken);

    /// <summary>Asks a worker process to stop fetching (quiet) or to shut its worker down (stop); its heartbeat reads it.</summary>
    public ValueTask SignalProcessAsync(string processId, ProcessSignal signal, CancellationToken cancellationToken = default) =>
        _storage.SignalProcessAsync(processId, signal, cancellationToken);

    /// <summary>The signal left for a process, if any.</summary>
    public ValueTask<ProcessSignal> GetProcessSignalAsync(string processId, CancellationToken cancellationToken = default) =>
        _storage.GetProcessSignalAsync(processId, cancellationToken);

    /// <summary>Moves a scheduled job or retry to the front of its queue; false when it is no longer scheduled.</summary>
    public ValueTask<bool> RunScheduledNowAsync(ScheduledJobEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _storage.RemoveScheduledAsync(entry.Queue, entry.Payload, runNow: true, cancellationToken);
    }

    /// <summary>Deletes a scheduled job or retry; false when it is no longer scheduled.</summary>
    public ValueTask<bool> DeleteScheduledAsync(ScheduledJobEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _storage.RemoveScheduledAsync(entry.Queue, entry.Payload, runNow: false, cancellationToken);
    }

    /// <summary>
    /// Kills a scheduled job or retry: it moves to the dead set in one step (reason <see cref="DeathReason.Discarded"/>,
    /// killed by an operator), from where it can be retried or deleted. False, and nothing changed, when it is no longer
    /// scheduled. The worker's death handlers are not called: no job ran.
    /// </summary>
    public ValueTask<bool> KillScheduledAsync(ScheduledJobEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var dead = new DeadJob
        {
            JobId = entry.Envelope?.Id ?? DeadJob.RawId(entry.Payload),
            Job = entry.Envelope?.Job,
            Queue = entry.Queue,
            DiedAt = _time.GetUtcNow(),
            Reason = DeathReason.Discarded,
            Message = entry.IsRetry
                ? "Killed by an operator while waiting for a retry. Last error: " + entry.Envelope!.LastError?.Split('\n', 2)[0]
                : "Killed by an operator while scheduled.",
            Payload = entry.Payload,
        };
        return _storage.KillScheduledAsync(entry.Queue, entry.Payload, dead.Serialize(), dead.DiedAt, DeadSetLimits, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="action"/> to the jobs of <paramref name="list"/> on <paramref name="filter"/>'s queue
    /// whose ids are in <paramref name="ids"/> (every job matching the filter when <paramref name="ids"/> is null),
    /// up to <see cref="MaxScan"/> of them. Returns how many were changed: a job that has left the list in the
    /// meantime is not counted and nothing happens to it.
    /// </summary>
    public async ValueTask<int> ApplyAsync(JobList list, JobQuery filter, JobAction action, IReadOnlyCollection<string>? ids = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var wanted = ids is null ? null : new HashSet<string>(ids, StringComparer.Ordinal);
        var targets = new List<object>();
        await foreach (var entry in MatchingAsync(list, filter, cancellationToken).ConfigureAwait(false))
        {
            if (wanted is null || (IdOf(entry) is { } id && wanted.Contains(id)))
            {
                targets.Add(entry); // collected first: acting while scanning would shift the slices
            }
        }

        var changed = 0;
        foreach (var target in targets)
        {
            var done = (target, action) switch
            {
                (DeadJobEntry dead, JobAction.RunNow) => await RetryDeadAsync(dead, cancellationToken).ConfigureAwait(false),
                (DeadJobEntry, JobAction.Kill) => false, // already dead
                (DeadJobEntry dead, _) => await DeleteDeadAsync(dead, cancellationToken).ConfigureAwait(false),
                (ScheduledJobEntry due, JobAction.RunNow) => await RunScheduledNowAsync(due, cancellationToken).ConfigureAwait(false),
                (ScheduledJobEntry due, JobAction.Kill) => await KillScheduledAsync(due, cancellationToken).ConfigureAwait(false),
                (ScheduledJobEntry due, _) => await DeleteScheduledAsync(due, cancellationToken).ConfigureAwait(false),
                _ => false,
            };
            changed += done ? 1 : 0;
        }

        return changed;
    }

    private static string? IdOf(object entry) => entry switch
    {
        DeadJobEntry dead => dead.Dead.JobId,
        ScheduledJobEntry due => due.Envelope?.Id,
        _ => null,
    };
}

/// <summary>The operator's lists of a queue.</summary>
public enum JobList
{
    /// <summary>Jobs scheduled for later by their client.</summary>
    Scheduled,

    /// <summary>Failed jobs waiting for their next attempt.</summary>
    Retries,

    /// <summary>Jobs that will not run again unless retried.</summary>
    Dead,
}

/// <summary>What to do with listed jobs.</summary>
public enum JobAction
{
    /// <summary>Run it now: a scheduled job or retry goes to the front of its queue; a dead job is retried as a fresh run.</summary>
    RunNow,

    /// <summary>Delete it.</summary>
    Delete,

    /// <summary>Kill it: a scheduled job or retry moves to the dead set (a dead job is left as it is).</summary>
    Kill,
}
