using System.Buffers;
using JobGen.Storage;

namespace JobGen;

/// <summary>
/// The default <see cref="IJobClient"/>: wraps a request in an envelope, encodes it and hands it to the storage
/// (ready now, or the scheduled set when a due time is given).
/// </summary>
public sealed class JobClient : IJobClient
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);
    private readonly IJobStorage _storage;
    private readonly TimeProvider _time;

    /// <summary>A client over <paramref name="storage"/>; times come from <paramref name="time"/> (system clock by default).</summary>
    public JobClient(IJobStorage storage, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<string> EnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var envelope = CreateEnvelope(request, options, now);
        var payload = Encode(envelope);
        var due = DueAt(request, options, now);
        if (due is { } at && at > now)
        {
            await _storage.ScheduleAsync(envelope.Queue, payload, at, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _storage.EnqueueAsync(envelope.Queue, payload, cancellationToken).ConfigureAwait(false);
        }

        return envelope.Id;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> EnqueueManyAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var now = _time.GetUtcNow();
        var ids = new string[requests.Count];
        var ready = new List<QueuedPayload>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var envelope = CreateEnvelope(requests[i], null, now);
            ids[i] = envelope.Id;
            var payload = Encode(envelope);
            if (DueAt(requests[i], null, now) is { } at && at > now)
            {
                await _storage.ScheduleAsync(envelope.Queue, payload, at, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                ready.Add(new QueuedPayload(envelope.Queue, payload));
            }
        }

        await _storage.EnqueueManyAsync(ready, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private static JobEnvelope CreateEnvelope(in JobRequest request, EnqueueOptions? options, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Job);
        var queue = options?.Queue ?? request.Queue;
        ArgumentException.ThrowIfNullOrEmpty(queue);
        var maxAttempts = options?.MaxAttempts ?? request.MaxAttempts;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return new JobEnvelope
        {
            Id = NewJobId(),
            Job = request.Job,
            Queue = queue,
            Arguments = request.Arguments,
            CreatedAt = now,
            EnqueuedAt = now,
            MaxAttempts = maxAttempts,
            Headers = MergeHeaders(request.Headers, options?.Headers),
        };
    }

    private static DateTimeOffset? DueAt(in JobRequest request, EnqueueOptions? options, DateTimeOffset now) =>
        options?.RunAt ?? (now + options?.Delay) ?? request.RunAt ?? (now + request.Delay);

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

    private static ReadOnlyMemory<byte> Encode(JobEnvelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(96 + envelope.Arguments.Length);
        EnvelopeSerializer.Write(buffer, envelope);
        return buffer.WrittenMemory;
    }

    /// <summary>A new job id: a version-7 GUID, so ids sort by creation time.</summary>
    public static string NewJobId() => Guid.CreateVersion7().ToString("N");
}
