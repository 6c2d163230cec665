using Microsoft.Extensions.Logging;

namespace SampleApp;

/// <summary>The default journal: each entry becomes one log line.</summary>
public sealed partial class LoggingJobJournal(ILogger<LoggingJobJournal> logger) : IJobJournal
{
    /// <inheritdoc />
    public ValueTask WriteAsync(string entry, CancellationToken cancellationToken)
    {
        LogEntry(logger, entry);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "done: {Entry}")]
    private static partial void LogEntry(ILogger logger, string entry);
}
