using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobGen.HealthChecks;

/// <summary><c>jobgen.storage</c>: the storage answers a read (the paused-queue list: one round trip) within the timeout.</summary>
internal sealed class StorageHealthCheck(JobMonitor monitor, JobGenHealthCheckOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // WaitAsync bounds the wait even where the storage's client ignores the token.
            await monitor.GetPausedQueuesAsync(cancellationToken).AsTask().WaitAsync(options.StorageTimeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The storage answers.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The storage is unreachable: " + ex.Message, ex);
        }
    }
}
