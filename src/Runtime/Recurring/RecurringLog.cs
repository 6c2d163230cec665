using Microsoft.Extensions.Logging;

namespace JobGen;

/// <summary>The recurring scheduler's log messages.</summary>
internal static partial class RecurringLog
{
    [LoggerMessage(40, LogLevel.Information, "Recurring scheduler started with {Declared} schedules declared in code")]
    public static partial void Started(ILogger logger, int declared);

    [LoggerMessage(41, LogLevel.Error, "Recurring schedule '{Schedule}' is skipped: {Problem}")]
    public static partial void Unreadable(ILogger logger, string schedule, string problem);

    [LoggerMessage(42, LogLevel.Debug, "Recurring schedule '{Schedule}': tick {Tick:O} enqueued on queue {Queue}")]
    public static partial void Claimed(ILogger logger, string schedule, DateTimeOffset tick, string queue);

    [LoggerMessage(43, LogLevel.Warning, "Recurring schedule '{Schedule}' is declared in code but not by this version; it is removed if no running version declares it for {Grace} (last declared {DeclaredAt:O})")]
    public static partial void NoLongerDeclared(ILogger logger, string schedule, TimeSpan grace, DateTimeOffset declaredAt);

    [LoggerMessage(44, LogLevel.Warning, "Recurring schedule '{Schedule}' was removed: no running version has declared it since {DeclaredAt:O}")]
    public static partial void Removed(ILogger logger, string schedule, DateTimeOffset declaredAt);

    [LoggerMessage(45, LogLevel.Error, "The recurring scheduler failed; retrying in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, TimeSpan delay);
}
