using System.Diagnostics;
using JobGen.Storage;
using JobGen.Telemetry;

namespace JobGen;

/// <summary>
/// The default <see cref="IJobClient"/>: describes the request once (<see cref="JobDescription"/>), lets the client
/// middleware chain see and change that description, encodes it with the one envelope writer and hands it to the
/// storage (ready now, or the scheduled set when it is due later).
/// </summary>
public sealed partial class JobClient : IJobClient
{
    private readonly IJobStorage _storage;
    private readonly TimeProvider _time;
    private readonly IClientMiddleware[] _middleware;
    private readonly int _maxPayloadBytes;
    private EnvelopeSigner? _signer;

    /// <summary>A client over <paramref name="storage"/> on the system clock.</summary>
    public JobClient(IJobStorage storage)
        : this(storage, [], time: null, maxPayloadBytes: 0)
    {
    }

    /// <summary>A client over <paramref name="storage"/>; times come from <paramref name="time"/> (system clock when null).</summary>
    public JobClient(IJobStorage storage, TimeProvider? time)
        : this(storage, [], time, maxPayloadBytes: 0)
    {
    }

    /// <summary>
    /// A client over <paramref name="storage"/> that runs <paramref name="middleware"/> (first is outermost) on every
    /// job and refuses payloads over <paramref name="maxPayloadBytes"/> (0 for no limit).
    /// </summary>
    public JobClient(IJobStorage storage, IEnumerable<IClientMiddleware> middleware, TimeProvider? time, int maxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(middleware);
        _storage = storage;
        _time = time ?? TimeProvider.System;
        _middleware = [.. middleware];
        _maxPayloadBytes = maxPayloadBytes;
    }

    /// <summary>Signs every envelope (JobGen:Security:SigningKeys; set by <c>AddJobGen</c>); null leaves them unsigned.</summary>
    internal EnvelopeSigner? Signer { get => _signer; init => _signer = value; }

    /// <inheritdoc />
    public ValueTask<string> EnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default) =>
        ClientTelemetry.Tracing ? EnqueueTracedAsync(request, options, cancellationToken) : EnqueueCoreAsync(request, options, null, cancellationToken);

    // Failures come back in the returned task, as from an async method, never thrown from the call itself.
    private ValueTask<string> EnqueueCoreAsync(in JobRequest request, EnqueueOptions? options, Activity? span, CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var job = JobDescription.Describe(request, options, now, JobIds.NewId());
            ClientTelemetry.Describe(span, job.Id, job.Queue, job.DueAt);
            if (job.Unique is not null)
            {
                return IdOfAsync(EnqueueReportingAsync(job, now, cancellationToken));
            }

            if (_middleware.Length != 0)
            {
                return EnqueueThroughChainAsync(job, now, cancellationToken);
            }

            // No middleware: no context object and at most one state machine.
            var store = StoreAsync(job.Encode(now, _maxPayloadBytes, _signer), cancellationToken);
            if (store.IsCompletedSuccessfully)
            {
                ClientTelemetry.Count(job.Job, job.Queue);
                return new ValueTask<string>(job.Id);
            }

            return AwaitStoreAsync(store, job);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<string>(ex);
        }
    }

    /// <inheritdoc />
    public ValueTask<EnqueueResult> TryEnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = _time.GetUtcNow();
            return EnqueueReportingAsync(JobDescription.Describe(request, options, now, JobIds.NewId()), now, cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<EnqueueResult>(ex);
        }
    }

    private static async ValueTask<string> IdOfAsync(ValueTask<EnqueueResult> result) => (await result.ConfigureAwait(false)).Id;

    // The path that can tell a duplicate: unique jobs, and every TryEnqueueAsync.
    private async ValueTask<EnqueueResult> EnqueueReportingAsync(JobDescription job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_middleware.Length == 0)
        {
            var existing = await StoreReportingAsync(job.Encode(now, _maxPayloadBytes, _signer), now, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                ClientTelemetry.Count(job.Job, job.Queue);
                return new EnqueueResult(job.Id, false);
            }

            return new EnqueueResult(existing, true);
        }

        string? holder = null;
        var id = await RunChainAsync(job, async encoded => holder = await StoreReportingAsync(encoded, now, cancellationToken).ConfigureAwait(false), now, cancellationToken).ConfigureAwait(false);
        return holder is null ? new EnqueueResult(id ?? string.Empty, false) : new EnqueueResult(holder, true);
    }

    // Null when stored; else the id of the job holding the unique lock.
    private async ValueTask<string?> StoreReportingAsync(EncodedJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (job.Lock is { } uniqueLock)
        {
            return await _storage.EnqueueUniqueAsync(job.Queue, job.Payload, job.ScheduleAt, uniqueLock, now, cancellationToken).ConfigureAwait(false);
        }

        await StoreAsync(job, cancellationToken).ConfigureAwait(false);
        return null;
    }

    // The producer span is started here, inside an async method, so it is the current activity only for this call
    // (the description reads it into the job's traceparent) and the caller's own stays current after it.
    private async ValueTask<string> EnqueueTracedAsync(JobRequest request, EnqueueOptions? options, CancellationToken cancellationToken)
    {
        using var span = ClientTelemetry.StartSend(request.Job);
        try
        {
            return await EnqueueCoreAsync(request, options, span, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (span is not null)
        {
            JobGenTelemetry.Fail(span, ex);
            throw;
        }
    }

    private static async ValueTask<string> AwaitStoreAsync(ValueTask store, JobDescription job)
    {
        await store.ConfigureAwait(false);
        ClientTelemetry.Count(job.Job, job.Queue);
        return job.Id;
    }

    private async ValueTask<string> EnqueueThroughChainAsync(JobDescription job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queue = job.Queue;
        var name = job.Job;
        var stored = await RunChainAsync(job, encoded => { queue = encoded.Queue; return StoreAsync(encoded, cancellationToken); }, now, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            ClientTelemetry.Count(name, queue);
        }

        return stored ?? string.Empty;
    }

    /// <summary>
    /// Runs the middleware chain over the job's description; its last step encodes the description as the chain left
    /// it and hands the result to <paramref name="store"/>. The job's id, or null when a middleware vetoed it.
    /// </summary>
    private async ValueTask<string?> RunChainAsync(JobDescription job, Func<EncodedJob, ValueTask> store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var context = new EnqueueContext(job);
        await InvokeAsync(0).ConfigureAwait(false);
        return context.Stored ? context.JobId : null;

        ValueTask InvokeAsync(int index)
        {
            if (index < _middleware.Length)
            {
                return _middleware[index].InvokeAsync(context, () => InvokeAsync(index + 1), cancellationToken);
            }

            var encoded = context.Description.Encode(now, _maxPayloadBytes, _signer);
            context.Stored = true;
            return store(encoded);
        }
    }

    private ValueTask StoreAsync(in EncodedJob job, CancellationToken cancellationToken) =>
        job.ScheduleAt is { } dueAt
            ? _storage.ScheduleAsync(job.Queue, job.Payload, dueAt, cancellationToken)
            : _storage.EnqueueAsync(job.Queue, job.Payload, cancellationToken);
}
