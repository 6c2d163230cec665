using Npgsql;

namespace JobGen.Storage.PostgreSql;

// Enqueue inside the caller's transaction, and priorities: the entry points of PostgreSqlJobClient.
public sealed partial class PostgreSqlJobStorage
{
    /// <summary>
    /// A client whose enqueues are rows of <paramref name="transaction"/>: they commit or roll back with it, and
    /// workers are woken at commit. The transaction must be on a connection to this storage's database; keep it open
    /// while enqueuing. Use the generated methods on it: <c>await storage.Enlist(tx).EnqueueSendReceiptAsync(orderId)</c>.
    /// </summary>
    public PostgreSqlJobClient Enlist(NpgsqlTransaction transaction, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new PostgreSqlJobClient(this, transaction, priority, _time);
    }

    /// <summary>A client (outside any transaction) whose jobs run before (lower) or after (higher) priority-0 jobs of their queue.</summary>
    public PostgreSqlJobClient WithPriority(int priority) => new(this, null, priority, _time);

    /// <summary>The insert of one encoded job: ready (registered and notified) or scheduled when <paramref name="dueAt"/> is given.</summary>
    internal NpgsqlBatchCommand InsertCommand(string queue, byte[] payload, DateTimeOffset? dueAt, int priority)
    {
        NpgsqlBatchCommand command;
        if (dueAt is { } due)
        {
            command = new NpgsqlBatchCommand(_sql.Schedule);
            command.Parameters.Add(Value(queue));
            command.Parameters.Add(Value(payload));
            command.Parameters.Add(Time(due));
            command.Parameters.Add(Value(priority));
        }
        else
        {
            command = new NpgsqlBatchCommand(_sql.EnqueueAndRegister);
            command.Parameters.Add(Value(queue));
            command.Parameters.Add(Value(payload));
            command.Parameters.Add(Value(priority));
            command.Parameters.Add(Value(_sql.Channel));
        }

        return command;
    }
}
