using Npgsql;

namespace JobGen.Storage.PostgreSql;

// Leases: ack (one and batched), retry, kill, requeue, renew; promotion of due jobs and rescue of expired leases.
// Each statement matches the lease (id and lease number) and state 1, so a rescued or re-fetched lease is left alone.
public sealed partial class PostgreSqlJobStorage
{
    /// <inheritdoc />
    public async ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var lease = PostgreSqlLease.Of(job);
        await using var batch = WorkerBatch(_sql.Ack, out var command);
        command.Parameters.Add(Value(lease.Id));
        command.Parameters.Add(Value(lease.Number));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return command.RecordsAffected == 1;
    }

    /// <summary>Acks a whole batch (any queues) in one DELETE ... USING unnest(...).</summary>
    public async ValueTask<bool[]> AckManyAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var acked = new bool[jobs.Count];
        if (jobs.Count == 0)
        {
            return acked;
        }

        var (ids, numbers) = Leases(jobs);
        await using var batch = WorkerBatch(_sql.AckMany, out var command);
        command.Parameters.Add(Value(ids));
        command.Parameters.Add(Value(numbers));
        var deleted = new HashSet<long>();
        await using (var reader = await ReadWorkerBatchAsync(batch, cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(reader.GetInt64(0));
            }
        }

        // A job given twice was dropped once: only its first mention reports it.
        for (var i = 0; i < ids.Length; i++)
        {
            acked[i] = deleted.Remove(ids[i]);
        }

        return acked;
    }

    /// <inheritdoc />
    public async ValueTask RetryAsync(FetchedJob job, ReadOnlyMemory<byte> retryPayload, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var lease = PostgreSqlLease.Of(job);
        await using var command = _dataSource.CreateCommand(_sql.Retry);
        command.Parameters.Add(Value(lease.Id));
        command.Parameters.Add(Value(lease.Number));
        command.Parameters.Add(Time(dueAt));
        command.Parameters.Add(Value(retryPayload));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask KillAsync(FetchedJob job, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var lease = PostgreSqlLease.Of(job);

        // One batch: one round trip, one implicit transaction.
        await using var batch = _dataSource.CreateBatch();
        var kill = new NpgsqlBatchCommand(_sql.Kill);
        kill.Parameters.Add(Value(lease.Id));
        kill.Parameters.Add(Value(lease.Number));
        kill.Parameters.Add(Time(now));
        kill.Parameters.Add(Value(deadRecord));
        var byAge = new NpgsqlBatchCommand(_sql.TrimDeadByAge);
        byAge.Parameters.Add(Value(job.Queue));
        byAge.Parameters.Add(Time(now - limits.MaxAge));
        var byCount = new NpgsqlBatchCommand(_sql.TrimDeadByCount);
        byCount.Parameters.Add(Value(job.Queue));
        byCount.Parameters.Add(Value((long)Math.Max(0, limits.MaxJobs)));
        batch.BatchCommands.Add(kill);
        batch.BatchCommands.Add(byAge);
        batch.BatchCommands.Add(byCount);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RequeueAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            return;
        }

        var (ids, numbers) = Leases(jobs);
        await using var command = _dataSource.CreateCommand(_sql.Requeue);
        command.Parameters.Add(Value(ids));
        command.Parameters.Add(Value(numbers));
        command.Parameters.Add(Value(_sql.Channel));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RenewLeasesAsync(IReadOnlyList<FetchedJob> jobs, DateTimeOffset leaseDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            return;
        }

        var (ids, numbers) = Leases(jobs);
        await using var command = _dataSource.CreateCommand(_sql.Renew);
        command.Parameters.Add(Value(ids));
        command.Parameters.Add(Value(numbers));
        command.Parameters.Add(Time(leaseDeadline));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<int> PromoteDueAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        MoveAsync(_sql.Promote, queue, now, max, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> RescueExpiredAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        MoveAsync(_sql.Rescue, queue, now, max, cancellationToken);

    private async ValueTask<int> MoveAsync(string sql, string queue, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        if (max <= 0)
        {
            return 0;
        }

        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(Value(queue));
        command.Parameters.Add(Time(now));
        command.Parameters.Add(Value(max));
        command.Parameters.Add(Value(_sql.Channel));
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static (long[] Ids, int[] Numbers) Leases(IReadOnlyList<FetchedJob> jobs)
    {
        var ids = new long[jobs.Count];
        var numbers = new int[jobs.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var lease = PostgreSqlLease.Of(jobs[i]);
            ids[i] = lease.Id;
            numbers[i] = lease.Number;
        }

        return (ids, numbers);
    }
}
