using JobGen.Dashboard.Arguments;
using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;
using JobGen.Storage;

namespace JobGen.Dashboard.Pages;

/// <summary>
/// The Scheduled, Retries and Dead pages: one queue at a time (tabs), filter by job and by dead reason, a page of
/// entries with a checkbox each, per-row and bulk actions (the selection, or every job matching the filter): run now or
/// retry, delete, and kill (scheduled jobs and retries to the dead set).
/// </summary>
internal static class JobListPage
{
    private static readonly DeathReason[] Reasons = Enum.GetValues<DeathReason>();

    public static async Task RenderAsync(DashboardRequest request, JobList list)
    {
        var queues = await request.Monitor.GetQueuesAsync(request.Aborted).ConfigureAwait(false);
        var queue = request.Query("queue") ?? DefaultQueue(queues, list);
        var query = ReadQuery(request, queue, list);
        var (key, title) = Names(list);
        IReadOnlyList<Row> rows;
        bool hasNext;
        long? total;
        if (list == JobList.Dead)
        {
            var page = await request.Monitor.GetDeadPageAsync(query, request.Aborted).ConfigureAwait(false);
            rows = [.. page.Items.Select((e, i) => new Row(e.Dead.JobId, e.Dead.Job ?? e.Envelope?.Job, e.Envelope, e.Dead.DiedAt, e.Dead, query.IsFiltered ? null : ((long)query.Page * query.PageSize) + i))];
            (hasNext, total) = (page.HasNext, page.Total);
        }
        else
        {
            var page = list == JobList.Retries
                ? await request.Monitor.GetRetryPageAsync(query, request.Aborted).ConfigureAwait(false)
                : await request.Monitor.GetScheduledPageAsync(query, request.Aborted).ConfigureAwait(false);
            rows = [.. page.Items.Where(e => e.Envelope is not null).Select(e => new Row(e.Envelope!.Id, e.Envelope.Job, e.Envelope, e.DueAt, null, null))];
            (hasNext, total) = (page.HasNext, page.Total);
        }

        if (rows.Count == 0 && query.Page > 0)
        {
            throw new DashboardInputException(404, $"Page {query.Page + 1} is past the end of this list.");
        }

        var filter = new (string, string?)[] { ("queue", queue), ("job", query.Job), ("reason", query.Reason?.ToString()) };
        var here = request.Url("/" + key, [.. filter, ("page", query.Page == 0 ? null : Format.Int(query.Page + 1))]);
        await request.WritePageAsync(title, key, w =>
        {
            w.Raw("<h1>").Text(title).Raw("</h1>");
            Tabs(w, request, key, queues, queue, list);
            FilterForm(w, request, key, queue, query, list);
            w.Raw("<section class=\"card\">");
            if (rows.Count == 0)
            {
                w.Raw("<p class=\"empty\">").Text(EmptyText(list, query.IsFiltered)).Raw("</p>");
            }
            else
            {
                Table(w, request, key, list, queue, query, rows, here);
            }

            Layout.Pager(w, request, "/" + key, query.Page, hasNext, total, query.PageSize, filter);
            w.Raw("</section>");
        }).ConfigureAwait(false);
    }

    /// <summary>The path segment and heading of a list.</summary>
    public static (string Key, string Title) Names(JobList list) => list switch
    {
        JobList.Scheduled => ("scheduled", "Scheduled"),
        JobList.Retries => ("retries", "Retries"),
        _ => ("dead", "Dead"),
    };

