using JobGen.Dashboard.Arguments;
using Microsoft.AspNetCore.Antiforgery;

namespace JobGen.Dashboard.Http;

/// <summary>What every request of one mapped dashboard shares: its path, options, the operator API (jobs and schedules), the job catalog, the assets.</summary>
internal sealed class DashboardApp
{
    public DashboardApp(
        string prefix,
        DashboardOptions options,
        JobMonitor monitor,
        RecurringJobClient recurring,
        IReadOnlyDictionary<string, string> queueWindows,
        JobCatalog catalog,
        IAntiforgery antiforgery,
        TimeProvider time)
    {
        Recurring = recurring;
        QueueWindows = queueWindows;
        Prefix = prefix;
        Options = options;
        Monitor = monitor;
        Catalog = catalog;
        Antiforgery = antiforgery;
        Time = time;
    }

    /// <summary>The mapped path, without a trailing slash ("/jobs"); empty when mapped at the root.</summary>
    public string Prefix { get; }

    public DashboardOptions Options { get; }

    public JobMonitor Monitor { get; }

    /// <summary>The recurring schedules' operator API.</summary>
    public RecurringJobClient Recurring { get; }

    /// <summary>This app's off-peak windows by queue (its worker settings), shown beside the schedules.</summary>
    public IReadOnlyDictionary<string, string> QueueWindows { get; }

    public JobCatalog Catalog { get; }

    public IAntiforgery Antiforgery { get; }

    public TimeProvider Time { get; }

    public DashboardAssets Assets { get; } = new();

    public int PageSize => Math.Clamp(Options.PageSize, 1, 500);
}
