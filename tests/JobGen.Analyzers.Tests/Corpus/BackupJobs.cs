using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Backups;

public interface ISnapshotSource
{
    Task<System.IO.Stream> ExportTableAsync(string table, CancellationToken cancellationToken);
}

/// <summary>
/// Nightly backup under a folder named after the job's creation date: a retry overwrites the same blobs. The total
/// time is summed over the tables for the log.
/// </summary>
public sealed class BackupJobs(ISnapshotSource source, IBlobStore blobs, ILogger<BackupJobs> logger)
{
    [BackgroundJob("backups.nightly", Queue = "maintenance", TimeoutSeconds = 10800)]
    public async Task BackUpTables(List<string> tables, JobContext context, CancellationToken cancellationToken)
    {
        var folder = $"backups/{context.CreatedAt:yyyy-MM-dd}";
        var total = TimeSpan.Zero;
        foreach (var table in tables)
        {
            var tableStart = DateTime.UtcNow;
            await using var export = await source.ExportTableAsync(table, cancellationToken).ConfigureAwait(false);
            await blobs.PutAsync($"{folder}/{table}.bak", export, cancellationToken).ConfigureAwait(false);
            total += DateTime.UtcNow - tableStart;
        }

        logger.LogInformation("Backed up {Count} tables to {Folder} in {Total}", tables.Count, folder, total);
    }
}
