namespace JobGen;

/// <summary>
/// Puts jobs on queues. Application code calls the generated typed extension methods
/// (<c>Enqueue{Method}Async</c>, <c>Schedule{Method}Async</c>); they build a <see cref="JobRequest"/> and call this.
/// </summary>
public interface IJobClient
{
    /// <summary>Enqueues one job (now, or later when the request or options carry a due time) and returns its id.</summary>
    ValueTask<string> EnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Enqueues many jobs in one pipelined round trip per queue and returns their ids in order.</summary>
    ValueTask<IReadOnlyList<string>> EnqueueManyAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default);
}
