using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobGen.OpenTelemetry;

/// <summary>
/// Reads every queue through the operator API (<see cref="JobMonitor"/>) each <see cref="JobGenMetricsOptions.QueueMetricsInterval"/>
/// for the <see cref="QueueGauges"/>. A failed read keeps the previous values and is logged; the next read tries again.
/// </summary>
internal sealed partial class QueueGaugeSampler(QueueGauges gauges, JobMonitor monitor, JobGenMetricsOptions options, TimeProvider time, ILogger<QueueGaugeSampler>? logger) : BackgroundService
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    /// <summary>Reads the queues once.</summary>
    public async ValueTask SampleAsync(CancellationToken cancellationToken)
    {
        var queues = await monitor.GetQueuesAsync(cancellationToken).ConfigureAwait(false);
        gauges.Update(queues, time.GetUtcNow());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                ReadFailed(_logger, ex, options.QueueMetricsInterval);
            }

            try
            {
                await Task.Delay(options.QueueMetricsInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Reading the queues for JobGen's queue gauges failed; trying again in {Interval}")]
    private static partial void ReadFailed(ILogger logger, Exception exception, TimeSpan interval);
}
