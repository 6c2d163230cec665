using System;
using System.Globalization;

namespace JobGen.Generator.Parsing;

/// <summary>
/// Checks a cron expression's syntax at compile time, field by field, with the forms the runtime's parser (Cronos)
/// accepts: five fields (minute hour day-of-month month day-of-week) or six (seconds first); <c>*</c>, <c>?</c>,
/// numbers, names (JAN..DEC, SUN..SAT), ranges, steps, lists; <c>L</c>, <c>LW</c>, <c>L-n</c>, <c>nW</c> in the
/// day of month; <c>nL</c>, <c>n#m</c> in the day of week; and the macros (<c>@daily</c>...). Validation only: the
/// occurrences are computed at run time by Cronos.
/// </summary>
internal static class CronSyntax
{
    private static readonly string[] Macros =
        ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@every_minute", "@every_second"];

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private enum Field { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek }

    /// <summary>Null when valid, else a sentence saying what is wrong.</summary>
    public static string? Validate(string? cron)
    {
        if (cron is null || cron.Trim().Length == 0)
        {
            return "the cron expression is empty";
        }

        var text = cron.Trim();
        if (text.StartsWith("@", StringComparison.Ordinal))
        {
            return Array.IndexOf(Macros, text.ToLowerInvariant()) >= 0 ? null : $"'{text}' is not a known macro ({string.Join(", ", Macros)})";
        }

        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            return $"it has {parts.Length} fields; it needs 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)";
        }

        var offset = parts.Length == 6 ? 0 : 1;
        for (var i = 0; i < parts.Length; i++)
        {
            var field = (Field)(i + offset);
            foreach (var item in parts[i].Split(','))
            {
                if (CheckItem(field, item) is { } error)
                {
                    return $"the {Name(field)} field '{parts[i]}' is invalid: {error}";
                }
            }
        }

        return null;
    }

    private static string? CheckItem(Field field, string item)
    {
        if (item.Length == 0)
        {
            return "an empty list item";
        }

        var upper = item.ToUpperInvariant();
        if (upper == "?" && field is Field.DayOfMonth or Field.DayOfWeek)
        {
            return null;
        }

        if (field == Field.DayOfMonth && (upper == "L" || upper == "LW"))
        {
            return null;
        }

        if (field == Field.DayOfMonth && upper.StartsWith("L-", StringComparison.Ordinal))
        {
            return Number(upper.Substring(2), 0, 30, field);
        }

        if (field == Field.DayOfMonth && upper.EndsWith("W", StringComparison.Ordinal))
        {
            return Number(upper.Substring(0, upper.Length - 1), 1, 31, field);
        }

        if (field == Field.DayOfWeek && upper.EndsWith("L", StringComparison.Ordinal))
        {
            return Value(field, upper.Substring(0, upper.Length - 1));
        }

        if (field == Field.DayOfWeek && upper.IndexOf('#') is var hash and > 0)
        {
            return Value(field, upper.Substring(0, hash)) ?? Number(upper.Substring(hash + 1), 1, 5, field);
        }

        var range = upper;
        var slash = upper.IndexOf('/');
        if (slash >= 0)
        {
            range = upper.Substring(0, slash);
            var (_, max) = Bounds(field);
            if (Number(upper.Substring(slash + 1), 1, max, field) is { } stepError)
            {
                return "the step " + stepError;
            }
        }

        if (range == "*")
        {
            return null;
        }

        var dash = range.IndexOf('-');
        return dash > 0
            ? Value(field, range.Substring(0, dash)) ?? Value(field, range.Substring(dash + 1))
            : Value(field, range);
    }

    private static string? Value(Field field, string text)
    {
        var names = field == Field.Month ? Months : field == Field.DayOfWeek ? Days : null;
        if (names is not null && Array.IndexOf(names, text) >= 0)
        {
            return null;
        }

        var (min, max) = Bounds(field);
        return Number(text, min, max, field);
    }

    private static string? Number(string text, int min, int max, Field field)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return $"'{text}' is not a number" + (field is Field.Month or Field.DayOfWeek ? " or a name" : "");
        }

        return value < min || value > max ? $"{value} is outside {min}-{max}" : null;
    }

    private static (int Min, int Max) Bounds(Field field) => field switch
    {
        Field.Second or Field.Minute => (0, 59),
        Field.Hour => (0, 23),
        Field.DayOfMonth => (1, 31),
        Field.Month => (1, 12),
        _ => (0, 7),
    };

    private static string Name(Field field) => field switch
    {
        Field.Second => "seconds",
        Field.Minute => "minutes",
        Field.Hour => "hours",
        Field.DayOfMonth => "day-of-month",
        Field.Month => "month",
        _ => "day-of-week",
    };
}
