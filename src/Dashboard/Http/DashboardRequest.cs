using System.Globalization;
using System.Text;
using JobGen.Dashboard.Html;
using Microsoft.AspNetCore.Http;

namespace JobGen.Dashboard.Http;

/// <summary>One request to the dashboard: reading its query and form, building links, writing a page.</summary>
internal sealed class DashboardRequest
{
    public DashboardRequest(HttpContext http, DashboardApp app)
    {
        Http = http;
        App = app;
        Now = app.Time.GetUtcNow();
    }

    public HttpContext Http { get; }

    public DashboardApp App { get; }

    public DashboardOptions Options => App.Options;

    public JobMonitor Monitor => App.Monitor;

    public DateTimeOffset Now { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The dashboard's base URL path (with the app's path base).</summary>
    public string Base => Http.Request.PathBase.Value + App.Prefix;

    /// <summary>A link inside the dashboard: <paramref name="path"/> ("/queues") and query values (null values left out).</summary>
    public string Url(string path, params (string Name, string? Value)[] query)
    {
        var url = new StringBuilder(Base).Append(path);
        var first = true;
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            url.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return url.Length == 0 ? "/" : url.ToString();
    }

    /// <summary>A query value; null when absent or empty.</summary>
    public string? Query(string name) => Http.Request.Query[name] is { Count: > 0 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

    /// <summary>A required query value; a 400 page when it is missing.</summary>
    public string RequiredQuery(string name) => Query(name) ?? throw new DashboardInputException(400, $"The address is missing its '{name}' value.");

    /// <summary>The zero-based page number from <c>?page=</c> (1-based in URLs); 400 when it is not a positive number.</summary>
    public int PageNumber()
    {
        var text = Query("page");
        if (text is null)
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1 || page > 1_000_000)
        {
            throw new DashboardInputException(400, "The page number must be a whole number from 1.");
        }

        return page - 1;
    }

    /// <summary>An antiforgery hidden field for a form on this page.</summary>
    public void AntiforgeryField(HtmlWriter w)
    {
        var tokens = App.Antiforgery.GetAndStoreTokens(Http);
        w.Hidden(tokens.FormFieldName, tokens.RequestToken);
    }

    /// <summary>Writes a whole page in the dashboard's layout.</summary>
    public Task WritePageAsync(string title, string nav, Action<HtmlWriter> body, int status = StatusCodes.Status200OK)
    {
        var w = new HtmlWriter();
        Layout.Write(w, this, title, nav, body);
        Http.Response.StatusCode = status;
        Http.Response.ContentType = "text/html; charset=utf-8";
        Http.Response.Headers.CacheControl = "no-store";
        return Http.Response.WriteAsync(w.ToString(), Aborted);
    }

    /// <summary>Writes a page that says what went wrong and what to do.</summary>
    public Task WriteProblemAsync(int status, string heading, string message) =>
        WritePageAsync(heading, string.Empty, w =>
        {
            w.Raw("<section class=\"problem\">").Element("h1", null, heading).Element("p", null, message);
            w.Raw("<p>").Link(Url(string.Empty), "Back to the overview").Raw("</p></section>");
        }, status);

    /// <summary>Redirects (303) after an action, with a notice the next page shows (a code and a count, so a link cannot put words on the page).</summary>
    public void RedirectAfterAction(string? returnTo, Notice notice, long count = 1)
    {
        // Never off the dashboard: "//host" and "/\host" are other sites to a browser.
        var target = returnTo is not null && returnTo.StartsWith(Base + "/", StringComparison.Ordinal)
            && !returnTo.StartsWith(Base + "//", StringComparison.Ordinal) && !returnTo.Contains('\\', StringComparison.Ordinal)
            && !returnTo.Any(char.IsControl)
            ? returnTo
            : Url(string.Empty);
        target = RemoveNotice(target);
        target += (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "notice=" + notice.ToString().ToLowerInvariant() + "&n=" + count.ToString(CultureInfo.InvariantCulture);
        Http.Response.StatusCode = StatusCodes.Status303SeeOther;
        Http.Response.Headers.Location = target;
    }

    private static string RemoveNotice(string url)
    {
        var at = url.IndexOf("notice=", StringComparison.Ordinal); // the notice and its count are always last
        return at > 0 && url[at - 1] is '?' or '&' ? url[..(at - 1)] : url;
    }
}

/// <summary>Bad input from a URL or a form: answered with a 4xx page, never a 500.</summary>
internal sealed class DashboardInputException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