    /// <summary>The list's filter from the query string; 400 for an unknown reason.</summary>
    public static JobQuery ReadQuery(DashboardRequest request, string queue, JobList list)
    {
        DeathReason? reason = null;
        if (list == JobList.Dead && request.Query("reason") is { } text)
        {
            reason = Enum.TryParse<DeathReason>(text, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && char.IsLetter(text[0])
                ? parsed
                : throw new DashboardInputException(400, $"'{text}' is not a reason a job dies for.");
        }

        return new JobQuery { Queue = queue, Page = request.PageNumber(), PageSize = request.App.PageSize, Job = request.Query("job"), Reason = reason };
    }

    private static string DefaultQueue(IReadOnlyList<QueueSummary> queues, JobList list) =>
        queues.FirstOrDefault(q => list == JobList.Dead ? q.Dead > 0 : q.Scheduled > 0)?.Queue ?? queues.FirstOrDefault()?.Queue ?? JobDefaults.Queue;

    private static string EmptyText(JobList list, bool filtered) => (list, filtered) switch
    {
        (_, true) => "No job on this queue matches the filter.",
        (JobList.Scheduled, _) => "No job is scheduled on this queue.",
        (JobList.Retries, _) => "No job is waiting for a retry on this queue.",
        _ => "No dead job on this queue.",
    };

    private static void Tabs(HtmlWriter w, DashboardRequest request, string key, IReadOnlyList<QueueSummary> queues, string current, JobList list)
    {
        if (queues.Count <= 1)
        {
            return;
        }

        w.Raw("<nav class=\"tabs\">");
        foreach (var q in queues)
        {
            w.Raw("<a").Attr("href", request.Url("/" + key, ("queue", q.Queue))).Attr("class", q.Queue == current ? "active" : null).Raw(">").Text(q.Queue);
            if (list == JobList.Dead)
            {
                w.Raw(" <span class=\"count\">").Number(q.Dead).Raw("</span>"); // the scheduled set mixes retries and scheduled jobs: no count there
            }

            w.Raw("</a>");
        }

        w.Raw("</nav>");
    }

    private static void FilterForm(HtmlWriter w, DashboardRequest request, string key, string queue, JobQuery query, JobList list)
    {
        w.Raw("<form class=\"filters\" method=\"get\"").Attr("action", request.Url("/" + key)).Raw(">");
        w.Hidden("queue", queue);
        w.Raw("<label>Job <select name=\"job\"><option value=\"\">any job</option>");
        var jobs = request.App.Catalog.Jobs.Select(j => j.Job).ToList();
        if (query.Job is not null && !jobs.Contains(query.Job, StringComparer.Ordinal))
        {
            jobs.Insert(0, query.Job); // a job this app does not know can still be filtered on
        }

        foreach (var job in jobs)
        {
            w.Raw("<option").Attr("value", job).Raw(job == query.Job ? " selected>" : ">").Text(job).Raw("</option>");
        }

        w.Raw("</select></label>");
        if (list == JobList.Dead)
        {
            w.Raw("<label>Reason <select name=\"reason\"><option value=\"\">any reason</option>");
            foreach (var reason in Reasons)
            {
                w.Raw("<option").Attr("value", reason.ToString()).Raw(reason == query.Reason ? " selected>" : ">").Text(reason.ToString()).Raw("</option>");
            }

            w.Raw("</select></label>");
        }

        w.Raw("<button type=\"submit\" class=\"button\">Filter</button>");
        if (query.IsFiltered)
        {
            w.Link(request.Url("/" + key, ("queue", queue)), "Clear filter", "button button-plain");
        }

        w.Raw("</form>");
    }

    private static void Table(HtmlWriter w, DashboardRequest request, string key, JobList list, string queue, JobQuery query, IReadOnlyList<Row> rows, string here)
    {
        var actions = !request.Options.ReadOnly;
        var runLabel = list == JobList.Dead ? "Retry" : "Run now";
        if (actions)
        {
            w.Raw("<form method=\"post\" class=\"bulk\"").Attr("action", request.Url("/actions/" + key)).Raw(">");
            request.AntiforgeryField(w);
            w.Hidden("queue", queue).Hidden("job", query.Job).Hidden("reason", query.Reason?.ToString()).Hidden("returnTo", here);
            w.Raw("<div class=\"toolbar\"><label class=\"check\"><input type=\"checkbox\" data-select-all> Select page</label>");
            w.Raw("<button type=\"submit\" name=\"op\" value=\"run\" class=\"button\">").Text(runLabel + " selected").Raw("</button>");
            if (list != JobList.Dead)
            {
                w.Raw("<button type=\"submit\" name=\"op\" value=\"kill\" class=\"button button-danger\">Kill selected</button>");
            }

            w.Raw("<button type=\"submit\" name=\"op\" value=\"delete\" class=\"button button-danger\">Delete selected</button>");
            w.Raw("<span class=\"spacer\"></span>");
            w.Raw("<button type=\"submit\" name=\"op\" value=\"run-all\" class=\"button\" data-confirm=\"").Text(runLabel + " every job matching this filter?").Raw("\">").Text(runLabel + " all matching").Raw("</button>");
            if (list != JobList.Dead)
            {
                w.Raw("<button type=\"submit\" name=\"op\" value=\"kill-all\" class=\"button button-danger\" data-confirm=\"Kill every job matching this filter? They move to the dead set.\">Kill all matching</button>");
            }

            w.Raw("<button type=\"submit\" name=\"op\" value=\"delete-all\" class=\"button button-danger\" data-confirm=\"Delete every job matching this filter? This cannot be undone.\">Delete all matching</button></div>");
        }

        w.Raw("<table class=\"grid\"><thead><tr>").Raw(actions ? "<th class=\"pick\"></th>" : string.Empty);
        w.Raw("<th>").Text(list == JobList.Dead ? "Died" : "Due").Raw("</th><th>Job</th><th>Arguments</th>");
        w.Raw(list == JobList.Dead ? "<th>Reason</th>" : list == JobList.Retries ? "<th class=\"num\">Attempt</th><th>Last error</th>" : string.Empty);
        w.Raw(actions ? "<th></th>" : string.Empty).Raw("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            w.Raw("<tr>");
            if (actions)
            {
                w.Raw("<td class=\"pick\"><input type=\"checkbox\" name=\"id\"").Attr("value", row.Id).Attr("aria-label", "Select " + row.Id).Raw("></td>");
            }

            w.Raw("<td title=\"").Text(Format.Time(row.When)).Raw("\">").Text(Format.Relative(row.When, request.Now)).Raw("</td><td>");
            w.Link(request.Url("/job", ("queue", queue), ("id", row.Id), ("set", list == JobList.Dead ? "dead" : "scheduled"), ("at", row.Position is { } at ? Format.Int(at) : null)), row.Job ?? "(unknown job)", "strong");
            w.Raw("<div class=\"mono muted small\">").Text(row.Id).Raw("</div></td><td class=\"mono args\">");
            w.Text(row.Envelope is null ? "(undecodable payload)" : ArgumentDecoder.Summary(row.Envelope.Arguments, request.App.Catalog.Find(row.Envelope.Job)));
            w.Raw("</td>");
            if (row.Dead is { } dead)
            {
                w.Raw("<td>").Element("span", "badge badge-bad", dead.Reason.ToString()).Raw("<div class=\"small error-line\">").Text(dead.Message).Raw("</div></td>");
            }
            else if (list == JobList.Retries)
            {
                w.Raw("<td class=\"num\">").Text(Format.Int(row.Envelope!.Attempt) + " / " + Format.Int(row.Envelope.MaxAttempts)).Raw("</td>");
                w.Raw("<td class=\"small error-line\">").Text(FirstLine(row.Envelope.LastError)).Raw("</td>");
            }

            if (actions)
            {
                w.Raw("<td class=\"row-actions\"><button type=\"submit\" name=\"row\" class=\"button button-small\"").Attr("value", "run|" + row.Id).Raw(">").Text(runLabel).Raw("</button>");
                if (list != JobList.Dead)
                {
                    w.Raw("<button type=\"submit\" name=\"row\" class=\"button button-small button-danger\"").Attr("value", "kill|" + row.Id).Raw(">Kill</button>");
                }

                w.Raw("<button type=\"submit\" name=\"row\" class=\"button button-small button-danger\"").Attr("value", "delete|" + row.Id).Raw(">Delete</button></td>");
            }

            w.Raw("</tr>");
        }

        w.Raw("</tbody></table>").Raw(actions ? "</form>" : string.Empty);
    }

    private static string FirstLine(string? text) => text is null ? string.Empty : text.Split('\n', 2)[0];

    // Position: where the row sits in its set's list order, a hint that lets the job page find it in one slice.
    private sealed record Row(string Id, string? Job, JobEnvelope? Envelope, DateTimeOffset When, DeadJob? Dead, long? Position);
}
