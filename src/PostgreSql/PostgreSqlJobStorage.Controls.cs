using Npgsql;

namespace JobGen.Storage.PostgreSql;

// Operator controls (schema version 2): paused queues and process signals are rows of their own tables; clearing,
// scheduled removal and killing are single statements on jobs.
public sealed partial class PostgreSqlJobStorage
{
    /// <inheritdoc />
    public async ValueTask SetQueuePausedAsync(string queue, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        await using var command = _dataSource.CreateCommand(paused
            ? $"INSERT INTO {_sql.Schema}.paused_queues (name) VALUES ($1) ON CONFLICT DO NOTHING"
            : $"DELETE FROM {_sql.Schema}.paused_queues WHERE name = $1");
        command.Parameters.Add(Value(queue));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetPausedQueuesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT name FROM {_sql.Schema}.paused_queues");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var paused = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            paused.Add(reader.GetString(0));
        }

        return paused;
    }

    /// <inheritdoc />
    public async ValueTask<long> ClearReadyAsync(string queue, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.ClearReady);
        command.Parameters.Add(Value(queue));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveScheduledAsync(string queue, ReadOnlyMemory<byte> payload, bool runNow, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(runNow ? _sql.RunScheduledNow : _sql.DeleteScheduled);
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Value(payload));
        if (!runNow)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        command.Parameters.Add(Value(_sql.Channel));
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> KillScheduledAsync(string queue, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken)
    {
        // One batch: one round trip, one implicit transaction (as the worker's kill).
        await using var batch = _dataSource.CreateBatch();
        var kill = new NpgsqlBatchCommand(_sql.KillScheduled);
        kill.Parameters.Add(Value(queue));
        kill.Parameters.Add(Value(payload));
        kill.Parameters.Add(Time(now));
        kill.Parameters.Add(Value(deadRecord));
        var byAge = new NpgsqlBatchCommand(_sql.TrimDeadByAge);
        byAge.Parameters.Add(Value(queue));
        byAge.Parameters.Add(Time(now - limits.MaxAge));
        var byCount = new NpgsqlBatchCommand(_sql.TrimDeadByCount);
        byCount.Parameters.Add(Value(queue));
        byCount.Parameters.Add(Value((long)Math.Max(0, limits.MaxJobs)));
        batch.BatchCommands.Add(kill);
        batch.BatchCommands.Add(byAge);
        batch.BatchCommands.Add(byCount);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return kill.RecordsAffected == 1;
    }

    /// <inheritdoc />
    public async ValueTask SignalProcessAsync(string processId, ProcessSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processId);
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO {_sql.Schema}.process_signals (process_id, signal) VALUES ($1, $2) " +
            "ON CONFLICT (process_id) DO UPDATE SET signal = EXCLUDED.signal");
        command.Parameters.Add(Value(processId));
        command.Parameters.Add(Value((short)signal));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessSignal> GetProcessSignalAsync(string processId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT signal FROM {_sql.Schema}.process_signals WHERE process_id = $1");
        command.Parameters.Add(Value(processId));
        var signal = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return signal is short value ? (ProcessSignal)value : ProcessSignal.None;
    }
}
