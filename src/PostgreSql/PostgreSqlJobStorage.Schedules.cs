namespace JobGen.Storage.PostgreSql;

// Recurring schedules (schema version 2): definitions in schedules, last claimed ticks in schedule_ticks (kept when
// a schedule is saved again, dropped with it); a claim and its enqueue are one statement (PostgreSqlStatements.ClaimTick).
public sealed partial class PostgreSqlJobStorage
{
    /// <inheritdoc />
    public async ValueTask SaveScheduleAsync(StoredSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO {_sql.Schema}.schedules (name, queue, definition) VALUES ($1, $2, $3) " +
            "ON CONFLICT (name) DO UPDATE SET queue = EXCLUDED.queue, definition = EXCLUDED.definition");
        command.Parameters.Add(Value(schedule.Name));
        command.Parameters.Add(Value(schedule.Queue));
        command.Parameters.Add(Value(schedule.Definition));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredSchedule>> GetSchedulesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT s.name, s.queue, s.definition, t.last_tick FROM {_sql.Schema}.schedules s " +
            $"LEFT JOIN {_sql.Schema}.schedule_ticks t ON t.name = s.name ORDER BY s.name COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var schedules = new List<StoredSchedule>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            DateTimeOffset? lastTick = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
            schedules.Add(new StoredSchedule(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), lastTick));
        }

        return schedules;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveScheduleAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"WITH tick AS (DELETE FROM {_sql.Schema}.schedule_ticks WHERE name = $1) " +
            $"DELETE FROM {_sql.Schema}.schedules WHERE name = $1");
        command.Parameters.Add(Value(name));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ClaimTickAsync(string schedule, string queue, DateTimeOffset tick, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(schedule);
        ArgumentException.ThrowIfNullOrEmpty(queue);
        await using var command = _dataSource.CreateCommand(_sql.ClaimTick);
        command.Parameters.Add(Value(schedule));
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Time(tick));
        command.Parameters.Add(Value(payload));
        command.Parameters.Add(Value(_sql.Channel));
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }
}
