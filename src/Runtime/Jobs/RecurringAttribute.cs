namespace JobGen;

/// <summary>
/// Runs a <see cref="BackgroundJobAttribute"/> job on a cron schedule. The schedule's name is the job id; it is
/// registered when a worker starts (the generator lists it, no reflection) and each tick is enqueued exactly once
/// however many workers run. The job's parameters must all have defaults (or be the <see cref="CancellationToken"/>
/// or <see cref="JobContext"/>): a build error says so otherwise. See docs/recurring.md.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RecurringAttribute : Attribute
{
    /// <summary>A schedule with five cron fields (minute hour day-of-month month day-of-week) or six (seconds first).</summary>
    public RecurringAttribute(string cron)
    {
        Cron = cron;
    }

    /// <summary>The cron expression.</summary>
    public string Cron { get; }

    /// <summary>The time zone the expression is read in: an IANA id such as <c>"Europe/Paris"</c>. Default <c>"UTC"</c>.</summary>
    public string TimeZone { get; set; } = RecurringOptions.DefaultTimeZone;

    /// <summary>What to do with ticks missed while no worker ran. Default <see cref="JobGen.MissedTicks.RunOnce"/>.</summary>
    public MissedTicks MissedTicks { get; set; }
}
