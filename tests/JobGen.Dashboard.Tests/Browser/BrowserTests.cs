using JobGen.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JobGen.Dashboard.Tests.Browser;

/// <summary>An operator in a real Chromium: clicks through pages, retries a dead job, pauses a queue, watches the live chart.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class BrowserTests(RedisFixture redis, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task From_the_overview_to_a_dead_job_and_retry_runs_it()
    {
        await using var host = await DashboardHost.StartAsync(redis, worker: true);
        var failing = JobGenDashboardTestsJobs.CreateFlakyRequest("the payment gateway said 502");
        var id = await host.Client.EnqueueAsync(failing, cancellationToken: Ct);
        // Fail its first (and only) attempt: the id is known only now, so mark it before the worker gets to it is racy;
        // instead the job is marked and enqueued again under a fresh id below.
        await WaitAsync(() => host.Ledger.Runs.ContainsKey(id));
        host.Ledger.Failing.Clear();
        var doomed = await EnqueueFailingAsync(host, "the payment gateway said 502");
        await WaitAsync(async () => (await host.Monitor.GetQueueAsync("mail", Ct)).Dead == 1);
        await SeedTheOtherPagesAsync(host);

        var page = await chromium.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/jobs");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dead", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dead");
        await Expect(page.Locator("td.args", new() { HasText = "the payment gateway said 502" })).ToBeVisibleAsync();
        await ChromiumFixture.ShotAsync(page, "dead");

        await page.GetByRole(AriaRole.Link, new() { Name = "dash.flaky" }).ClickAsync();
        await Expect(page.Locator(".title-row .badge")).ToHaveTextAsync("dead");
        await Expect(page.Locator("td.value")).ToHaveTextAsync("\"the payment gateway said 502\"");
        await ChromiumFixture.ShotAsync(page, "job");

        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("1 job retried.");
        await host.Ledger.Wait(doomed).Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        Assert.Equal(0L, (await host.Monitor.GetQueueAsync("mail", Ct)).Dead);

        foreach (var (path, name) in new[] { ("/jobs/queues", "queues"), ("/jobs/queue?name=mail", "queue"), ("/jobs/scheduled?queue=reports", "scheduled"), ("/jobs/retries?queue=mail", "retries"), ("/jobs/catalog", "jobs") })
        {
            await page.GotoAsync(host.BaseUrl + path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await ChromiumFixture.ShotAsync(page, name);
        }
    }

    [Fact]
    public async Task A_paused_queue_is_left_alone_by_the_worker_until_resumed()
    {
        await using var host = await DashboardHost.StartAsync(redis, worker: true);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/jobs/queue?name=reports");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Locator(".title-row .badge")).ToHaveTextAsync("paused");

        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // longer than the worker's poll interval (200 ms) plus one fetch wait
        var id = await host.Client.EnqueueBuildReportAsync(Guid.NewGuid(), DateTimeOffset.UtcNow, TimeSpan.FromHours(1), ["paused"], cancellationToken: Ct);
        var mail = await host.Client.EnqueueSendEmailAsync(1, "other queues keep running", cancellationToken: Ct);
        await host.Ledger.Wait(mail).Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.False(host.Ledger.Runs.ContainsKey(id));
        await page.ReloadAsync();
        await Expect(page.Locator(".grid tbody tr")).ToHaveCountAsync(1);
        await ChromiumFixture.ShotAsync(page, "queue-paused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Locator(".title-row .badge")).ToHaveTextAsync("running");
        await host.Ledger.Wait(id).Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
    }

    [Fact]
    public async Task The_live_chart_moves_while_jobs_run()
    {
        await using var host = await DashboardHost.StartAsync(redis, worker: true);
        await SeedTheOtherPagesAsync(host);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/jobs");
        var chart = page.Locator("#live-chart");
        await Expect(chart).ToHaveAttributeAsync("data-samples", new System.Text.RegularExpressions.Regex("^[1-9]"));
        var before = await page.Locator("#total-processed").InnerTextAsync();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var load = Task.Run(async () =>
        {
            for (var i = 0; i < 200 && !stop.IsCancellationRequested; i++)
            {
                await host.Client.EnqueueManyAsync([.. Enumerable.Range(0, 25).Select(n => JobGenDashboardTestsJobs.CreateSendEmailRequest(n, "load"))], stop.Token);
                await Task.Delay(150, stop.Token);
            }
        }, Ct);

        await Expect(chart).ToHaveAttributeAsync("data-last-processed-rate", new System.Text.RegularExpressions.Regex("^[1-9]"));
        await Expect(chart.Locator("path.line-processed")).ToBeVisibleAsync();
        await Expect(page.Locator("#total-processed")).Not.ToHaveTextAsync(before);
        await Expect(chart).ToHaveAttributeAsync("data-samples", new System.Text.RegularExpressions.Regex("^([89]|[1-9][0-9])$")); // a few seconds of line for the screenshot
        await ChromiumFixture.ShotAsync(page, "overview");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
    }

    [Fact]
    public async Task Busy_shows_the_running_job_and_recurring_triggers_a_schedule_and_kill_sends_a_retry_to_dead()
    {
        await using var host = await DashboardHost.StartAsync(redis, worker: true);
        await SeedTheOtherPagesAsync(host);
        var recurring = host.Services.GetRequiredService<RecurringJobClient>();
        await recurring.AddOrUpdateAsync("nightly-report", "0 3 * * *", JobGenDashboardTestsJobs.CreateBuildReportRequest(Guid.NewGuid(), DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1), ["nightly"]),
            o => { o.TimeZone = "Europe/Paris"; o.Queue = "reports"; }, Ct);
        await recurring.AddOrUpdateAsync("weekly-digest", "30 7 * * MON", JobGenDashboardTestsJobs.CreateSendEmailRequest(0, "weekly digest"), cancellationToken: Ct);
        var slow = new[]
        {
            await host.Client.EnqueueSlowAsync("rebuilding the search index", cancellationToken: Ct),
            await host.Client.EnqueueSlowAsync("exporting invoices for March", cancellationToken: Ct),
        };
        var page = await chromium.NewPageAsync();
        try
        {
            await page.GotoAsync(host.BaseUrl + "/jobs");
            await page.GetByRole(AriaRole.Link, new() { Name = "Busy", Exact = true }).ClickAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Busy");
            for (var i = 0; i < 50 && await page.Locator("td .mono", new() { HasText = slow[1] }).CountAsync() == 0; i++)
            {
                await Task.Delay(300, Ct); // the next heartbeat (300 ms) lists both
                await page.ReloadAsync();
            }

            await Expect(page.Locator("td .mono", new() { HasText = slow[0] })).ToBeVisibleAsync();
            await Expect(page.Locator("td .mono", new() { HasText = slow[1] })).ToBeVisibleAsync();
            await ChromiumFixture.ShotAsync(page, "busy");

            await page.GetByRole(AriaRole.Link, new() { Name = "Recurring", Exact = true }).ClickAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Recurring");
            await ChromiumFixture.ShotAsync(page, "recurring");
            await page.Locator("tr", new() { HasText = "nightly-report" }).GetByRole(AriaRole.Button, new() { Name = "Trigger now" }).ClickAsync();
            await Expect(page.Locator(".notice")).ToContainTextAsync("enqueued to run now");
            await WaitAsync(() => host.Ledger.Runs.Count(r => !slow.Contains(r.Key)) >= 1); // the report ran

            await page.GotoAsync(host.BaseUrl + "/jobs/retries?queue=mail");
            var before = (await host.Monitor.GetQueueAsync("mail", Ct)).Dead;
            page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
            await page.Locator("tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "Kill", Exact = true }).ClickAsync();
            await Expect(page.Locator(".notice")).ToHaveTextAsync("1 job killed: moved to the dead set.");
            Assert.Equal(before + 1, (await host.Monitor.GetQueueAsync("mail", Ct)).Dead);
        }
        finally
        {
            host.Ledger.Hold.TrySetResult();
        }
    }

    private static async Task<string> EnqueueFailingAsync(DashboardHost host, string why)
    {
        // Pause the queue, enqueue, mark the id as failing, resume: the worker sees the mark before it runs the job.
        await host.Monitor.PauseQueueAsync("mail", Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var id = await host.Client.EnqueueAsync(JobGenDashboardTestsJobs.CreateFlakyRequest(why), cancellationToken: Ct);
        host.Ledger.Failing[id] = true;
        await host.Monitor.ResumeQueueAsync("mail", Ct);
        return id;
    }

    private static async Task SeedTheOtherPagesAsync(DashboardHost host)
    {
        for (var i = 0; i < 3; i++)
        {
            await Seeds.ScheduledAsync(host.Storage, "reports", Seeds.Envelope("dash.email", "reports", Seeds.EmailArguments(100 + i, "weekly digest")), TimeSpan.FromHours(i + 1));
            await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(200 + i, "receipt"), attempt: i + 1, lastError: "System.TimeoutException: SMTP server did not answer in 30 s"), TimeSpan.FromMinutes(10 * (i + 1)));
        }

        await host.Storage.IncrementStatsAsync(1200, 17, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), Ct);
        await host.Storage.IncrementStatsAsync(950, 4, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), Ct);
        await host.Storage.IncrementStatsAsync(1430, 28, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-4), Ct);
    }

    private static Task WaitAsync(Func<bool> condition) => WaitAsync(() => Task.FromResult(condition()));

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("the condition did not hold within 15 s");
    }
}
