using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Compliance;

public interface IAuditLog
{
    IAsyncEnumerable<string> ReadAsync(int tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>Exports an audit window to a file named after the job: a retry overwrites the same file, never appends.</summary>
public sealed class AuditExportJobs(IAuditLog audit, ILogger<AuditExportJobs> logger)
{
    [BackgroundJob("compliance.export-audit", Queue = "exports", TimeoutSeconds = 900)]
    public async Task ExportAuditLog(int tenantId, DateTimeOffset from, DateTimeOffset to, string directory, JobContext context, CancellationToken cancellationToken)
    {
        var exportStart = DateTimeOffset.UtcNow;
        var lines = new StringBuilder();
        var count = 0;
        await foreach (var line in audit.ReadAsync(tenantId, from, to, cancellationToken).ConfigureAwait(false))
        {
            lines.AppendLine(line);
            count++;
        }

        var path = Path.Combine(directory, $"audit-{tenantId}-{context.JobId}.log");
        await File.WriteAllTextAsync(path, lines.ToString(), cancellationToken).ConfigureAwait(false);
        var duration = DateTimeOffset.UtcNow - exportStart;
        logger.LogInformation("Exported {Count} audit lines for tenant {TenantId} to {Path} in {Seconds:F1} s", count, tenantId, path, duration.TotalSeconds);
    }
}
