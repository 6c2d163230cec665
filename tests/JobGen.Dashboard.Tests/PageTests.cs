using System.Net;
using JobGen.Dashboard.Http;
using JobGen.Storage;
using static JobGen.Dashboard.Tests.DashboardPages;

namespace JobGen.Dashboard.Tests;

/// <summary>Every page over a real Kestrel and redis-server: it renders what the storage holds, with the security headers.</summary>
public sealed class PageTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_renders_with_the_csp_and_no_inline_script_or_style()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var waiting = await host.Client.EnqueueSendEmailAsync(7, "welcome", cancellationToken: Ct);
        var dead = await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(9, "bounced")));
        var retry = await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(3, "retry me"), attempt: 2, lastError: "SMTP timeout"), TimeSpan.FromMinutes(5));
        var later = await Seeds.ScheduledAsync(host.Storage, "reports", Seeds.Envelope("dash.email", "reports", Seeds.EmailArguments(4, "later")), TimeSpan.FromHours(1));

        string[] paths =
        [
            "/jobs", "/jobs?days=30", "/jobs?days=90", "/jobs/queues", "/jobs/queue?name=mail", "/jobs/busy",
            "/jobs/scheduled?queue=reports", "/jobs/retries?queue=mail", "/jobs/dead?queue=mail", "/jobs/catalog",
            $"/jobs/job?queue=mail&id={waiting}", $"/jobs/job?queue=mail&id={dead.Id}&set=dead", $"/jobs/job?queue=mail&id={retry.Id}",
            $"/jobs/job?queue=reports&id={later.Id}&set=scheduled", "/jobs/queue/clear?name=mail",
        ];
        foreach (var path in paths)
        {
            var (status, body, response) = await GetAsync(host.Http, path);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {status}");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.DoesNotContain("<script>", body, StringComparison.Ordinal); // only <script defer src=...>
            Assert.DoesNotContain("style=", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<style", body, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", body.Replace(host.BaseUrl, string.Empty, StringComparison.Ordinal).Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_show_the_stored_jobs_with_their_arguments_decoded_by_the_catalog()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var id = await host.Client.EnqueueSendEmailAsync(4242, "hello there", cancellationToken: Ct);
        var reportId = Guid.Parse("8c3e1f1a-2b4d-4c6e-9f00-112233445566");
        var report = await host.Client.EnqueueBuildReportAsync(reportId, new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(2)), TimeSpan.FromMinutes(90), ["eu", "daily"], cancellationToken: Ct);

        var (_, queue, _) = await GetAsync(host.Http, "/jobs/queue?name=mail");
        Assert.Contains("dash.email", queue, StringComparison.Ordinal);
        Assert.Contains("userId: 4242, subject: &quot;hello there&quot;", queue, StringComparison.Ordinal);

        var (_, job, _) = await GetAsync(host.Http, $"/jobs/job?queue=mail&id={id}&set=ready");
        Assert.Contains(id, job, StringComparison.Ordinal);
        Assert.Contains(">userId</td><td class=\"mono muted\">int</td><td class=\"mono value\">4242<", job, StringComparison.Ordinal);
        Assert.Contains(">subject</td><td class=\"mono muted\">string</td>", job, StringComparison.Ordinal);

        var (_, reportPage, _) = await GetAsync(host.Http, $"/jobs/job?queue=reports&id={report}");
        Assert.Contains("System.Guid</td><td class=\"mono value\">8c3e1f1a-2b4d-4c6e-9f00-112233445566<", reportPage, StringComparison.Ordinal);
        Assert.Contains("2026-03-01 08:30:00 &#x2B;02:00", reportPage, StringComparison.Ordinal);
        Assert.Contains("01:30:00", reportPage, StringComparison.Ordinal);
        Assert.Contains("[&quot;eu&quot;, &quot;daily&quot;]", reportPage, StringComparison.Ordinal);

        var (_, catalog, _) = await GetAsync(host.Http, "/jobs/catalog");
        foreach (var expected in new[] { "dash.email", "dash.flaky", "dash.report", "System.Guid", "reportId", "2 min" })
        {
            Assert.Contains(expected, catalog, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_job_this_app_does_not_know_is_shown_generically()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var foreign = Seeds.Envelope("other.app.job", "mail", [0x93, 0x2A, 0xA3, (byte)'a', (byte)'b', (byte)'c', 0xC0]); // [42, "abc", nil]
        await Seeds.DeadAsync(host.Storage, "mail", foreign, DeathReason.UnknownJob, "No job 'other.app.job' in this app");

        var (status, page, _) = await GetAsync(host.Http, $"/jobs/job?queue=mail&id={foreign.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("does not know this job", page, StringComparison.Ordinal);
        Assert.Contains(">#1</td><td class=\"mono muted\">integer</td><td class=\"mono value\">42<", page, StringComparison.Ordinal);
        Assert.Contains("&quot;abc&quot;", page, StringComparison.Ordinal);
        Assert.Contains("UnknownJob", page, StringComparison.Ordinal);

        var broken = Seeds.Envelope("dash.email", "mail", [0x92, 0x2A]); // an array of 2 that ends after 1 element
        await Seeds.DeadAsync(host.Storage, "mail", broken, DeathReason.BadArguments, "truncated");
        var (brokenStatus, brokenPage, _) = await GetAsync(host.Http, $"/jobs/job?queue=mail&id={broken.Id}&set=dead");
        Assert.Equal(HttpStatusCode.OK, brokenStatus);
        Assert.Contains("The arguments do not decode", brokenPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_argument_shows_as_text()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";
        var id = await host.Client.EnqueueSendEmailAsync(1, Hostile, cancellationToken: Ct);
        var dead = await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(2, Hostile)), message: Hostile);

        foreach (var path in new[] { "/jobs/queue?name=mail", $"/jobs/job?queue=mail&id={id}", "/jobs/dead?queue=mail", $"/jobs/job?queue=mail&id={dead.Id}&set=dead" })
        {
            var (_, page, _) = await GetAsync(host.Http, path);
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_addresses_get_a_clear_4xx_page_never_a_500()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        await host.Client.EnqueueSendEmailAsync(1, "a", cancellationToken: Ct);

        (string Path, HttpStatusCode Status, string Says)[] cases =
        [
            ("/jobs/job?queue=mail&id=no-such-job", HttpStatusCode.NotFound, "No job with id"),
            ("/jobs/job?queue=mail", HttpStatusCode.BadRequest, "missing its &#x27;id&#x27;"),
            ("/jobs/job?queue=mail&id=x&set=limbo", HttpStatusCode.BadRequest, "unknown job state"),
            ("/jobs/queue?name=mail&page=99", HttpStatusCode.NotFound, "past the end"),
            ("/jobs/queue?name=mail&page=-1", HttpStatusCode.BadRequest, "page number"),
            ("/jobs/queue?name=mail&page=abc", HttpStatusCode.BadRequest, "page number"),
            ("/jobs/dead?queue=mail&page=5", HttpStatusCode.NotFound, "past the end"),
            ("/jobs/dead?queue=mail&reason=Bogus", HttpStatusCode.BadRequest, "not a reason"),
            ("/jobs?days=12", HttpStatusCode.BadRequest, "7, 30 or 90"),
        ];
        foreach (var (path, expected, says) in cases)
        {
            var (status, body, _) = await GetAsync(host.Http, path);
            Assert.True(status == expected, $"{path}: {status}");
            Assert.Contains(says, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Assets_come_from_the_assembly_with_long_caching()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var (_, page, _) = await GetAsync(host.Http, "/jobs");
        Assert.Matches("href=\"/jobs/assets/dashboard.css\\?v=[0-9a-f]{12}\"", page);

        foreach (var (path, type) in new[] { ("/jobs/assets/dashboard.css", "text/css"), ("/jobs/assets/dashboard.js", "text/javascript") })
        {
            var response = await host.Http.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 500);

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await host.Http.SendAsync(again, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task The_stats_endpoint_returns_the_totals_as_json()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        await host.Storage.IncrementStatsAsync(12, 3, DateOnly.FromDateTime(DateTime.UtcNow), Ct);

        var response = await host.Http.GetAsync("/jobs/api/stats", Ct);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((12, 3), (json.GetProperty("processed").GetInt64(), json.GetProperty("failed").GetInt64()));
        Assert.True(json.GetProperty("at").GetInt64() > 0);
    }
}
