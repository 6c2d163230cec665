using System.Globalization;
using JobGen.Dashboard.Arguments;
using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;

namespace JobGen.Dashboard.Pages;

/// <summary>The queues: sizes and latency; one queue with a page of its waiting jobs, pause/resume and clear (confirmed).</summary>
internal static class QueuesPage
{
    public static async Task ListAsync(DashboardRequest request)
    {
        var queues = await request.Monitor.GetQueuesAsync(request.Aborted).ConfigureAwait(false);
        await request.WritePageAsync("Queues", "queues", w =>
        {
            w.Raw("<h1>Queues</h1><section class=\"card\">");
            Table(w, request, queues);
            w.Raw("</section>");
        }).ConfigureAwait(false);
    }

    /// <summary>The queues table (also on the overview).</summary>
    public static void Table(HtmlWriter w, DashboardRequest request, IReadOnlyList<QueueSummary> queues)
    {
        if (queues.Count == 0)
        {
            w.Raw("<p class=\"empty\">No queue has had a job yet.</p>");
            return;
        }

        w.Raw("<table class=\"grid\"><thead><tr><th>Queue</th><th class=\"num\">Waiting</th><th class=\"num\">Latency</th><th class=\"num\">Running</th><th class=\"num\">Scheduled</th><th class=\"num\">Dead</th><th>State</th></tr></thead><tbody>");
        foreach (var q in queues)
        {
            w.Raw("<tr><td>").Link(request.Url("/queue", ("name", q.Queue)), q.Queue, "strong").Raw("</td>");
            w.Raw("<td class=\"num\">").Number(q.Ready).Raw("</td>");
            w.Raw("<td class=\"num\">").Text(q.Ready == 0 ? "–" : Format.Duration(q.Latency)).Raw("</td>");
            w.Raw("<td class=\"num\">").Number(q.InFlight).Raw("</td>");
            w.Raw("<td class=\"num\">").Link(request.Url("/scheduled", ("queue", q.Queue)), q.Scheduled.ToString("N0", CultureInfo.InvariantCulture)).Raw("</td>");
            w.Raw("<td class=\"num\">").Link(request.Url("/dead", ("queue", q.Queue)), q.Dead.ToString("N0", CultureInfo.InvariantCulture), q.Dead > 0 ? "bad" : null).Raw("</td>");
            w.Raw("<td>").Element("span", q.IsPaused ? "badge badge-warn" : "badge badge-ok", q.IsPaused ? "paused" : "running").Raw("</td></tr>");
        }

        w.Raw("</tbody></table>");
    }

