namespace JobGen.Storage.InMemory;

// Recurring schedules: definitions and last claimed ticks by name, under the one lock, so a claim and its enqueue
// are one step.
public sealed partial class InMemoryJobStorage
{
    private readonly Dictionary<string, StoredSchedule> _schedules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastTicks = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask SaveScheduleAsync(StoredSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        lock (_gate)
        {
            _schedules[schedule.Name] = schedule with { Definition = schedule.Definition.ToArray(), LastTick = null };
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredSchedule>> GetSchedulesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var all = new List<StoredSchedule>(_schedules.Count);
            foreach (var schedule in _schedules.Values)
            {
                all.Add(schedule with { LastTick = _lastTicks.TryGetValue(schedule.Name, out var last) ? last : null });
            }

            return ValueTask.FromResult<IReadOnlyList<StoredSchedule>>(all);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveScheduleAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _lastTicks.Remove(name);
            return ValueTask.FromResult(_schedules.Remove(name));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ClaimTickAsync(string schedule, string queue, DateTimeOffset tick, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lastTicks.TryGetValue(schedule, out var last) && last >= tick)
            {
                return ValueTask.FromResult(false);
            }

            _lastTicks[schedule] = tick;
            QueueOf(queue).Ready.AddLast(payload.ToArray());
        }

        Signal();
        return ValueTask.FromResult(true);
    }
}
