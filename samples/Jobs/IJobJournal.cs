namespace SampleApp;

/// <summary>
/// Where the sample jobs put their simulated side effects (the email "sent", the thumbnails "rendered"), one
/// line per run. The worker writes them to its log or, with <c>--journal FILE</c>, to a file that tests and the
/// measurements read.
/// </summary>
public interface IJobJournal
{
    /// <summary>Records one finished piece of work.</summary>
    ValueTask WriteAsync(string entry, CancellationToken cancellationToken);
}
