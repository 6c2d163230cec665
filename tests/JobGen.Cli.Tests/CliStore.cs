using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobGen.Cli.Tests;

/// <summary>
/// A redis-server holding what the CLI shows, made by a real worker: ready jobs on <c>mail</c>, one scheduled job, one
/// retry and three dead jobs on <c>work</c>, a queue to pause, a recurring schedule, and a live worker process on
/// <c>other</c>.
/// </summary>
public sealed class CliStore : IAsyncLifetime
{
    private IHost? _live;

    public RedisServer Redis { get; private set; } = null!;

    public string Connection => Redis.Configuration;

    public string RetryId { get; private set; } = "";

    public string[] DeadIds { get; private set; } = [];

    public string ScheduledId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using (var filler = Build(["work"]))
        {
            await filler.StartAsync(ct);
            var client = filler.Services.GetRequiredService<IJobClient>();
            await client.EnqueueAsync(Request("cli.mail", "mail"), cancellationToken: ct);
            await client.EnqueueAsync(Request("cli.mail", "mail"), cancellationToken: ct);
            ScheduledId = await client.EnqueueAsync(Request("cli.later", "mail"), new EnqueueOptions { Delay = TimeSpan.FromHours(1) }, ct);
            await client.EnqueueAsync(Request("cli.pausable", "pausable"), cancellationToken: ct);
            RetryId = await client.EnqueueAsync(Request("cli.retries", "work", maxAttempts: 5), cancellationToken: ct);
            DeadIds = [
                await client.EnqueueAsync(Request("cli.dies", "work", maxAttempts: 1), cancellationToken: ct),
                await client.EnqueueAsync(Request("cli.dies", "work", maxAttempts: 1), cancellationToken: ct),
                await client.EnqueueAsync(Request("cli.dies", "work", maxAttempts: 1), cancellationToken: ct),
            ];
            await new RecurringJobClient(filler.Services.GetRequiredService<IJobStorage>())
                .AddOrUpdateAsync("nightly-report", "0 3 * * *", Request("cli.report", "reports"), cancellationToken: ct);
            var monitor = filler.Services.GetRequiredService<JobMonitor>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while ((await monitor.GetQueueAsync("work", ct)) is not { Dead: 3, Scheduled: 1, Ready: 0, InFlight: 0 })
            {
                Assert.True(DateTime.UtcNow < deadline, "the worker did not fail the test jobs in time");
                await Task.Delay(50, ct);
            }

            await filler.StopAsync(ct);
        }

        _live = Build(["other"]);
        await _live.StartAsync(ct);
        var processes = _live.Services.GetRequiredService<JobMonitor>();
        while ((await processes.GetProcessesAsync(ct)).Count == 0)
        {
            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_live is not null)
        {
            await _live.StopAsync(CancellationToken.None);
            _live.Dispose();
        }

        await Redis.DisposeAsync();
    }

    private static JobRequest Request(string job, string queue, int maxAttempts = 3) =>
        new(job, queue, maxAttempts, new byte[] { 0x90 });

    private IHost Build(string[] queues)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddJobGen(o =>
        {
            o.Worker.Queues = queues;
            o.Worker.PollInterval = TimeSpan.FromMilliseconds(100);
            o.Worker.FetchWait = TimeSpan.FromMilliseconds(200);
            o.Worker.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            o.Worker.ShutdownTimeout = TimeSpan.FromSeconds(5);
            o.Worker.RunScheduler = false;
        }).UseRedis(Connection).UseRetryPolicy(new RetryInAnHour());
        builder.Services.AddSingleton<IJobDispatcher, FailingJobs>();
        return builder.Build();
    }

    /// <summary>A retry stays in the retry set for the whole run of the tests.</summary>
    private sealed class RetryInAnHour : IRetryPolicy
    {
        public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => TimeSpan.FromHours(1);
    }

    /// <summary>Every job fails: <c>cli.dies</c> (one attempt) dies, <c>cli.retries</c> waits for its next attempt.</summary>
    private sealed class FailingJobs : IJobDispatcher
    {
        public IReadOnlyList<JobDescriptor> Jobs { get; } =
        [
            new("cli.dies", "work", 1, 0, "Cli.Tests", "Dies", []),
            new("cli.retries", "work", 5, 0, "Cli.Tests", "Retries", []),
        ];

        public ValueTask InvokeAsync(JobEnvelope envelope, IServiceProvider services, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"{envelope.Job} failed on purpose");
    }
}
