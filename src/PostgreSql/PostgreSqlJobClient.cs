using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace JobGen.Storage.PostgreSql;

/// <summary>
/// An <see cref="IJobClient"/> that writes straight to PostgreSQL, optionally inside the caller's transaction and
/// with a priority, so the generated <c>Enqueue{Method}Async</c> / <c>Schedule{Method}Async</c> methods work on it
/// unchanged: <c>await storage.Enlist(transaction).EnqueueSendReceiptAsync(orderId)</c>. The job row commits or
/// rolls back with the caller's own writes, and waiting workers are notified only at commit. Client middleware does
/// not run on this path (it writes rows, not through the DI client). Get one from
/// <see cref="PostgreSqlJobStorage.Enlist"/> or <see cref="PostgreSqlJobStorage.WithPriority"/>.
/// </summary>
public sealed class PostgreSqlJobClient : IJobClient
{
    /// <summary>The header that sets a job's priority for one enqueue (an integer; lower runs first).</summary>
    public const string PriorityHeader = "priority";

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);
    private readonly PostgreSqlJobStorage _storage;
    private readonly NpgsqlTransaction? _transaction;
    private readonly TimeProvider _time;

    internal PostgreSqlJobClient(PostgreSqlJobStorage storage, NpgsqlTransaction? transaction, int priority, TimeProvider time)
    {
        _storage = storage;
        _transaction = transaction;
        Priority = priority;
        _time = time;
    }

    /// <summary>
    /// The priority of the jobs this client enqueues. A per-call <see cref="PriorityHeader"/> overrides it; when it is
    /// 0 (the default), a job's own <c>[BackgroundJob(Priority = n)]</c> applies.
    /// </summary>
    public int Priority { get; }

    /// <summary>The same client with another priority: lower runs first within a queue; the default is 0.</summary>
    public PostgreSqlJobClient WithPriority(int priority) => new(_storage, _transaction, priority, _time);

    /// <inheritdoc />
    public async ValueTask<string> EnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var (envelope, due, priority) = Describe(request, options, now);
        await using var batch = NewBatch();
        batch.BatchCommands.Add(_storage.InsertCommand(envelope.Queue, EnvelopeSerializer.Serialize(envelope), due > now ? due : null, priority));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return envelope.Id;
    }

    /// <summary>Enqueues many jobs in one round trip (one batch of inserts, in the caller's transaction when there is one).</summary>
    public async ValueTask<IReadOnlyList<string>> EnqueueManyAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var ids = new string[requests.Count];
        if (ids.Length == 0)
        {
            return ids;
        }

        var now = _time.GetUtcNow();
        await using var batch = NewBatch();
        for (var i = 0; i < ids.Length; i++)
        {
            var (envelope, due, priority) = Describe(requests[i], null, now);
            ids[i] = envelope.Id;
            batch.BatchCommands.Add(_storage.InsertCommand(envelope.Queue, EnvelopeSerializer.Serialize(envelope), due > now ? due : null, priority));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ids;
    }

    private NpgsqlBatch NewBatch()
    {
        if (_transaction is null)
        {
            return _storage.DataSource.CreateBatch();
        }

        var connection = _transaction.Connection
            ?? throw new InvalidOperationException("The transaction given to Enlist has completed (committed or rolled back): enqueue inside an open transaction.");
        return new NpgsqlBatch(connection, _transaction);
    }

    private (JobEnvelope Envelope, DateTimeOffset Due, int Priority) Describe(in JobRequest request, EnqueueOptions? options, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Job);
        var queue = options?.Queue ?? request.Queue;
        ArgumentException.ThrowIfNullOrEmpty(queue);
        var maxAttempts = options?.MaxAttempts ?? request.MaxAttempts;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var due = options?.RunAt ?? (now + options?.Delay) ?? request.RunAt ?? (now + request.Delay) ?? now;
        var headers = Headers(request.Headers, options?.Headers);

        // A per-call header wins, then this client's priority unless 0, then the job's own ([BackgroundJob(Priority)]).
        var priority = Priority;
        var source = options?.Headers is { } own && own.ContainsKey(PriorityHeader) ? own
            : Priority == 0 ? request.Headers
            : null;
        if (source is not null && source.TryGetValue(PriorityHeader, out var text)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out priority))
        {
            throw new ArgumentException($"The '{PriorityHeader}' header must be an integer (lower runs first); it was \"{text}\".", nameof(options));
        }

        var envelope = new JobEnvelope
        {
            Id = Guid.CreateVersion7().ToString("N"), // the text JobGen's client gives ids (version-7 UUID, 32 hex digits)
            Job = request.Job,
            Queue = queue,
            Arguments = request.Arguments,
            CreatedAt = now,
            EnqueuedAt = due > now ? due : now,
            MaxAttempts = maxAttempts,
            Headers = headers,
        };
        return (envelope, due, priority);
    }

    // The request's headers, the options' over them, and the enqueuer's W3C trace context, as the DI client does.
    private static IReadOnlyDictionary<string, string> Headers(IReadOnlyDictionary<string, string>? own, IReadOnlyDictionary<string, string>? overrides)
    {
        var trace = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity : null;
        if ((own is null || own.Count == 0) && (overrides is null || overrides.Count == 0) && trace is null)
        {
            return NoHeaders;
        }

        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in own ?? NoHeaders)
        {
            merged[pair.Key] = pair.Value;
        }

        foreach (var pair in overrides ?? NoHeaders)
        {
            merged[pair.Key] = pair.Value;
        }

        if (trace is { Id: { } id } && !merged.ContainsKey("traceparent"))
        {
            merged["traceparent"] = id;
            if (trace.TraceStateString is { } state)
            {
                merged["tracestate"] = state;
            }
        }

        return merged;
    }
}
