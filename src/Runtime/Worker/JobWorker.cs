using System.Threading.Channels;
using JobGen.Storage;
using JobGen.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JobGen;

/// <summary>
/// The worker (Sidekiq's launcher + manager): a fetcher feeding <c>Concurrency</c> processor loops through a
/// bounded channel, plus the poller (due jobs, expired leases), the lease renewer, the heartbeat and the stats
/// flusher. Stopping is graceful: stop fetching, let running jobs finish until <c>ShutdownTimeout</c>, cancel
/// their tokens at the deadline, return every job still held to its queue, flush stats, deregister.
/// Registered as a hosted service by <c>AddJobGen</c>; see docs/worker.md.
/// </summary>
public sealed class JobWorker : IHostedService, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan GraceAfterCancel = TimeSpan.FromSeconds(2);

    private readonly WorkerDependencies _deps;
    private readonly IEnumerable<IJobDispatcher> _dispatchers;
    private readonly IServiceScopeFactory _scopes;
    private readonly IRetryPolicy _retryPolicy;
    private readonly IEnumerable<IJobDeathHandler> _deathHandlers;
    private readonly HeldJobs _held = new();
    private readonly RunningJobs _running = new();
    private readonly StatsCounter _stats = new();
    private readonly CancellationTokenSource _quiet = new();
    private readonly CancellationTokenSource _fetchQuiet = new(); // an operator's "quiet": stop fetching only
    private readonly CancellationTokenSource _hardStop = new();
    private readonly CancellationTokenSource _housekeepingStop = new();
    private Task? _fetcher;
    private Task[] _processors = [];
    private Task[] _housekeeping = [];
    private HeartbeatReporter? _heartbeat;
    private JobFetcher? _fetching;
    private JobOutcomes? _outcomes;
    private int _state; // 0 new, 1 started, 2 stopped
    private Task? _stopping;

    /// <summary>Creates the worker from DI (use <c>AddJobGen</c>).</summary>
    public JobWorker(
        IJobStorage storage,
        IEnumerable<IJobDispatcher> dispatchers,
        IServiceScopeFactory scopes,
        IOptions<JobGenOptions> options,
        IRetryPolicy retryPolicy,
        IEnumerable<IJobDeathHandler> deathHandlers,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        _deps = new WorkerDependencies(storage, time, options.Value, loggerFactory.CreateLogger("JobGen.Worker"), loggerFactory.CreateLogger(RunLog.Category));
        _dispatchers = dispatchers;
        _scopes = scopes;
        _retryPolicy = retryPolicy;
        _deathHandlers = deathHandlers;
    }

    /// <summary>This process's id in the storage's process list (set once started).</summary>
    public string? ProcessId => _heartbeat?.ProcessId;

    /// <summary>Jobs running right now.</summary>
    public int Busy => _held.Running;

    /// <summary>
    /// What the health checks read: whether the worker runs, when its last heartbeat reached the storage and whether its
    /// fetches are failing.
    /// </summary>
    public JobWorkerStatus GetStatus() => new(
        _deps.Worker.Enabled,
        Volatile.Read(ref _state) == 1,
        ProcessId,
        _heartbeat?.LastBeatAt,
        _fetching?.FailingSince,
        _fetching?.LastError,
        _held.Running,
        _held.Count);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var worker = _deps.Worker;
        if (!worker.Enabled || Volatile.Read(ref _state) != 0)
        {
            return Task.CompletedTask;
        }

        var table = new JobDispatcherTable(_dispatchers); // throws on duplicate job ids: a start-up error
        WorkerStartChecks.EnsureJobsRegistered(table, AppDomain.CurrentDomain.FriendlyName);
        var selector = QueueSelector.Parse(worker.EffectiveQueues);
        WorkerStartChecks.WarnAboutUncoveredQueues(_deps.Logger, table, selector.Names);
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return Task.CompletedTask;
        }

        var sizer = new FetchSizer(worker);
        var channel = Channel.CreateBounded<FetchedJob>(new BoundedChannelOptions(sizer.Capacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var outcomes = _outcomes = new JobOutcomes(_deps, _retryPolicy, _deathHandlers);
        var known = new KnownStrings([.. table.JobIds, .. selector.Names]);
        var processor = new JobProcessor(_deps, table, known, outcomes, _held, _stats);
        _heartbeat = new HeartbeatReporter(_deps, _held, _running, selector.Names, OnSignal);
        WorkerGauges.Add(_heartbeat.ProcessId, _held);
        WorkerLog.Starting(_deps.Logger, _heartbeat.ProcessId, worker.Concurrency, string.Join(", ", worker.EffectiveQueues), selector.IsWeighted ? "weighted" : "strict", table.Count);

        var paused = new PausedQueues();
        var poller = new SchedulePoller(_deps, paused);
        var renewer = new LeaseRenewer(_deps, _held);
        var stop = _housekeepingStop.Token;
        _housekeeping =
        [
            Loop("poller", poller.PollAsync, () => PeriodicLoop.Jittered(worker.PollInterval), true, stop),
            Loop("lease renewer", renewer.RenewAsync, () => renewer.Interval, false, stop),
            Loop("heartbeat", _heartbeat.BeatAsync, () => worker.HeartbeatInterval, true, stop),
            Loop("stats", ct => _stats.FlushAsync(_deps.Storage, _deps.Time.GetUtcNow(), ct), () => worker.StatsFlushInterval, false, stop),
        ];
        if (worker.RunScheduler)
        {
            // Attribute schedules first, so an AddRecurring of the same name (the app's own call) wins.
            var scheduler = new RecurringScheduler(_deps, [.. _dispatchers.SelectMany(d => d.RecurringSchedules), .. DeclaredInCode()]);
            _housekeeping = [.. _housekeeping, Task.Run(() => scheduler.RunAsync(stop), CancellationToken.None)];
        }

        var fetcher = _fetching = new JobFetcher(_deps, selector, paused, _held, channel, sizer);
        _processors = new Task[worker.Concurrency];
        for (var i = 0; i < _processors.Length; i++)
        {
            _processors[i] = Task.Run(() => ProcessLoopAsync(channel.Reader, fetcher, processor), CancellationToken.None);
        }

        var fetchStop = CancellationTokenSource.CreateLinkedTokenSource(_quiet.Token, _fetchQuiet.Token).Token;
        _fetcher = Task.Run(() => fetcher.RunAsync(fetchStop), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            return Volatile.Read(ref _stopping) ?? Task.CompletedTask; // a stop signal may have started it
        }

        var stopping = StopCoreAsync(cancellationToken);
        Volatile.Write(ref _stopping, stopping);
        return stopping;
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {

        var worker = _deps.Worker;
        WorkerLog.Stopping(_deps.Logger, _heartbeat!.ProcessId, _held.Running, worker.ShutdownTimeout);
        _quiet.Cancel(); // stop fetching, stop taking jobs from the channel
        await _fetcher!.ConfigureAwait(false);

        using (var deadline = new CancellationTokenSource(worker.ShutdownTimeout, _deps.Time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken))
        {
            try
            {
                await Task.WhenAll(_processors).WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                WorkerLog.DeadlineReached(_deps.Logger, _held.Running);
                await _hardStop.CancelAsync().ConfigureAwait(false);
                try
                {
                    // Cooperative jobs return their own leases right after the cancel.
                    await Task.WhenAll(_processors).WaitAsync(GraceAfterCancel, _deps.Time, CancellationToken.None).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Jobs that ignore their token: their leases are returned below and they will run again.
                }
            }
        }

        // Acks still batched go out before anything else: a job that finished is not requeued to run again.
        await FinalStepAsync("acks", _ => new ValueTask(_outcomes!.FlushAcksAsync())).ConfigureAwait(false);
        var left = _held.ReleaseAll();
        if (left.Count > 0)
        {
            try
            {
                await _deps.Storage.RequeueAsync(left, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                WorkerLog.RequeueFailed(_deps.Logger, ex, left.Count);
            }
        }

        await _housekeepingStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_housekeeping).ConfigureAwait(false);
        await FinalStepAsync("stats", ct => _stats.FlushAsync(_deps.Storage, _deps.Time.GetUtcNow(), ct)).ConfigureAwait(false);
        await FinalStepAsync("heartbeat", _heartbeat.RemoveAsync).ConfigureAwait(false);
        WorkerGauges.Remove(_held);
        WorkerLog.Stopped(_deps.Logger, _heartbeat.ProcessId, left.Count);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _quiet.Dispose();
        _fetchQuiet.Dispose();
        _hardStop.Dispose();
        _housekeepingStop.Dispose();
    }

    /// <summary>
    /// Stops at once without waiting (for containers disposed synchronously): running jobs are cancelled and the
    /// leases this worker holds expire and are rescued by another worker's poller. Prefer <see cref="StopAsync"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) == 1)
        {
            _quiet.Cancel();
            _hardStop.Cancel();
            _housekeepingStop.Cancel();
            WorkerGauges.Remove(_held);
        }
    }

    // Called by the heartbeat loop: a stop runs apart from it, since stopping waits for that loop to end.
    private void OnSignal(ProcessSignal signal)
    {
        if (signal == ProcessSignal.Quiet && !_fetchQuiet.IsCancellationRequested)
        {
            WorkerLog.Signalled(_deps.Logger, _heartbeat!.ProcessId, signal);
            _fetchQuiet.Cancel();
        }
        else if (signal == ProcessSignal.Stop && Volatile.Read(ref _state) == 1)
        {
            WorkerLog.Signalled(_deps.Logger, _heartbeat!.ProcessId, signal);
            _ = Task.Run(() => StopAsync(CancellationToken.None), CancellationToken.None);
        }
    }

    private async Task ProcessLoopAsync(ChannelReader<FetchedJob> reader, JobFetcher fetcher, JobProcessor processor)
    {
        var quiet = _quiet.Token;
        var services = new LazyJobScope(_scopes);
        var envelope = JobEnvelope.ForDecoding(); // this loop's runs are decoded into it
        var running = _running.NewSlot(); // and reported from here by the heartbeat
        try
        {
            while (await reader.WaitToReadAsync(quiet).ConfigureAwait(false))
            {
                while (!quiet.IsCancellationRequested && reader.TryRead(out var job))
                {
                    fetcher.SlotFreed();
                    await processor.RunAsync(job, services, envelope, running, _hardStop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (quiet.IsCancellationRequested)
        {
            // Stopping: jobs left in the channel are still in HeldJobs and go back to their queues.
        }
    }

    // The AddRecurring schedules (singletons in DI), read through the scope factory the worker already has.
    private List<RecurringSchedule> DeclaredInCode()
    {
        using var scope = _scopes.CreateScope();
        return [.. scope.ServiceProvider.GetServices<RecurringSchedule>()];
    }

    private Task Loop(string name, Func<CancellationToken, ValueTask> step, Func<TimeSpan> interval, bool runFirst, CancellationToken stop) =>
        Task.Run(() => PeriodicLoop.RunAsync(name, step, interval, runFirst, _deps.Time, _deps.Logger, stop), CancellationToken.None);

    private async ValueTask FinalStepAsync(string name, Func<CancellationToken, ValueTask> step)
    {
        try
        {
            await step(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WorkerLog.LoopFailed(_deps.Logger, ex, name);
        }
    }
}
