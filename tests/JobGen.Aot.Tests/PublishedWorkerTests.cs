using System.Text;
using JobGen.Storage;
using JobGen.Storage.Redis;
using SampleApp;

namespace JobGen.Aot.Tests;

/// <summary>The Native AOT worker, run as a team would deploy it, against a private redis-server.</summary>
[Collection(PublishedWorkerCollection.Name)]
public sealed class PublishedWorkerTests(PublishedWorker published)
{
    private const string Queues = "critical:3,default:1,webhooks:1,reports:1";

    /// <summary>The sample's --shutdown-timeout in these tests; the worker must be gone within it plus this margin.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ExitMargin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Runs_every_sample_job_with_its_arguments_then_exits_0_on_SIGTERM()
    {
        published.EnsureSucceeded();
        await using var redis = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = redis.Configuration });
        var jobs = new JobClient(storage);
        var ct = TestContext.Current.CancellationToken;

        var imageId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var from = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var welcomeId = await jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail(42, "ada@example.com", "fr-FR"), cancellationToken: ct);
        await jobs.EnqueueMakeThumbnailsAsync(imageId, [new(320, 200, ImageFormat.Webp), new(64, 64, ImageFormat.Png)], cancellationToken: ct);
        await jobs.ScheduleBuildReportAsync(new ReportRequest(7, ReportKind.Billing, from, from.AddMonths(1), null), TimeSpan.FromSeconds(1), cancellationToken: ct);
        var webhookId = await jobs.EnqueueDeliverWebhookAsync(
            new WebhookDelivery("https://hooks.example.com/in", "order.paid", Encoding.UTF8.GetBytes("{\"order\":\"é-17\"}"), new() { ["X-Tenant"] = "acme", ["X-Attempt"] = "1" }),
            cancellationToken: ct);

        using var journal = new JournalFile();
        await using var worker = ChildProcess.Start(published.Executable,
            ["--redis", redis.Configuration, "--queues", Queues, "--concurrency", "4", "--shutdown-timeout", "5s", "--journal", journal.Path]);
        var entries = await journal.WaitForAsync(4, worker, TimeSpan.FromSeconds(60));

        string[] expected =
        [
            $"emails.welcome job={welcomeId} user=42 to=ada@example.com locale=fr-FR key=welcome:42",
            "images.thumbnails image=0f8fad5bd9cb469fa16570867728950e sizes=320x200.webp,64x64.png",
            "reports.build account=7 kind=Billing from=2026-10-01 to=2026-11-01 mailto=-",
            $"webhooks.deliver id={webhookId} url=https://hooks.example.com/in event=order.paid body={{\"order\":\"é-17\"}} headers=X-Attempt=1;X-Tenant=acme",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), entries.Select(e => e.Entry).Order(StringComparer.Ordinal));

        worker.Terminate();
        Assert.True(await worker.WaitForExitAsync(ShutdownTimeout + ExitMargin), $"the worker did not exit after SIGTERM:{Environment.NewLine}{worker.Output}");
        Assert.True(worker.ExitCode == 0, $"exit code {worker.ExitCode}:{Environment.NewLine}{worker.Output}");
        Assert.Contains("worker stopped", worker.Output, StringComparison.Ordinal);
        Assert.Equal(4, journal.Read().Count);
    }

    [Fact]
    public async Task SIGTERM_while_jobs_run_finishes_or_returns_every_job()
    {
        published.EnsureSucceeded();
        await using var redis = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = redis.Configuration });
        var jobs = new JobClient(storage);
        var ct = TestContext.Current.CancellationToken;

        // 200 jobs of ~100 ms each on 4 processors: about 5 s of work, stopped after the first 20.
        const int Total = 200;
        var sizes = Enumerable.Range(1, 20).Select(i => new ThumbnailSize(i * 10, i * 10, ImageFormat.Jpeg)).ToList();
        var requests = Enumerable.Range(0, Total).Select(_ => SampleAppJobs.CreateMakeThumbnailsRequest(Guid.NewGuid(), sizes)).ToList();
        await jobs.EnqueueManyAsync(requests, ct);

        using var journal = new JournalFile();
        await using var worker = ChildProcess.Start(published.Executable,
            ["--redis", redis.Configuration, "--queues", "default", "--concurrency", "4", "--shutdown-timeout", "5s", "--journal", journal.Path]);
        await journal.WaitForAsync(20, worker, TimeSpan.FromSeconds(60));
        worker.Terminate();
        Assert.True(await worker.WaitForExitAsync(ShutdownTimeout + ExitMargin), $"the worker did not exit after SIGTERM:{Environment.NewLine}{worker.Output}");
        Assert.True(worker.ExitCode == 0, $"exit code {worker.ExitCode}:{Environment.NewLine}{worker.Output}");

        var done = journal.Read().Select(e => e.Entry).ToList();
        var counts = await storage.GetQueueCountsAsync("default", ct);
        Assert.Equal(done.Count, done.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, counts.InFlight);
        Assert.True(done.Count < Total, "every job finished before the SIGTERM: the test proves nothing");
        Assert.Equal(Total, done.Count + counts.Ready);
    }

    [Fact]
    public async Task Exits_2_with_one_clear_line_when_Redis_cannot_be_reached()
    {
        published.EnsureSucceeded();
        var port = FreePorts.Next(); // nothing listens there
        await using var worker = ChildProcess.Start(published.Executable, ["--redis", $"127.0.0.1:{port}"]);
        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the worker kept running without Redis");
        Assert.Equal(2, worker.ExitCode);
        Assert.Equal($"worker: cannot reach Redis at '127.0.0.1:{port}': UnableToConnect", worker.Output.Trim());
    }

    [Fact]
    public async Task Exits_1_naming_the_option_when_an_option_is_wrong()
    {
        published.EnsureSucceeded();
        await using var worker = ChildProcess.Start(published.Executable, ["--queues", "critical:three"]);
        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, worker.ExitCode);
        Assert.StartsWith("worker: --queues takes NAME[:WEIGHT] items", worker.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_options_from_the_environment_and_lets_the_command_line_win()
    {
        published.EnsureSucceeded();
        var port = FreePorts.Next(); // nothing listens there: a run that gets past its options exits 2

        await using (var fromEnvironment = ChildProcess.Start(published.Executable, ["--redis", $"127.0.0.1:{port}"],
            new Dictionary<string, string> { ["Worker__Concurrency"] = "lots" }))
        {
            Assert.True(await fromEnvironment.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(1, fromEnvironment.ExitCode);
            Assert.Equal("worker: --concurrency must be a whole number from 1 to 1000, not 'lots'.", fromEnvironment.Output.Trim());
        }

        await using var overridden = ChildProcess.Start(published.Executable, ["--redis", $"127.0.0.1:{port}", "--concurrency", "2"],
            new Dictionary<string, string> { ["Worker__Concurrency"] = "lots" });
        Assert.True(await overridden.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(overridden.ExitCode == 2, $"exit {overridden.ExitCode}: {overridden.Output}");
    }

    [Fact]
    public async Task Bad_payloads_go_to_the_dead_set_with_their_reason_and_the_worker_keeps_running()
    {
        published.EnsureSucceeded();
        await using var redis = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = redis.Configuration });
        var jobs = new JobClient(storage);
        var ct = TestContext.Current.CancellationToken;

        await storage.EnqueueAsync("critical", new byte[] { 0xc1, 0x00, 0x17 }, ct);                           // not an envelope
        await jobs.EnqueueAsync(new JobRequest("billing.renamed", "critical", 1, new byte[] { 0x90 }), cancellationToken: ct);   // unknown job id
        await jobs.EnqueueAsync(new JobRequest("emails.welcome", "critical", 1, new byte[] { 0x91, 0x05 }), cancellationToken: ct); // [5] is no WelcomeEmail
        await jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail(7, "grace@example.com", "en"), cancellationToken: ct);

        using var journal = new JournalFile();
        await using var worker = ChildProcess.Start(published.Executable,
            ["--redis", redis.Configuration, "--queues", "critical", "--concurrency", "2", "--shutdown-timeout", "5s", "--journal", journal.Path]);
        var entries = await journal.WaitForAsync(1, worker, TimeSpan.FromSeconds(60));
        Assert.StartsWith("emails.welcome job=", entries[0].Entry, StringComparison.Ordinal);
        Assert.EndsWith(" user=7 to=grace@example.com locale=en key=welcome:7", entries[0].Entry, StringComparison.Ordinal);

        var monitor = new JobMonitor(storage);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<DeadJobEntry> dead = [];
        while (dead.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
            dead = await monitor.GetDeadAsync("critical", cancellationToken: ct);
        }

        Assert.Equal(
            [DeathReason.UndecodableEnvelope, DeathReason.UnknownJob, DeathReason.BadArguments],
            dead.Select(d => d.Dead.Reason).Order());
        Assert.Contains(dead, d => d.Dead.Reason == DeathReason.UnknownJob && d.Dead.Message.Contains("billing.renamed", StringComparison.Ordinal));
        Assert.False(worker.HasExited, worker.Output);

        worker.Terminate();
        Assert.True(await worker.WaitForExitAsync(ShutdownTimeout + ExitMargin), worker.Output);
        Assert.Equal(0, worker.ExitCode);
    }
}
