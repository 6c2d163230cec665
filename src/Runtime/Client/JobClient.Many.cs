using JobGen.Storage;
using JobGen.Telemetry;

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

        return EnqueueBatchAsync(requests, duplicates: null, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<EnqueueResult>> TryEnqueueManyAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var duplicates = new bool[requests.Count];
        var ids = await EnqueueBatchAsync(requests, duplicates, cancellationToken).ConfigureAwait(false);
        var results = new EnqueueResult[ids.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new EnqueueResult(ids[i], duplicates[i]);
        }

        return results;
    }

    // Every request is checked and encoded before anything is stored: a bad request fails the call with nothing
    // stored. The payloads are consecutive slices of the thread's payload blocks.
    // Unique jobs are stored one atomic call each (all sent at once); a duplicate's id becomes the holder's.
    private async ValueTask<IReadOnlyList<string>> EnqueueBatchAsync(IReadOnlyList<JobRequest> requests, bool[]? duplicates, CancellationToken cancellationToken)
    {
        // One producer span for the batch (named after the job when all are the same); every job carries its context.
        using var span = ClientTelemetry.Tracing ? ClientTelemetry.StartSend(SingleJobName(requests), requests.Count) : null;
        try
        {
            var ids = await EnqueueBatchCoreAsync(requests, duplicates, cancellationToken).ConfigureAwait(false);
            CountBatch(requests, ids, duplicates);
            return ids;
        }
        catch (Exception ex) when (span is not null)
        {
            JobGenTelemetry.Fail(span, ex);
            throw;
        }
    }

    private static string? SingleJobName(IReadOnlyList<JobRequest> requests)
    {
        var first = requests.Count > 0 ? requests[0].Job : null;
        for (var i = 1; i < requests.Count; i++)
        {
            if (!string.Equals(requests[i].Job, first, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return first;
    }

    // Counted by the request's own queue (a middleware that moves a job is not seen here); vetoed jobs (empty ids) and
    // duplicates of unique jobs not.
    private static void CountBatch(IReadOnlyList<JobRequest> requests, string[] ids, bool[]? duplicates)
    {
        if (!ClientTelemetry.Enqueued.Enabled)
        {
            return;
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i].Length != 0 && duplicates?[i] != true)
            {
                ClientTelemetry.Count(requests[i].Job, requests[i].Queue);
            }
        }
    }

    private async ValueTask<string[]> EnqueueBatchCoreAsync(IReadOnlyList<JobRequest> requests, bool[]? duplicates, CancellationToken cancellationToken)
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
                batch.Index = i;
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

        if (batch.Unique is { } unique)
        {
            var holders = new Task<string?>[unique.Count];
            for (var u = 0; u < holders.Length; u++)
            {
                var job = unique[u].Job;
                holders[u] = _storage.EnqueueUniqueAsync(job.Queue, job.Payload, job.ScheduleAt, job.Lock!.Value, now, cancellationToken).AsTask();
            }

            await Task.WhenAll(holders).ConfigureAwait(false);
            for (var u = 0; u < holders.Length; u++)
            {
                if (holders[u].Result is { } holder)
                {
                    ids[unique[u].Index] = holder;
                    if (duplicates is not null)
                    {
                        duplicates[unique[u].Index] = true;
                    }
                }
            }
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
            batch.Index = i;
            batch.Add(job.Encode(now, _maxPayloadBytes, _signer));
            ids[i] = job.Id;
        }
    }

    /// <summary>A batch's encoded jobs: the ready ones for one storage call, the ones due later apart.</summary>
    private sealed class EncodedBatch(int capacity)
    {
        public List<QueuedPayload> Ready { get; } = new(capacity);

        public List<EncodedJob>? Scheduled { get; private set; }

        /// <summary>Unique jobs, each with its request's index: stored apart, one atomic call each.</summary>
        public List<(int Index, EncodedJob Job)>? Unique { get; private set; }

        /// <summary>The index of the request being added.</summary>
        public int Index { get; set; }

        public void Add(in EncodedJob job)
        {
            if (job.Lock is not null)
            {
                (Unique ??= []).Add((Index, job));
            }
            else if (job.ScheduleAt is null)
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
