using JobGen.Storage;
using Npgsql;

namespace JobGen.PostgreSql.Tests;

/// <summary>
/// Enqueue inside the caller's transaction: the job row commits or rolls back with the caller's own row, and is
/// invisible to workers until the commit. The generated enqueue methods run on the enlisted client unchanged.
/// </summary>
public sealed class PostgreSqlTransactionalEnqueueTests(PostgresServerFixture postgres)
{
    private static readonly DateTimeOffset Deadline = DateTimeOffset.UtcNow.AddMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_enqueued_in_a_committed_transaction_runs_with_the_callers_row()
    {
        await using var storage = await postgres.NewStorageAsync();
        await using var connection = await storage.DataSource.OpenConnectionAsync(Ct);
        var orders = await CreateOrdersTableAsync(connection, storage.Options.Schema);

        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await InsertOrderAsync(connection, transaction, orders, 42);
            var id = await storage.Enlist(transaction).EnqueueSendReceiptAsync(42, cancellationToken: Ct);
            Assert.False(string.IsNullOrEmpty(id));

            // Not visible to a worker before the commit.
            Assert.Empty(await storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.Zero, Ct));
            await transaction.CommitAsync(Ct);
        }

        var job = Assert.Single(await storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.Zero, Ct));
        var envelope = EnvelopeSerializer.Deserialize(job.Payload);
        Assert.Equal(("pg.receipt", "mail"), (envelope.Job, envelope.Queue));
        Assert.Equal(1L, await CountOrdersAsync(connection, orders));
        Assert.Equal(["mail"], await storage.GetQueuesAsync(Ct));
    }

    [Fact]
    public async Task A_job_enqueued_in_a_rolled_back_transaction_never_exists()
    {
        await using var storage = await postgres.NewStorageAsync();
        await using var connection = await storage.DataSource.OpenConnectionAsync(Ct);
        var orders = await CreateOrdersTableAsync(connection, storage.Options.Schema);

        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await InsertOrderAsync(connection, transaction, orders, 7);
            await storage.Enlist(transaction).EnqueueSendReceiptAsync(7, cancellationToken: Ct);
            await storage.Enlist(transaction).ScheduleSendReceiptAsync(7, TimeSpan.FromHours(1), cancellationToken: Ct);
            await transaction.RollbackAsync(Ct);
        }

        var counts = await storage.GetQueueCountsAsync("mail", Ct);
        Assert.Equal((0L, 0L, 0L), (counts.Ready, counts.InFlight, counts.Scheduled));
        Assert.Equal(0L, await CountOrdersAsync(connection, orders));
        Assert.Empty(await storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task A_waiting_worker_is_woken_by_the_commit()
    {
        await using var storage = await postgres.NewStorageAsync();
        var fetch = storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.FromMinutes(1), Ct).AsTask();
        await using var connection = await storage.DataSource.OpenConnectionAsync(Ct);

        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await storage.Enlist(transaction).EnqueueSendReceiptAsync(1, cancellationToken: Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.Single(await fetch.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task Bulk_enqueue_in_a_transaction_is_all_or_nothing()
    {
        await using var storage = await postgres.NewStorageAsync();
        await using var connection = await storage.DataSource.OpenConnectionAsync(Ct);
        var requests = Enumerable.Range(0, 50).Select(JobGenPostgreSqlTestsJobs.CreateSendReceiptRequest).ToList();

        await using (var rolledBack = await connection.BeginTransactionAsync(Ct))
        {
            await storage.Enlist(rolledBack).EnqueueManyAsync(requests, Ct);
            await rolledBack.RollbackAsync(Ct);
        }

        Assert.Equal(0L, (await storage.GetQueueCountsAsync("mail", Ct)).Ready);
        await using (var committed = await connection.BeginTransactionAsync(Ct))
        {
            var ids = await storage.Enlist(committed).EnqueueManyAsync(requests, Ct);
            Assert.Equal(50, ids.Distinct().Count());
            await committed.CommitAsync(Ct);
        }

        Assert.Equal(50L, (await storage.GetQueueCountsAsync("mail", Ct)).Ready);
    }

    [Fact]
    public async Task Enqueue_on_a_finished_transaction_fails_with_a_clear_message()
    {
        await using var storage = await postgres.NewStorageAsync();
        await using var connection = await storage.DataSource.OpenConnectionAsync(Ct);
        var transaction = await connection.BeginTransactionAsync(Ct);
        await transaction.CommitAsync(Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Enlist(transaction).EnqueueSendReceiptAsync(1, cancellationToken: Ct).AsTask());
        Assert.Contains("completed", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> CreateOrdersTableAsync(NpgsqlConnection connection, string schema)
    {
        var table = $"\"{schema}\".orders";
        await using var command = new NpgsqlCommand($"CREATE TABLE {table} (id integer PRIMARY KEY)", connection);
        await command.ExecuteNonQueryAsync(Ct);
        return table;
    }

    private static async Task InsertOrderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, int id)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO {table} (id) VALUES ($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> CountOrdersAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
