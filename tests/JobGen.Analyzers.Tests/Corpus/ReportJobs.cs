using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using MessagePack;

namespace Acme.Reports;

public enum ReportFormat
{
    Csv,
    Json,
}

[MessagePackObject]
public sealed record ReportRequest(
    [property: Key(0)] int TenantId,
    [property: Key(1)] ReportFormat Format,
    [property: Key(2)] DateTimeOffset From,
    [property: Key(3)] DateTimeOffset To);

public static class ReportJobs
{
    /// <summary>Writes the whole file under a name derived from the request: a retry rewrites the same file.</summary>
    [BackgroundJob("reports.build", Queue = "reports", MaxAttempts = 3)]
    public static async Task BuildReport(ReportRequest request, string outputDirectory, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{request.TenantId}-{request.From:yyyyMMdd}-{request.To:yyyyMMdd}.{request.Format.ToString().ToLowerInvariant()}");
        var builder = new StringBuilder();
        builder.Append("tenant,from,to").AppendLine();
        builder.Append(CultureInfo.InvariantCulture, $"{request.TenantId},{request.From:O},{request.To:O}").AppendLine();
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, name), builder.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nightly clean-up; the cut-off is relative to when the job was created.</summary>
    [BackgroundJob("reports.purge")]
    public static void PurgeOldReports(string outputDirectory, int keepDays, JobContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.CreatedAt.UtcDateTime.AddDays(-keepDays);
        foreach (var file in Directory.EnumerateFiles(outputDirectory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.GetLastWriteTimeUtc(file) < cutoff)
            {
                File.Delete(file);
            }
        }
    }
}
