using System.Globalization;
using System.Text;

namespace JobGen.Aot.Measure;

/// <summary>The Markdown table of docs/aot.md, "Measurements", from the two workers' figures.</summary>
internal static class MeasurementReport
{
    // The gen0 budget cap that samples/Worker's csproj sets (System.GC.Gen0MaxBudget) as the JIT build's runtimeconfig
    // carries it; the AOT binary has the same value baked in. Peak RSS depends on it more than on anything else.
    public static string Gen0Cap(string runtimeConfig)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Gen0MaxBudget", out var cap)
            ? $"gen0 budget capped at {cap.GetInt64() / 1048576.0:0.#} MB (System.GC.Gen0MaxBudget, samples/Worker/Worker.csproj)"
            : "gen0 budget not capped (the GC's default)";
    }

    public static string Format(WorkerFigures aot, WorkerFigures jit, string gen0Cap)
    {
        static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {cpu}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {gen0Cap}; load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}.");
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
