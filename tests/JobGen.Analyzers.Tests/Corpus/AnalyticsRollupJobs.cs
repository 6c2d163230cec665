using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using JobGen;

namespace Acme.Analytics;

public interface IEventWarehouse
{
    /// <summary>Recomputes the day's totals with INSERT ... ON CONFLICT DO UPDATE: the same day gives the same rows.</summary>
    Task<long> UpsertDailyTotalsAsync(int siteId, DateTime day, CancellationToken cancellationToken);
}

/// <summary>Daily roll-up for the day given as the argument (not "yesterday" by the wall clock).</summary>
public sealed class AnalyticsRollupJobs(IEventWarehouse warehouse)
{
    private static readonly ActivitySource Tracing = new("Acme.Analytics");
    private static readonly Meter Meter = new("Acme.Analytics");
    private static readonly Histogram<double> RollupDuration = Meter.CreateHistogram<double>("acme.rollup.duration", unit: "s");

    [BackgroundJob("analytics.daily-rollup", Queue = "analytics", TimeoutSeconds = 1800)]
    public async Task RollUpDay(int siteId, DateTime day, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartActivity("rollup");
        var t0 = DateTimeOffset.UtcNow;
        var rows = await warehouse.UpsertDailyTotalsAsync(siteId, day.Date, cancellationToken).ConfigureAwait(false);
        var seconds = (DateTimeOffset.UtcNow - t0).TotalSeconds;
        activity?.SetTag("acme.rollup.rows", rows);
        activity?.SetTag("acme.rollup.seconds", seconds);
        RollupDuration.Record(seconds);
    }
}
