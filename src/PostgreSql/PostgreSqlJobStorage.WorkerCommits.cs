using Npgsql;

namespace JobGen.Storage.PostgreSql;

// The worker's own hot statements (fetch, ack) as one-statement batches that, unless SynchronousWorkerCommits, first
// set synchronous_commit = off for their implicit transaction: the commit then returns before its WAL is flushed,
// which takes a disk flush (measured 4-14 ms on the development VM) off every pickup and every ack round trip.
public sealed partial class PostgreSqlJobStorage
{
    private const string RelaxCommit = "SELECT set_config('synchronous_commit', 'off', true)";

    /// <summary>A batch running <paramref name="sql"/> (the returned command: add its parameters) as the worker commits it.</summary>
    private NpgsqlBatch WorkerBatch(string sql, out NpgsqlBatchCommand command)
    {
        var batch = _dataSource.CreateBatch();
        if (!_options.SynchronousWorkerCommits)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(RelaxCommit));
        }

        command = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(command);
        return batch;
    }

    /// <summary>Opens the reader of a <see cref="WorkerBatch"/> on its statement's rows.</summary>
    private async Task<NpgsqlDataReader> ReadWorkerBatchAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!_options.SynchronousWorkerCommits)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return reader;
    }
}
