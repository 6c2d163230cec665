using System.Globalization;

namespace JobGen.Dashboard.Http;

/// <summary>What an action did, shown once on the page it returns to.</summary>
internal enum Notice
{
    Paused,
    Resumed,
    Cleared,
    Ran,
    Retried,
    Deleted,
    Quieted,
    Stopped,
    Killed,
    Triggered,
    Removed,
}

internal static class Notices
{
    /// <summary>The sentence for <c>?notice=code&amp;n=count</c>, or null for anything else.</summary>
    public static string? Text(string? code, string? countText)
    {
        if (code is null || !Enum.TryParse<Notice>(code, ignoreCase: true, out var notice) || !char.IsLetter(code[0]))
        {
            return null;
        }

        var count = long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        string Jobs(string verb) => count switch
        {
            0 => "Nothing was changed: the job is no longer there (another operator or a worker got to it first).",
            1 => $"1 job {verb}.",
            _ => count.ToString("N0", CultureInfo.InvariantCulture) + " jobs " + verb + ".",
        };
        return notice switch
        {
            Notice.Paused => "Queue paused: workers stop fetching from it within one poll interval.",
            Notice.Resumed => "Queue resumed.",
            Notice.Cleared => $"Queue cleared: {count.ToString("N0", CultureInfo.InvariantCulture)} waiting jobs deleted.",
            Notice.Ran => Jobs("sent to the front of the queue to run now"),
            Notice.Retried => Jobs("retried"),
            Notice.Deleted => Jobs("deleted"),
            Notice.Quieted => "The process was asked to stop fetching; it does so at its next heartbeat.",
            Notice.Stopped => "The process was asked to stop; it shuts its worker down at its next heartbeat.",
            Notice.Killed => Jobs("killed: moved to the dead set"),
            Notice.Triggered => count == 0 ? "Nothing was run: that schedule no longer exists." : "The schedule's job was enqueued to run now; its own ticks are unchanged.",
            Notice.Removed => count == 0 ? "Nothing was changed: that schedule no longer exists." : "Schedule removed. A schedule declared in code comes back when a worker of that code starts.",
            _ => null,
        };
    }
}
