using Microsoft.Extensions.Logging;

namespace SampleWorker;

/// <summary>The worker's own log lines.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "worker starting: {Storage} queues={Queues} concurrency={Concurrency} shutdown-timeout={ShutdownSeconds}s")]
    public static partial void Starting(ILogger logger, string storage, string queues, int concurrency, double shutdownSeconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "worker stopped")]
    public static partial void Stopped(ILogger logger);
}
