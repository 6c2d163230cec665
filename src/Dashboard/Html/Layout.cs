using System.Globalization;
using JobGen.Dashboard.Http;

namespace JobGen.Dashboard.Html;

/// <summary>The frame of every page: head with the embedded assets, the navigation, a notice, the body, the footer.</summary>
internal static class Layout
{
    private static readonly (string Key, string Label, string Path)[] Nav =
    [
        ("overview", "Overview", string.Empty),
        ("queues", "Queues", "/queues"),
        ("busy", "Busy", "/busy"),
        ("scheduled", "Scheduled", "/scheduled"),
        ("retries", "Retries", "/retries"),
        ("dead", "Dead", "/dead"),
        ("recurring", "Recurring", "/recurring"),
        ("jobs", "Jobs", "/catalog"),
    ];

    public static void Write(HtmlWriter w, DashboardRequest request, string title, string nav, Action<HtmlWriter> body)
    {
        var app = request.App;
        w.Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.Raw("<meta name=\"robots\" content=\"noindex\">");
        w.Raw("<title>").Text(title).Raw(" · ").Text(request.Options.Title).Raw("</title>");
        w.Raw("<link rel=\"stylesheet\"").Attr("href", request.Url("/assets/dashboard.css", ("v", app.Assets.CssVersion))).Raw(">");
        w.Raw("<script defer").Attr("src", request.Url("/assets/dashboard.js", ("v", app.Assets.JsVersion))).Raw("></script>");
        w.Raw("</head><body>");

        w.Raw("<header class=\"top\"><div class=\"top-inner\">");
        w.Raw("<a class=\"brand\"").Attr("href", request.Url(string.Empty)).Raw("><span class=\"brand-mark\">◆</span>").Text(request.Options.Title).Raw("</a>");
        w.Raw("<nav class=\"nav\">");
        foreach (var (key, label, path) in Nav)
        {
            w.Link(request.Url(path), label, key == nav ? "active" : null);
        }

        w.Raw("</nav>");
        if (request.Options.ReadOnly)
        {
            w.Element("span", "badge badge-muted", "read-only");
        }

        w.Raw("</div></header><main class=\"main\">");
        if (Notices.Text(request.Query("notice"), request.Query("n")) is { } notice)
        {
            w.Raw("<div class=\"notice\" role=\"status\">").Text(notice).Raw("</div>");
        }

        body(w);
        w.Raw("</main><footer class=\"foot\">");
        w.Text(request.Options.Title).Raw(" dashboard · ").Text(Format.Time(request.Now));
        w.Raw("</footer></body></html>");
    }

    /// <summary>Previous/next links for a paged list; keeps every other query value.</summary>
    public static void Pager(HtmlWriter w, DashboardRequest request, string path, int page, bool hasNext, long? total, int pageSize, params (string Name, string? Value)[] query)
    {
        if (page == 0 && !hasNext)
        {
            return;
        }

        w.Raw("<nav class=\"pager\">");
        if (page > 0)
        {
            w.Link(request.Url(path, [.. query, ("page", page.ToString(CultureInfo.InvariantCulture))]), "← Previous", "button");
        }

        var label = total is { } t
            ? $"Page {page + 1} of {Math.Max(1, (t + pageSize - 1) / pageSize).ToString("N0", CultureInfo.InvariantCulture)}"
            : $"Page {page + 1}";
        w.Element("span", "pager-label", label);
        if (hasNext)
        {
            w.Link(request.Url(path, [.. query, ("page", (page + 2).ToString(CultureInfo.InvariantCulture))]), "Next →", "button");
        }

        w.Raw("</nav>");
    }
}
