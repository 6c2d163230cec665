using System.Text;

namespace JobGen.Runtime.Tests.Support;

/// <summary>One run of a test job, as its handler sees it.</summary>
public sealed record TestRun(JobEnvelope Envelope, IServiceProvider Services, CancellationToken Token)
{
    /// <summary>The test job's single argument (its arguments are UTF-8 text).</summary>
    public string Arg => Encoding.UTF8.GetString(Envelope.Arguments.Span);
}

/// <summary>
/// A hand-written <see cref="IJobDispatcher"/> standing in for the generated one: job ids mapped to handlers,
/// with the same contract (unknown id → <see cref="UnknownJobException"/>).
/// </summary>
public sealed class TestDispatcher : IJobDispatcher
{
    private readonly Dictionary<string, Func<TestRun, ValueTask>> _handlers = new(StringComparer.Ordinal);
    private readonly List<JobDescriptor> _jobs = [];

    public IReadOnlyList<JobDescriptor> Jobs => _jobs;

    public TestDispatcher Add(string job, Func<TestRun, ValueTask> handler, int timeoutSeconds = 0)
    {
        _handlers.Add(job, handler);
        _jobs.Add(new JobDescriptor(job, JobDefaults.Queue, JobDefaults.MaxAttempts, timeoutSeconds, "Tests." + job, "Run", []));
        return this;
    }

    public TestDispatcher Add(string job, Action<TestRun> handler) =>
        Add(job, run =>
        {
            handler(run);
            return ValueTask.CompletedTask;
        });

    public ValueTask InvokeAsync(JobEnvelope envelope, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers.TryGetValue(envelope.Job, out var handler)
            ? handler(new TestRun(envelope, services, cancellationToken))
            : throw new UnknownJobException(envelope.Job);

    /// <summary>A request for a test job whose argument is <paramref name="arg"/>.</summary>
    public static JobRequest Request(string job, string arg, string queue = JobDefaults.Queue, int maxAttempts = JobDefaults.MaxAttempts) =>
        new(job, queue, maxAttempts, Encoding.UTF8.GetBytes(arg));
}
