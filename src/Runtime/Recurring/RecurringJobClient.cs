using JobGen.Storage;

namespace JobGen;

/// <summary>
/// Recurring schedules at run time, for apps that let users choose: add or update, remove, trigger now and list.
/// Registered by <c>AddJobGen</c>. A schedule with an invalid cron expression or time zone throws an
/// <see cref="ArgumentException"/> naming the problem and stores nothing. Workers pick changes up within
/// <c>JobGen:Worker:ScheduleRefreshInterval</c>.
/// </summary>
public sealed class RecurringJobClient
{
    private readonly IJobStorage _storage;
    private readonly TimeProvider _time;
    private EnvelopeSigner? _signer;

    /// <summary>A client over <paramref name="storage"/>; times come from <paramref name="time"/> (system clock when null).</summary>
    public RecurringJobClient(IJobStorage storage, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Signs the jobs <see cref="TriggerAsync"/> enqueues (JobGen:Security:SigningKeys; set by <c>AddJobGen</c>).</summary>
    internal EnvelopeSigner? Signer { get => _signer; init => _signer = value; }

    /// <summary>
    /// Adds the schedule <paramref name="name"/> that enqueues <paramref name="request"/> (a generated
    /// <c>Create{Method}Request(...)</c>) on every tick of <paramref name="cron"/>, or replaces the one of the same name
    /// (its last tick is kept: no tick runs twice). An invalid expression or time zone throws an
    /// <see cref="ArgumentException"/> naming the problem, and nothing is stored.
    /// </summary>
    public ValueTask AddOrUpdateAsync(string name, string cron, JobRequest request, Action<RecurringOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new RecurringOptions();
        configure?.Invoke(options);
        var schedule = new RecurringSchedule(name, cron, request, options);
        return Save(_storage, schedule, declared: false, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Removes the schedule; false when there was none of that name. A schedule declared in code comes back when a worker of that code starts.</summary>
    public ValueTask<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _storage.RemoveScheduleAsync(name, cancellationToken);
    }

    /// <summary>
    /// Enqueues the schedule's job now, outside its ticks (its <see cref="JobContext.TickTime"/> is now); the schedule's
    /// own ticks are unaffected. Returns the job's id, or null when there is no schedule of that name.
    /// </summary>
    public async ValueTask<string?> TriggerAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var stored in await _storage.GetSchedulesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stored.Name == name)
            {
                var now = _time.GetUtcNow();
                var id = JobIds.NewId();
                var payload = TickPayload.Encode(id, name, stored.Queue, ScheduleDefinition.Decode(stored.Definition), now, now, _signer);
                await _storage.EnqueueAsync(stored.Queue, payload, cancellationToken).ConfigureAwait(false);
                return id;
            }
        }

        return null;
    }

    /// <summary>Every schedule with its last and next tick. A schedule that does not parse here is listed with its <see cref="RecurringScheduleInfo.Error"/>.</summary>
    public async ValueTask<IReadOnlyList<RecurringScheduleInfo>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var all = new List<RecurringScheduleInfo>();
        foreach (var stored in await _storage.GetSchedulesAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(Describe(stored, now));
        }

        all.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return all;
    }

    internal static ValueTask Save(IJobStorage storage, RecurringSchedule schedule, bool declared, DateTimeOffset now, CancellationToken cancellationToken) =>
        storage.SaveScheduleAsync(new StoredSchedule(schedule.Name, schedule.Queue, ScheduleDefinition.From(schedule, declared, now).Encode()), cancellationToken);

    private static RecurringScheduleInfo Describe(StoredSchedule stored, DateTimeOffset now)
    {
        ScheduleDefinition definition;
        try
        {
            definition = ScheduleDefinition.Decode(stored.Definition);
        }
        catch (FormatException ex)
        {
            return new RecurringScheduleInfo(stored.Name, string.Empty, string.Empty, stored.Queue, string.Empty, MissedTicks.RunOnce, false, stored.LastTick, null, ex.Message);
        }

        CronSchedule.TryParse(definition.Cron, definition.TimeZone, out var cron, out var error);
        return new RecurringScheduleInfo(
            stored.Name, definition.Cron, definition.TimeZone, stored.Queue, definition.Job, definition.MissedTicks, definition.Declared, stored.LastTick,
            cron?.Next(now), error.Length == 0 ? null : error);
    }
}

/// <summary>A stored recurring schedule as <see cref="RecurringJobClient.GetAllAsync"/> lists it.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="Cron">Its cron expression.</param>
/// <param name="TimeZone">Its time zone id.</param>
/// <param name="Queue">The queue its ticks go to.</param>
/// <param name="Job">The job id it enqueues.</param>
/// <param name="MissedTicks">What it does with missed ticks.</param>
/// <param name="Declared">True when declared in code (attribute or <c>AddRecurring</c>), false when added at run time.</param>
/// <param name="LastTick">The last tick claimed, or null.</param>
/// <param name="NextTick">The next tick after now, or null (no further tick, or it does not parse).</param>
/// <param name="Error">Why it does not parse here (and is skipped by workers), or null.</param>
public sealed record RecurringScheduleInfo(
    string Name, string Cron, string TimeZone, string Queue, string Job, MissedTicks MissedTicks, bool Declared,
    DateTimeOffset? LastTick, DateTimeOffset? NextTick, string? Error);
