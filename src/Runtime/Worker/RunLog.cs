using System.Collections;
using Microsoft.Extensions.Logging;

namespace JobGen.Worker;

/// <summary>
/// The job logger (as Sidekiq's): a line when a run starts and one when it ends with its elapsed time and outcome,
/// at <see cref="JobWorkerOptions.RunLogLevel"/> in the <c>JobGen.Jobs</c> category, and a logging scope around the
/// run carrying the job's id, name, queue and attempt, so the app's own lines inside a job are tied to it.
/// </summary>
internal static partial class RunLog
{
    /// <summary>The category of the run lines, apart from the worker's own so it can be turned down alone.</summary>
    public const string Category = "JobGen.Jobs";

    [LoggerMessage(EventId = 30, Message = "Job {Job} ({JobId}) started on queue {Queue}, attempt {Attempt}")]
    public static partial void Started(ILogger logger, LogLevel level, string job, string jobId, string queue, int attempt);

    [LoggerMessage(EventId = 31, Message = "Job {Job} ({JobId}) {Outcome} in {ElapsedMs:0.###} ms")]
    public static partial void Finished(ILogger logger, LogLevel level, string job, string jobId, string outcome, double elapsedMs);

    /// <summary>
    /// The run's scope; null (no scope) when the logger is disabled at every level, as with no logging configured.
    /// </summary>
    public static IDisposable? BeginScope(ILogger logger, JobEnvelope envelope) =>
        logger.IsEnabled(LogLevel.Critical) ? logger.BeginScope(new RunScope(envelope.Id, envelope.Job, envelope.Queue, envelope.Attempt + 1)) : null;

    /// <summary>The outcome as written in the end line.</summary>
    public static string Describe(bool? failed) => failed switch
    {
        false => "succeeded",
        true => "failed",
        null => "was returned to its queue",
    };

    /// <summary>
    /// The scope's state: read as key/value pairs by structured providers (JobId, Job, Queue, Attempt), and as one
    /// line by text providers. Holds copies of the fields: the envelope it came from is reused by the next run.
    /// </summary>
    private sealed class RunScope(string jobId, string job, string queue, int attempt) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 4;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("JobId", jobId),
            1 => new("Job", job),
            2 => new("Queue", queue),
            3 => new("Attempt", attempt),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"JobId:{jobId} Job:{job} Queue:{queue} Attempt:{attempt}";
    }
}
