using Microsoft.Extensions.Logging;

namespace JobGen;

/// <summary>The worker's settings: section <c>JobGen:Worker</c>. Defaults and keys: docs/configuration.md.</summary>
public sealed class JobWorkerOptions
{
    /// <summary>Run the worker in this process. False for enqueue-only apps (a web front end). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs run at once. Default 10.</summary>
    public int Concurrency { get; set; } = 10;

    /// <summary>
    /// Queues to work, Sidekiq style: <c>"name"</c> or <c>"name,weight"</c>. Without any weight the queues are
    /// tried in strict order (the first one that has work wins); with weights every fetch tries them in a random
    /// order drawn by weight (a queue without a weight counts 1). Default <c>["default"]</c>.
    /// </summary>
    public IList<string> Queues { get; set; } = new List<string>();

    /// <summary>
    /// Jobs held ready for the processors, refilled in one round trip when half were taken. 0 (the default) adapts
    /// between <see cref="Concurrency"/> and 512: it grows while short jobs outrun the fetches and shrinks when jobs are
    /// slow, so long jobs are not hoarded from other worker processes. A positive value fixes it. See docs/worker.md.
    /// </summary>
    public int FetchBatchSize { get; set; }

    /// <summary>How long one fetch blocks in the storage waiting for work when every queue is empty. Default 2 s.</summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a fetched job is leased before another worker may rescue it; renewed every third of it while the job runs. Default 60 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Average interval of the poller that promotes due scheduled jobs and rescues expired leases (jittered ±50%). Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Interval between heartbeats of this process. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A process whose heartbeat is older than this is considered gone. Default 30 s.</summary>
    public TimeSpan HeartbeatTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval between flushes of the processed/failed counters to the storage. Default 1 s.</summary>
    public TimeSpan StatsFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a graceful stop lets running jobs finish before their tokens are cancelled. Default 25 s (under the host's 30 s).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Timeout of one run for jobs that declare none (<c>TimeoutSeconds</c>); zero for none. Default zero.</summary>
    public TimeSpan DefaultJobTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Run the recurring scheduler in this process (every worker may: each tick is claimed once). Default true.</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>How often the scheduler re-reads the schedules from the storage, to pick up changes made at run time. Default 5 s.</summary>
    public TimeSpan ScheduleRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a schedule declared in code survives after no running version declares it any more (a rolling deploy
    /// must not delete a schedule the other version still has). Default 1 hour.
    /// </summary>
    public TimeSpan RemovedScheduleGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Off-peak windows: queue name → <c>"HH:mm-HH:mm TimeZone"</c> (for example <c>"01:00-05:00 Europe/Paris"</c>; the zone
    /// is optional, UTC by default; a window may cross midnight). This worker fetches from such a queue only inside its
    /// window; outside it the jobs wait in the queue. See docs/recurring.md.
    /// </summary>
    public IDictionary<string, string> QueueWindows { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Level of the two lines logged per run (started; succeeded or failed with the elapsed time), category
    /// <c>JobGen.Jobs</c>. Turn them down here (<see cref="LogLevel.Debug"/>) or with the category's own level in the
    /// logging configuration. Default <see cref="LogLevel.Information"/>. See docs/telemetry.md.
    /// </summary>
    public LogLevel RunLogLevel { get; set; } = LogLevel.Information;

    /// <summary>The queue list in effect: <see cref="Queues"/>, or <c>["default"]</c> when it is empty.</summary>
    internal IReadOnlyList<string> EffectiveQueues => Queues.Count == 0 ? [JobDefaults.Queue] : [.. Queues];
}
