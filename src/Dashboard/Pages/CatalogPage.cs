using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;

namespace JobGen.Dashboard.Pages;

/// <summary>The Jobs page: every job this deployment can run, as the generator saw it at compile time.</summary>
internal static class CatalogPage
{
    public static Task RenderAsync(DashboardRequest request)
    {
        var jobs = request.App.Catalog.Jobs;
        return request.WritePageAsync("Jobs", "jobs", w =>
        {
            w.Raw("<h1>Jobs</h1><p class=\"lead\">What this deployment can run: ").Number(jobs.Count)
                .Raw(" jobs from the generated catalog, with the parameters their payloads carry.</p><section class=\"card\">");
            if (jobs.Count == 0)
            {
                w.Raw("<p class=\"empty\">No job is registered in this app (its job assemblies' generated registration was not called).</p>");
            }
            else
            {
                w.Raw("<table class=\"grid\"><thead><tr><th>Job</th><th>Parameters</th><th>Queue</th><th class=\"num\">Max attempts</th><th class=\"num\">Timeout</th></tr></thead><tbody>");
                foreach (var job in jobs)
                {
                    w.Raw("<tr><td><span class=\"strong mono\">").Text(job.Job).Raw("</span><div class=\"muted small mono\">").Text(Format.TypeName(job.DeclaringType) + "." + job.Method).Raw("</div></td><td>");
                    if (job.Parameters.Count == 0)
                    {
                        w.Raw("<span class=\"muted\">none</span>");
                    }

                    foreach (var p in job.Parameters)
                    {
                        w.Raw("<div class=\"param\"><span class=\"mono muted\">").Text(Format.TypeName(p.Type)).Raw("</span> <span class=\"mono\">").Text(p.Name).Raw("</span></div>");
                    }

                    w.Raw("</td><td>").Element("span", "chip", job.Queue).Raw("</td><td class=\"num\">").Text(Format.Int(job.MaxAttempts)).Raw("</td>");
                    w.Raw("<td class=\"num\">").Text(job.TimeoutSeconds == 0 ? "–" : Format.Duration(TimeSpan.FromSeconds(job.TimeoutSeconds))).Raw("</td></tr>");
                }

                w.Raw("</tbody></table>");
            }

            w.Raw("</section>");
        });
    }
}
