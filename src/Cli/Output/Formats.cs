using System.Globalization;

namespace JobGen.Cli.Output;

/// <summary>How the human output writes numbers, times and durations (invariant culture, UTC).</summary>
internal static class Formats
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "-";

    /// <summary>A duration as people say it: 0s, 42s, 3m 05s, 2h 10m, 3d 4h.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Duration(-value);
        }

        return value.TotalSeconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalSeconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{value.Minutes}m {value.Seconds:00}s"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{value.Hours}h {value.Minutes:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalDays}d {value.Hours}h"),
        };
    }

    /// <summary>When <paramref name="at"/> is relative to now: "in 5m 00s" or "3m 05s ago".</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now) =>
        at >= now ? "in " + Duration(at - now) : Duration(now - at) + " ago";
}
