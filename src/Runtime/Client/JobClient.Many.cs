using JobGen.Storage;

namespace JobGen;

/// <summary>
/// <see cref="IJobClient.EnqueueManyAsync"/>. Without client middleware the whole batch is encoded into a few shared
/// blocks (the storage gets slices of them) before anything is stored; with middleware each job goes through the
/// chain and the chain's last step collects it into the batch.
/// </summary>
public sealed partial class JobClient
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> EnqueueManyAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        if (requests is null)
        {
            return ValueTask.FromException<IReadOnlyList<string>>(new ArgumentNullException(nameof(requests))); // as when this was async
        }

        return _middleware.Length == 0
            ? EnqueueBatchAsync(requests, cancellationToken)
            : EnqueueEachThroughChainAsync(requests, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<string>> EnqueueBatchAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        var ids = new string[requests.Count];
        var ready = new List<QueuedPayload>(requests.Count);
        var scheduled = EncodeBatch(requests, _time.GetUtcNow(), ids, ready);
        if (scheduled is not null)
        {
            foreach (var (queue, payload, dueAt) in scheduled)
            {
                await _storage.ScheduleAsync(queue, payload, dueAt, cancellationToken).ConfigureAwait(false);
            }
        }

        if (ready.Count > 0)
        {
            await _storage.EnqueueManyAsync(ready, cancellationToken).ConfigureAwait(false);
        }

        return ids;
    }

    // Every request is checked and encoded before anything is stored: a bad request fails the call with nothing
    // stored. The payloads are consecutive slices of the thread's payload blocks.
    private List<(string Queue, ReadOnlyMemory<byte> Payload, DateTimeOffset DueAt)>? EncodeBatch(
        IReadOnlyList<JobRequest> requests, DateTimeOffset now, string[] ids, List<QueuedPayload> ready)
    {
        var idTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(); // ids sort by creation time: the batch's is now
        List<(string, ReadOnlyMemory<byte>, DateTimeOffset)>? scheduled = null;
        for (var i = 0; i < ids.Length; i++)
        {
            var job = Describe(requests[i], null, now, JobIds.NewId(idTime), out var due);
            ids[i] = job.Id;
            var payload = EnvelopeEncoder.Encode(job, _maxPayloadBytes);
            if (due is { } at && at > now)
            {
                (scheduled ??= []).Add((job.Queue, payload, at));
            }
            else
            {
                ready.Add(new QueuedPayload(job.Queue, payload));
            }
        }

        return scheduled;
    }

    private async ValueTask<IReadOnlyList<string>> EnqueueEachThroughChainAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var ids = new string[requests.Count];
        var ready = new List<QueuedPayload>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            // The chain's last step collects the job into the batch instead of storing it alone.
            var context = CreateContext(requests[i], null, now);
            await RunChainAsync(
                context,
                0,
                () =>
                {
                    context.Stored = true;
                    return CollectAsync(ToEnvelope(context, now), context.DueAt, now, ready, cancellationToken);
                },
                cancellationToken).ConfigureAwait(false);
            ids[i] = context.Stored ? context.JobId : string.Empty;
        }

        if (ready.Count > 0)
        {
            await _storage.EnqueueManyAsync(ready, cancellationToken).ConfigureAwait(false);
        }

        return ids;
    }

    private async ValueTask CollectAsync(JobEnvelope envelope, DateTimeOffset? due, DateTimeOffset now, List<QueuedPayload> ready, CancellationToken cancellationToken)
    {
        var payload = EnvelopeEncoder.Encode(envelope, _maxPayloadBytes);
        if (due is { } at && at > now)
        {
            await _storage.ScheduleAsync(envelope.Queue, payload, at, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ready.Add(new QueuedPayload(envelope.Queue, payload));
        }
    }
}
