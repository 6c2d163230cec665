using JobGen.Storage.PostgreSql;
using SampleApp;

namespace JobGen.Aot.Tests;

/// <summary>The same Native AOT worker switched to PostgreSQL with <c>--postgres</c>, against a private PostgreSQL 15.</summary>
[Collection(PublishedWorkerCollection.Name)]
public sealed class PostgresWorkerTests(PublishedWorker published)
{
    [Fact]
    public async Task Runs_the_sample_jobs_from_PostgreSQL_then_exits_0_on_SIGTERM()
    {
        published.EnsureSucceeded();
        var ct = TestContext.Current.CancellationToken;
        await using var server = await PostgresServer.StartAsync();
        var connectionString = server.ConnectionString();
        await PostgreSqlMigrator.MigrateAsync(connectionString, "jobgen", ct);
        await using var storage = PostgreSqlJobStorage.Create(connectionString);
        var jobs = new JobClient(storage);
        var welcomeId = await jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail(7, "grace@example.com", "en-GB"), cancellationToken: ct);
        var imageId = Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        await jobs.EnqueueMakeThumbnailsAsync(imageId, [new(32, 32, ImageFormat.Png)], cancellationToken: ct);

        using var journal = new JournalFile();
        await using var worker = ChildProcess.Start(published.Executable,
            ["--postgres", connectionString, "--queues", "critical:3,default:1,webhooks:1,reports:1", "--shutdown-timeout", "5s", "--journal", journal.Path]);
        var entries = await journal.WaitForAsync(2, worker, TimeSpan.FromSeconds(60));

        string[] expected =
        [
            $"emails.welcome job={welcomeId} user=7 to=grace@example.com locale=en-GB key=welcome:7",
            "images.thumbnails image=3f2504e04f8941d39a0c0305e82c3301 sizes=32x32.png",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), entries.Select(e => e.Entry).Order(StringComparer.Ordinal));
        Assert.Contains($"worker starting: postgres=127.0.0.1:{server.Port}/postgres", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", worker.Output, StringComparison.OrdinalIgnoreCase);

        worker.Terminate();
        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)), $"the worker did not exit after SIGTERM:{Environment.NewLine}{worker.Output}");
        Assert.True(worker.ExitCode == 0, $"exit code {worker.ExitCode}:{Environment.NewLine}{worker.Output}");
        foreach (var queue in new[] { "critical", "default" })
        {
            var counts = await storage.GetQueueCountsAsync(queue, ct);
            Assert.Equal((queue, 0L, 0L), (queue, counts.Ready, counts.InFlight));
        }
    }

    [Fact]
    public async Task Exits_3_naming_the_migration_when_the_schema_is_missing()
    {
        published.EnsureSucceeded();
        await using var server = await PostgresServer.StartAsync();

        await using var worker = ChildProcess.Start(published.Executable, ["--postgres", server.ConnectionString()]);

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the worker kept running without its schema:{Environment.NewLine}{worker.Output}");
        Assert.True(worker.ExitCode == 3, $"exit code {worker.ExitCode}:{Environment.NewLine}{worker.Output}");
        Assert.Contains("worker: The JobGen schema \"jobgen\" in database \"postgres\" does not exist", worker.Output, StringComparison.Ordinal);
        Assert.Contains("PostgreSqlMigrator.MigrateAsync", worker.Output, StringComparison.Ordinal);
    }
}
