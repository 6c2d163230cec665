using JobGen.Storage.Redis;
using JobGen.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobGen.Telemetry.Tests;

public sealed class HealthCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_redis_makes_the_storage_and_the_worker_unhealthy_and_a_restarted_one_healthy_again()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await StartAsync(redis, worker: true);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        await Eventually.UntilAsync(async () => (await health.CheckHealthAsync(Ct)).Status == HealthStatus.Healthy, "healthy at start");
        var report = await health.CheckHealthAsync(Ct);
        Assert.Equal(["jobgen.queues", "jobgen.storage", "jobgen.worker"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The worker fetches and heartbeats.", report.Entries["jobgen.worker"].Description);

        await redis.KillAsync();
        await Eventually.UntilAsync(
            async () =>
            {
                var r = await health.CheckHealthAsync(Ct);
                return r.Entries["jobgen.storage"].Status == HealthStatus.Unhealthy && r.Entries["jobgen.worker"].Status == HealthStatus.Unhealthy;
            },
            "the storage and the worker unhealthy",
            seconds: 30);
        report = await health.CheckHealthAsync(Ct);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.StartsWith("The storage is unreachable: ", report.Entries["jobgen.storage"].Description);
        // Whichever the worker noticed first: its fetch failing, or its heartbeat not reaching the storage within the TTL.
        Assert.Matches("^The worker's (fetches fail since |last heartbeat reached the storage )", report.Entries["jobgen.worker"].Description);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["jobgen.queues"].Status);

        await redis.RestartAsync();
        await Eventually.UntilAsync(async () => (await health.CheckHealthAsync(Ct)).Status == HealthStatus.Healthy, "healthy again after the restart", seconds: 30);

        // The worker works again: a job enqueued now runs.
        var id = await host.Services.GetRequiredService<IJobClient>().EnqueueSucceedAsync(1, cancellationToken: Ct);
        await Eventually.UntilAsync(() => host.Services.GetRequiredService<RunLedger>().Count(id) == 1, "the job after the restart");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task A_queue_waiting_past_the_threshold_is_degraded_unless_paused()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await StartAsync(redis, worker: true, latency: TimeSpan.FromMilliseconds(200));
        var health = host.Services.GetRequiredService<HealthCheckService>();
        await host.Services.GetRequiredService<IJobClient>().EnqueueParkedAsync(1, cancellationToken: Ct); // no worker takes "parked"

        await Eventually.UntilAsync(async () => (await health.CheckHealthAsync(Ct)).Status == HealthStatus.Degraded, "degraded");
        var queues = (await health.CheckHealthAsync(Ct)).Entries["jobgen.queues"];
        Assert.Equal(HealthStatus.Degraded, queues.Status);
        Assert.StartsWith("Queues waiting longer than 0.2 s: parked (", queues.Description);
        Assert.True((double)queues.Data["parked"] > 0.2);

        await host.Services.GetRequiredService<JobMonitor>().PauseQueueAsync("parked", Ct);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Ct)).Status);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task An_app_without_a_worker_is_healthy_when_its_storage_answers()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await StartAsync(redis, worker: false);
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.StartsWith("The worker is disabled in this process", report.Entries["jobgen.worker"].Description);
        await host.StopAsync(Ct);
    }

    private static async Task<IHost> StartAsync(RedisServer redis, bool worker, TimeSpan? latency = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddJobGen(o =>
        {
            o.Worker.Enabled = worker;
            o.Worker.Queues = ["tel"];
            o.Worker.PollInterval = TimeSpan.FromMilliseconds(100);
            o.Worker.FetchWait = TimeSpan.FromMilliseconds(200);
            o.Worker.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            o.Worker.HeartbeatTtl = TimeSpan.FromSeconds(2);
            o.Worker.ShutdownTimeout = TimeSpan.FromSeconds(5);
        }).UseRedis(redis.Configuration + ",connectTimeout=500,abortConnect=false");
        builder.Services.AddSingleton<RunLedger>().AddJobGenTelemetryTestsJobs();
        builder.Services.AddHealthChecks().AddJobGenHealthChecks(o =>
        {
            o.StorageTimeout = TimeSpan.FromSeconds(2);
            if (latency is { } threshold)
            {
                o.LatencyThreshold = threshold;
            }
        });
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }
}
