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

    /// <summary>
    /// Enqueues one job like <see cref="EnqueueAsync"/> and says whether it was a duplicate of a unique job already
    /// held (then nothing was stored and the id is the existing job's). Never throws for a duplicate.
    /// </summary>
    async ValueTask<EnqueueResult> TryEnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await EnqueueAsync(request, options, cancellationToken).ConfigureAwait(false), Duplicate: false);

    /// <summary>Enqueues many jobs like <see cref="EnqueueManyAsync"/> and says for each whether it was a duplicate.</summary>
    async ValueTask<IReadOnlyList<EnqueueResult>> TryEnqueueManyAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        var ids = await EnqueueManyAsync(requests, cancellationToken).ConfigureAwait(false);
        return [.. ids.Select(id => new EnqueueResult(id, Duplicate: false))];
    }
}
