using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobGen.Chaos;

/// <summary>
/// The worker mode: an ordinary JobGen worker host on Redis (or PostgreSQL) running <see cref="ChaosJobs"/>. It prints
/// <c>ready</c> once the worker has started (the driver waits for it) and stops gracefully on SIGTERM.
/// </summary>
public static class WorkerHost
{
    public const string ReadyLine = "ready";

    public static async Task<int> RunAsync(WorkerSettings settings)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(10));
        var ledger = await ChaosLedger.ConnectAsync(settings.Redis, settings.Prefix).ConfigureAwait(false);
        builder.Services.AddSingleton(ledger);
        var jobGen = builder.Services.AddJobGen(o =>
            {
                o.MaxPayloadBytes = settings.MaxPayloadBytes;
                o.Worker.Concurrency = settings.Concurrency;
                o.Worker.LeaseDuration = settings.Lease;
                o.Worker.PollInterval = TimeSpan.FromMilliseconds(500);
                o.Worker.FetchWait = TimeSpan.FromSeconds(1);
                o.Worker.ShutdownTimeout = settings.ShutdownTimeout;
            })
            .UseRetryPolicy(new FixedRetryPolicy(settings.RetryDelay));
        _ = settings.Postgres is { } postgres
            ? jobGen.UsePostgreSql(postgres, o => o.Schema = settings.Schema)
            : jobGen.UseRedis(settings.Redis, o => o.KeyPrefix = settings.Prefix);
        builder.Services.AddJobGenChaosJobs();

        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        Console.Out.WriteLine(ReadyLine);
        Console.Out.Flush();
        await host.WaitForShutdownAsync().ConfigureAwait(false);
        await ledger.DisposeAsync().ConfigureAwait(false);
        return 0;
    }

    private sealed class FixedRetryPolicy(TimeSpan delay) : IRetryPolicy
    {
        public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => delay;
    }
}
