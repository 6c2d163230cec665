using JobGen.Storage;
using Microsoft.Extensions.Logging;

namespace JobGen.Worker;

/// <summary>
/// Records how a run ended (Sidekiq's job_retry): ack, retry with the policy's backoff, or the dead set with the
/// reason (then every <see cref="IJobDeathHandler"/> is told). Storage calls here ignore shutdown: an outcome,
/// once known, is always written.
/// </summary>
internal sealed class JobOutcomes
{
    private readonly WorkerDependencies _deps;
    private readonly IRetryPolicy _retryPolicy;
    private readonly IJobDeathHandler[] _deathHandlers;
    private readonly AckBatcher _acks;

    public JobOutcomes(WorkerDependencies deps, IRetryPolicy retryPolicy, IEnumerable<IJobDeathHandler> deathHandlers)
    {
        _deps = deps;
        _retryPolicy = retryPolicy;
        _deathHandlers = [.. deathHandlers];
        _acks = new AckBatcher(deps);
    }

    /// <summary>Sends pending acks (graceful stop).</summary>
    public Task FlushAcksAsync() => _acks.FlushAsync();

    /// <summary>The job succeeded: its ack joins the next batch (<see cref="AckBatcher"/>).</summary>
    public ValueTask AckAsync(FetchedJob fetched) => _acks.AddAsync(fetched);

    /// <summary>The job's own failure: retry while it has attempts and the policy agrees, else dead.</summary>
    public async ValueTask FailAsync(FetchedJob fetched, JobEnvelope envelope, Exception exception, CancellationToken cancellationToken)
    {
        var now = _deps.Time.GetUtcNow();
        var lastError = $"{exception.GetType().FullName}: {exception.Message}";
        var attempt = envelope.Attempt + 1;
        if (attempt >= envelope.MaxAttempts)
        {
            var message = $"Failed on all {envelope.MaxAttempts} attempts; last error: {lastError}";
            await KillAsync(fetched, envelope, EnvelopeSerializer.Encode(envelope.ForRetry(lastError, now), _deps.Signer), DeathReason.AttemptsExhausted, message, exception, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (RetryDelay(envelope, exception) is not { } delay)
        {
            var message = $"The retry policy discarded it after attempt {attempt}; last error: {lastError}";
            await KillAsync(fetched, envelope, EnvelopeSerializer.Encode(envelope.ForRetry(lastError, now), _deps.Signer), DeathReason.Discarded, message, exception, cancellationToken).ConfigureAwait(false);
            return;
        }

        var due = now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        var retry = EnvelopeSerializer.Encode(envelope.ForRetry(lastError, due), _deps.Signer);
        await _deps.Storage.RetryAsync(fetched, retry, due, CancellationToken.None).ConfigureAwait(false);
        WorkerLog.Retrying(_deps.Logger, exception, envelope.Job, envelope.Id, attempt, envelope.MaxAttempts, delay);
        WorkerTelemetry.Retrying(attempt, envelope.MaxAttempts, delay, due);
    }

    // A policy that throws must not lose the job: fall back to the default backoff.
    private TimeSpan? RetryDelay(JobEnvelope envelope, Exception exception)
    {
        try
        {
            return _retryPolicy.GetRetryDelay(envelope, exception);
        }
        catch (Exception ex)
        {
            WorkerLog.LoopFailed(_deps.Logger, ex, "retry policy");
            return DefaultRetryPolicy.Instance.GetRetryDelay(envelope, exception);
        }
    }

    /// <summary>Sends the job to its queue's dead set and tells the death handlers.</summary>
    public async ValueTask KillAsync(
        FetchedJob fetched,
        JobEnvelope? envelope,
        ReadOnlyMemory<byte> payload,
        DeathReason reason,
        string message,
        Exception? exception,
        CancellationToken cancellationToken)
    {
        var dead = new DeadJob
        {
            JobId = envelope?.Id ?? DeadJob.RawId(payload),
            Job = envelope?.Job,
            Queue = fetched.Queue,
            DiedAt = _deps.Time.GetUtcNow(),
            Reason = reason,
            Message = message,
            ExceptionType = exception?.GetType().FullName,
            StackTrace = exception?.StackTrace,
            Payload = payload,
        };
        await _deps.Storage.KillAsync(fetched, dead.Serialize(), dead.DiedAt, _deps.Options.DeadSetLimits, CancellationToken.None).ConfigureAwait(false);
        if (reason == DeathReason.Expired)
        {
            WorkerLog.Expired(_deps.Logger, dead.Job, dead.JobId, message);
        }
        else
        {
            WorkerLog.Died(_deps.Logger, exception, dead.Job, dead.JobId, reason, message);
        }

        WorkerTelemetry.Died(reason, message);

        if (envelope?.Unique is { } uniqueLock)
        {
            await ReleaseUniqueAsync(envelope.Queue, uniqueLock, dead.JobId).ConfigureAwait(false); // a dead job never keeps its lock
        }

        var kept = _deathHandlers.Length > 0 ? envelope?.Copy() : null; // handlers may keep it past this run
        foreach (var handler in _deathHandlers)
        {
            try
            {
                await handler.OnJobDiedAsync(dead, kept, exception, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                WorkerLog.DeathHandlerFailed(_deps.Logger, ex, handler.GetType().FullName ?? "?", dead.JobId);
            }
        }
    }

    /// <summary>Releases a unique job's lock; a storage failure is logged and the lock lapses at its own expiry, if it has one.</summary>
    public async ValueTask ReleaseUniqueAsync(string queue, UniqueLockInfo uniqueLock, string jobId)
    {
        try
        {
            await _deps.Storage.ReleaseUniqueAsync(queue, uniqueLock.Key, jobId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WorkerLog.UniqueNotReleased(_deps.Logger, ex, uniqueLock.Key, jobId);
        }
    }
}
