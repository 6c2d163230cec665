using System.Diagnostics;
using System.Diagnostics.Metrics;
using JobGen.Storage;
using JobGen.Telemetry;

namespace JobGen.Worker;

/// <summary>
/// The worker's metrics and traces (<see cref="JobGenTelemetry"/>): one consumer span per job run, parented to the
/// producer span whose context the job carries in its <c>traceparent</c> header; its retry or death as span events;
/// run counters and durations. Every span and instrument: docs/telemetry.md.
/// </summary>
internal static class WorkerTelemetry
{
    public static readonly Histogram<double> Duration =
        JobGenTelemetry.Meter.CreateHistogram<double>("jobgen.job.duration", "s", "Duration of one job run");

    public static readonly Counter<long> Processed =
        JobGenTelemetry.Meter.CreateCounter<long>("jobgen.jobs.processed", "{job}", "Job runs completed, failed ones included");

    public static readonly Counter<long> Failed =
        JobGenTelemetry.Meter.CreateCounter<long>("jobgen.jobs.failed", "{job}", "Job runs that failed (retried or dead)");

    public static readonly Counter<long> Expired =
        JobGenTelemetry.Meter.CreateCounter<long>("jobgen.jobs.expired", "{job}", "Jobs fetched after their expiry time and not run");

    public static void CountExpired(JobEnvelope envelope) =>
        Expired.Add(1, new TagList { { "jobgen.job", envelope.Job }, { "jobgen.queue", envelope.Queue } });

    public static Activity? StartRun(JobEnvelope envelope, int payloadBytes)
    {
        if (!JobGenTelemetry.Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (envelope.Headers.TryGetValue("traceparent", out var traceParent))
        {
            envelope.Headers.TryGetValue("tracestate", out var traceState);
            ActivityContext.TryParse(traceParent, traceState, out parent);
        }

        var activity = JobGenTelemetry.Source.StartActivity("process " + envelope.Job, ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(JobGenTelemetry.MessagingSystem, JobGenTelemetry.System);
            activity.SetTag(JobGenTelemetry.OperationType, "process");
            activity.SetTag(JobGenTelemetry.OperationName, "process");
            activity.SetTag(JobGenTelemetry.Destination, envelope.Queue);
            activity.SetTag(JobGenTelemetry.MessageId, envelope.Id);
            activity.SetTag(JobGenTelemetry.BodySize, payloadBytes);
            activity.SetTag(JobGenTelemetry.Job, envelope.Job);
            activity.SetTag(JobGenTelemetry.Attempt, envelope.Attempt + 1);
        }

        return activity;
    }

    /// <summary>The run's span, when one is being recorded on this flow (the outcome code adds its events to it).</summary>
    public static Activity? CurrentRun =>
        Activity.Current is { Kind: ActivityKind.Consumer } current && ReferenceEquals(current.Source, JobGenTelemetry.Source) ? current : null;

    /// <summary>The run failed and will run again at <paramref name="dueAt"/>: a <c>jobgen.retry</c> event.</summary>
    public static void Retrying(int attempt, int maxAttempts, TimeSpan delay, DateTimeOffset dueAt)
    {
        if (CurrentRun is { IsAllDataRequested: true } run)
        {
            run.AddEvent(new ActivityEvent("jobgen.retry", tags: new ActivityTagsCollection
            {
                [JobGenTelemetry.Attempt] = attempt,
                ["jobgen.max_attempts"] = maxAttempts,
                ["jobgen.retry.delay_s"] = delay.TotalSeconds,
                ["jobgen.retry.due_at"] = dueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }));
        }
    }

    /// <summary>The job went to the dead set: a <c>jobgen.dead</c> event.</summary>
    public static void Died(DeathReason reason, string message)
    {
        if (CurrentRun is { IsAllDataRequested: true } run)
        {
            run.AddEvent(new ActivityEvent("jobgen.dead", tags: new ActivityTagsCollection
            {
                ["jobgen.dead.reason"] = reason.ToString(),
                ["jobgen.dead.message"] = message,
            }));
        }
    }

    public static void Record(JobEnvelope? envelope, string queue, double seconds, bool failed)
    {
        if (!Processed.Enabled && !Failed.Enabled && !Duration.Enabled)
        {
            return; // nobody listens: skip the tags (most of a no-op job's telemetry cost)
        }

        var tags = new TagList { { JobGenTelemetry.Job, envelope?.Job ?? "(undecodable)" }, { JobGenTelemetry.Queue, queue } };
        Processed.Add(1, tags);
        if (failed)
        {
            Failed.Add(1, tags);
        }

        if (envelope is not null)
        {
            Duration.Record(seconds, tags);
        }
    }
}
