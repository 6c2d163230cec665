using System.Collections.Concurrent;
using Npgsql;

namespace JobGen.Storage.PostgreSql;

/// <summary>
/// <see cref="IJobStorage"/> on PostgreSQL (docs/postgresql.md). Every job is one row of <c>jobs</c> that moves
/// between ready, in flight and scheduled by updates; fetch is one <c>UPDATE ... FOR UPDATE SKIP LOCKED</c> that also
/// sets the lease; completed jobs are deleted; statements that make work ready NOTIFY, and a waiting fetch LISTENs.
/// This file: creation, enqueue, schedule and disposal. Fetch is in PostgreSqlJobStorage.Fetch.cs, leases in
/// PostgreSqlJobStorage.Leases.cs, the operator API in PostgreSqlJobStorage.Operator.cs, enqueue in the caller's
/// transaction in PostgreSqlJobStorage.Transactional.cs.
/// </summary>
public sealed partial class PostgreSqlJobStorage : IJobStorage, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlStorageOptions _options;
    private readonly PostgreSqlStatements _sql;
    private readonly PostgreSqlReadyListener _listener;
    private readonly PostgreSqlReadyNotifier _notifier;
    private readonly TimeProvider _time;
    private int _disposed;
    private readonly ConcurrentDictionary<string, long> _registeredAt = new(StringComparer.Ordinal);

    /// <summary>
    /// A storage over <paramref name="dataSource"/> (not disposed with the storage: the caller owns it).
    /// <paramref name="time"/> stamps jobs enqueued through <see cref="Enlist"/>; the storage itself never reads a clock.
    /// </summary>
    public PostgreSqlJobStorage(NpgsqlDataSource dataSource, PostgreSqlStorageOptions? options = null, TimeProvider? time = null)
        : this(dataSource, options ?? new PostgreSqlStorageOptions(), time, ownsDataSource: false)
    {
    }

    private PostgreSqlJobStorage(NpgsqlDataSource dataSource, PostgreSqlStorageOptions options, TimeProvider? time, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options.Validate();
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _time = time ?? TimeProvider.System;
        _options = options;
        _sql = new PostgreSqlStatements(options.Schema);
        _listener = new PostgreSqlReadyListener(dataSource, _sql.Channel);
        _notifier = new PostgreSqlReadyNotifier(dataSource, _sql.Channel);
    }

    /// <summary>
    /// A storage that owns a data source built from <paramref name="connectionString"/>. Statements are prepared
    /// automatically (<c>Max Auto Prepare=32</c>) unless the string sets <c>Max Auto Prepare</c> itself.
    /// </summary>
    public static PostgreSqlJobStorage Create(string connectionString, PostgreSqlStorageOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        builder.EnableArrays();
        return new PostgreSqlJobStorage(builder.Build(), options ?? new PostgreSqlStorageOptions(), time, ownsDataSource: true);
    }

    /// <summary>The data source this storage uses (for the migrator, diagnostics and tests).</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>The options it was created with.</summary>
    public PostgreSqlStorageOptions Options => _options;

    /// <summary>A migrator for this storage's database and schema.</summary>
    public PostgreSqlMigrator CreateMigrator() => new(_dataSource, _options.Schema);

    /// <inheritdoc />
    public async ValueTask EnqueueAsync(string queue, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        var register = NeedsRegistration(queue);
        await using var command = _dataSource.CreateCommand(register ? _sql.EnqueueRegistering : _sql.Enqueue);
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Value(payload));
        command.Parameters.Add(Value(PostgreSqlPriority.Of(payload)));
        await ExecuteRegisteringAsync(command, queue, register, cancellationToken).ConfigureAwait(false);
        _notifier.Notify(queue);
    }

    /// <inheritdoc />
    public async ValueTask EnqueueManyAsync(IReadOnlyList<QueuedPayload> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        if (payloads.Count == 0)
        {
            return;
        }

        var queues = new string[payloads.Count];
        var bodies = new byte[payloads.Count][];
        var priorities = new int[payloads.Count];
        for (var i = 0; i < queues.Length; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(payloads[i].Queue);
            queues[i] = payloads[i].Queue;
            bodies[i] = payloads[i].Payload.ToArray();
            priorities[i] = PostgreSqlPriority.Of(bodies[i]);
        }

        await using var command = _dataSource.CreateCommand(_sql.EnqueueMany);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = queues });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = bodies });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _sql.Channel });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = priorities });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ScheduleAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        await using var command = _dataSource.CreateCommand(_sql.Schedule);
        AddScheduleParameters(command, queue, payload, dueAt, PostgreSqlPriority.Of(payload));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.Queues);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var queues = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            queues.Add(reader.GetString(0));
        }

        return queues;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Once: the container holds it as IJobStorage and as PostgreSqlJobStorage.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _listener.DisposeAsync().ConfigureAwait(false);
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AddScheduleParameters(NpgsqlCommand command, string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, int priority)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = payload });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = dueAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = priority });
    }

    // The registry insert rides along with the enqueue only every RegistryRefresh per queue and process, so the
    // common enqueue is a single-row insert plus a notification.
    private bool NeedsRegistration(string queue)
    {
        var now = Environment.TickCount64;
        return !_registeredAt.TryGetValue(queue, out var at) || now - at >= (long)_options.RegistryRefresh.TotalMilliseconds;
    }

    private async Task ExecuteRegisteringAsync(NpgsqlCommand command, string queue, bool register, CancellationToken cancellationToken)
    {
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (register)
        {
            _registeredAt[queue] = Environment.TickCount64;
        }
    }

    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };
}