    public static async Task DetailAsync(DashboardRequest request)
    {
        var name = request.RequiredQuery("name");
        var page = request.PageNumber();
        var size = request.App.PageSize;
        var summary = await request.Monitor.GetQueueAsync(name, request.Aborted).ConfigureAwait(false);
        if (page > 0 && (long)page * size >= summary.Ready)
        {
            throw new DashboardInputException(404, $"Page {page + 1} is past the end of queue '{name}' ({summary.Ready:N0} waiting jobs).");
        }

        var jobs = await request.Monitor.GetReadyAsync(name, page * size, size, request.Aborted).ConfigureAwait(false);
        await request.WritePageAsync("Queue " + name, "queues", w =>
        {
            w.Raw("<div class=\"title-row\"><h1>Queue <span class=\"mono\">").Text(name).Raw("</span></h1>");
            w.Element("span", summary.IsPaused ? "badge badge-warn" : "badge badge-ok", summary.IsPaused ? "paused" : "running");
            if (!request.Options.ReadOnly)
            {
                w.Raw("<div class=\"actions\"><form method=\"post\"").Attr("action", request.Url(summary.IsPaused ? "/actions/resume" : "/actions/pause")).Raw(">");
                request.AntiforgeryField(w);
                w.Hidden("queue", name).Hidden("returnTo", request.Url("/queue", ("name", name)));
                w.Raw("<button type=\"submit\" class=\"button\">").Text(summary.IsPaused ? "Resume" : "Pause").Raw("</button></form>");
                w.Link(request.Url("/queue/clear", ("name", name)), "Clear…", "button button-danger");
                w.Raw("</div>");
            }

            w.Raw("</div><section class=\"tiles\">");
            SmallTile(w, "Waiting", summary.Ready.ToString("N0", CultureInfo.InvariantCulture));
            SmallTile(w, "Latency", summary.Ready == 0 ? "–" : Format.Duration(summary.Latency));
            SmallTile(w, "Running", summary.InFlight.ToString("N0", CultureInfo.InvariantCulture));
            SmallTile(w, "Scheduled", summary.Scheduled.ToString("N0", CultureInfo.InvariantCulture));
            SmallTile(w, "Dead", summary.Dead.ToString("N0", CultureInfo.InvariantCulture));
            w.Raw("</section><section class=\"card\"><div class=\"card-head\"><h2>Waiting jobs</h2><span class=\"muted\">next to run first</span></div>");
            if (jobs.Count == 0)
            {
                w.Raw("<p class=\"empty\">No job is waiting on this queue.</p>");
            }
            else
            {
                w.Raw("<table class=\"grid\"><thead><tr><th class=\"num\">#</th><th>Job</th><th>Arguments</th><th>Enqueued</th><th class=\"num\">Attempt</th></tr></thead><tbody>");
                for (var i = 0; i < jobs.Count; i++)
                {
                    var job = jobs[i];
                    w.Raw("<tr><td class=\"num muted\">").Number((long)(page * size) + i + 1).Raw("</td>");
                    if (job is null)
                    {
                        w.Raw("<td colspan=\"4\" class=\"bad\">An undecodable payload: a worker will move it to the dead set.</td></tr>");
                        continue;
                    }

                    w.Raw("<td>").Link(request.Url("/job", ("queue", name), ("id", job.Id), ("set", "ready"), ("at", Format.Int((long)(page * size) + i))), job.Job, "strong").Raw("<div class=\"mono muted small\">").Text(job.Id).Raw("</div></td>");
                    w.Raw("<td class=\"mono args\">").Text(ArgumentDecoder.Summary(job.Arguments, request.App.Catalog.Find(job.Job))).Raw("</td>");
                    w.Raw("<td title=\"").Text(Format.Time(job.EnqueuedAt)).Raw("\">").Text(Format.Relative(job.EnqueuedAt, request.Now)).Raw("</td>");
                    w.Raw("<td class=\"num\">").Text(Format.Int(job.Attempt + 1) + " / " + Format.Int(job.MaxAttempts)).Raw("</td></tr>");
                }

                w.Raw("</tbody></table>");
            }

            Layout.Pager(w, request, "/queue", page, (long)(page + 1) * size < summary.Ready, summary.Ready, size, ("name", name));
            w.Raw("</section>");
        }).ConfigureAwait(false);
    }

    /// <summary>The confirmation page before a queue is cleared (a GET that changes nothing).</summary>
    public static async Task ConfirmClearAsync(DashboardRequest request)
    {
        var name = request.RequiredQuery("name");
        if (request.Options.ReadOnly)
        {
            throw new DashboardInputException(403, "This dashboard is read-only: queues cannot be cleared from it.");
        }

        var summary = await request.Monitor.GetQueueAsync(name, request.Aborted).ConfigureAwait(false);
        await request.WritePageAsync("Clear " + name, "queues", w =>
        {
            w.Raw("<section class=\"card confirm\"><h1>Clear queue <span class=\"mono\">").Text(name).Raw("</span>?</h1>");
            w.Raw("<p>This deletes the ").Number(summary.Ready).Raw(" jobs waiting on this queue. Running, scheduled and dead jobs stay. It cannot be undone.</p>");
            w.Raw("<form method=\"post\"").Attr("action", request.Url("/actions/clear")).Raw(">");
            request.AntiforgeryField(w);
            w.Hidden("queue", name).Hidden("returnTo", request.Url("/queue", ("name", name)));
            w.Raw("<button type=\"submit\" class=\"button button-danger\">Delete the waiting jobs</button> ");
            w.Link(request.Url("/queue", ("name", name)), "Cancel", "button");
            w.Raw("</form></section>");
        }).ConfigureAwait(false);
    }

    private static void SmallTile(HtmlWriter w, string label, string value) =>
        w.Raw("<div class=\"tile\"><div class=\"tile-value\">").Text(value).Raw("</div><div class=\"tile-label\">").Text(label).Raw("</div></div>");
}
