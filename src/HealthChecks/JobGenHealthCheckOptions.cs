namespace JobGen.HealthChecks;

/// <summary>Settings of JobGen's health checks (<c>AddJobGenHealthChecks</c>).</summary>
public sealed class JobGenHealthCheckOptions
{
    /// <summary>A queue whose oldest ready job has waited longer than this makes the queues check degraded. Default 5 minutes.</summary>
    public TimeSpan LatencyThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Queues the latency check looks at; empty (the default) for every queue. Paused queues are never counted.</summary>
    public IList<string> Queues { get; set; } = new List<string>();

    /// <summary>The longest a check waits for the storage before reporting it unreachable. Default 5 s.</summary>
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
