using System.Globalization;

namespace JobGen.Dashboard.Html;

/// <summary>How times, durations and sizes read on every page: UTC, invariant, short relative forms.</summary>
internal static class Format
{
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string IsoTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"3 min ago", "in 2 h".</summary>
    public static string Relative(DateTimeOffset time, DateTimeOffset now)
    {
        var delta = time - now;
        var text = Duration(delta.Duration());
        return delta >= TimeSpan.Zero ? "in " + text : text + " ago";
    }

    /// <summary>"850 ms", "12 s", "5 min", "3 h", "2 d".</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => ((int)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms",
        { TotalMinutes: < 1 } => ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s",
        { TotalHours: < 1 } => ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min",
        { TotalDays: < 1 } => ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture) + " h",
        _ => ((int)span.TotalDays).ToString(CultureInfo.InvariantCulture) + " d",
    };

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C# type as the generator wrote it, without <c>global::</c> noise.</summary>
    public static string TypeName(string type) => type.Replace("global::", string.Empty, StringComparison.Ordinal);
}
