using System.Globalization;
using JobGen.Dashboard.Html;
using JobGen.Dashboard.Http;
using JobGen.Storage;
using Microsoft.AspNetCore.Http;

namespace JobGen.Dashboard.Pages;

/// <summary>Totals, the live chart (drawn by dashboard.js from /api/stats), history per day and the queues at a glance.</summary>
internal static class OverviewPage
{
    private static readonly int[] HistoryChoices = [7, 30, 90];

    public static async Task RenderAsync(DashboardRequest request)
    {
        var days = request.Query("days") switch
        {
            null => 7,
            "7" => 7,
            "30" => 30,
            "90" => 90,
            _ => throw new DashboardInputException(400, "History is shown for 7, 30 or 90 days."),
        };
        var stats = await request.Monitor.GetStatsAsync(days, request.Aborted).ConfigureAwait(false);
        var queues = await request.Monitor.GetQueuesAsync(request.Aborted).ConfigureAwait(false);
        var processes = await request.Monitor.GetProcessesAsync(request.Aborted).ConfigureAwait(false);

        await request.WritePageAsync("Overview", "overview", w =>
        {
            w.Raw("<h1>Overview</h1>");
            w.Raw("<section class=\"tiles\">");
            Tile(w, "Processed", stats.Processed, "total-processed", null);
            Tile(w, "Failed", stats.Failed, "total-failed", "tile-bad");
            Tile(w, "Waiting", queues.Sum(q => q.Ready), null, null);
            Tile(w, "Running", processes.Sum(p => (long)p.Busy), null, null);
            Tile(w, "Scheduled", queues.Sum(q => q.Scheduled), null, null);
            Tile(w, "Dead", queues.Sum(q => q.Dead), null, queues.Sum(q => q.Dead) > 0 ? "tile-bad" : null);
            Tile(w, "Processes", processes.Count, null, null);
            w.Raw("</section>");

            w.Raw("<section class=\"card\"><div class=\"card-head\"><h2>Live</h2><span class=\"legend\"><span class=\"key key-processed\"></span>processed/s <span class=\"key key-failed\"></span>failed/s</span></div>");
            w.Raw("<div id=\"live-chart\" class=\"chart\"")
                .Attr("data-stats-url", request.Url("/api/stats"))
                .Attr("data-interval", ((int)request.Options.LivePollInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
                .Raw("><p class=\"muted\">Waiting for the first samples…</p></div>");
            w.Raw("<p class=\"muted small\" id=\"live-status\">Updated by this page every ").Text(Format.Duration(request.Options.LivePollInterval)).Raw(".</p></section>");

            w.Raw("<section class=\"card\"><div class=\"card-head\"><h2>History</h2><span class=\"segmented\">");
            foreach (var choice in HistoryChoices)
            {
                w.Link(request.Url(string.Empty, ("days", choice.ToString(CultureInfo.InvariantCulture))), choice.ToString(CultureInfo.InvariantCulture) + " days", choice == days ? "active" : null);
            }

            w.Raw("</span></div>");
            HistoryChart(w, stats.Days);
            w.Raw("</section>");

            w.Raw("<section class=\"card\"><div class=\"card-head\"><h2>Queues</h2>").Link(request.Url("/queues"), "All queues →").Raw("</div>");
            QueuesPage.Table(w, request, queues);
            w.Raw("</section>");
        }).ConfigureAwait(false);
    }

    /// <summary>The totals the live chart polls: a few numbers, written by hand (no serializer, no reflection).</summary>
    public static async Task StatsAsync(DashboardRequest request)
    {
        var stats = await request.Monitor.GetStatsAsync(0, request.Aborted).ConfigureAwait(false);
        var processes = await request.Monitor.GetProcessesAsync(request.Aborted).ConfigureAwait(false);
        var json = string.Create(CultureInfo.InvariantCulture, $$"""{"processed":{{stats.Processed}},"failed":{{stats.Failed}},"busy":{{processes.Sum(p => (long)p.Busy)}},"at":{{request.Now.ToUnixTimeMilliseconds()}}}""");
        request.Http.Response.ContentType = "application/json; charset=utf-8";
        request.Http.Response.Headers.CacheControl = "no-store";
        await request.Http.Response.WriteAsync(json, request.Aborted).ConfigureAwait(false);
    }

    private static void Tile(HtmlWriter w, string label, long value, string? id, string? cssClass)
    {
        w.Raw("<div").Attr("class", cssClass is null ? "tile" : "tile " + cssClass).Raw("><div class=\"tile-value\"");
        if (id is not null)
        {
            w.Attr("id", id);
        }

        w.Raw(">").Number(value).Raw("</div><div class=\"tile-label\">").Text(label).Raw("</div></div>");
    }

    // Bars drawn on the server as SVG attributes (no inline style, so the CSP holds); oldest day on the left.
    private static void HistoryChart(HtmlWriter w, IReadOnlyList<DailyJobStats> days)
    {
        const int Width = 900, Height = 180, Bottom = 160;
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => Math.Max(d.Processed, d.Failed)));
        var slot = (double)Width / Math.Max(1, days.Count);
        var bar = Math.Max(1, (slot * 0.8) / 2);
        w.Raw("<svg class=\"history\" viewBox=\"0 0 900 180\" role=\"img\" aria-label=\"Processed and failed jobs per day\">");
        w.Raw("<line class=\"axis\" x1=\"0\" y1=\"160\" x2=\"900\" y2=\"160\"></line>");
        var ordered = days.OrderBy(d => d.Day).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var day = ordered[i];
            var x = (i * slot) + (slot * 0.1);
            Bar(w, "bar-processed", x, bar, day.Processed, max, Bottom, day, "processed");
            Bar(w, "bar-failed", x + bar, bar, day.Failed, max, Bottom, day, "failed");
            if (ordered.Count <= 31 || i % 7 == 0)
            {
                w.Raw("<text class=\"tick\"").Attr("x", F(x + bar)).Attr("y", F(Height - 4)).Raw(">")
                    .Text(day.Day.ToString(ordered.Count <= 7 ? "ddd d" : "MMM d", CultureInfo.InvariantCulture)).Raw("</text>");
            }
        }

        w.Raw("</svg>");
        w.Raw("<table class=\"compact\"><thead><tr><th></th><th class=\"num\">Processed</th><th class=\"num\">Failed</th></tr></thead><tbody>");
        w.Raw("<tr><td>").Text($"Last {days.Count} days").Raw("</td><td class=\"num\">").Number(days.Sum(d => d.Processed)).Raw("</td><td class=\"num\">").Number(days.Sum(d => d.Failed)).Raw("</td></tr>");
        if (days.Count > 0)
        {
            var today = days.MaxBy(d => d.Day)!;
            w.Raw("<tr><td>Today (UTC)</td><td class=\"num\">").Number(today.Processed).Raw("</td><td class=\"num\">").Number(today.Failed).Raw("</td></tr>");
        }

        w.Raw("</tbody></table>");
    }

    private static void Bar(HtmlWriter w, string cssClass, double x, double width, long value, long max, int bottom, DailyJobStats day, string what)
    {
        var height = value == 0 ? 0 : Math.Max(1, 150.0 * value / max);
        w.Raw("<rect").Attr("class", cssClass).Attr("x", F(x)).Attr("y", F(bottom - height)).Attr("width", F(width)).Attr("height", F(height)).Raw("><title>")
            .Text(day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ": " + value.ToString("N0", CultureInfo.InvariantCulture) + " " + what).Raw("</title></rect>");
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
