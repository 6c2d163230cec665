using System.Globalization;

namespace JobGen.Worker;

/// <summary>
/// Off-peak windows (<c>JobGen:Worker:QueueWindows</c>): a queue with a window is fetched from only while its window
/// is open, so its jobs wait in the queue outside it. A window is <c>"HH:mm-HH:mm [TimeZone]"</c> in local time of the
/// zone (UTC when none is given), start inclusive, end exclusive; a start after the end crosses midnight.
/// </summary>
internal sealed class QueueWindows
{
    private readonly Dictionary<string, Window> _windows;

    private QueueWindows(Dictionary<string, Window> windows) => _windows = windows;

    /// <summary>True when at least one queue has a window.</summary>
    public bool Any => _windows.Count > 0;

    /// <summary>Parses every entry; throws <see cref="FormatException"/> naming the queue and what is wrong.</summary>
    public static QueueWindows Parse(IDictionary<string, string> entries)
    {
        var windows = new Dictionary<string, Window>(StringComparer.Ordinal);
        foreach (var (queue, text) in entries)
        {
            windows[queue] = Window.Parse(queue, text);
        }

        return new QueueWindows(windows);
    }

    /// <summary>The queues of <paramref name="order"/> open at <paramref name="now"/> (the same list when none has a window).</summary>
    public IReadOnlyList<string> Open(IReadOnlyList<string> order, DateTimeOffset now)
    {
        if (_windows.Count == 0)
        {
            return order;
        }

        var open = new List<string>(order.Count);
        foreach (var queue in order)
        {
            if (!_windows.TryGetValue(queue, out var window) || window.IsOpen(now))
            {
                open.Add(queue);
            }
        }

        return open;
    }

    /// <summary>How long until the first of <paramref name="queues"/> opens (they are all closed now), at most <paramref name="cap"/>.</summary>
    public TimeSpan UntilFirstOpens(IReadOnlyList<string> queues, DateTimeOffset now, TimeSpan cap)
    {
        var soonest = cap;
        foreach (var queue in queues)
        {
            if (_windows.TryGetValue(queue, out var window) && window.UntilOpen(now) is var wait && wait < soonest)
            {
                soonest = wait;
            }
        }

        return soonest;
    }

    private sealed record Window(TimeSpan Start, TimeSpan End, TimeZoneInfo Zone)
    {
        public static Window Parse(string queue, string? text)
        {
            var parts = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var times = parts.Length is 1 or 2 ? parts[0].Split('-') : [];
            if (times.Length != 2 || !TryTime(times[0], out var start) || !TryTime(times[1], out var end) || start == end)
            {
                throw new FormatException($"the window of queue '{queue}' must be \"HH:mm-HH:mm\" with an optional time zone, such as \"01:00-05:00 Europe/Paris\" (start and end different); it is '{text}'");
            }

            var zone = TimeZoneInfo.Utc;
            if (parts.Length == 2 && !string.Equals(parts[1], "UTC", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    zone = TimeZoneInfo.FindSystemTimeZoneById(parts[1]);
                }
                catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
                {
                    throw new FormatException($"the window of queue '{queue}' names the time zone '{parts[1]}', which is unknown on this machine (use an IANA id such as \"Europe/Paris\")", ex);
                }
            }

            return new Window(start, end, zone);
        }

        public bool IsOpen(DateTimeOffset now)
        {
            var local = TimeZoneInfo.ConvertTime(now, Zone).TimeOfDay;
            return Start < End ? local >= Start && local < End : local >= Start || local < End;
        }

        /// <summary>Time until the window next opens, by the local clock of its zone (a DST change may shift it by an hour; the fetcher re-checks).</summary>
        public TimeSpan UntilOpen(DateTimeOffset now)
        {
            var local = TimeZoneInfo.ConvertTime(now, Zone).TimeOfDay;
            var wait = Start - local;
            return wait >= TimeSpan.Zero ? wait : wait + TimeSpan.FromDays(1);
        }

        private static bool TryTime(string text, out TimeSpan time)
        {
            time = default;
            if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                return text == "24:00" && (time = TimeSpan.FromDays(1)) > TimeSpan.Zero;
            }

            time = t.ToTimeSpan();
            return true;
        }
    }
}
