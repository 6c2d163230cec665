using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobGen.HealthChecks;

/// <summary>
/// <c>jobgen.queues</c>: degraded when a queue's oldest ready job has waited longer than
/// <see cref="JobGenHealthCheckOptions.LatencyThreshold"/> (paused queues excepted); the failure status when the storage
/// cannot be read.
/// </summary>
internal sealed class QueueLatencyHealthCheck(JobMonitor monitor, JobGenHealthCheckOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<QueueSummary> queues;
        try
        {
            var read = options.Queues.Count == 0 ? monitor.GetQueuesAsync(cancellationToken).AsTask() : ReadAsync(options.Queues, cancellationToken);
            queues = await read.WaitAsync(options.StorageTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The queues could not be read: " + ex.Message, ex);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var late = new List<string>();
        foreach (var queue in queues.Where(q => !q.IsPaused))
        {
            data[queue.Queue] = queue.Latency.TotalSeconds;
            if (queue.Latency > options.LatencyThreshold)
            {
                late.Add(string.Create(CultureInfo.InvariantCulture, $"{queue.Queue} ({queue.Latency.TotalSeconds:0.#} s)"));
            }
        }

        return late.Count == 0
            ? HealthCheckResult.Healthy($"No queue waits longer than {options.LatencyThreshold.TotalSeconds:0.#} s.", data)
            : HealthCheckResult.Degraded($"Queues waiting longer than {options.LatencyThreshold.TotalSeconds:0.#} s: {string.Join(", ", late)}.", data: data);
    }

    private async Task<IReadOnlyList<QueueSummary>> ReadAsync(IList<string> names, CancellationToken cancellationToken)
    {
        var result = new List<QueueSummary>(names.Count);
        foreach (var name in names)
        {
            result.Add(await monitor.GetQueueAsync(name, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }
}
