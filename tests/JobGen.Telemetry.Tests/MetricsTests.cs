using OpenTelemetry.Metrics;

namespace JobGen.Telemetry.Tests;

public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enqueues_runs_and_failures_are_counted_per_job_and_queue()
    {
        await using var host = await TelemetryHost.StartAsync();
        var ok = await host.Client.EnqueueManyAsync([JobGenTelemetryTestsJobs.CreateSucceedRequest(1), JobGenTelemetryTestsJobs.CreateSucceedRequest(2)], Ct);
        var failing = await host.Client.EnqueueFailAsync("x", cancellationToken: Ct);
        await Eventually.UntilAsync(() => ok.All(id => host.Ledger.Count(id) == 1) && host.Ledger.Count(failing) == 2, "every run");
        await Eventually.UntilAsync(() => Sum(host.CollectMetrics(), "jobgen.jobs.processed", "tel.fail") == 2, "the failing job's two runs counted");

        var metrics = host.CollectMetrics();
        Assert.Equal(2, Sum(metrics, "jobgen.jobs.enqueued", "tel.ok"));
        Assert.Equal(1, Sum(metrics, "jobgen.jobs.enqueued", "tel.fail"));
        Assert.Equal(2, Sum(metrics, "jobgen.jobs.processed", "tel.ok"));
        Assert.Equal(0, Sum(metrics, "jobgen.jobs.failed", "tel.ok"));
        Assert.Equal(2, Sum(metrics, "jobgen.jobs.failed", "tel.fail"));
        var duration = Single(metrics, "jobgen.job.duration");
        Assert.Equal("s", duration.Unit);
        Assert.Contains(duration.MetricPoints, p => Tags(p).GetValueOrDefault("jobgen.job") as string == "tel.ok" && p.GetHistogramCount() == 2);
    }

    [Fact]
    public async Task Queue_gauges_report_sizes_latency_and_dead_sets_and_worker_gauges_the_busy_processors_and_leases()
    {
        await using var host = await TelemetryHost.StartAsync();
        // "parked" is not worked by the host's worker: its jobs wait, so it has a size and a latency.
        await host.Client.EnqueueParkedAsync(1, cancellationToken: Ct);
        await host.Client.EnqueueParkedAsync(2, cancellationToken: Ct);
        var failing = await host.Client.EnqueueFailAsync("x", cancellationToken: Ct);
        await Eventually.UntilAsync(() => Gauge(host.CollectMetrics(), "jobgen.queue.dead", "tel") == 1, "the dead job in the queue gauges");

        var metrics = host.CollectMetrics();
        var size = Single(metrics, "jobgen.queue.size");
        Assert.Equal(2, size.MetricPoints.Single(p => Is(p, "parked", "ready")).GetGaugeLastValueLong());
        Assert.Equal(0, size.MetricPoints.Single(p => Is(p, "parked", "scheduled")).GetGaugeLastValueLong());
        Assert.Equal(0, size.MetricPoints.Single(p => Is(p, "tel", "ready")).GetGaugeLastValueLong());
        Assert.Equal(0, Gauge(metrics, "jobgen.queue.dead", "parked"));
        var latency = Single(metrics, "jobgen.queue.latency");
        Assert.Equal("s", latency.Unit);
        Assert.True(latency.MetricPoints.Single(p => Queue(p) == "parked").GetGaugeLastValueDouble() > 0);
        Assert.Equal(0, latency.MetricPoints.Single(p => Queue(p) == "tel").GetGaugeLastValueDouble());

        // The worker gauges: one point per worker in this process, tagged with its process id; idle now.
        var process = host.Worker.ProcessId;
        var busy = Single(metrics, "jobgen.worker.busy").MetricPoints.Single(p => Tags(p).GetValueOrDefault("jobgen.process") as string == process);
        var leases = Single(metrics, "jobgen.worker.leases").MetricPoints.Single(p => Tags(p).GetValueOrDefault("jobgen.process") as string == process);
        Assert.Equal(0, busy.GetGaugeLastValueLong());
        Assert.Equal(0, leases.GetGaugeLastValueLong());
        Assert.Equal(2, host.Ledger.Count(failing));
    }

    private static MetricSnapshot Single(List<MetricSnapshot> metrics, string name) => Assert.Single(metrics, m => m.Name == name);

    private static long Sum(List<MetricSnapshot> metrics, string name, string job) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Where(p => Tags(p).GetValueOrDefault("jobgen.job") as string == job).Sum(p => p.GetSumLong());

    private static long? Gauge(List<MetricSnapshot> metrics, string name, string queue) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Where(p => Queue(p) == queue).Select(p => (long?)p.GetGaugeLastValueLong()).FirstOrDefault();

    private static bool Is(MetricPoint point, string queue, string state) => Queue(point) == queue && Tags(point).GetValueOrDefault("jobgen.state") as string == state;

    private static string? Queue(MetricPoint point) => Tags(point).GetValueOrDefault("jobgen.queue") as string;

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }
}
