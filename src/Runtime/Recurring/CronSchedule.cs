using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace JobGen;

/// <summary>
/// A parsed cron expression in its time zone (Cronos does the parsing and the occurrences, DST included): a tick in
/// a skipped hour moves to the first valid time after the change, a tick in a repeated hour fires once.
/// </summary>
internal sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Parses or throws an <see cref="ArgumentException"/> that names the schedule, the bad value and why.</summary>
    public static CronSchedule Parse(string name, string cron, string timeZone)
    {
        if (!TryParse(cron, timeZone, out var schedule, out var error))
        {
            throw new ArgumentException($"Recurring schedule '{name}': {error}");
        }

        return schedule;
    }

    public static bool TryParse(string? cron, string? timeZone, [NotNullWhen(true)] out CronSchedule? schedule, out string error)
    {
        schedule = null;
        var fields = (cron ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
        var macro = cron?.TrimStart().StartsWith('@') == true; // @daily, @hourly, @every_second...
        if (!macro && fields is not (5 or 6))
        {
            error = $"the cron expression '{cron}' has {fields} fields; it needs 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)";
            return false;
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron!, fields == 6 ? CronFormat.IncludeSeconds
                : macro && cron!.Contains("second", StringComparison.OrdinalIgnoreCase) ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            error = $"the cron expression '{cron}' is invalid: {ex.Message}";
            return false;
        }

        if (!TryFindZone(timeZone, out var zone))
        {
            error = $"the time zone '{timeZone}' is unknown on this machine (use an IANA id such as \"Europe/Paris\", or \"UTC\")";
            return false;
        }

        schedule = new CronSchedule(expression, zone);
        error = string.Empty;
        return true;
    }

    /// <summary>The first tick strictly after <paramref name="after"/>, or null when there is none (e.g. 30 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after.UtcDateTime, Zone) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>Ticks in (<paramref name="from"/>, <paramref name="to"/>], or [from, to] with <paramref name="fromInclusive"/>, in order.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, bool fromInclusive = false)
    {
        if (to < from)
        {
            yield break;
        }

        foreach (var tick in _expression.GetOccurrences(from.UtcDateTime, to.UtcDateTime, Zone, fromInclusive, toInclusive: true))
        {
            yield return new DateTimeOffset(tick, TimeSpan.Zero);
        }
    }

    private static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(id) || string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
