namespace JobGen;

/// <summary>
/// Decides which ticks of a schedule to claim now. A tick due less than <see cref="MissedAfter"/> ago is simply late
/// (a busy machine, a scheduler that just woke) and is claimed on its own; older unclaimed ticks were missed while no
/// worker ran: <see cref="MissedTicks.RunOnce"/> claims the latest of them (one job for all), <see cref="MissedTicks.Skip"/>
/// claims none. Ticks are always claimed in increasing order, which is what makes the storage's
/// "only if later than the last claimed tick" check lose no tick when several schedulers race.
/// </summary>
internal static class TickPlanner
{
    /// <summary>How late a tick may be before it counts as missed.</summary>
    public static readonly TimeSpan MissedAfter = TimeSpan.FromMinutes(1);

    // Widening look-back windows for the latest missed tick: a per-second schedule offline for a month must not
    // enumerate millions of ticks, and a yearly one must still find its tick.
    private static readonly TimeSpan[] LookBack =
        [TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.MaxValue];

    /// <summary>
    /// The ticks to claim, oldest first, given the last tick claimed (or, for a schedule never claimed, the time it was
    /// created: ticks start after it).
    /// </summary>
    public static List<DateTimeOffset> DueTicks(CronSchedule schedule, MissedTicks policy, DateTimeOffset after, DateTimeOffset now)
    {
        var ticks = new List<DateTimeOffset>();
        if (now <= after)
        {
            return ticks;
        }

        var missedBefore = now - MissedAfter;
        if (after < missedBefore && policy == MissedTicks.RunOnce && LatestMissed(schedule, after, missedBefore) is { } missed)
        {
            ticks.Add(missed);
        }

        var recentFrom = after > missedBefore ? after : missedBefore;
        ticks.AddRange(schedule.Between(recentFrom, now, fromInclusive: recentFrom != after));
        return ticks;
    }

    /// <summary>The latest tick in (<paramref name="after"/>, <paramref name="before"/>), if any.</summary>
    private static DateTimeOffset? LatestMissed(CronSchedule schedule, DateTimeOffset after, DateTimeOffset before)
    {
        foreach (var window in LookBack)
        {
            var from = window == TimeSpan.MaxValue || before - after <= window ? after : before - window;
            DateTimeOffset? latest = null;
            foreach (var tick in schedule.Between(from, before))
            {
                if (tick < before)
                {
                    latest = tick;
                }
            }

            if (latest is not null || from == after)
            {
                return latest;
            }
        }

        return null;
    }
}
