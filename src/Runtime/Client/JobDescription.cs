using System.Diagnostics;
using JobGen.Storage;

namespace JobGen;

/// <summary>
/// One job the client is about to store, described once from the request and the call's options: what client
/// middleware sees and changes (<see cref="EnqueueContext"/> wraps it) and what <see cref="Encode"/> turns into a
/// payload with the one envelope writer.
/// </summary>
internal readonly record struct JobDescription(
    string Id,
    string Job,
    string Queue,
    int MaxAttempts,
    ReadOnlyMemory<byte> Arguments,
    DateTimeOffset? DueAt,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset? ExpiresAt = null,
    UniqueOptions? Unique = null)
{
    private const string TraceParent = "traceparent";

    public static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);

    /// <summary>The request with the call's options over it (options win) and the enqueuer's trace context.</summary>
    public static JobDescription Describe(in JobRequest request, EnqueueOptions? options, DateTimeOffset now, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Job);
        var dueAt = options?.RunAt ?? (now + options?.Delay) ?? request.RunAt ?? (now + request.Delay);
        var headers = WithTraceContext(MergeHeaders(request.Headers, options?.Headers));
        return new JobDescription(
            id,
            request.Job,
            options?.Queue ?? request.Queue,
            options?.MaxAttempts ?? request.MaxAttempts,
            request.Arguments,
            dueAt,
            headers,
            FlowControl.ExpiresAt(options?.ExpiresAt, request.ExpiresAfter, dueAt, now),
            FlowControl.Uniqueness(options?.Unique ?? request.Unique, headers));
    }

    /// <summary>
    /// Checks what middleware may have changed, decides between the ready queue and the scheduled set (the one place
    /// that does), and writes the envelope into the thread's payload blocks.
    /// </summary>
    public EncodedJob Encode(DateTimeOffset now, int maxPayloadBytes, EnvelopeSigner? signer)
    {
        ArgumentException.ThrowIfNullOrEmpty(Queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1);
        DateTimeOffset? scheduleAt = DueAt is { } due && due > now ? due : null;
        var nowMs = now.ToUnixTimeMilliseconds();
        var uniqueLock = Unique is null ? (UniqueLock?)null : FlowControl.Lock(Unique, Id, Job, Arguments.Span, Headers, scheduleAt ?? now);
        var payload = EnvelopeWriter.Write(new EnvelopeFields(
            Id, Job, JobKind.Once, Queue, Arguments, nowMs, scheduleAt?.ToUnixTimeMilliseconds() ?? nowMs, Attempt: 0, MaxAttempts, LastError: null, Headers,
            ExpiresAt?.ToUnixTimeMilliseconds(), uniqueLock?.Key, Unique?.Until ?? UniqueUntil.Started), signer);
        if (maxPayloadBytes > 0 && payload.Length > maxPayloadBytes)
        {
            throw new ArgumentException(
                $"Job '{Job}' encodes to {payload.Length} bytes, over the limit of {maxPayloadBytes} (JobGen:MaxPayloadBytes). " +
                "Pass a reference (an id, a blob URL) instead of the data, or raise the limit.");
        }

        return new EncodedJob(Queue, payload, scheduleAt, uniqueLock);
    }

    // The enqueuer's trace (W3C traceparent/tracestate) travels with the job; the worker's span continues it.
    private static IReadOnlyDictionary<string, string> WithTraceContext(IReadOnlyDictionary<string, string> headers)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { } traceId } activity || headers.ContainsKey(TraceParent))
        {
            return headers;
        }

        var copy = new Dictionary<string, string>(headers, StringComparer.Ordinal) { [TraceParent] = traceId };
        if (activity.TraceStateString is { } state)
        {
            copy["tracestate"] = state;
        }

        return copy;
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
        foreach (var pair in a)
        {
            merged[pair.Key] = pair.Value;
        }

        foreach (var pair in b)
        {
            merged[pair.Key] = pair.Value;
        }

        return merged;
    }
}

/// <summary>A job encoded and ready to store: on its queue now, or in the scheduled set when due later; with the unique lock to take, if any.</summary>
internal readonly record struct EncodedJob(string Queue, ReadOnlyMemory<byte> Payload, DateTimeOffset? ScheduleAt, UniqueLock? Lock = null);
