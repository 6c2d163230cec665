using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobGen.Telemetry;

/// <summary>
/// The enqueue side: a producer span per <c>EnqueueAsync</c> (one per <c>EnqueueManyAsync</c> batch) whose context the
/// envelope carries as its <c>traceparent</c> header, and the <c>jobgen.jobs.enqueued</c> counter.
/// </summary>
internal static class ClientTelemetry
{
    public static readonly Counter<long> Enqueued =
        JobGenTelemetry.Meter.CreateCounter<long>("jobgen.jobs.enqueued", "{job}", "Jobs stored by the client (ready or scheduled)");

    /// <summary>True when a span would be recorded: the client then takes its traced path.</summary>
    public static bool Tracing => JobGenTelemetry.Source.HasListeners();

    /// <summary>Starts the producer span (<c>send {job}</c>); call inside the async method that ends it.</summary>
    public static Activity? StartSend(string? job, int count = 1)
    {
        var activity = JobGenTelemetry.Source.StartActivity(job is null ? "send" : "send " + job, ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(JobGenTelemetry.MessagingSystem, JobGenTelemetry.System);
            activity.SetTag(JobGenTelemetry.OperationType, "send");
            activity.SetTag(JobGenTelemetry.OperationName, "send");
            activity.SetTag(JobGenTelemetry.Job, job);
            if (count != 1)
            {
                activity.SetTag(JobGenTelemetry.BatchCount, count);
            }
        }

        return activity;
    }

    /// <summary>Tags the single job's span once the job is described (its id and queue are known).</summary>
    public static void Describe(Activity? activity, string id, string queue, DateTimeOffset? dueAt)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(JobGenTelemetry.MessageId, id);
            activity.SetTag(JobGenTelemetry.Destination, queue);
            if (dueAt is { } due)
            {
                activity.SetTag("jobgen.due_at", due.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Counts one stored job (no tags built when nobody listens).</summary>
    public static void Count(string job, string queue)
    {
        if (Enqueued.Enabled)
        {
            Enqueued.Add(1, new TagList { { JobGenTelemetry.Job, job }, { JobGenTelemetry.Queue, queue } });
        }
    }
}
