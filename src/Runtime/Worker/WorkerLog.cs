using Microsoft.Extensions.Logging;

namespace JobGen.Worker;

/// <summary>The worker's log messages (source-generated: no boxing, no parsing at run time).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(1, LogLevel.Information, "JobGen worker {ProcessId} starting: concurrency {Concurrency}, queues [{Queues}] ({Order} order), {Jobs} job types")]
    public static partial void Starting(ILogger logger, string processId, int concurrency, string queues, string order, int jobs);

    [LoggerMessage(2, LogLevel.Information, "JobGen worker {ProcessId} stopping: {Running} jobs running, shutdown timeout {Timeout}")]
    public static partial void Stopping(ILogger logger, string processId, int running, TimeSpan timeout);

    [LoggerMessage(3, LogLevel.Information, "JobGen worker {ProcessId} stopped: {Requeued} unfinished jobs returned to their queues")]
    public static partial void Stopped(ILogger logger, string processId, int requeued);

    [LoggerMessage(4, LogLevel.Warning, "Shutdown deadline reached with {Running} jobs still running: cancelling their tokens")]
    public static partial void DeadlineReached(ILogger logger, int running);

    [LoggerMessage(5, LogLevel.Warning, "JobGen worker works queue '{Queue}', but no registered job uses it (the registered jobs' queues: {JobQueues}). Only jobs enqueued there with an explicit queue will run; check the queue names or register the assembly that owns them")]
    public static partial void QueueWithoutJobs(ILogger logger, string queue, string jobQueues);

    [LoggerMessage(10, LogLevel.Warning, "Job {Job} ({JobId}) failed on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, Exception exception, string job, string jobId, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(11, LogLevel.Error, "Job {Job} ({JobId}) is dead ({Reason}): {Message}")]
    public static partial void Died(ILogger logger, Exception? exception, string? job, string jobId, JobGen.Storage.DeathReason reason, string message);

    [LoggerMessage(12, LogLevel.Warning, "Job {Job} ({JobId}) finished after its lease had been rescued; it may run again")]
    public static partial void LeaseLost(ILogger logger, string job, string jobId);

    [LoggerMessage(13, LogLevel.Information, "Job {Job} ({JobId}) was interrupted by shutdown and returned to its queue")]
    public static partial void Interrupted(ILogger logger, string job, string jobId);

    [LoggerMessage(14, LogLevel.Error, "Could not record the outcome of job {JobId} in the storage; its lease will expire and it will run again")]
    public static partial void OutcomeNotStored(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(15, LogLevel.Error, "Could not send {Count} acks to the storage; their leases will expire and those jobs will run again")]
    public static partial void AcksNotStored(ILogger logger, Exception exception, int count);

    [LoggerMessage(20, LogLevel.Error, "Fetching from the storage failed; retrying in {Delay}")]
    public static partial void FetchFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(21, LogLevel.Error, "The worker's {Loop} loop failed; it carries on")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(22, LogLevel.Error, "Death handler {Handler} threw while handling job {JobId}; ignored")]
    public static partial void DeathHandlerFailed(ILogger logger, Exception exception, string handler, string jobId);

    [LoggerMessage(23, LogLevel.Error, "Returning {Count} jobs to their queues at shutdown failed; their leases will expire and they will be rescued")]
    public static partial void RequeueFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(24, LogLevel.Debug, "Poller moved {Promoted} due and {Rescued} expired jobs of queue {Queue} to ready")]
    public static partial void Polled(ILogger logger, string queue, int promoted, int rescued);

    [LoggerMessage(25, LogLevel.Information, "Worker {ProcessId} received the operator's {Signal} signal")]
    public static partial void Signalled(ILogger logger, string processId, JobGen.Storage.ProcessSignal signal);

    [LoggerMessage(60, LogLevel.Warning, "Job {Job} ({JobId}) expired: {Message}")]
    public static partial void Expired(ILogger logger, string? job, string jobId, string message);

    [LoggerMessage(61, LogLevel.Error, "Could not release unique lock {Key} of job {JobId}; it lapses at its own expiry, if it has one")]
    public static partial void UniqueNotReleased(ILogger logger, Exception exception, string key, string jobId);
}
