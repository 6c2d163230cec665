namespace JobGen;

/// <summary>
/// Runs jobs of one assembly. The generator emits one implementation per assembly with a <c>switch</c>
/// on the job id that decodes the arguments with generated formatters and calls the method directly.
/// </summary>
public interface IJobDispatcher
{
    /// <summary>The jobs this dispatcher can run: the catalog for tools and dashboards.</summary>
    IReadOnlyList<JobDescriptor> Jobs { get; }

    /// <summary>
    /// Decodes <see cref="JobEnvelope.Arguments"/> and calls the job method.
    /// Throws <see cref="UnknownJobException"/> for a job id it does not know and
    /// <see cref="JobPayloadException"/> when the arguments do not decode; any other exception is the job's own.
    /// </summary>
    ValueTask InvokeAsync(JobEnvelope envelope, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>The recurring schedules declared with <see cref="RecurringAttribute"/> on these jobs, registered when a worker starts.</summary>
    IReadOnlyList<RecurringSchedule> RecurringSchedules => [];
}
