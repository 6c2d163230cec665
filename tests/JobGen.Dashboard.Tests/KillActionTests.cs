using System.Net;
using JobGen.Storage;
using static JobGen.Dashboard.Tests.DashboardPages;

namespace JobGen.Dashboard.Tests;

/// <summary>Kill on the Scheduled and Retries lists and on a job's page: one row, the selection, every match; checked in Redis afterwards.</summary>
public sealed class KillActionTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_a_scheduled_job_moves_it_to_dead_and_a_second_kill_says_nothing_changed()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var job = await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(1, "later")), TimeSpan.FromHours(1));
        var (_, list, _) = await GetAsync(host.Http, "/jobs/scheduled?queue=mail");
        Assert.Contains("value=\"kill|" + job.Id + "\"", list, StringComparison.Ordinal);
        Assert.Contains(">Kill all matching<", list, StringComparison.Ordinal);

        var first = await PostAsync(host.Http, "/jobs/actions/scheduled", ("__RequestVerificationToken", Token(list)), ("queue", "mail"), ("row", "kill|" + job.Id), ("returnTo", "/jobs/scheduled?queue=mail"));
        var second = await PostAsync(host.Http, "/jobs/actions/scheduled", ("__RequestVerificationToken", Token(list)), ("queue", "mail"), ("row", "kill|" + job.Id), ("returnTo", "/jobs/scheduled?queue=mail"));

        Assert.Equal("/jobs/scheduled?queue=mail&notice=killed&n=1", first.Headers.Location?.ToString());
        Assert.Equal("/jobs/scheduled?queue=mail&notice=killed&n=0", second.Headers.Location?.ToString());
        var (_, notice, _) = await GetAsync(host.Http, second.Headers.Location!.ToString());
        Assert.Contains("Nothing was changed", notice, StringComparison.Ordinal);
        var dead = Assert.Single(await host.Monitor.GetDeadAsync("mail", cancellationToken: Ct));
        Assert.Equal((job.Id, DeathReason.Discarded), (dead.Dead.JobId, dead.Dead.Reason));
        var counts = await host.Monitor.GetQueueAsync("mail", Ct);
        Assert.Equal((0L, 1L, 0L), (counts.Scheduled, counts.Dead, counts.Ready));
    }

    [Fact]
    public async Task Kill_selected_and_kill_all_matching_on_the_retries_list()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var retries = new List<JobEnvelope>();
        for (var i = 0; i < 4; i++)
        {
            retries.Add(await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(i, "r"), attempt: 1, lastError: "boom"), TimeSpan.FromMinutes(i + 1)));
        }

        var flaky = await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.flaky", "mail", [0x91, 0xa1, 0x78], attempt: 1), TimeSpan.FromMinutes(9));
        var scheduled = await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(9, "not a retry")), TimeSpan.FromMinutes(1));

        var selected = await PostFromPageAsync(host.Http, "/jobs/retries?queue=mail", "/jobs/actions/retries",
            ("queue", "mail"), ("op", "kill"), ("id", retries[0].Id), ("id", retries[1].Id), ("returnTo", "/jobs/retries?queue=mail"));
        Assert.EndsWith("notice=killed&n=2", selected.Headers.Location?.ToString(), StringComparison.Ordinal);

        var all = await PostFromPageAsync(host.Http, "/jobs/retries?queue=mail&job=dash.email", "/jobs/actions/retries",
            ("queue", "mail"), ("job", "dash.email"), ("op", "kill-all"), ("returnTo", "/jobs/retries?queue=mail"));
        Assert.EndsWith("notice=killed&n=2", all.Headers.Location?.ToString(), StringComparison.Ordinal);

        var dead = (await host.Monitor.GetDeadAsync("mail", cancellationToken: Ct)).Select(d => d.Dead.JobId).Order(StringComparer.Ordinal);
        Assert.Equal(retries.Select(r => r.Id).Order(StringComparer.Ordinal), dead);
        var left = (await host.Monitor.GetScheduledAsync("mail", cancellationToken: Ct)).Select(e => e.Envelope!.Id).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { flaky.Id, scheduled.Id }.Order(StringComparer.Ordinal), left); // the filter's other job and the non-retry stay
    }

    [Fact]
    public async Task A_job_page_kills_its_scheduled_job_and_the_dead_list_refuses_kill()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var job = await Seeds.ScheduledAsync(host.Storage, "reports", Seeds.Envelope("dash.email", "reports", Seeds.EmailArguments(3, "x")), TimeSpan.FromHours(2));
        var (_, page, _) = await GetAsync(host.Http, $"/jobs/job?queue=reports&id={job.Id}&set=scheduled");
        Assert.Contains(">Kill<", page, StringComparison.Ordinal);

        var killed = await PostAsync(host.Http, "/jobs/actions/scheduled", ("__RequestVerificationToken", Token(page)), ("queue", "reports"), ("row", "kill|" + job.Id), ("returnTo", "/jobs/scheduled?queue=reports"));
        Assert.EndsWith("notice=killed&n=1", killed.Headers.Location?.ToString(), StringComparison.Ordinal);
        var (_, deadPage, _) = await GetAsync(host.Http, $"/jobs/job?queue=reports&id={job.Id}&set=dead");
        Assert.Contains("Killed by an operator while scheduled.", deadPage, StringComparison.Ordinal);
        Assert.DoesNotContain(">Kill<", deadPage, StringComparison.Ordinal);

        var refused = await PostAsync(host.Http, "/jobs/actions/dead", ("__RequestVerificationToken", Token(deadPage)), ("queue", "reports"), ("row", "kill|" + job.Id), ("returnTo", "/jobs/dead?queue=reports"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(1L, (await host.Monitor.GetQueueAsync("reports", Ct)).Dead);
    }

    [Fact]
    public async Task Read_only_shows_no_kill_and_refuses_it()
    {
        await using var host = await DashboardHost.StartAsync(redis, dashboard: o => o.ReadOnly = true);
        var job = await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(1, "later")), TimeSpan.FromHours(1));
        var (_, list, _) = await GetAsync(host.Http, "/jobs/scheduled?queue=mail");
        Assert.DoesNotContain("kill", list, StringComparison.OrdinalIgnoreCase);

        var refused = await PostAsync(host.Http, "/jobs/actions/scheduled", ("queue", "mail"), ("row", "kill|" + job.Id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1L, (await host.Monitor.GetQueueAsync("mail", Ct)).Scheduled);
    }
}
