using JobGen.Storage;
using JobGen.Worker;
using Microsoft.Extensions.Logging;

namespace JobGen;

/// <summary>
/// The worker's scheduler of recurring jobs. At start it saves the schedules declared in code (attributes, listed by
/// the generator, and <c>AddRecurring</c>); then it sleeps until the next tick of any schedule (or the next refresh
/// from the storage, which picks up schedules changed at run time), and claims every due tick through
/// <see cref="IJobStorage.ClaimTickAsync"/>: every worker runs this loop, and the storage's atomic claim makes each
/// tick one job. Schedules declared in code that this version no longer declares are reported, and removed once no
/// running version has declared them for <c>RemovedScheduleGrace</c>.
/// </summary>
internal sealed class RecurringScheduler
{
    private static readonly TimeSpan ErrorDelay = TimeSpan.FromSeconds(1);
    private readonly WorkerDependencies _deps;
    private readonly Dictionary<string, RecurringSchedule> _declared;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private List<ActiveSchedule> _active = [];
    private DateTimeOffset _nextRefresh;
    private DateTimeOffset _nextDeclare;

    public RecurringScheduler(WorkerDependencies deps, IEnumerable<RecurringSchedule> declared)
    {
        _deps = deps;
        _declared = new Dictionary<string, RecurringSchedule>(StringComparer.Ordinal);
        foreach (var schedule in declared)
        {
            _declared[schedule.Name] = schedule; // AddRecurring after the attribute: the code's own call wins
        }
    }

    private TimeSpan RefreshInterval => _deps.Worker.ScheduleRefreshInterval;

    private TimeSpan Grace => _deps.Worker.RemovedScheduleGrace;

    public async Task RunAsync(CancellationToken stopping)
    {
        RecurringLog.Started(_deps.Logger, _declared.Count);
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await StepAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                RecurringLog.Failed(_deps.Logger, ex, ErrorDelay);
                _nextRefresh = default; // start again from the storage's state
                delay = ErrorDelay;
            }

            try
            {
                await Task.Delay(delay, _deps.Time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: refresh if due, claim due ticks, return how long to sleep until the next thing to do.</summary>
    internal async ValueTask<TimeSpan> StepAsync(CancellationToken cancellationToken)
    {
        var now = _deps.Time.GetUtcNow();
        if (now >= _nextRefresh)
        {
            if (now >= _nextDeclare)
            {
                await DeclareAsync(now, cancellationToken).ConfigureAwait(false);
                _nextDeclare = now + Grace / 4;
            }

            await RefreshAsync(now, cancellationToken).ConfigureAwait(false);
            _nextRefresh = now + RefreshInterval;
        }

        var wake = _nextRefresh;
        foreach (var schedule in _active)
        {
            now = _deps.Time.GetUtcNow();
            foreach (var tick in TickPlanner.DueTicks(schedule.Cron, schedule.Definition.MissedTicks, schedule.After, now))
            {
                var payload = TickPayload.Encode(JobIds.NewId(), schedule.Name, schedule.Queue, schedule.Definition, tick, now, _deps.Signer);
                if (await _deps.Storage.ClaimTickAsync(schedule.Name, schedule.Queue, tick, payload, cancellationToken).ConfigureAwait(false))
                {
                    RecurringLog.Claimed(_deps.Logger, schedule.Name, tick, schedule.Queue);
                }

                schedule.After = tick; // claimed here or by another process: either way it is done
            }

            if (schedule.Cron.Next(schedule.After > now ? schedule.After : now) is { } next && next < wake)
            {
                wake = next;
            }
        }

        var delay = wake - _deps.Time.GetUtcNow();
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }

    // Saves the schedules declared by this version's code: all of them at start (the newest deploy's definition wins),
    // then, every quarter of the grace, refreshes the declared time of those the storage still holds unchanged.
    private async ValueTask DeclareAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_declared.Count == 0)
        {
            return;
        }

        var first = _nextDeclare == default;
        var stored = await StoredDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var schedule in _declared.Values)
        {
            var ours = ScheduleDefinition.From(schedule, declared: true, now);
            if (stored.TryGetValue(schedule.Name, out var theirs) && theirs is not null)
            {
                if (theirs.SameScheduleAs(ours))
                {
                    ours = ours with { CreatedAt = theirs.CreatedAt }; // unchanged: its ticks still start where they did
                }
                else if (!first && now - theirs.DeclaredAt < Grace)
                {
                    continue; // another running version declares it differently: leave it to that version
                }
            }

            await _deps.Storage.SaveScheduleAsync(new StoredSchedule(schedule.Name, schedule.Queue, ours.Encode()), cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<Dictionary<string, ScheduleDefinition?>> StoredDefinitionsAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, ScheduleDefinition?>(StringComparer.Ordinal);
        foreach (var stored in await _deps.Storage.GetSchedulesAsync(cancellationToken).ConfigureAwait(false))
        {
            all[stored.Name] = TryDecode(stored, out var definition, out _) ? definition : null;
        }

        return all;
    }

    private async ValueTask RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = _active.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var active = new List<ActiveSchedule>();
        foreach (var stored in await _deps.Storage.GetSchedulesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!TryDecode(stored, out var definition, out var problem) || !CronSchedule.TryParse(definition.Cron, definition.TimeZone, out var cron, out problem))
            {
                if (_reported.Add(stored.Name + "\n" + problem))
                {
                    RecurringLog.Unreadable(_deps.Logger, stored.Name, problem);
                }

                continue;
            }

            if (definition.Declared && !_declared.ContainsKey(stored.Name) && await PruneAsync(stored.Name, definition, now, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var after = stored.LastTick ?? definition.CreatedAt;
            if (previous.TryGetValue(stored.Name, out var known) && known.After > after && known.Definition.SameScheduleAs(definition))
            {
                after = known.After; // this process's own view is newer than the storage's read
            }

            active.Add(new ActiveSchedule(stored.Name, stored.Queue, definition, cron) { After = after });
        }

        _active = active;
    }

    /// <summary>Reports a schedule this version does not declare; removes it once the grace has passed. True when removed.</summary>
    private async ValueTask<bool> PruneAsync(string name, ScheduleDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - definition.DeclaredAt < Grace)
        {
            if (_reported.Add(name + "\nundeclared"))
            {
                RecurringLog.NoLongerDeclared(_deps.Logger, name, Grace, definition.DeclaredAt);
            }

            return false;
        }

        if (await _deps.Storage.RemoveScheduleAsync(name, cancellationToken).ConfigureAwait(false))
        {
            RecurringLog.Removed(_deps.Logger, name, definition.DeclaredAt);
        }

        return true;
    }

    private static bool TryDecode(StoredSchedule stored, out ScheduleDefinition definition, out string problem)
    {
        try
        {
            definition = ScheduleDefinition.Decode(stored.Definition);
            problem = string.Empty;
            return true;
        }
        catch (FormatException ex)
        {
            definition = null!;
            problem = ex.Message;
            return false;
        }
    }

    private sealed record ActiveSchedule(string Name, string Queue, ScheduleDefinition Definition, CronSchedule Cron)
    {
        /// <summary>Ticks up to this time are done (the last claimed tick, or the schedule's creation).</summary>
        public DateTimeOffset After { get; set; }
    }
}
