using JobGen.Storage;

namespace JobGen;

/// <summary>
/// Told when a job goes to the dead set (Sidekiq's death handlers): register implementations in DI to alert
/// on them. Runs on the worker after the job is in the dead set; an exception it throws is logged and ignored.
/// </summary>
public interface IJobDeathHandler
{
    /// <summary>
    /// <paramref name="dead"/> is the dead-set record; <paramref name="envelope"/> is null when the payload did not
    /// decode; <paramref name="exception"/> is the last failure, null when the job died without running.
    /// </summary>
    ValueTask OnJobDiedAsync(DeadJob dead, JobEnvelope? envelope, Exception? exception, CancellationToken cancellationToken);
}
