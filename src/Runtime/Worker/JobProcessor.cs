using JobGen.Storage;
using JobGen.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Worker;

/// <summary>
/// Runs one fetched job (Sidekiq's processor): size check, decode, find the dispatcher, a DI scope, the server
/// middleware chain around the generated dispatch, a token cancelled at the shutdown deadline or the job's
/// timeout; then the outcome. A bad payload goes straight to the dead set; nothing here stops the worker.
/// </summary>
internal sealed class JobProcessor
{
    private readonly WorkerDependencies _deps;
    private readonly JobDispatcherTable _table;
    private readonly KnownStrings _known;
    private readonly JobOutcomes _outcomes;
    private readonly HeldJobs _held;
    private readonly StatsCounter _stats;
    private bool _noMiddleware;

    public JobProcessor(WorkerDependencies deps, JobDispatcherTable table, KnownStrings known, JobOutcomes outcomes, HeldJobs held, StatsCounter stats)
    {
        _deps = deps;
        _table = table;
        _known = known;
        _outcomes = outcomes;
        _held = held;
        _stats = stats;
    }

    /// <summary>
    /// Runs <paramref name="fetched"/> with the calling loop's <paramref name="services"/>; <paramref name="hardStop"/>
    /// is cancelled at the shutdown deadline; <paramref name="running"/> is the loop's slot that the heartbeat reports.
    /// </summary>
    public async ValueTask RunAsync(FetchedJob fetched, LazyJobScope services, JobEnvelope slot, RunningJobs.Slot running, CancellationToken hardStop)
    {
        _held.StartedRunning();
        var started = _deps.Time.GetTimestamp();
        JobEnvelope? envelope = null;
        bool? failed = null;
        try
        {
            (envelope, failed) = await RunCoreAsync(fetched, services, slot, running, started, hardStop).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Only the storage can throw here (recording the outcome); the lease expires and the job runs again.
            WorkerLog.OutcomeNotStored(_deps.Logger, ex, envelope?.Id ?? "(undecoded)");
        }
        finally
        {
            _held.StoppedRunning();
            running.Finish();
            if (failed is { } f)
            {
                _stats.Add(f);
                WorkerTelemetry.Record(envelope, fetched.Queue, _deps.Time.GetElapsedTime(started).TotalSeconds, f);
            }
        }
    }

    // Returns the envelope (if decoded) and whether the run failed; null when the job did not complete (requeued or lease
    // lost). Not async itself: a job that runs costs one state machine (RunDecodedAsync), the bad-payload paths their own.
    private ValueTask<(JobEnvelope? Envelope, bool? Failed)> RunCoreAsync(FetchedJob fetched, LazyJobScope services, JobEnvelope slot, RunningJobs.Slot running, long started, CancellationToken hardStop)
    {
        var limit = _deps.Options.MaxPayloadBytes;
        if (limit > 0 && fetched.Payload.Length > limit)
        {
            var message = $"The payload is {fetched.Payload.Length} bytes, over the limit of {limit} (JobGen:MaxPayloadBytes).";
            return KillIfHeldAsync(fetched, null, DeathReason.PayloadTooLarge, message, null, hardStop);
        }

        // Decoded into the loop's own envelope: no object per run. Anything that may keep it gets a copy
        // (JobContext, death handlers); docs/worker.md "The flow of one job".
        var envelope = slot;
        try
        {
            EnvelopeSerializer.DeserializeInto(envelope, fetched.Payload, _known);
        }
        catch (JobPayloadException ex)
        {
            return KillIfHeldAsync(fetched, null, DeathReason.UndecodableEnvelope, ex.Message, ex, hardStop);
        }

        if (_deps.Signer?.Verify(fetched.Payload.Span, envelope) is { } badSignature)
        {
            // Not run, whatever it asks for: the bytes stay in the dead set as they came, for inspection.
            return KillIfHeldAsync(fetched, envelope, DeathReason.BadSignature, badSignature, null, hardStop);
        }

        if (envelope.ExpiresAt is { } expiresAt && expiresAt <= _deps.Time.GetUtcNow())
        {
            return ExpireAsync(fetched, envelope, expiresAt, hardStop);
        }

        if (!_table.TryGet(envelope.Job, out var dispatcher, out var descriptor))
        {
            var unknown = new UnknownJobException(envelope.Job);
            return KillIfHeldAsync(fetched, envelope, DeathReason.UnknownJob, unknown.Message, unknown, hardStop);
        }

        return RunDecodedAsync(fetched, services, envelope, dispatcher, descriptor, running, started, hardStop);
    }

