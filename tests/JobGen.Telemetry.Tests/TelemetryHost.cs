using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace JobGen.Telemetry.Tests;

/// <summary>
/// An app as a user builds it: a host with <c>AddJobGen</c> (in-memory storage, worker on queue <c>tel</c> only) and
/// the OpenTelemetry SDK with <c>AddJobGenInstrumentation()</c> exporting to in-memory lists.
/// </summary>
public sealed class TelemetryHost : IAsyncDisposable
{
    /// <summary>The app's own spans (a request that enqueues).</summary>
    public const string AppSource = "Tests.App";

    private readonly IHost _host;
    private readonly List<Activity> _spans;
    private readonly List<MetricSnapshot> _metrics;

    private TelemetryHost(IHost host, List<Activity> spans, List<MetricSnapshot> metrics)
    {
        _host = host;
        _spans = spans;
        _metrics = metrics;
    }

    public IServiceProvider Services => _host.Services;

    public IJobClient Client => _host.Services.GetRequiredService<IJobClient>();

    public RunLedger Ledger => _host.Services.GetRequiredService<RunLedger>();

    public JobWorker Worker => _host.Services.GetRequiredService<JobWorker>();

    public static async Task<TelemetryHost> StartAsync()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddJobGen(o =>
        {
            o.Worker.Queues = ["tel"];
            o.Worker.Concurrency = 2;
            o.Worker.PollInterval = TimeSpan.FromMilliseconds(50);
            o.Worker.FetchWait = TimeSpan.FromMilliseconds(200);
            o.Worker.ShutdownTimeout = TimeSpan.FromSeconds(5);
        }).UseInMemory().UseRetryPolicy(new ImmediateRetryPolicy());
        builder.Services.AddSingleton<RunLedger>().AddJobGenTelemetryTestsJobs();
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddJobGenInstrumentation().AddSource(AppSource).AddInMemoryExporter(spans))
            .WithMetrics(m => m
                .AddJobGenInstrumentation(o => o.QueueMetricsInterval = TimeSpan.FromMilliseconds(100))
                .AddInMemoryExporter(metrics, o => o.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000));
        var host = new TelemetryHost(builder.Build(), spans, metrics);
        await host._host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Spans exported so far (each is exported when it ends).</summary>
    public List<Activity> ExportedSpans()
    {
        _host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>Collects every instrument now and returns that collection's metrics.</summary>
    public List<MetricSnapshot> CollectMetrics()
    {
        lock (_metrics)
        {
            _metrics.Clear();
        }

        _host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metrics)
        {
            return [.. _metrics];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
