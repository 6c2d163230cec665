namespace JobGen;

/// <summary>The rest of the server chain: the next middleware, or the job itself.</summary>
public delegate ValueTask JobRunDelegate();

/// <summary>
/// Wraps every job run in the worker (logging, tracing, tenancy, unit of work). Registered in DI
/// (<c>services.AddJobGen().AddServerMiddleware&lt;T&gt;()</c>) and resolved from the job's scope, so a scoped
/// middleware shares the job's services; the first registered runs outermost.
/// Call <c>next</c> to run the job; an exception that escapes counts as the job's failure.
/// </summary>
public interface IServerMiddleware
{
    /// <summary>Runs around one job.</summary>
    ValueTask InvokeAsync(JobContext job, IServiceProvider services, JobRunDelegate next, CancellationToken cancellationToken);
}
