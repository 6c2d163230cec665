using System.Diagnostics;
using JobGen.Storage;

namespace JobGen;

/// <summary>
/// The default <see cref="IJobClient"/>: runs the client middleware chain, wraps the request in an envelope,
/// encodes it and hands it to the storage (ready now, or the scheduled set when a due time is given).
/// </summary>
public sealed partial class JobClient : IJobClient
{
    private const string TraceParent = "traceparent";
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);
    private readonly IJobStorage _storage;
    private readonly TimeProvider _time;
    private readonly IClientMiddleware[] _middleware;
    private readonly int _maxPayloadBytes;

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

    /// <inheritdoc />
    public ValueTask<string> EnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (_middleware.Length != 0)
        {
            return EnqueueThroughChainAsync(request, options, now, cancellationToken);
        }

        // No middleware: straight from the request to the payload, no envelope object, one state machine at most.
        // Failures come back in the returned task, as from an async method, never thrown from the call itself.
        try
        {
            var job = Describe(request, options, now, JobIds.NewId(), out var due);
            var payload = EnvelopeEncoder.Encode(job, _maxPayloadBytes);
            var store = due is { } at && at > now
                ? _storage.ScheduleAsync(job.Queue, payload, at, cancellationToken)
                : _storage.EnqueueAsync(job.Queue, payload, cancellationToken);
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

    private async ValueTask<string> EnqueueThroughChainAsync(JobRequest request, EnqueueOptions? options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var context = CreateContext(request, options, now);
        await RunChainAsync(context, 0, () => StoreAsync(context, now, cancellationToken), cancellationToken).ConfigureAwait(false);
        return context.Stored ? context.JobId : string.Empty;
    }

    private ValueTask RunChainAsync(EnqueueContext context, int index, EnqueueDelegate last, CancellationToken cancellationToken) =>
        index == _middleware.Length
            ? last()
            : _middleware[index].InvokeAsync(context, () => RunChainAsync(context, index + 1, last, cancellationToken), cancellationToken);

    private ValueTask StoreAsync(EnqueueContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        context.Stored = true;
        return StoreAsync(ToEnvelope(context, now), context.DueAt, now, cancellationToken);
    }

    private async ValueTask StoreAsync(JobEnvelope envelope, DateTimeOffset? due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payload = EnvelopeEncoder.Encode(envelope, _maxPayloadBytes);
        if (due is { } at && at > now)
        {
            await _storage.ScheduleAsync(envelope.Queue, payload, at, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _storage.EnqueueAsync(envelope.Queue, payload, cancellationToken).ConfigureAwait(false);
        }
    }

    private static EnqueueContext CreateContext(in JobRequest request, EnqueueOptions? options, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Job);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        Copy(request.Headers, headers);
        Copy(options?.Headers, headers);
        AddTraceContext(headers);
        return new EnqueueContext(
            NewJobId(),
            request,
            options?.Queue ?? request.Queue,
            options?.MaxAttempts ?? request.MaxAttempts,
            DueAt(request, options, now),
            headers);
    }

    private static JobEnvelope ToEnvelope(EnqueueContext context, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(context.Queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(context.MaxAttempts, 1);
        return new JobEnvelope
        {
            Id = context.JobId,
            Job = context.Job,
            Queue = context.Queue,
            Arguments = context.Arguments,
            CreatedAt = now,
            EnqueuedAt = context.DueAt is { } due && due > now ? due : now,
            MaxAttempts = context.MaxAttempts,
            Headers = context.Headers.Count == 0 ? NoHeaders : new Dictionary<string, string>(context.Headers, StringComparer.Ordinal),
        };
    }

    // The same checks, in the same order, as the middleware path's context and envelope.
    private static NewJob Describe(in JobRequest request, EnqueueOptions? options, DateTimeOffset now, string id, out DateTimeOffset? due)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Job);
        var queue = options?.Queue ?? request.Queue;
        ArgumentException.ThrowIfNullOrEmpty(queue);
        var maxAttempts = options?.MaxAttempts ?? request.MaxAttempts;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        due = DueAt(request, options, now);
        var nowMs = now.ToUnixTimeMilliseconds();
        return new NewJob(
            id,
            request.Job,
            queue,
            request.Arguments,
            nowMs,
            due is { } at && at > now ? at.ToUnixTimeMilliseconds() : nowMs,
            maxAttempts,
            WithTraceContext(MergeHeaders(request.Headers, options?.Headers)));
    }

    private static DateTimeOffset? DueAt(in JobRequest request, EnqueueOptions? options, DateTimeOffset now) =>
        options?.RunAt ?? (now + options?.Delay) ?? request.RunAt ?? (now + request.Delay);

    // The enqueuer's trace (W3C traceparent/tracestate) travels with the job; the worker's span continues it.
    private static IReadOnlyDictionary<string, string> WithTraceContext(IReadOnlyDictionary<string, string> headers)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } || headers.ContainsKey(TraceParent))
        {
            return headers;
        }

        var copy = new Dictionary<string, string>(headers, StringComparer.Ordinal);
        AddTraceContext(copy);
        return copy;
    }

    private static void AddTraceContext(Dictionary<string, string> headers)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { } id } activity || headers.ContainsKey(TraceParent))
        {
            return;
        }

        headers[TraceParent] = id;
        if (activity.TraceStateString is { } state)
        {
            headers["tracestate"] = state;
        }
    }

    private static void Copy(IReadOnlyDictionary<string, string>? from, Dictionary<string, string> to)
    {
        if (from is null)
        {
            return;
        }

        foreach (var pair in from)
        {
            to[pair.Key] = pair.Value;
        }
    }

    private static IReadOnlyDictionary<string, string> MergeHeaders(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (b is null || b.Count == 0)
        {
            return a ?? NoHeaders;
        }

        if (a is null || a.Count == 0)
        {
            return b;
        }

        var merged = new Dictionary<string, string>(a.Count + b.Count, StringComparer.Ordinal);
        Copy(a, merged);
        Copy(b, merged);
        return merged;
    }

    /// <summary>A new job id: a version-7 GUID, so ids sort by creation time.</summary>
    public static string NewJobId() => JobIds.NewId();
}
