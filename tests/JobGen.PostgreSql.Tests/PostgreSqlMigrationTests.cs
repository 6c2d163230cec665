using JobGen.Storage.PostgreSql;
using JobGen.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace JobGen.PostgreSql.Tests;

/// <summary>
/// Migrations: idempotent, safe when many connections migrate at once, per schema; and what a host does at start
/// with a missing schema, automatic migration, or a server it cannot reach.
/// </summary>
public sealed class PostgreSqlMigrationTests(PostgresServerFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrating_twice_applies_each_migration_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        var migrator = new PostgreSqlMigrator(dataSource, PostgresServerFixture.NewSchema());

        Assert.Equal(0, await migrator.GetVersionAsync(Ct));
        Assert.Equal(PostgreSqlMigrator.LatestVersion, await migrator.MigrateAsync(Ct));
        Assert.Equal(0, await migrator.MigrateAsync(Ct));
        Assert.Equal(PostgreSqlMigrator.LatestVersion, await migrator.GetVersionAsync(Ct));
        await migrator.EnsureCurrentAsync(Ct);
    }

    [Fact]
    public async Task Many_connections_migrating_one_schema_at_once_apply_it_once()
    {
        var schema = PostgresServerFixture.NewSchema();
        var dataSources = Enumerable.Range(0, 8).Select(_ => NpgsqlDataSource.Create(postgres.ConnectionString)).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var runs = dataSources.Select(ds => Task.Run(async () =>
            {
                await start.WaitAsync(Ct);
                return await new PostgreSqlMigrator(ds, schema).MigrateAsync(Ct);
            }, Ct)).ToList();
            start.Release(runs.Count);

            var applied = await Task.WhenAll(runs);

            Assert.Equal(PostgreSqlMigrator.LatestVersion, applied.Sum());
            Assert.Equal(PostgreSqlMigrator.LatestVersion, await new PostgreSqlMigrator(dataSources[0], schema).GetVersionAsync(Ct));
        }
        finally
        {
            foreach (var ds in dataSources)
            {
                await ds.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Separate_schemas_share_one_database_without_seeing_each_other()
    {
        await using var first = await postgres.NewStorageAsync();
        await using var second = await postgres.NewStorageAsync();

        await first.EnqueueAsync("q", new byte[] { 1 }, Ct);

        Assert.Empty(await second.FetchAsync(["q"], 10, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.Zero, Ct));
        Assert.Single(await first.FetchAsync(["q"], 10, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task A_host_with_a_missing_schema_and_no_auto_migration_stops_at_start_naming_the_fix()
    {
        var schema = PostgresServerFixture.NewSchema();
        using var host = Host(postgres.ConnectionString, schema, autoMigrate: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains($"\"{schema}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSqlMigrator.MigrateAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains("AutoMigrate", error.Message, StringComparison.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        Assert.Equal(0, await new PostgreSqlMigrator(dataSource, schema).GetVersionAsync(Ct));
    }

    [Fact]
    public async Task A_host_with_an_older_schema_stops_at_start_with_its_version()
    {
        var schema = PostgresServerFixture.NewSchema();
        await using (var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString))
        {
            await new PostgreSqlMigrator(dataSource, schema).MigrateAsync(Ct);
            await using var downgrade = dataSource.CreateCommand($"DELETE FROM \"{schema}\".schema_version WHERE version = {PostgreSqlMigrator.LatestVersion}");
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        using var host = Host(postgres.ConnectionString, schema, autoMigrate: false);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        // "Older" is the version before the latest; the fix applies the missing one.
        Assert.Contains($"needs version {PostgreSqlMigrator.LatestVersion}", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSqlMigrator.MigrateAsync", error.Message, StringComparison.Ordinal);
        await using var again = NpgsqlDataSource.Create(postgres.ConnectionString);
        Assert.Equal(1, await new PostgreSqlMigrator(again, schema).MigrateAsync(Ct));
    }

    [Fact]
    public async Task A_database_at_version_1_is_refused_at_start_then_upgraded_to_the_latest_keeping_its_jobs()
    {
        var schema = PostgresServerFixture.NewSchema();
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await MigrateToVersion1Async(dataSource, schema);
        await using (var enqueue = dataSource.CreateCommand($"INSERT INTO \"{schema}\".jobs (queue, state, payload) VALUES ('q', 0, '\\x01'::bytea)"))
        {
            await enqueue.ExecuteNonQueryAsync(Ct);
        }

        var migrator = new PostgreSqlMigrator(dataSource, schema);
        Assert.Equal(1, await migrator.GetVersionAsync(Ct));
        using (var host = Host(postgres.ConnectionString, schema, autoMigrate: false))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));
            Assert.Contains("is at version 1", error.Message, StringComparison.Ordinal);
            Assert.Contains($"needs version {PostgreSqlMigrator.LatestVersion}", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(PostgreSqlMigrator.LatestVersion - 1, await migrator.MigrateAsync(Ct));
        Assert.Equal(PostgreSqlMigrator.LatestVersion, await migrator.GetVersionAsync(Ct));
        await migrator.EnsureCurrentAsync(Ct);

        // Version 2's tables are there and the version 1 job is kept.
        await using var storage = new PostgreSqlJobStorage(dataSource, new PostgreSqlStorageOptions { Schema = schema });
        await storage.SetQueuePausedAsync("q", true, Ct);
        Assert.Equal(["q"], await storage.GetPausedQueuesAsync(Ct));
        Assert.True(await storage.ClaimTickAsync("nightly", "q", DateTimeOffset.UnixEpoch, new byte[] { 2 }, Ct));
        var jobs = await storage.FetchAsync(["q"], 10, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.Zero, Ct);
        Assert.Equal([(byte)1, (byte)2], jobs.Select(j => j.Payload.Span[0]).Order());
    }

    [Fact]
    public async Task A_host_with_auto_migration_creates_the_schema_at_start()
    {
        var schema = PostgresServerFixture.NewSchema();
        using var host = Host(postgres.ConnectionString, schema, autoMigrate: true);

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        Assert.Equal(PostgreSqlMigrator.LatestVersion, await new PostgreSqlMigrator(dataSource, schema).GetVersionAsync(Ct));
    }

    [Fact]
    public async Task A_host_that_cannot_reach_the_server_stops_at_start_naming_the_endpoint()
    {
        var port = FreePorts.Next();
        using var host = Host($"Host=127.0.0.1;Port={port};Username=jobgen;Timeout=3", "jobgen", autoMigrate: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }

    // What a database migrated by a JobGen with one migration holds: migration 1 and its version row.
    private static async Task MigrateToVersion1Async(NpgsqlDataSource dataSource, string schema)
    {
        var quoted = $"\"{schema}\"";
        await using var command = dataSource.CreateCommand(
            $"CREATE SCHEMA {quoted}; CREATE TABLE {quoted}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); " +
            PostgreSqlMigrations.All[0].Replace("{s}", quoted, StringComparison.Ordinal) +
            $"; INSERT INTO {quoted}.schema_version (version) VALUES (1)");
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static IHost Host(string connectionString, string schema, bool autoMigrate)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddJobGen(o => o.Worker.Queues = ["e2e"])
            .UsePostgreSql(connectionString, o =>
            {
                o.Schema = schema;
                o.AutoMigrate = autoMigrate;
            });
        builder.Services.AddSingleton(new PostgreSqlLedger(0)).AddJobGenPostgreSqlTestsJobs();
        return builder.Build();
    }
}
