using System;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Maintenance;

public interface IDatabaseAdmin
{
    Task RebuildIndexAsync(string table, string index, CancellationToken cancellationToken);

    Task UpdateStatisticsAsync(string table, CancellationToken cancellationToken);
}

/// <summary>Index and statistics maintenance: both operations converge, so running them again is harmless.</summary>
public sealed class DatabaseMaintenanceJobs(IDatabaseAdmin admin, ILogger<DatabaseMaintenanceJobs> logger)
{
    private static readonly Action<ILogger, string, double, Exception?> LogStep =
        LoggerMessage.Define<string, double>(LogLevel.Information, new EventId(10, "MaintenanceStep"), "{Step} finished in {Seconds} s");

    [BackgroundJob("maintenance.rebuild-indexes", Queue = "maintenance", TimeoutSeconds = 7200)]
    public async Task RebuildIndexes(string table, string[] indexes, CancellationToken cancellationToken)
    {
        foreach (var index in indexes)
        {
            var stepStart = DateTime.UtcNow;
            await admin.RebuildIndexAsync(table, index, cancellationToken).ConfigureAwait(false);
            LogStep(logger, $"rebuild {table}.{index}", (DateTime.UtcNow - stepStart).TotalSeconds, null);
        }

        var statsStart = DateTime.UtcNow;
        await admin.UpdateStatisticsAsync(table, cancellationToken).ConfigureAwait(false);
        LogStep(logger, $"statistics {table}", (DateTime.UtcNow - statsStart).TotalSeconds, null);
    }
}
