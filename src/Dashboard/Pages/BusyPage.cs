using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;
using JobGen.Storage;

namespace JobGen.Dashboard.Pages;

/// <summary>
/// Live worker processes from their heartbeats, with quiet/stop, and the jobs each one runs now with their start times
/// (as its last heartbeat reported them, up to <see cref="ProcessInfo.MaxRunningReported"/> per process), a page at a time.
/// </summary>
internal static class BusyPage
{
    public static async Task RenderAsync(DashboardRequest request)
    {
        var monitor = request.Monitor;
        var page = request.PageNumber();
        var processes = await monitor.GetProcessesAsync(request.Aborted).ConfigureAwait(false);
        var signals = await Task.WhenAll(processes.Select(p => monitor.GetProcessSignalAsync(p.Id, request.Aborted).AsTask())).ConfigureAwait(false);
        var running = processes.SelectMany(p => p.Running.Select(r => (Process: p, Job: r))).OrderBy(r => r.Job.StartedAt).ToList();
        if (page > 0 && (long)page * request.App.PageSize >= running.Count)
        {
            throw new DashboardInputException(404, $"Page {page + 1} is past the end of the running jobs.");
        }

        await request.WritePageAsync("Busy", "busy", w =>
        {
            w.Raw("<h1>Busy</h1><section class=\"card\"><div class=\"card-head\"><h2>Processes</h2><span class=\"muted\">from their heartbeats</span></div>");
            if (processes.Count == 0)
            {
                w.Raw("<p class=\"empty\">No worker process is alive.</p>");
            }
            else
            {
                w.Raw("<table class=\"grid\"><thead><tr><th>Process</th><th>Queues</th><th class=\"num\">Busy</th><th>Started</th><th>Last heartbeat</th><th>Version</th><th>State</th>");
                w.Raw(request.Options.ReadOnly ? "</tr>" : "<th></th></tr>").Raw("</thead><tbody>");
                for (var i = 0; i < processes.Count; i++)
                {
                    ProcessRow(w, request, processes[i], signals[i]);
                }

                w.Raw("</tbody></table>");
            }

            w.Raw("</section>");
            Running(w, request, processes, running, page);
        }).ConfigureAwait(false);
    }

    private static void ProcessRow(HtmlWriter w, DashboardRequest request, ProcessInfo p, ProcessSignal signal)
    {
        w.Raw("<tr><td><span class=\"strong\">").Text(p.Host).Raw("</span> <span class=\"muted\">pid ").Text(Format.Int(p.Pid)).Raw("</span><div class=\"mono muted small\">").Text(p.Id).Raw("</div></td>");
        w.Raw("<td>");
        foreach (var q in p.Queues)
        {
            w.Element("span", "chip", q);
        }

        w.Raw("</td><td class=\"num\">").Text(Format.Int(p.Busy) + " / " + Format.Int(p.Concurrency)).Raw("</td>");
        w.Raw("<td title=\"").Text(Format.Time(p.StartedAt)).Raw("\">").Text(Format.Relative(p.StartedAt, request.Now)).Raw("</td>");
        if (p.LastHeartbeatAt is { } beat)
        {
            w.Raw("<td title=\"").Text(Format.Time(beat)).Raw("\">").Text(Format.Relative(beat, request.Now)).Raw("</td>");
        }
        else
        {
            w.Raw("<td class=\"muted\">not reported</td>");
        }

        w.Raw("<td>").Text(p.Version).Raw("</td><td>");
        w.Element("span", signal switch { ProcessSignal.Quiet => "badge badge-warn", ProcessSignal.Stop => "badge badge-bad", _ => "badge badge-ok" },
            signal switch { ProcessSignal.Quiet => "quiet", ProcessSignal.Stop => "stopping", _ => "working" });
        w.Raw("</td>");
        if (!request.Options.ReadOnly)
        {
            w.Raw("<td class=\"row-actions\"><form method=\"post\"").Attr("action", request.Url("/actions/process")).Raw(">");
            request.AntiforgeryField(w);
            w.Hidden("process", p.Id).Hidden("returnTo", request.Url("/busy"));
            w.Raw("<button type=\"submit\" name=\"signal\" value=\"quiet\" class=\"button button-small\">Quiet</button>");
            w.Raw("<button type=\"submit\" name=\"signal\" value=\"stop\" class=\"button button-small button-danger\">Stop</button></form></td>");
        }

        w.Raw("</tr>");
    }

    // A page of the running jobs of every process, earliest start first.
    private static void Running(HtmlWriter w, DashboardRequest request, IReadOnlyList<ProcessInfo> processes, List<(ProcessInfo Process, RunningJob Job)> running, int page)
    {
        w.Raw("<section class=\"card\"><div class=\"card-head\"><h2>Running now</h2><span class=\"muted\">as each process's last heartbeat reported them, up to ")
            .Text(Format.Int(ProcessInfo.MaxRunningReported)).Raw(" per process</span></div>");
        var size = request.App.PageSize;
        var rows = running.Skip(page * size).Take(size).ToList();
        if (rows.Count == 0)
        {
            w.Raw("<p class=\"empty\">No job is running.</p>");
        }
        else
        {
            w.Raw("<table class=\"grid\"><thead><tr><th>Job</th><th>Queue</th><th>Process</th><th>Started</th></tr></thead><tbody>");
            foreach (var (process, job) in rows)
            {
                w.Raw("<tr><td>");
                w.Link(request.Url("/job", ("queue", job.Queue), ("id", job.JobId), ("set", "inflight")), job.Job, "strong").Raw("<div class=\"mono muted small\">").Text(job.JobId).Raw("</div>");
                w.Raw("</td><td>").Element("span", "chip", job.Queue).Raw("</td>");
                w.Raw("<td>").Text(process.Host).Raw(" <span class=\"muted\">pid ").Text(Format.Int(process.Pid)).Raw("</span></td>");
                w.Raw("<td title=\"").Text(Format.Time(job.StartedAt)).Raw("\">").Text(Format.Relative(job.StartedAt, request.Now)).Raw("</td></tr>");
            }

            w.Raw("</tbody></table>");
            Layout.Pager(w, request, "/busy", page, (long)(page + 1) * size < running.Count, running.Count, size);
        }

        foreach (var p in processes.Where(p => p.Busy > p.Running.Count && p.Running.Count >= ProcessInfo.MaxRunningReported))
        {
            w.Raw("<p class=\"muted small\">").Text(p.Host + " pid " + Format.Int(p.Pid) + " runs " + Format.Int(p.Busy - p.Running.Count) + " more jobs than it lists.").Raw("</p>");
        }

        w.Raw("</section>");
    }
}
