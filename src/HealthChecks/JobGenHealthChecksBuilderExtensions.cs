using JobGen;
using JobGen.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds JobGen's health checks.</summary>
public static class JobGenHealthChecksBuilderExtensions
{
    /// <summary>The tag every JobGen check carries (filter a health endpoint with it).</summary>
    public const string Tag = "jobgen";

    /// <summary>
    /// Adds three checks over the JobGen registered with <c>AddJobGen</c>: <c>jobgen.storage</c> (the storage answers),
    /// <c>jobgen.worker</c> (this process's worker runs, fetches and heartbeats) and <c>jobgen.queues</c> (degraded when a
    /// queue's latency is over <see cref="JobGenHealthCheckOptions.LatencyThreshold"/>). Each carries the tag
    /// <c>jobgen</c> and its own name as a tag. See docs/telemetry.md.
    /// </summary>
    public static IHealthChecksBuilder AddJobGenHealthChecks(this IHealthChecksBuilder builder, Action<JobGenHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new JobGenHealthCheckOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StorageTimeout, TimeSpan.Zero, nameof(options.StorageTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LatencyThreshold, TimeSpan.Zero, nameof(options.LatencyThreshold));
        return builder
            .Add(new HealthCheckRegistration(
                "jobgen.storage", sp => new StorageHealthCheck(sp.GetRequiredService<JobMonitor>(), options), HealthStatus.Unhealthy, [Tag, "jobgen.storage"]))
            .Add(new HealthCheckRegistration(
                "jobgen.worker",
                sp => new WorkerHealthCheck(sp.GetRequiredService<JobWorker>(), sp.GetRequiredService<IOptions<JobGenOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System),
                HealthStatus.Unhealthy,
                [Tag, "jobgen.worker"]))
            .Add(new HealthCheckRegistration(
                "jobgen.queues", sp => new QueueLatencyHealthCheck(sp.GetRequiredService<JobMonitor>(), options), HealthStatus.Unhealthy, [Tag, "jobgen.queues"]));
    }
}
