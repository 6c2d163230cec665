using JobGen.Storage;
using JobGen.Storage.InMemory;
using JobGen.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobGen.Testing;

/// <summary>
/// Runs stored jobs one at a time through the worker's own processor: envelope decoding, the registered dispatchers,
/// the server middleware chain, the retry policy, the dead set and the death handlers, all on the fake clock. Only
/// fetching differs from a worker: no polling loop and no concurrency, so a test sees every run in order.
/// </summary>
internal sealed class FakeJobRunner
{
    // Leases never expire during a test: nothing rescues them, and the fake clock only moves when the test says so.
    private static readonly TimeSpan LeaseTime = TimeSpan.FromDays(3650);

    private readonly InMemoryJobStorage _storage;
    private readonly TimeProvider _time;
    private readonly IServiceScopeFactory _scopes;
    private readonly HeldJobs _held = new();
    private readonly JobProcessor _processor;
    private readonly RunningJobs.Slot _running = new RunningJobs().NewSlot();

    public FakeJobRunner(InMemoryJobStorage storage, IServiceProvider services, TimeProvider time, JobGenOptions options, ILogger logger)
    {
        _storage = storage;
        _time = time;
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        var deps = new WorkerDependencies(storage, time, options, logger, logger);
        var table = new JobDispatcherTable(services.GetServices<IJobDispatcher>());
        var outcomes = new JobOutcomes(deps, services.GetRequiredService<IRetryPolicy>(), services.GetServices<IJobDeathHandler>());
        _processor = new JobProcessor(deps, table, new KnownStrings(table.JobIds), outcomes, _held, new StatsCounter());
    }

    /// <summary>Promotes due scheduled jobs, then runs the oldest ready job of the first queue that has one; false when none is ready.</summary>
    public async ValueTask<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        var queues = await _storage.GetQueuesAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        foreach (var queue in queues)
        {
            await _storage.PromoteDueAsync(queue, now, int.MaxValue, cancellationToken).ConfigureAwait(false);
        }

        var fetched = await _storage.FetchAsync(queues, 1, now + LeaseTime, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        if (fetched.Count == 0)
        {
            return false;
        }

        _held.AddBatch(fetched);
        var services = new LazyJobScope(_scopes);
        await _processor.RunAsync(fetched[0], services, JobEnvelope.ForDecoding(), _running, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The earliest due time among the scheduled jobs and retries of every queue, or null when none is scheduled.</summary>
    public async ValueTask<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? next = null;
        foreach (var queue in await _storage.GetQueuesAsync(cancellationToken).ConfigureAwait(false))
        {
            var first = await _storage.GetPageAsync(queue, PayloadSet.Scheduled, 0, 1, cancellationToken).ConfigureAwait(false);
            if (first.Count > 0 && first[0].Score is { } due && (next is null || due < next))
            {
                next = due;
            }
        }

        return next;
    }
}
