namespace JobGen.Storage;

/// <summary>
/// A recurring schedule as a storage keeps it: its name (unique), the queue its ticks go to, the runtime's encoded
/// definition (opaque to the storage) and the last tick claimed on it (filled in by <see cref="IJobStorage.GetSchedulesAsync"/>,
/// ignored by <see cref="IJobStorage.SaveScheduleAsync"/>).
/// </summary>
/// <param name="Name">The schedule's unique name.</param>
/// <param name="Queue">The queue its ticks are enqueued on.</param>
/// <param name="Definition">The encoded definition (cron, time zone, job...), written and read by the runtime.</param>
/// <param name="LastTick">The latest tick claimed by <see cref="IJobStorage.ClaimTickAsync"/>, or null.</param>
public sealed record StoredSchedule(string Name, string Queue, ReadOnlyMemory<byte> Definition, DateTimeOffset? LastTick = null);
