using System.Globalization;
using JobGen;

namespace SampleApp;

/// <summary>Reports, usually scheduled for a quiet hour.</summary>
public sealed class ReportJobs(IJobJournal journal)
{
    /// <summary>Builds a report over a period and mails it. On its own queue so that it never delays email.</summary>
    [BackgroundJob("reports.build", Queue = "reports", MaxAttempts = 3, TimeoutSeconds = 600)]
    public async Task BuildReport(ReportRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        var from = request.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = request.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await journal.WriteAsync(
            $"reports.build account={request.AccountId} kind={request.Kind} from={from} to={to} mailto={request.MailTo ?? "-"}",
            cancellationToken).ConfigureAwait(false);
    }
}
