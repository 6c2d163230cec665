using JobGen;

namespace Shop.Worker;

/// <summary>The app's only job, in queue "reports".</summary>
public static class ReportJobs
{
    [BackgroundJob("reports.daily", Queue = "reports")]
    public static void Daily(int day, CancellationToken cancellationToken) => cancellationToken.ThrowIfCancellationRequested();
}