    // Runs a decoded job whose dispatcher is known. The run's lines and everything logged while it runs (the job's own
    // lines, retry and death) carry its scope; the span stays open until the outcome is stored, so a retry or death
    // lands on it as an event.
    private async ValueTask<(JobEnvelope? Envelope, bool? Failed)> RunDecodedAsync(
        FetchedJob fetched, LazyJobScope services, JobEnvelope envelope, IJobDispatcher dispatcher, JobDescriptor descriptor, RunningJobs.Slot running, long started, CancellationToken hardStop)
    {
        if (envelope.Unique is { Until: UniqueUntil.Started } startedLock)
        {
            await _outcomes.ReleaseUniqueAsync(envelope.Queue, startedLock, envelope.Id).ConfigureAwait(false);
        }

        running.Start(envelope.Id, envelope.Job, fetched.Queue, _deps.Time.GetUtcNow());
        using var scope = RunLog.BeginScope(_deps.RunLogger, envelope);
        var level = _deps.Worker.RunLogLevel;
        RunLog.Started(_deps.RunLogger, level, envelope.Job, envelope.Id, envelope.Queue, envelope.Attempt + 1);
        var timeout = descriptor.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(descriptor.TimeoutSeconds) : _deps.Worker.DefaultJobTimeout;
        using var timeoutSource = timeout > TimeSpan.Zero ? new CancellationTokenSource(timeout, _deps.Time) : null;
        using var linked = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(hardStop, timeoutSource.Token);
        var token = linked?.Token ?? hardStop;

        using var activity = WorkerTelemetry.StartRun(envelope, fetched.Payload.Length);
        Exception? failure = null;
        try
        {
            await InvokeAsync(envelope, dispatcher, services, token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
            if (activity is not null && !(ex is OperationCanceledException && hardStop.IsCancellationRequested && timeoutSource?.IsCancellationRequested != true))
            {
                JobGenTelemetry.Fail(activity, ex);
            }
        }

        bool? failed;
        if (!_held.Release(fetched))
        {
            // Shutdown already returned this lease to its queue (deadline passed): it will run again.
            WorkerLog.LeaseLost(_deps.Logger, envelope.Job, envelope.Id);
            failed = null;
        }
        else
        {
            switch (failure)
            {
                case null:
                    await _outcomes.AckAsync(fetched).ConfigureAwait(false);
                    if (envelope.Unique is { Until: UniqueUntil.Succeeded } succeededLock)
                    {
                        await _outcomes.ReleaseUniqueAsync(envelope.Queue, succeededLock, envelope.Id).ConfigureAwait(false);
                    }

                    failed = false;
                    break;

                case OperationCanceledException when hardStop.IsCancellationRequested && timeoutSource?.IsCancellationRequested != true:
                    // Interrupted by shutdown, not failed: back to the front of its queue, attempt not spent.
                    await _deps.Storage.RequeueAsync([fetched], CancellationToken.None).ConfigureAwait(false);
                    WorkerLog.Interrupted(_deps.Logger, envelope.Job, envelope.Id);
                    activity?.AddEvent(new System.Diagnostics.ActivityEvent("jobgen.interrupted"));
                    failed = null;
                    break;

                case OperationCanceledException when timeoutSource?.IsCancellationRequested == true:
                    var timedOut = new TimeoutException($"Job '{envelope.Job}' did not finish within its timeout of {timeout.TotalSeconds:0.###} s.", failure);
                    await _outcomes.FailAsync(fetched, envelope, timedOut, hardStop).ConfigureAwait(false);
                    failed = true;
                    break;

                case JobPayloadException { InnerException: SensitiveKeyException missingKey }:
                    await _outcomes.KillAsync(fetched, envelope, fetched.Payload, DeathReason.UnknownKey, missingKey.Message, missingKey, hardStop).ConfigureAwait(false);
                    failed = true;
                    break;

                case JobPayloadException:
                    await _outcomes.KillAsync(fetched, envelope, fetched.Payload, DeathReason.BadArguments, failure.Message, failure, hardStop).ConfigureAwait(false);
                    failed = true;
                    break;

                case UnknownJobException:
                    await _outcomes.KillAsync(fetched, envelope, fetched.Payload, DeathReason.UnknownJob, failure.Message, failure, hardStop).ConfigureAwait(false);
                    failed = true;
                    break;

                default:
                    await _outcomes.FailAsync(fetched, envelope, failure, hardStop).ConfigureAwait(false);
                    failed = true;
                    break;
            }
        }

        RunLog.Finished(_deps.RunLogger, level, envelope.Job, envelope.Id, RunLog.Describe(failed), _deps.Time.GetElapsedTime(started).TotalMilliseconds);
        return (envelope, failed);
    }

    private async ValueTask InvokeAsync(JobEnvelope envelope, IJobDispatcher dispatcher, LazyJobScope services, CancellationToken token)
    {
        try
        {
            if (Volatile.Read(ref _noMiddleware))
            {
                await dispatcher.InvokeAsync(envelope, services, token).ConfigureAwait(false);
                return;
            }

            var middleware = services.GetServices<IServerMiddleware>() as IServerMiddleware[] ?? [.. services.GetServices<IServerMiddleware>()];
            if (middleware.Length == 0)
            {
                // Registrations are fixed once the container is built: none now means none ever; skip the lookup.
                Volatile.Write(ref _noMiddleware, true);
                await dispatcher.InvokeAsync(envelope, services, token).ConfigureAwait(false);
                return;
            }

            var context = new JobContext(envelope);
            ValueTask Next(int index) => index == middleware.Length
                ? dispatcher.InvokeAsync(envelope, services, token)
                : middleware[index].InvokeAsync(context, services, () => Next(index + 1), token);
            await Next(0).ConfigureAwait(false);
        }
        finally
        {
            await services.ResetAsync().ConfigureAwait(false);
        }
    }

    // Neither processed nor failed: counted as expired.
    private async ValueTask<(JobEnvelope? Envelope, bool? Failed)> ExpireAsync(FetchedJob fetched, JobEnvelope envelope, DateTimeOffset expiresAt, CancellationToken hardStop)
    {
        WorkerTelemetry.CountExpired(envelope);
        await KillIfHeldAsync(fetched, envelope, DeathReason.Expired, $"Fetched after its expiry time {expiresAt:O}: not run.", null, hardStop).ConfigureAwait(false);
        return (envelope, null);
    }

    private async ValueTask<(JobEnvelope? Envelope, bool? Failed)> KillIfHeldAsync(FetchedJob fetched, JobEnvelope? envelope, DeathReason reason, string message, Exception? exception, CancellationToken cancellationToken)
    {
        if (!_held.Release(fetched))
        {
            return (envelope, null);
        }

        await _outcomes.KillAsync(fetched, envelope, fetched.Payload, reason, message, exception, cancellationToken).ConfigureAwait(false);
        return (envelope, true);
    }
}
