using System.Diagnostics.Metrics;
using JobGen.Telemetry;

namespace JobGen.Worker;

/// <summary>
/// Observable gauges of the workers running in this process, read when a metrics reader collects:
/// <c>jobgen.worker.busy</c> (jobs running) and <c>jobgen.worker.leases</c> (jobs held: fetched and not yet acked,
/// retried, killed or returned), one measurement per worker tagged with its process id.
/// </summary>
internal static class WorkerGauges
{
    private static readonly object Gate = new();
    private static (string ProcessId, HeldJobs Held)[] _workers = [];

    static WorkerGauges()
    {
        JobGenTelemetry.Meter.CreateObservableGauge("jobgen.worker.busy", () => Measure(static h => h.Running), "{job}", "Jobs running in this worker now");
        JobGenTelemetry.Meter.CreateObservableGauge("jobgen.worker.leases", () => Measure(static h => h.Count), "{job}", "Jobs this worker holds leases on (fetched, not yet finished or returned)");
    }

    /// <summary>A started worker joins the gauges.</summary>
    public static void Add(string processId, HeldJobs held)
    {
        lock (Gate)
        {
            _workers = [.. _workers, (processId, held)];
        }
    }

    /// <summary>A stopped worker leaves them.</summary>
    public static void Remove(HeldJobs held)
    {
        lock (Gate)
        {
            _workers = [.. _workers.Where(w => !ReferenceEquals(w.Held, held))];
        }
    }

    private static IEnumerable<Measurement<int>> Measure(Func<HeldJobs, int> value)
    {
        var workers = Volatile.Read(ref _workers);
        var result = new Measurement<int>[workers.Length];
        for (var i = 0; i < workers.Length; i++)
        {
            result[i] = new Measurement<int>(value(workers[i].Held), new KeyValuePair<string, object?>(JobGenTelemetry.Process, workers[i].ProcessId));
        }

        return result;
    }
}
