using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Testing;

/// <summary>
/// An <see cref="IJobClient"/> for tests. Every enqueue goes through the real client (client middleware included) into
/// an in-memory storage and is recorded (<see cref="Enqueued"/>), decoded by the jobs' generated formatters. Jobs run
/// when the test drains (<see cref="DrainAsync"/>, <see cref="DrainAllAsync"/>) or at once (<see cref="FakeJobMode.Inline"/>),
/// through the worker's own dispatcher, middleware and retry policy, on a fake clock (<see cref="Clock"/>). Jobs that
/// ask DI for an <see cref="IJobClient"/> get this one, so what they enqueue is recorded and drained too.
/// Typed assertions are generated per job in the test project: <c>jobs.AssertEnqueued.SendWelcomeEmail(userId: 42)</c>.
/// </summary>
public sealed partial class FakeJobClient : IJobClient, IAsyncDisposable, IDisposable
{
    private readonly InMemoryJobStorage _storage = new();
    private readonly JobClient _client;
    private readonly ServiceProvider _services;
    private readonly FakeJobRunner _runner;
    private readonly List<EnqueuedJob> _enqueued = [];
    private readonly List<JobRun> _runs = [];

    /// <summary>A client that records enqueues; it can run only jobs whose dispatchers are registered (use the other constructor).</summary>
    public FakeJobClient()
        : this(null, null)
    {
    }

    /// <summary>
    /// A client whose jobs run with the services that <paramref name="configureServices"/> registers: the generated
    /// <c>services.Add{Assembly}Jobs()</c>, the jobs' own dependencies, and optionally <c>services.AddJobGen(...)</c> with
    /// middleware, death handlers and a retry policy. The storage, the clock and the <see cref="IJobClient"/> are this
    /// client's own. <paramref name="clock"/> defaults to a new <see cref="FakeTimeProvider"/> (2000-01-01 UTC).
    /// </summary>
    public FakeJobClient(Action<IServiceCollection>? configureServices, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider();
        var services = new ServiceCollection();
        configureServices?.Invoke(services);
        services.AddJobGen();
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        services.RemoveAll<IJobStorage>();
        services.AddSingleton<IJobStorage>(_storage);
        services.RemoveAll<IJobClient>();
        services.AddSingleton<IJobClient>(this);
        services.AddSingleton<IServerMiddleware>(new RunRecorder(this)); // registered last: innermost, next to the job
        _services = services.BuildServiceProvider();

        var options = _services.GetRequiredService<IOptions<JobGenOptions>>().Value;
        var logger = _services.GetService<ILoggerFactory>()?.CreateLogger("JobGen.Worker") ?? NullLogger.Instance;
        _client = new JobClient(_storage, [.. _services.GetServices<IClientMiddleware>(), new EnqueueRecorder(this)], Clock, options.MaxPayloadBytes);
        _runner = new FakeJobRunner(_storage, _services, Clock, options, logger);
        Monitor = new JobMonitor(_storage, Clock);
        AssertEnqueued = new EnqueuedJobAssertions(this);
        AssertNotEnqueued = new NotEnqueuedJobAssertions(this);
    }

    /// <summary>The fake clock of enqueues and runs: advance it to make scheduled jobs and retries due.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Record only (the default) or run at once.</summary>
    public FakeJobMode Mode { get; set; }

    /// <summary>Most runs one drain may make before it fails (a job that keeps enqueuing itself). Default 10,000.</summary>
    public int MaxRunsPerDrain { get; set; } = 10_000;

    /// <summary>The services jobs run with (the ones registered by the constructor's callback).</summary>
    public IServiceProvider Services => _services;

    /// <summary>The operator API over this client's storage: queues, scheduled jobs, retries and the dead set.</summary>
    public JobMonitor Monitor { get; }

    /// <summary>Typed "was enqueued" assertions, generated per job as extension methods on this object.</summary>
    public EnqueuedJobAssertions AssertEnqueued { get; }

    /// <summary>Typed "was not enqueued" assertions, generated per job as extension methods on this object.</summary>
    public NotEnqueuedJobAssertions AssertNotEnqueued { get; }

    /// <summary>Every enqueue recorded so far, in order (also those made by running jobs).</summary>
    public IReadOnlyList<EnqueuedJob> Enqueued
    {
        get
        {
            lock (_enqueued)
            {
                return [.. _enqueued];
            }
        }
    }

    /// <summary>Every run so far, in the order they finished.</summary>
    public IReadOnlyList<JobRun> Runs
    {
        get
        {
            lock (_runs)
            {
                return [.. _runs];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<string> EnqueueAsync(JobRequest request, EnqueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var runsBefore = RunCount;
        var id = await _client.EnqueueAsync(request, options, cancellationToken).ConfigureAwait(false);
        await RunInlineAsync(runsBefore, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> EnqueueManyAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken = default)
    {
        var runsBefore = RunCount;
        var ids = await _client.EnqueueManyAsync(requests, cancellationToken).ConfigureAwait(false);
        await RunInlineAsync(runsBefore, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    /// <summary>Forgets the recorded enqueues and runs (the stored jobs stay).</summary>
    public void ClearRecorded()
    {
        lock (_enqueued)
        {
            _enqueued.Clear();
        }

        lock (_runs)
        {
            _runs.Clear();
        }
    }

    /// <summary>Throws <see cref="JobAssertionException"/> listing the failed runs, if any.</summary>
    public void AssertNoFailedRuns()
    {
        var failed = Runs.Where(r => r.Failed).ToList();
        if (failed.Count > 0)
        {
            throw new JobAssertionException($"Expected no failed job runs, but {failed.Count} failed:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", failed), failed[0].Exception!);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();

    private int RunCount
    {
        get
        {
            lock (_runs)
            {
                return _runs.Count;
            }
        }
    }

    internal void Record(EnqueuedJob job)
    {
        lock (_enqueued)
        {
            _enqueued.Add(job);
        }
    }

    internal void Record(JobRun run)
    {
        lock (_runs)
        {
            _runs.Add(run);
        }
    }
}
