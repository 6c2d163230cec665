using System.Globalization;
using Npgsql;

namespace JobGen.Storage.PostgreSql;

// Processes, stats and the operator API: counts, pages, dead retry and delete.
public sealed partial class PostgreSqlJobStorage
{
    /// <inheritdoc />
    public async ValueTask HeartbeatAsync(ProcessInfo process, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        await using var batch = _dataSource.CreateBatch();
        var upsert = new NpgsqlBatchCommand(
            $"INSERT INTO {_sql.Schema}.processes (id, host, pid, queues, concurrency, busy, started_at, version, expires_at, heartbeat_at, running) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO UPDATE SET host = $2, pid = $3, queues = $4, " +
            "concurrency = $5, busy = $6, started_at = $7, version = $8, expires_at = $9, heartbeat_at = $10, running = $11");
        upsert.Parameters.Add(Value(process.Id));
        upsert.Parameters.Add(Value(process.Host));
        upsert.Parameters.Add(Value(process.Pid));
        upsert.Parameters.Add(Value(process.Queues.ToArray()));
        upsert.Parameters.Add(Value(process.Concurrency));
        upsert.Parameters.Add(Value(process.Busy));
        upsert.Parameters.Add(Time(process.StartedAt));
        upsert.Parameters.Add(Value(process.Version));
        upsert.Parameters.Add(Time(now + ttl));
        upsert.Parameters.Add(Time(now));
        upsert.Parameters.Add(Value(RunningJob.EncodeList([.. process.Running.Take(ProcessInfo.MaxRunningReported)])));

        // Processes that stopped without deregistering are dropped by the next live one's heartbeat, signals with them.
        var prune = new NpgsqlBatchCommand($"WITH gone AS (DELETE FROM {_sql.Schema}.processes WHERE expires_at <= $1 RETURNING id) " +
            $"DELETE FROM {_sql.Schema}.process_signals WHERE process_id IN (SELECT id FROM gone)");
        prune.Parameters.Add(Time(now));
        batch.BatchCommands.Add(upsert);
        batch.BatchCommands.Add(prune);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveProcessAsync(string processId, CancellationToken cancellationToken)
    {
        // A signal lives as long as the registration.
        await using var command = _dataSource.CreateCommand($"WITH signal AS (DELETE FROM {_sql.Schema}.process_signals WHERE process_id = $1) " +
            $"DELETE FROM {_sql.Schema}.processes WHERE id = $1");
        command.Parameters.Add(Value(processId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT id, host, pid, queues, concurrency, busy, started_at, version, heartbeat_at, running FROM {_sql.Schema}.processes WHERE expires_at > $1 ORDER BY id");
        command.Parameters.Add(Time(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var processes = new List<ProcessInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            processes.Add(new ProcessInfo(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetInt32(4),
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7))
            {
                LastHeartbeatAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                Running = reader.IsDBNull(9) ? [] : ReadRunning(reader.GetFieldValue<byte[]>(9)),
            });
        }

        return processes;
    }

    private static IReadOnlyList<RunningJob> ReadRunning(byte[] bytes)
    {
        try
        {
            return RunningJob.DecodeList(bytes);
        }
        catch (JobPayloadException)
        {
            return []; // written by a newer or foreign writer: the process is still listed
        }
    }

    /// <inheritdoc />
    public async ValueTask IncrementStatsAsync(long processed, long failed, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO {_sql.Schema}.stats (day, processed, failed) VALUES ($1, $2, $3) " +
            "ON CONFLICT (day) DO UPDATE SET processed = stats.processed + $2, failed = stats.failed + $3");
        command.Parameters.Add(Value(day));
        command.Parameters.Add(Value(processed));
        command.Parameters.Add(Value(failed));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<JobStats> GetStatsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT coalesce(sum(processed), 0)::bigint, coalesce(sum(failed), 0)::bigint FROM {_sql.Schema}.stats"));
        var byDays = new NpgsqlBatchCommand($"SELECT day, processed, failed FROM {_sql.Schema}.stats WHERE day = ANY($1)");
        byDays.Parameters.Add(Value(days.ToArray()));
        batch.BatchCommands.Add(byDays);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (processed, failed) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var byDay = new Dictionary<DateOnly, (long, long)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            byDay[reader.GetFieldValue<DateOnly>(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return new JobStats(processed, failed, [.. days.Select(d =>
            byDay.TryGetValue(d, out var totals) ? new DailyJobStats(d, totals.Item1, totals.Item2) : new DailyJobStats(d, 0, 0))]);
    }

    /// <inheritdoc />
    public async ValueTask<QueueCounts> GetQueueCountsAsync(string queue, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT count(*) FILTER (WHERE state = 0), count(*) FILTER (WHERE state = 1), count(*) FILTER (WHERE state = 2), " +
            $"(SELECT count(*) FROM {_sql.Schema}.dead WHERE queue = $1), " +
            $"(SELECT payload FROM {_sql.Schema}.jobs WHERE queue = $1 AND state = 0 ORDER BY priority, seq LIMIT 1) " +
            $"FROM {_sql.Schema}.jobs WHERE queue = $1");
        command.Parameters.Add(Value(queue));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        ReadOnlyMemory<byte>? oldest = null;
        if (!reader.IsDBNull(4))
        {
            oldest = reader.GetFieldValue<byte[]>(4);
        }

        return new QueueCounts(queue, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), oldest);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredPayload>> GetPageAsync(string queue, PayloadSet kind, int start, int count, CancellationToken cancellationToken)
    {
        var s = _sql.Schema;
        var sql = kind switch
        {
            PayloadSet.Ready => $"SELECT payload, NULL::timestamptz FROM {s}.jobs WHERE queue = $1 AND state = 0 ORDER BY priority, seq",
            PayloadSet.InFlight => $"SELECT payload, due_at FROM {s}.jobs WHERE queue = $1 AND state = 1 ORDER BY due_at, id",
            PayloadSet.Scheduled => $"SELECT payload, due_at FROM {s}.jobs WHERE queue = $1 AND state = 2 ORDER BY due_at, id",
            PayloadSet.Dead => $"SELECT record, died_at FROM {s}.dead WHERE queue = $1 ORDER BY died_at, id",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await using var command = _dataSource.CreateCommand(sql + string.Create(CultureInfo.InvariantCulture, $" OFFSET {Math.Max(0, start)} LIMIT {Math.Max(0, count)}"));
        command.Parameters.Add(Value(queue));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var page = new List<StoredPayload>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            DateTimeOffset? score = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
            page.Add(new StoredPayload(reader.GetFieldValue<byte[]>(0), score));
        }

        return page;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"DELETE FROM {_sql.Schema}.dead WHERE id = (SELECT id FROM {_sql.Schema}.dead WHERE queue = $1 AND record = $2 ORDER BY id LIMIT 1 FOR UPDATE)");
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Value(deadRecord));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RetryDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var s = _sql.Schema;
        await using var command = _dataSource.CreateCommand(
            $"WITH gone AS (DELETE FROM {s}.dead WHERE id = (SELECT id FROM {s}.dead WHERE queue = $1 AND record = $2 ORDER BY id LIMIT 1 FOR UPDATE) RETURNING queue), " +
            $"ins AS (INSERT INTO {s}.jobs (queue, state, payload) SELECT queue, 0, $3 FROM gone RETURNING 1), " +
            "note AS (SELECT pg_notify($4, $1) FROM ins) " +
            "SELECT (SELECT count(*)::integer FROM ins), (SELECT count(*)::integer FROM note)");
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Value(deadRecord));
        command.Parameters.Add(Value(payload));
        command.Parameters.Add(Value(_sql.Channel));
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }
}
