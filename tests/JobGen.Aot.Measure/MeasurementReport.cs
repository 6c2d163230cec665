using System.Globalization;
using System.Text;

namespace JobGen.Aot.Measure;

/// <summary>The Markdown table of docs/aot.md, "Measurements", from the two workers' figures.</summary>
internal static class MeasurementReport
{
    public static string Format(WorkerFigures aot, WorkerFigures jit)
    {
        static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {cpu}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| | {aot.Variant} | {jit.Variant} |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| size on disk | {Mb(aot.SizeBytes)} (one file) | {Mb(jit.SizeBytes)} (dlls, plus the shared .NET runtime) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| start to first job processed | {F(aot.StartToFirstJobMs, "0")} ms | {F(jit.StartToFirstJobMs, "0")} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| idle RSS | {Mb(aot.IdleRssBytes)} | {Mb(jit.IdleRssBytes)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| peak RSS while draining {WorkerMeasurement.DrainJobs:N0} no-op jobs | {Mb(aot.PeakRssWhileDrainingBytes)} | {Mb(jit.PeakRssWhileDrainingBytes)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| drain time (enqueue start to queue empty) | {F(aot.DrainSeconds, "0.0")} s ({F(WorkerMeasurement.DrainJobs / aot.DrainSeconds, "N0")} jobs/s) | {F(jit.DrainSeconds, "0.0")} s ({F(WorkerMeasurement.DrainJobs / jit.DrainSeconds, "N0")} jobs/s) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| SIGTERM to exit (code 0) | {F(aot.StopSeconds, "0.00")} s | {F(jit.StopSeconds, "0.00")} s |");
        return text.ToString();
    }
}
