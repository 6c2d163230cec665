using System.Diagnostics.Metrics;

namespace JobGen.OpenTelemetry;

/// <summary>
/// The storage-wide gauges on <c>Meter("JobGen")</c>: they report the queues as last read by
/// <see cref="QueueGaugeSampler"/> (a collection never waits on the storage).
/// </summary>
internal sealed class QueueGauges : IDisposable
{
    private readonly Meter _meter = new("JobGen");
    private IReadOnlyList<QueueSummary> _last = [];

    public QueueGauges()
    {
        _meter.CreateObservableGauge("jobgen.queue.size", MeasureSizes, "{job}", "Jobs in a queue by state (ready, in_flight, scheduled)");
        _meter.CreateObservableGauge("jobgen.queue.latency", () => Measure(static q => q.Latency.TotalSeconds), "s", "Age of the oldest ready job of a queue (zero when none is ready)");
        _meter.CreateObservableGauge("jobgen.queue.dead", () => Measure(static q => q.Dead), "{job}", "Jobs in a queue's dead set");
    }

    /// <summary>When the queues were last read (null before the first read).</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public void Update(IReadOnlyList<QueueSummary> queues, DateTimeOffset at)
    {
        Volatile.Write(ref _last, queues);
        ReadAt = at;
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> MeasureSizes()
    {
        foreach (var queue in Volatile.Read(ref _last))
        {
            var name = new KeyValuePair<string, object?>("jobgen.queue", queue.Queue);
            yield return new Measurement<long>(queue.Ready, name, new("jobgen.state", "ready"));
            yield return new Measurement<long>(queue.InFlight, name, new("jobgen.state", "in_flight"));
            yield return new Measurement<long>(queue.Scheduled, name, new("jobgen.state", "scheduled"));
        }
    }

    private IEnumerable<Measurement<T>> Measure<T>(Func<QueueSummary, T> value)
        where T : struct
    {
        foreach (var queue in Volatile.Read(ref _last))
        {
            yield return new Measurement<T>(value(queue), new KeyValuePair<string, object?>("jobgen.queue", queue.Queue));
        }
    }
}
