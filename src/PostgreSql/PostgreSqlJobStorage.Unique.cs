using Npgsql;
using NpgsqlTypes;

namespace JobGen.Storage.PostgreSql;

// Unique locks (docs/flow-control.md): a row per held lock; taking it and storing the job is one statement.
public sealed partial class PostgreSqlJobStorage
{
    /// <inheritdoc />
    public async ValueTask<string?> EnqueueUniqueAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset? dueAt, UniqueLock uniqueLock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        await using var command = _dataSource.CreateCommand(_sql.EnqueueUnique);
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Value(uniqueLock.Key));
        command.Parameters.Add(Value(uniqueLock.JobId));
        command.Parameters.Add(NullableTime(uniqueLock.ExpiresAt));
        command.Parameters.Add(Time(now));
        command.Parameters.Add(NullableTime(dueAt));
        command.Parameters.Add(Value(payload));
        var holder = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (!string.Equals(holder, uniqueLock.JobId, StringComparison.Ordinal))
        {
            return holder;
        }

        if (dueAt is null)
        {
            _notifier.Notify(queue);
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseUniqueAsync(string queue, string key, string jobId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.ReleaseUnique);
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Value(key));
        command.Parameters.Add(Value(jobId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static NpgsqlParameter NullableTime(DateTimeOffset? value) =>
        value is { } at ? Time(at) : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = DBNull.Value };
}
