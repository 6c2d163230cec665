using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;
using Microsoft.AspNetCore.Http;

namespace JobGen.Dashboard.Pages;

/// <summary>
/// The Recurring page: every stored recurring schedule (cron, time zone, job, queue and its off-peak window, next and
/// last run), with Trigger now and Remove; and the action behind them.
/// </summary>
internal static class RecurringPage
{
    public static async Task RenderAsync(DashboardRequest request)
    {
        var schedules = await request.App.Recurring.GetAllAsync(request.Aborted).ConfigureAwait(false);
        var windows = request.App.QueueWindows;
        await request.WritePageAsync("Recurring", "recurring", w =>
        {
            w.Raw("<h1>Recurring</h1><p class=\"lead\">").Number(schedules.Count)
                .Raw(" schedules. Each tick enqueues one job, once, whichever workers run; times are UTC, cron expressions read in their own time zone.</p>");
            w.Raw("<section class=\"card\">");
            if (schedules.Count == 0)
            {
                w.Raw("<p class=\"empty\">No recurring schedule is stored. Workers store the ones declared in code when they start.</p>");
            }
            else
            {
                Table(w, request, schedules, windows);
            }

            w.Raw("</section>");
            if (windows.Count > 0)
            {
                w.Raw("<section class=\"card\"><div class=\"card-head\"><h2>Off-peak windows</h2><span class=\"muted\">this app's worker settings; each worker applies its own</span></div>");
                w.Raw("<table class=\"grid\"><thead><tr><th>Queue</th><th>Window</th></tr></thead><tbody>");
                foreach (var (queue, window) in windows.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.Raw("<tr><td>").Element("span", "chip", queue).Raw("</td><td class=\"mono\">").Text(window).Raw("</td></tr>");
                }

                w.Raw("</tbody></table></section>");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Trigger now (one job, the schedule's ticks unchanged) or remove a schedule.</summary>
    public static async Task ActAsync(DashboardRequest request, IFormCollection form)
    {
        var name = form["name"] is { Count: > 0 } v && !string.IsNullOrEmpty(v[0]) ? v[0]! : throw new DashboardInputException(400, "The form is missing its 'name' value; nothing was changed.");
        switch ((string?)form["op"])
        {
            case "trigger":
                var id = await request.App.Recurring.TriggerAsync(name, request.Aborted).ConfigureAwait(false);
                request.RedirectAfterAction(form["returnTo"], Notice.Triggered, id is null ? 0 : 1);
                break;
            case "remove":
                var removed = await request.App.Recurring.RemoveAsync(name, request.Aborted).ConfigureAwait(false);
                request.RedirectAfterAction(form["returnTo"], Notice.Removed, removed ? 1 : 0);
                break;
            default:
                throw new DashboardInputException(400, "The form asks for an unknown action; nothing was changed.");
        }
    }

    private static void Table(HtmlWriter w, DashboardRequest request, IReadOnlyList<RecurringScheduleInfo> schedules, IReadOnlyDictionary<string, string> windows)
    {
        var actions = !request.Options.ReadOnly;
        w.Raw("<table class=\"grid\"><thead><tr><th>Schedule</th><th>Cron</th><th>Job</th><th>Queue</th><th>Next run</th><th>Last run</th>");
        w.Raw(actions ? "<th></th></tr>" : "</tr>").Raw("</thead><tbody>");
        foreach (var s in schedules)
        {
            w.Raw("<tr><td><span class=\"strong\">").Text(s.Name).Raw("</span><div class=\"muted small\">").Text(s.Declared ? "declared in code" : "added at run time").Raw("</div></td>");
            w.Raw("<td><span class=\"mono\">").Text(s.Cron).Raw("</span><div class=\"muted small\">").Text(s.TimeZone).Raw(" · missed ticks: ").Text(s.MissedTicks.ToString()).Raw("</div>");
            if (s.Error is not null)
            {
                w.Raw("<div class=\"bad small\">").Text(s.Error).Raw("</div>");
            }

            w.Raw("</td><td class=\"mono\">").Text(s.Job).Raw("</td><td>").Element("span", "chip", s.Queue);
            if (windows.TryGetValue(s.Queue, out var window))
            {
                w.Raw("<div class=\"muted small\">window ").Text(window).Raw("</div>");
            }

            w.Raw("</td>");
            When(w, request, s.NextTick, "none");
            When(w, request, s.LastTick, "never");
            if (actions)
            {
                w.Raw("<td class=\"row-actions\"><form method=\"post\"").Attr("action", request.Url("/actions/recurring")).Raw(">");
                request.AntiforgeryField(w);
                w.Hidden("name", s.Name).Hidden("returnTo", request.Url("/recurring"));
                w.Raw("<button type=\"submit\" name=\"op\" value=\"trigger\" class=\"button button-small\">Trigger now</button>");
                w.Raw("<button type=\"submit\" name=\"op\" value=\"remove\" class=\"button button-small button-danger\"")
                    .Attr("data-confirm", "Remove the schedule '" + s.Name + "'?" + (s.Declared ? " It is declared in code: it comes back when a worker of that code starts." : string.Empty))
                    .Raw(">Remove</button></form></td>");
            }

            w.Raw("</tr>");
        }

        w.Raw("</tbody></table>");
    }

    private static void When(HtmlWriter w, DashboardRequest request, DateTimeOffset? time, string none)
    {
        if (time is { } t)
        {
            w.Raw("<td title=\"").Text(Format.Time(t)).Raw("\">").Text(Format.Relative(t, request.Now)).Raw("</td>");
        }
        else
        {
            w.Raw("<td class=\"muted\">").Text(none).Raw("</td>");
        }
    }
}
