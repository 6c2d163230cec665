namespace JobGen;

/// <summary>Headers reserved for the jobs that recurring schedules enqueue (read them through <see cref="JobContext"/>).</summary>
public static class RecurringHeaders
{
    /// <summary>The schedule's name.</summary>
    public const string Schedule = "jobgen-schedule";

    /// <summary>The tick time, UTC, round-trip format ("O").</summary>
    public const string Tick = "jobgen-tick";
}
