using System.Net;
using System.Text.RegularExpressions;

namespace JobGen.Dashboard.Tests;

/// <summary>Reads pages and posts their forms as a browser would: the antiforgery token comes from the page, the cookie from the client.</summary>
public static partial class DashboardPages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public static string Token(string page)
    {
        var match = TokenField().Match(page);
        Assert.True(match.Success, "the page has no antiforgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Loads <paramref name="pagePath"/>, then posts <paramref name="fields"/> with its token to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFromPageAsync(HttpClient http, string pagePath, string action, params (string Name, string Value)[] fields)
    {
        var (status, page, _) = await GetAsync(http, pagePath);
        Assert.Equal(HttpStatusCode.OK, status);
        return await PostAsync(http, action, [("__RequestVerificationToken", Token(page)), .. fields]);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string action, params (string Name, string Value)[] fields) =>
        http.PostAsync(action, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))), Ct);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
