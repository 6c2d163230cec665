using JobGen.Storage;

namespace JobGen;

/// <summary>
/// <see cref="IJobClient.EnqueueManyAsync"/>: each request is described, passed through the client middleware (when
/// any is registered) and encoded exactly as by <see cref="JobClient.EnqueueAsync"/>, into a few shared blocks; only
/// when the whole batch is encoded does anything reach the storage.
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

        return EnqueueBatchAsync(requests, cancellationToken);
    }

    // Every request is checked and encoded before anything is stored: a bad request fails the call with nothing
    // stored. The payloads are consecutive slices of the thread's payload blocks.
    private async ValueTask<IReadOnlyList<string>> EnqueueBatchAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var ids = new string[requests.Count];
        var batch = new EncodedBatch(requests.Count);
        if (_middleware.Length == 0)
        {
            EncodeAll(requests, now, ids, batch);
        }
        else
        {
            var idTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < ids.Length; i++)
            {
                var job = JobDescription.Describe(requests[i], null, now, JobIds.NewId(idTime));
                ids[i] = await RunChainAsync(job, batch.AddAsync, now, cancellationToken).ConfigureAwait(false) ?? string.Empty;
            }
        }

        if (batch.Scheduled is { } scheduled)
        {
            foreach (var job in scheduled)
            {
                await _storage.ScheduleAsync(job.Queue, job.Payload, job.ScheduleAt!.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        if (batch.Ready.Count > 0)
        {
            await _storage.EnqueueManyAsync(batch.Ready, cancellationToken).ConfigureAwait(false);
        }

        return ids;
    }

    // Without middleware the loop stays out of the async method, as before the one client path: its locals stay in
    // registers rather than in the state machine's fields (bulk enqueue is a tight loop of about 1 µs per job).
    private void EncodeAll(IReadOnlyList<JobRequest> requests, DateTimeOffset now, string[] ids, EncodedBatch batch)
    {
        var idTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(); // ids sort by creation time: the batch's is now
        for (var i = 0; i < ids.Length; i++)
        {
            var job = JobDescription.Describe(requests[i], null, now, JobIds.NewId(idTime));
            batch.Add(job.Encode(now, _maxPayloadBytes, _signer));
            ids[i] = job.Id;
        }
    }

    /// <summary>A batch's encoded jobs: the ready ones for one storage call, the ones due later apart.</summary>
    private sealed class EncodedBatch(int capacity)
    {
        public List<QueuedPayload> Ready { get; } = new(capacity);

        public List<EncodedJob>? Scheduled { get; private set; }

        public void Add(in EncodedJob job)
        {
            if (job.ScheduleAt is null)
            {
                Ready.Add(new QueuedPayload(job.Queue, job.Payload));
            }
            else
            {
                (Scheduled ??= []).Add(job);
            }
        }

        public ValueTask AddAsync(EncodedJob job)
        {
            Add(job);
            return ValueTask.CompletedTask;
        }
    }
}
