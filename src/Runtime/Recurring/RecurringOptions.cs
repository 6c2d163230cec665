namespace JobGen;

/// <summary>The settings of one recurring schedule beside its name, cron expression and job.</summary>
public sealed class RecurringOptions
{
    /// <summary>The time zone used when none is given.</summary>
    public const string DefaultTimeZone = "UTC";

    /// <summary>The time zone the cron expression is read in: an IANA id such as <c>"Europe/Paris"</c>. Default <c>"UTC"</c>.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>The queue the ticks are enqueued on; null for the job's own queue.</summary>
    public string? Queue { get; set; }

    /// <summary>What to do with ticks missed while no worker ran. Default <see cref="JobGen.MissedTicks.RunOnce"/>.</summary>
    public MissedTicks MissedTicks { get; set; }
}
