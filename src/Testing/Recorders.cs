namespace JobGen.Testing;

/// <summary>
/// The innermost client middleware of a <see cref="FakeJobClient"/>: records the job as it will be stored (after
/// the app's own client middleware; a vetoed job never gets here), decoded by the generated formatters.
/// </summary>
internal sealed class EnqueueRecorder(FakeJobClient client) : IClientMiddleware
{
    public ValueTask InvokeAsync(EnqueueContext job, EnqueueDelegate next, CancellationToken cancellationToken)
    {
        var arguments = job.Arguments.ToArray(); // the client's buffer is reused after the store
        var description = JobDescriptions.Describe(job.Job, arguments);
        client.Record(new EnqueuedJob(job.JobId, job.Job, job.Queue, job.MaxAttempts, job.DueAt, new Dictionary<string, string>(job.Headers, StringComparer.Ordinal), arguments, description));
        return next();
    }
}

/// <summary>The innermost server middleware of a <see cref="FakeJobClient"/>: records each run and its outcome.</summary>
internal sealed class RunRecorder(FakeJobClient client) : IServerMiddleware
{
    public async ValueTask InvokeAsync(JobContext job, IServiceProvider services, JobRunDelegate next, CancellationToken cancellationToken)
    {
        var started = client.Clock.GetUtcNow();
        try
        {
            await next().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            client.Record(new JobRun(job.JobId, job.Job, job.Queue, job.Attempt, started, ex));
            throw;
        }

        client.Record(new JobRun(job.JobId, job.Job, job.Queue, job.Attempt, started, null));
    }
}
