using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace JobGen.HealthChecks;

/// <summary>
/// <c>jobgen.worker</c>: this process's worker runs, its fetches succeed and its last heartbeat reached the storage within
/// the heartbeat TTL (after which other processes consider it gone). Healthy with a note when the worker is disabled here.
/// </summary>
internal sealed class WorkerHealthCheck(JobWorker worker, IOptions<JobGenOptions> jobGen, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = worker.GetStatus();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["process"] = status.ProcessId ?? "",
            ["busy"] = status.Busy,
            ["leases"] = status.Leases,
        };
        if (!status.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The worker is disabled in this process (JobGen:Worker:Enabled=false).", data));
        }

        var failure = context.Registration.FailureStatus;
        if (!status.Running)
        {
            return Task.FromResult(new HealthCheckResult(failure, "The worker is not running (not started, or stopped).", data: data));
        }

        if (status.FetchFailingSince is { } since)
        {
            data["fetch_failing_since"] = since;
            return Task.FromResult(new HealthCheckResult(failure, $"The worker's fetches fail since {since:O}: {status.LastFetchError}", data: data));
        }

        var ttl = jobGen.Value.Worker.HeartbeatTtl;
        if (status.LastHeartbeatAt is not { } beat)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The worker is starting (no heartbeat yet).", data));
        }

        data["last_heartbeat"] = beat;
        var age = time.GetUtcNow() - beat;
        return Task.FromResult(age > ttl
            ? new HealthCheckResult(failure, $"The worker's last heartbeat reached the storage {age.TotalSeconds:0} s ago (TTL {ttl.TotalSeconds:0} s).", data: data)
            : HealthCheckResult.Healthy("The worker fetches and heartbeats.", data));
    }
}
