using JobGen.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.PostgreSql.Tests;

/// <summary>
/// The real worker (AddJobGen + UsePostgreSql, generated jobs) on PostgreSQL: two workers drain one queue and every
/// job runs exactly once; a row whose payload does not decode goes to the dead set with its reason.
/// </summary>
public sealed class PostgreSqlWorkerEndToEndTests(PostgresServerFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_workers_drain_a_queue_and_each_job_runs_exactly_once()
    {
        const int jobs = 2_000;
        var schema = PostgresServerFixture.NewSchema();
        var ledger = new PostgreSqlLedger(jobs);
        await using var first = Worker(schema, ledger);
        await using var second = Worker(schema, ledger);
        await first.GetRequiredService<Storage.PostgreSql.PostgreSqlJobStorage>().CreateMigrator().MigrateAsync(Ct);
        var client = first.GetRequiredService<IJobClient>();
        var ids = new List<string>();
        foreach (var chunk in Enumerable.Range(0, jobs).Chunk(500))
        {
            ids.AddRange(await client.EnqueueManyAsync([.. chunk.Select(JobGenPostgreSqlTestsJobs.CreateCountRequest)], Ct));
        }

        await first.GetRequiredService<JobWorker>().StartAsync(Ct);
        await second.GetRequiredService<JobWorker>().StartAsync(Ct);
        await ledger.AllRan.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await first.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);
        await second.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);

        Assert.Equal(0, ledger.RanTwice);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ledger.Runs.Keys.Order(StringComparer.Ordinal));
        var counts = await first.GetRequiredService<IJobStorage>().GetQueueCountsAsync("e2e", Ct);
        Assert.Equal((0L, 0L, 0L, 0L), (counts.Ready, counts.InFlight, counts.Scheduled, counts.Dead));
    }

    [Fact]
    public async Task A_payload_that_does_not_decode_goes_to_the_dead_set_with_its_reason()
    {
        var schema = PostgresServerFixture.NewSchema();
        var ledger = new PostgreSqlLedger(1);
        await using var worker = Worker(schema, ledger);
        var storage = worker.GetRequiredService<IJobStorage>();
        await worker.GetRequiredService<Storage.PostgreSql.PostgreSqlJobStorage>().CreateMigrator().MigrateAsync(Ct);
        byte[] garbage = [0xC1, 0xFF, 0x00, 0x13];
        await storage.EnqueueAsync("e2e", garbage, Ct);
        await worker.GetRequiredService<IJobClient>().EnqueueCountAsync(1, cancellationToken: Ct);

        await worker.GetRequiredService<JobWorker>().StartAsync(Ct);
        await ledger.AllRan.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        IReadOnlyList<StoredPayload> dead = [];
        for (var i = 0; i < 500 && dead.Count == 0; i++)
        {
            dead = await storage.GetPageAsync("e2e", PayloadSet.Dead, 0, 10, Ct);
            await Task.Delay(10, Ct);
        }

        await worker.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);

        var record = DeadJob.Deserialize(Assert.Single(dead).Payload);
        Assert.Equal(DeathReason.UndecodableEnvelope, record.Reason);
        Assert.Equal(garbage, record.Payload.ToArray());
        Assert.False(string.IsNullOrEmpty(record.Message));
        var counts = await storage.GetQueueCountsAsync("e2e", Ct);
        Assert.Equal((0L, 0L, 1L), (counts.Ready, counts.InFlight, counts.Dead));
    }

    private ServiceProvider Worker(string schema, PostgreSqlLedger ledger)
    {
        var services = new ServiceCollection();
        services.AddJobGen(o =>
        {
            o.Worker.Concurrency = 4;
            o.Worker.Queues = ["e2e"];
            o.Worker.PollInterval = TimeSpan.FromMilliseconds(50);
            o.Worker.StatsFlushInterval = TimeSpan.FromMilliseconds(50);
        }).UsePostgreSql(postgres.ConnectionString, o => o.Schema = schema);
        services.AddSingleton(ledger).AddJobGenPostgreSqlTestsJobs();
        return services.BuildServiceProvider(validateScopes: true);
    }
}
