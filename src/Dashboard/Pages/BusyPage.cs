using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;
using JobGen.Storage;

namespace JobGen.Dashboard.Pages;

/// <summary>Live worker processes from their heartbeats, with quiet/stop, and the jobs running now (the in-flight leases).</summary>
internal static class BusyPage
{
    private const int RunningPerQueue = 50;

    public static async Task RenderAsync(DashboardRequest request)
    {
        var monitor = request.Monitor;
        var processes = await monitor.GetProcessesAsync(request.Aborted).ConfigureAwait(false);
        var signals = new ProcessSignal[processes.Count];
        for (var i = 0; i < processes.Count; i++)
        {
            signals[i] = await monitor.GetProcessSignalAsync(processes[i].Id, request.Aborted).ConfigureAwait(false);
        }

        var running = new List<(string Queue, JobEnvelope? Job, DateTimeOffset LeaseUntil)>();
        foreach (var queue in await monitor.GetQueuesAsync(request.Aborted).ConfigureAwait(false))
        {
            if (queue.InFlight > 0)
            {
                running.AddRange((await monitor.GetInFlightAsync(queue.Queue, 0, RunningPerQueue, request.Aborted).ConfigureAwait(false))
                    .Select(r => (queue.Queue, r.Envelope, r.LeaseDeadline)));
            }
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
                w.Raw("<table class=\"grid\"><thead><tr><th>Process</th><th>Queues</th><th class=\"num\">Busy</th><th>Started</th><th>Version</th><th>State</th>");
                w.Raw(request.Options.ReadOnly ? "</tr>" : "<th></th></tr>").Raw("</thead><tbody>");
                for (var i = 0; i < processes.Count; i++)
                {
                    var p = processes[i];
                    w.Raw("<tr><td><span class=\"strong\">").Text(p.Host).Raw("</span> <span class=\"muted\">pid ").Text(Format.Int(p.Pid)).Raw("</span><div class=\"mono muted small\">").Text(p.Id).Raw("</div></td>");
                    w.Raw("<td>");
                    foreach (var q in p.Queues)
                    {
                        w.Element("span", "chip", q);
                    }

                    w.Raw("</td><td class=\"num\">").Text(Format.Int(p.Busy) + " / " + Format.Int(p.Concurrency)).Raw("</td>");
                    w.Raw("<td title=\"").Text(Format.Time(p.StartedAt)).Raw("\">").Text(Format.Relative(p.StartedAt, request.Now)).Raw("</td>");
                    w.Raw("<td>").Text(p.Version).Raw("</td><td>");
                    w.Element("span", signals[i] switch { ProcessSignal.Quiet => "badge badge-warn", ProcessSignal.Stop => "badge badge-bad", _ => "badge badge-ok" },
                        signals[i] switch { ProcessSignal.Quiet => "quiet", ProcessSignal.Stop => "stopping", _ => "working" });
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

                w.Raw("</tbody></table>");
            }

            w.Raw("</section><section class=\"card\"><div class=\"card-head\"><h2>Running now</h2><span class=\"muted\">leased jobs, up to ").Text(Format.Int(RunningPerQueue)).Raw(" per queue</span></div>");
            if (running.Count == 0)
            {
                w.Raw("<p class=\"empty\">No job is running.</p>");
            }
            else
            {
                w.Raw("<table class=\"grid\"><thead><tr><th>Job</th><th>Queue</th><th>Arguments</th><th>Enqueued</th><th>Lease until</th></tr></thead><tbody>");
                foreach (var (queue, job, lease) in running)
                {
                    w.Raw("<tr><td>");
                    if (job is null)
                    {
                        w.Raw("<span class=\"bad\">undecodable</span>");
                    }
                    else
                    {
                        w.Link(request.Url("/job", ("queue", queue), ("id", job.Id), ("set", "inflight")), job.Job, "strong").Raw("<div class=\"mono muted small\">").Text(job.Id).Raw("</div>");
                    }

                    w.Raw("</td><td>").Element("span", "chip", queue).Raw("</td><td class=\"mono args\">");
                    w.Text(job is null ? string.Empty : Arguments.ArgumentDecoder.Summary(job.Arguments, request.App.Catalog.Find(job.Job)));
                    w.Raw("</td><td>").Text(job is null ? string.Empty : Format.Relative(job.EnqueuedAt, request.Now)).Raw("</td>");
                    w.Raw("<td>").Text(Format.Relative(lease, request.Now)).Raw("</td></tr>");
                }

                w.Raw("</tbody></table>");
            }

            w.Raw("</section>");
        }).ConfigureAwait(false);
    }
}
