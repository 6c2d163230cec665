using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobGen.Worker;

/// <summary>
/// The worker's metrics (<c>Meter("JobGen")</c>) and traces (<c>ActivitySource("JobGen")</c>): one span per job
/// run, parented to the enqueuer's <c>traceparent</c> header when the job carries one.
/// </summary>
internal static class WorkerTelemetry
{
    public const string Name = "JobGen";

    public static readonly ActivitySource Source = new(Name, ProductVersion.Value);
    public static readonly Meter Meter = new(Name, ProductVersion.Value);

    public static readonly Histogram<double> Duration =
        Meter.CreateHistogram<double>("jobgen.job.duration", "s", "Duration of one job run");

    public static readonly Counter<long> Processed =
        Meter.CreateCounter<long>("jobgen.jobs.processed", "{job}", "Job runs completed, failed ones included");

    public static readonly Counter<long> Failed =
        Meter.CreateCounter<long>("jobgen.jobs.failed", "{job}", "Job runs that failed (retried or dead)");

    public static readonly Counter<long> Expired =
        Meter.CreateCounter<long>("jobgen.jobs.expired", "{job}", "Jobs fetched after their expiry time and not run");

    public static void CountExpired(JobEnvelope envelope) =>
        Expired.Add(1, new TagList { { "jobgen.job", envelope.Job }, { "jobgen.queue", envelope.Queue } });

    public static Activity? StartRun(JobEnvelope envelope)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (envelope.Headers.TryGetValue("traceparent", out var traceParent))
        {
            envelope.Headers.TryGetValue("tracestate", out var traceState);
            ActivityContext.TryParse(traceParent, traceState, out parent);
        }

        var activity = Source.StartActivity("jobgen.run " + envelope.Job, ActivityKind.Consumer, parent);
        activity?.SetTag("jobgen.job", envelope.Job);
        activity?.SetTag("jobgen.job_id", envelope.Id);
        activity?.SetTag("jobgen.queue", envelope.Queue);
        activity?.SetTag("jobgen.attempt", envelope.Attempt + 1);
        return activity;
    }

    public static void Record(JobEnvelope? envelope, string queue, double seconds, bool failed)
    {
        if (!Processed.Enabled && !Failed.Enabled && !Duration.Enabled)
        {
            return; // nobody listens: skip the tags (most of a no-op job's telemetry cost)
        }

        var tags = new TagList { { "jobgen.job", envelope?.Job ?? "(undecodable)" }, { "jobgen.queue", queue } };
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
