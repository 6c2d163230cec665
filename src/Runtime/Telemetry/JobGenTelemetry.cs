using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JobGen.Telemetry;

/// <summary>
/// JobGen's one <c>ActivitySource("JobGen")</c> and one <c>Meter("JobGen")</c>, with the attribute names every span
/// and instrument uses (the OpenTelemetry messaging conventions, plus <c>jobgen.*</c>). Listed in docs/telemetry.md.
/// </summary>
internal static class JobGenTelemetry
{
    public const string Name = "JobGen";

    public const string MessagingSystem = "messaging.system";
    public const string OperationType = "messaging.operation.type";
    public const string OperationName = "messaging.operation.name";
    public const string Destination = "messaging.destination.name";
    public const string MessageId = "messaging.message.id";
    public const string BodySize = "messaging.message.body.size";
    public const string BatchCount = "messaging.batch.message_count";
    public const string ErrorType = "error.type";
    public const string Job = "jobgen.job";
    public const string Queue = "jobgen.queue";
    public const string Attempt = "jobgen.attempt";
    public const string Process = "jobgen.process";

    /// <summary>The value of <c>messaging.system</c>.</summary>
    public const string System = "jobgen";

    public static readonly ActivitySource Source = new(Name, ProductVersion.Value);
    public static readonly Meter Meter = new(Name, ProductVersion.Value);

    /// <summary>Marks <paramref name="activity"/> failed by <paramref name="exception"/> (status, <c>error.type</c>, an <c>exception</c> event).</summary>
    public static void Fail(Activity activity, Exception exception)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag(ErrorType, exception.GetType().FullName);
        activity.AddException(exception);
    }
}
