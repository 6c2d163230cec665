using JobGen.Dashboard.Http;
using JobGen.Storage;
using Microsoft.AspNetCore.Http;

namespace JobGen.Dashboard.Pages;

/// <summary>
/// The POST actions. Each reads its form by hand (no reflection-based binding), acts through <see cref="JobMonitor"/>
/// and redirects back with a notice. Antiforgery and read-only are checked before any of them runs.
/// </summary>
internal static class ActionHandlers
{
    public static async Task PauseAsync(DashboardRequest request, IFormCollection form)
    {
        await request.Monitor.PauseQueueAsync(Required(form, "queue"), request.Aborted).ConfigureAwait(false);
        request.RedirectAfterAction(form["returnTo"], Notice.Paused);
    }

    public static async Task ResumeAsync(DashboardRequest request, IFormCollection form)
    {
        await request.Monitor.ResumeQueueAsync(Required(form, "queue"), request.Aborted).ConfigureAwait(false);
        request.RedirectAfterAction(form["returnTo"], Notice.Resumed);
    }

    public static async Task ClearAsync(DashboardRequest request, IFormCollection form)
    {
        var cleared = await request.Monitor.ClearQueueAsync(Required(form, "queue"), request.Aborted).ConfigureAwait(false);
        request.RedirectAfterAction(form["returnTo"], Notice.Cleared, cleared);
    }

    public static async Task SignalAsync(DashboardRequest request, IFormCollection form)
    {
        var process = Required(form, "process");
        var signal = (string?)form["signal"] switch
        {
            "quiet" => ProcessSignal.Quiet,
            "stop" => ProcessSignal.Stop,
            _ => throw new DashboardInputException(400, "The form asks for an unknown signal; nothing was changed."),
        };
        var alive = await request.Monitor.GetProcessesAsync(request.Aborted).ConfigureAwait(false);
        if (!alive.Any(p => p.Id == process))
        {
            throw new DashboardInputException(409, "That process is no longer alive; nothing was changed.");
        }

        await request.Monitor.SignalProcessAsync(process, signal, request.Aborted).ConfigureAwait(false);
        request.RedirectAfterAction(form["returnTo"], signal == ProcessSignal.Quiet ? Notice.Quieted : Notice.Stopped);
    }

    /// <summary>Run now / retry / delete / kill on a Scheduled, Retries or Dead list: one row, the selection, or every match of the filter.</summary>
    public static async Task ListAsync(DashboardRequest request, IFormCollection form, JobList list)
    {
        var queue = Required(form, "queue");
        var filter = new JobQuery
        {
            Queue = queue,
            Job = NullIfEmpty(form["job"]),
            Reason = list == JobList.Dead && NullIfEmpty(form["reason"]) is { } reason
                ? Enum.TryParse<DeathReason>(reason, out var parsed) && Enum.IsDefined(parsed) ? parsed : throw new DashboardInputException(400, "The form names an unknown reason; nothing was changed.")
                : null,
        };

        string op;
        IReadOnlyCollection<string>? ids;
        if (NullIfEmpty(form["row"]) is { } row)
        {
            var parts = row.Split('|', 2);
            if (parts.Length != 2)
            {
                throw new DashboardInputException(400, "The form is malformed; nothing was changed.");
            }

            op = parts[0];
            ids = [parts[1]];
        }
        else
        {
            op = NullIfEmpty(form["op"]) ?? throw new DashboardInputException(400, "The form names no action; nothing was changed.");
            ids = op.EndsWith("-all", StringComparison.Ordinal) ? null : [.. form["id"].OfType<string>().Where(s => s.Length > 0)];
            if (ids is { Count: 0 })
            {
                throw new DashboardInputException(400, "No job was selected; nothing was changed. Tick the jobs to act on, or use \"all matching\".");
            }
        }

        var action = op switch
        {
            "run" or "run-all" => JobAction.RunNow,
            "delete" or "delete-all" => JobAction.Delete,
            "kill" or "kill-all" when list != JobList.Dead => JobAction.Kill,
            _ => throw new DashboardInputException(400, "The form asks for an unknown action; nothing was changed."),
        };
        var changed = await request.Monitor.ApplyAsync(list, filter, action, ids, request.Aborted).ConfigureAwait(false);
        var notice = action switch
        {
            JobAction.Delete => Notice.Deleted,
            JobAction.Kill => Notice.Killed,
            _ => list == JobList.Dead ? Notice.Retried : Notice.Ran,
        };
        request.RedirectAfterAction(form["returnTo"], notice, changed);
    }

    private static string Required(IFormCollection form, string name) =>
        NullIfEmpty(form[name]) ?? throw new DashboardInputException(400, $"The form is missing its '{name}' value; nothing was changed.");

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;
}
