using JobGen.Storage;

namespace JobGen.PostgreSql.Tests;

/// <summary>Priorities within a queue: lower runs first, equal priorities in enqueue order; retries keep theirs.</summary>
public sealed class PostgreSqlPriorityTests(PostgresServerFixture postgres)
{
    private static readonly DateTimeOffset Deadline = DateTimeOffset.UtcNow.AddMinutes(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lower_priorities_run_first_and_equal_ones_in_enqueue_order()
    {
        await using var storage = await postgres.NewStorageAsync();
        await storage.WithPriority(5).EnqueueSendReceiptAsync(1, cancellationToken: Ct);
        await storage.EnqueueAsync("mail", EnvelopeSerializer.Serialize(Envelope("plain-1")), Ct);
        await storage.WithPriority(-10).EnqueueSendReceiptAsync(2, cancellationToken: Ct);
        await storage.EnqueueAsync("mail", EnvelopeSerializer.Serialize(Envelope("plain-2")), Ct);
        var headerUrgent = new EnqueueOptions { Headers = new Dictionary<string, string> { ["priority"] = "-20" } };
        await storage.WithPriority(0).EnqueueSendReceiptAsync(3, headerUrgent, Ct);

        var order = (await storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.Zero, Ct))
            .Select(j => EnvelopeSerializer.Deserialize(j.Payload))
            .Select(e => e.Job == "pg.receipt" ? "receipt-" + e.Headers.GetValueOrDefault("priority", "client") : e.Id)
            .ToArray();

        Assert.Equal(["receipt--20", "receipt-client", "plain-1", "plain-2", "receipt-client"], order);
    }

    [Fact]
    public async Task A_retried_job_keeps_its_priority()
    {
        await using var storage = await postgres.NewStorageAsync();
        await storage.WithPriority(-1).EnqueueSendReceiptAsync(1, cancellationToken: Ct);
        var job = Assert.Single(await storage.FetchAsync(["mail"], 1, Deadline, TimeSpan.Zero, Ct));
        await storage.RetryAsync(job, job.Payload, DateTimeOffset.UnixEpoch, Ct);
        await storage.EnqueueAsync("mail", EnvelopeSerializer.Serialize(Envelope("normal")), Ct);

        Assert.Equal(1, await storage.PromoteDueAsync("mail", DateTimeOffset.UtcNow, 10, Ct));

        var jobs = await storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.Zero, Ct);
        Assert.Equal(["pg.receipt", "x"], jobs.Select(j => EnvelopeSerializer.Deserialize(j.Payload).Job));
    }

    [Fact]
    public async Task A_priority_header_that_is_not_an_integer_is_refused()
    {
        await using var storage = await postgres.NewStorageAsync();
        var options = new EnqueueOptions { Headers = new Dictionary<string, string> { ["priority"] = "high" } };

        await Assert.ThrowsAsync<ArgumentException>(() => storage.WithPriority(0).EnqueueSendReceiptAsync(1, options, Ct).AsTask());
        Assert.Equal(0L, (await storage.GetQueueCountsAsync("mail", Ct)).Ready);
    }

    [Fact]
    public async Task The_attribute_priority_orders_jobs_enqueued_through_the_DI_client_one_by_one_in_bulk_and_scheduled()
    {
        await using var storage = await postgres.NewStorageAsync();
        var client = new JobClient(storage);
        await client.EnqueueSendReceiptAsync(1, cancellationToken: Ct);
        await client.EnqueueSendUrgentAsync(2, cancellationToken: Ct);
        await client.EnqueueManyAsync([JobGenPostgreSqlTestsJobs.CreateSendReceiptRequest(3), JobGenPostgreSqlTestsJobs.CreateSendUrgentRequest(4)], Ct);
        await client.ScheduleSendUrgentAsync(5, TimeSpan.FromMilliseconds(1), cancellationToken: Ct);
        await Task.Delay(50, Ct);
        Assert.Equal(1, await storage.PromoteDueAsync("mail", DateTimeOffset.UtcNow.AddSeconds(1), 10, Ct));

        var order = (await storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.Zero, Ct))
            .Select(j => EnvelopeSerializer.Deserialize(j.Payload))
            .Select(e => $"{e.Job}:{e.Headers.GetValueOrDefault("priority", "-")}")
            .ToArray();

        Assert.Equal(["pg.urgent:-7", "pg.urgent:-7", "pg.urgent:-7", "pg.receipt:-", "pg.receipt:-"], order);
    }

    [Fact]
    public async Task On_the_PostgreSQL_client_a_call_header_beats_the_client_priority_which_beats_the_attribute()
    {
        await using var storage = await postgres.NewStorageAsync();
        await storage.WithPriority(0).EnqueueSendReceiptAsync(1, cancellationToken: Ct); // 0
        await storage.WithPriority(3).EnqueueSendUrgentAsync(2, cancellationToken: Ct); // 3: the client's
        await storage.WithPriority(0).EnqueueSendUrgentAsync(3, cancellationToken: Ct); // -7: the attribute's
        var header = new EnqueueOptions { Headers = new Dictionary<string, string> { ["priority"] = "-9" } };
        await storage.WithPriority(3).EnqueueSendUrgentAsync(4, header, Ct); // -9: the call's

        var jobs = await storage.FetchAsync(["mail"], 10, Deadline, TimeSpan.Zero, Ct);

        Assert.Equal([4, 3, 1, 2], jobs.Select(j => OrderId(j.Payload)));
    }

    // The single int argument of pg.receipt / pg.urgent (a one-element MessagePack array).
    private static int OrderId(ReadOnlyMemory<byte> payload)
    {
        var reader = new MessagePack.MessagePackReader(EnvelopeSerializer.Deserialize(payload).Arguments);
        _ = reader.ReadArrayHeader();
        return reader.ReadInt32();
    }

    private static JobEnvelope Envelope(string id) => new() { Id = id, Job = "x", Queue = "mail", Arguments = new byte[] { 0x90 } };
}
