namespace JobGen.OpenTelemetry;

/// <summary>Settings of JobGen's metrics: whether and how often this process reads the queues for the queue gauges.</summary>
public sealed class JobGenMetricsOptions
{
    /// <summary>
    /// Publish the storage-wide gauges (<c>jobgen.queue.size</c>, <c>jobgen.queue.latency</c>, <c>jobgen.queue.dead</c>),
    /// read from the storage every <see cref="QueueMetricsInterval"/> by this process. Turn it off in all but one
    /// process when many report the same storage. Default true.
    /// </summary>
    public bool QueueMetrics { get; set; } = true;

    /// <summary>How often the queues are read for the queue gauges. Default 15 s.</summary>
    public TimeSpan QueueMetricsInterval { get; set; } = TimeSpan.FromSeconds(15);
}
