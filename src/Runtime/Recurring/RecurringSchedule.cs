namespace JobGen;

/// <summary>
/// A recurring schedule: a name, a cron expression, the job to enqueue on each tick and its settings. Built from
/// <see cref="RecurringAttribute"/> by generated code, by <c>AddRecurring</c>, or passed to
/// <c>RecurringJobClient.AddOrUpdateAsync</c>. The constructor checks the expression and the time zone and
/// throws an <see cref="ArgumentException"/> naming the problem.
/// </summary>
public sealed class RecurringSchedule
{
    /// <summary>A schedule named <paramref name="name"/> that enqueues <paramref name="request"/> on every tick of <paramref name="cron"/>.</summary>
    public RecurringSchedule(string name, string cron, JobRequest request, RecurringOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(request.Job, nameof(request));
        options ??= new RecurringOptions();
        Name = name;
        Cron = cron;
        TimeZone = string.IsNullOrEmpty(options.TimeZone) ? RecurringOptions.DefaultTimeZone : options.TimeZone;
        Queue = string.IsNullOrEmpty(options.Queue) ? request.Queue : options.Queue;
        ArgumentException.ThrowIfNullOrEmpty(Queue, nameof(options));
        MissedTicks = options.MissedTicks;
        Request = request;
        Parsed = CronSchedule.Parse(name, cron, TimeZone); // throws naming the problem: nothing is stored
    }

    /// <summary>The schedule's unique name (the job id for the attribute form).</summary>
    public string Name { get; }

    /// <summary>The cron expression: five fields, or six with seconds first.</summary>
    public string Cron { get; }

    /// <summary>The IANA (or Windows) time zone id the expression is read in.</summary>
    public string TimeZone { get; }

    /// <summary>The queue ticks are enqueued on.</summary>
    public string Queue { get; }

    /// <summary>What happens to ticks missed while no worker ran.</summary>
    public MissedTicks MissedTicks { get; }

    /// <summary>The job enqueued on every tick.</summary>
    public JobRequest Request { get; }

    internal CronSchedule Parsed { get; }
}
