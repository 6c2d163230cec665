using JobGen.Storage;

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
    public ValueTask<string> EnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Failures come back in the returned task, as from an async method, never thrown from the call itself.
        try
        {
            var now = _time.GetUtcNow();
            var job = JobDescription.Describe(request, options, now, JobIds.NewId());
            if (_middleware.Length != 0)
            {
                return EnqueueThroughChainAsync(job, now, cancellationToken);
            }

            // No middleware: no context object and at most one state machine.
            var store = StoreAsync(job.Encode(now, _maxPayloadBytes, _signer), cancellationToken);
            return store.IsCompletedSuccessfully ? new ValueTask<string>(job.Id) : AwaitStoreAsync(store, job.Id);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<string>(ex);
        }
    }

    private static async ValueTask<string> AwaitStoreAsync(ValueTask store, string id)
    {
        await store.ConfigureAwait(false);
        return id;
    }

    private async ValueTask<string> EnqueueThroughChainAsync(JobDescription job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await RunChainAsync(job, encoded => StoreAsync(encoded, cancellationToken), now, cancellationToken).ConfigureAwait(false);
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
