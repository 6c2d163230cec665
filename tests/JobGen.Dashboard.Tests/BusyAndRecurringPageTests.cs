using System.Net;
using JobGen.Storage;
using Microsoft.Extensions.DependencyInjection;
using static JobGen.Dashboard.Tests.DashboardPages;

namespace JobGen.Dashboard.Tests;

/// <summary>The Busy page's heartbeats and running jobs, and the Recurring page with its actions, on Kestrel and Redis.</summary>
public sealed class BusyAndRecurringPageTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Busy_shows_each_process_s_last_heartbeat_and_the_jobs_it_runs_with_their_start()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var started = DateTimeOffset.UtcNow.AddMinutes(-3);
        var process = new ProcessInfo("web-1:42:abcd", "web-1", 42, ["mail", "reports"], 8, 2, DateTimeOffset.UtcNow.AddHours(-1), "1.0.0")
        {
            Running = [new("job-<b>1</b>", "dash.report", "reports", started), new("job-2", "dash.email", "mail", started.AddMinutes(2))],
        };
        await host.Storage.HeartbeatAsync(process, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddSeconds(-4), Ct);

        var (status, page, _) = await GetAsync(host.Http, "/jobs/busy");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Last heartbeat", page, StringComparison.Ordinal);
        Assert.Contains(">4 s ago<", page, StringComparison.Ordinal);
        Assert.Contains(">3 min ago<", page, StringComparison.Ordinal);
        Assert.Contains("job-&lt;b&gt;1&lt;/b&gt;", page, StringComparison.Ordinal); // encoded like every value
        Assert.Contains("/jobs/job?queue=mail&amp;id=job-2&amp;set=inflight", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("job-&lt;b&gt;", StringComparison.Ordinal) < page.IndexOf(">job-2<", StringComparison.Ordinal), "earliest start first");
        Assert.Contains("up to 100 per process", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Busy_pages_the_running_jobs_and_a_page_past_the_end_is_404()
    {
        await using var host = await DashboardHost.StartAsync(redis); // 10 rows a page
        var now = DateTimeOffset.UtcNow;
        var process = new ProcessInfo("w:1:x", "w", 1, ["mail"], 20, 15, now, "1")
        {
            Running = [.. Enumerable.Range(0, 15).Select(i => new RunningJob($"run-{i:00}", "dash.email", "mail", now.AddSeconds(i - 100)))],
        };
        await host.Storage.HeartbeatAsync(process, TimeSpan.FromMinutes(1), now, Ct);

        var (_, first, _) = await GetAsync(host.Http, "/jobs/busy");
        var (_, second, _) = await GetAsync(host.Http, "/jobs/busy?page=2");
        var (past, _, _) = await GetAsync(host.Http, "/jobs/busy?page=3");

        Assert.Contains(">run-09<", first, StringComparison.Ordinal);
        Assert.DoesNotContain(">run-10<", first, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains(">run-14<", second, StringComparison.Ordinal);
        Assert.DoesNotContain(">run-09<", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, past);
    }

    [Fact]
    public async Task A_running_worker_reports_its_running_job_on_the_busy_page()
    {
        await using var host = await DashboardHost.StartAsync(redis, worker: true);
        var id = await host.Client.EnqueueSlowAsync("held", cancellationToken: Ct);
        try
        {
            string page = string.Empty;
            for (var i = 0; i < 150 && !page.Contains(">" + id + "<", StringComparison.Ordinal); i++)
            {
                await Task.Delay(100, Ct);
                (_, page, _) = await GetAsync(host.Http, "/jobs/busy");
            }

            Assert.Contains(">" + id + "<", page, StringComparison.Ordinal);
            Assert.Contains(">dash.slow<", page, StringComparison.Ordinal);
        }
        finally
        {
            host.Ledger.Hold.TrySetResult();
        }

        await host.Ledger.Wait(id).Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
    }

    [Fact]
    public async Task Recurring_lists_schedules_then_triggers_and_removes_one()
    {
        await using var host = await DashboardHost.StartAsync(redis, services: s => s.Configure<JobGenOptions>(o => o.Worker.QueueWindows["reports"] = "22:00-06:00 Europe/Paris"));
        var recurring = host.Services.GetRequiredService<RecurringJobClient>();
        await recurring.AddOrUpdateAsync("nightly <report>", "0 3 * * *", JobGenDashboardTestsJobs.CreateBuildReportRequest(Guid.NewGuid(), DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1), ["n"]),
            o => { o.TimeZone = "Europe/Paris"; o.Queue = "reports"; }, Ct);
        await recurring.AddOrUpdateAsync("digest", "*/5 * * * *", JobGenDashboardTestsJobs.CreateSendEmailRequest(1, "digest"), cancellationToken: Ct);

        var (status, page, _) = await GetAsync(host.Http, "/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var expected in new[] { "nightly &lt;report&gt;", "0 3 * * *", "Europe/Paris", "dash.report", "window 22:00-06:00 Europe/Paris", "*/5 * * * *", ">never<", "Trigger now", "added at run time" })
        {
            Assert.Contains(expected, page, StringComparison.Ordinal);
        }

        var triggered = await PostAsync(host.Http, "/jobs/actions/recurring", ("__RequestVerificationToken", Token(page)), ("name", "nightly <report>"), ("op", "trigger"), ("returnTo", "/jobs/recurring"));
        Assert.Equal("/jobs/recurring?notice=triggered&n=1", triggered.Headers.Location?.ToString());
        var ready = Assert.Single(await host.Monitor.GetReadyAsync("reports", cancellationToken: Ct));
        Assert.Equal("dash.report", ready!.Job);

        var removed = await PostAsync(host.Http, "/jobs/actions/recurring", ("__RequestVerificationToken", Token(page)), ("name", "digest"), ("op", "remove"), ("returnTo", "/jobs/recurring"));
        var again = await PostAsync(host.Http, "/jobs/actions/recurring", ("__RequestVerificationToken", Token(page)), ("name", "digest"), ("op", "remove"), ("returnTo", "/jobs/recurring"));
        Assert.Equal("/jobs/recurring?notice=removed&n=1", removed.Headers.Location?.ToString());
        Assert.Equal("/jobs/recurring?notice=removed&n=0", again.Headers.Location?.ToString());
        Assert.Equal(["nightly <report>"], (await recurring.GetAllAsync(Ct)).Select(s => s.Name));

        var unknown = await PostAsync(host.Http, "/jobs/actions/recurring", ("__RequestVerificationToken", Token(page)), ("name", "digest"), ("op", "explode"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var forged = await PostAsync(host.Http, "/jobs/actions/recurring", ("name", "nightly <report>"), ("op", "remove"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single(await recurring.GetAllAsync(Ct));
    }

    [Fact]
    public async Task Read_only_recurring_shows_no_action_and_refuses_them()
    {
        await using var host = await DashboardHost.StartAsync(redis, dashboard: o => o.ReadOnly = true);
        var recurring = host.Services.GetRequiredService<RecurringJobClient>();
        await recurring.AddOrUpdateAsync("digest", "*/5 * * * *", JobGenDashboardTestsJobs.CreateSendEmailRequest(1, "digest"), cancellationToken: Ct);

        var (_, page, _) = await GetAsync(host.Http, "/jobs/recurring");
        Assert.Contains("digest", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Trigger now", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", page, StringComparison.Ordinal);

        var refused = await PostAsync(host.Http, "/jobs/actions/recurring", ("name", "digest"), ("op", "remove"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Single(await recurring.GetAllAsync(Ct));
    }
}
