using System.Net;
using JobGen.Storage;
using static JobGen.Dashboard.Tests.DashboardPages;

namespace JobGen.Dashboard.Tests;

/// <summary>Every action through its form (token from the page, as a browser posts it), checked in the storage afterwards.</summary>
public sealed class ActionTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pause_and_resume_a_queue()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        await host.Client.EnqueueSendEmailAsync(1, "a", cancellationToken: Ct);

        var paused = await PostFromPageAsync(host.Http, "/jobs/queue?name=mail", "/jobs/actions/pause", ("queue", "mail"), ("returnTo", "/jobs/queue?name=mail"));
        Assert.Equal(HttpStatusCode.SeeOther, paused.StatusCode);
        Assert.Equal("/jobs/queue?name=mail&notice=paused&n=1", paused.Headers.Location?.ToString());
        Assert.Equal(["mail"], await host.Monitor.GetPausedQueuesAsync(Ct));
        var (_, page, _) = await GetAsync(host.Http, paused.Headers.Location!.ToString());
        Assert.Contains("Queue paused", page, StringComparison.Ordinal);
        Assert.Contains(">Resume<", page, StringComparison.Ordinal);

        var resumed = await PostFromPageAsync(host.Http, "/jobs/queue?name=mail", "/jobs/actions/resume", ("queue", "mail"), ("returnTo", "/jobs/queue?name=mail"));
        Assert.Equal(HttpStatusCode.SeeOther, resumed.StatusCode);
        Assert.Empty(await host.Monitor.GetPausedQueuesAsync(Ct));
    }

    [Theory]
    [InlineData("//evil.example/jobs")]
    [InlineData("/\\evil.example")]
    [InlineData("/jobs/\\evil")]
    [InlineData("https://evil.example/jobs/queues")]
    [InlineData("/elsewhere")]
    public async Task An_action_never_redirects_off_the_dashboard(string returnTo)
    {
        await using var host = await DashboardHost.StartAsync(redis);

        var response = await PostFromPageAsync(host.Http, "/jobs/queue?name=mail", "/jobs/actions/pause", ("queue", "mail"), ("returnTo", returnTo));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/jobs?notice=paused&n=1", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Clear_asks_first_then_deletes_only_the_waiting_jobs()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        for (var i = 0; i < 3; i++)
        {
            await host.Client.EnqueueSendEmailAsync(i, "a", cancellationToken: Ct);
        }

        await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(9, "dead")));
        var (_, confirm, _) = await GetAsync(host.Http, "/jobs/queue/clear?name=mail");
        Assert.Contains("This deletes the 3 jobs waiting", confirm, StringComparison.Ordinal);
        Assert.Equal(3, (await host.Monitor.GetQueueAsync("mail", Ct)).Ready); // the GET changed nothing

        var cleared = await PostAsync(host.Http, "/jobs/actions/clear", ("__RequestVerificationToken", Token(confirm)), ("queue", "mail"), ("returnTo", "/jobs/queue?name=mail"));

        Assert.Equal(HttpStatusCode.SeeOther, cleared.StatusCode);
        Assert.EndsWith("notice=cleared&n=3", cleared.Headers.Location?.ToString(), StringComparison.Ordinal);
        var after = await host.Monitor.GetQueueAsync("mail", Ct);
        Assert.Equal((0L, 1L), (after.Ready, after.Dead));
    }

    [Fact]
    public async Task Retrying_a_dead_job_twice_changes_nothing_the_second_time()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var dead = await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(5, "x")));
        var page = $"/jobs/job?queue=mail&id={dead.Id}&set=dead";

        var (_, jobPage, _) = await GetAsync(host.Http, page);
        var token = Token(jobPage);
        var first = await PostAsync(host.Http, "/jobs/actions/dead", ("__RequestVerificationToken", token), ("queue", "mail"), ("row", "run|" + dead.Id), ("returnTo", "/jobs/dead?queue=mail"));
        var second = await PostAsync(host.Http, "/jobs/actions/dead", ("__RequestVerificationToken", token), ("queue", "mail"), ("row", "run|" + dead.Id), ("returnTo", "/jobs/dead?queue=mail"));

        Assert.EndsWith("notice=retried&n=1", first.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("notice=retried&n=0", second.Headers.Location?.ToString(), StringComparison.Ordinal);
        var (_, shown, _) = await GetAsync(host.Http, second.Headers.Location!.ToString());
        Assert.Contains("Nothing was changed", shown, StringComparison.Ordinal);
        var counts = await host.Monitor.GetQueueAsync("mail", Ct);
        Assert.Equal((1L, 0L), (counts.Ready, counts.Dead)); // one fresh run, not two
        var ready = Assert.Single(await host.Monitor.GetReadyAsync("mail", cancellationToken: Ct));
        Assert.Equal((dead.Id, 0), (ready!.Id, ready.Attempt));
    }

    [Fact]
    public async Task Bulk_actions_act_on_the_selection_or_on_every_match_of_the_filter()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var bounced = new List<JobEnvelope>();
        for (var i = 0; i < 4; i++)
        {
            bounced.Add(await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(i, "bounce")), DeathReason.AttemptsExhausted));
        }

        var bad = await Seeds.DeadAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", [0xC1]), DeathReason.BadArguments);
        var (_, list, _) = await GetAsync(host.Http, "/jobs/dead?queue=mail&reason=BadArguments");
        Assert.Contains(bad.Id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(bounced[0].Id, list, StringComparison.Ordinal);
        var token = Token(list);

        // The selection: two of the page's rows.
        var selected = await PostAsync(host.Http, "/jobs/actions/dead", ("__RequestVerificationToken", token), ("queue", "mail"), ("op", "delete"), ("id", bounced[0].Id), ("id", bounced[1].Id), ("returnTo", "/jobs/dead?queue=mail"));
        Assert.EndsWith("notice=deleted&n=2", selected.Headers.Location?.ToString(), StringComparison.Ordinal);

        // Every match of a filter: the remaining AttemptsExhausted ones are retried, the BadArguments one stays.
        var all = await PostAsync(host.Http, "/jobs/actions/dead", ("__RequestVerificationToken", token), ("queue", "mail"), ("op", "run-all"), ("reason", "AttemptsExhausted"), ("job", ""), ("returnTo", "/jobs/dead?queue=mail"));
        Assert.EndsWith("notice=retried&n=2", all.Headers.Location?.ToString(), StringComparison.Ordinal);

        var counts = await host.Monitor.GetQueueAsync("mail", Ct);
        Assert.Equal((2L, 1L), (counts.Ready, counts.Dead));
        var left = Assert.Single((await host.Monitor.GetDeadPageAsync(new JobQuery { Queue = "mail" }, Ct)).Items);
        Assert.Equal(bad.Id, left.Dead.JobId);

        var none = await PostAsync(host.Http, "/jobs/actions/dead", ("__RequestVerificationToken", token), ("queue", "mail"), ("op", "delete"), ("returnTo", "/jobs/dead?queue=mail"));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task Scheduled_jobs_and_retries_run_now_or_are_deleted()
    {
        await using var host = await DashboardHost.StartAsync(redis);
        var later = await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(1, "later")), TimeSpan.FromHours(3));
        var retry = await Seeds.ScheduledAsync(host.Storage, "mail", Seeds.Envelope("dash.email", "mail", Seeds.EmailArguments(2, "retry"), attempt: 1, lastError: "timeout"), TimeSpan.FromHours(1));

        var (_, scheduled, _) = await GetAsync(host.Http, "/jobs/scheduled?queue=mail");
        var (_, retries, _) = await GetAsync(host.Http, "/jobs/retries?queue=mail");
        Assert.Contains(later.Id, scheduled, StringComparison.Ordinal);
        Assert.DoesNotContain(retry.Id, scheduled, StringComparison.Ordinal); // retries are listed apart
        Assert.Contains(retry.Id, retries, StringComparison.Ordinal);
        Assert.Contains("timeout", retries, StringComparison.Ordinal);

        var ran = await PostAsync(host.Http, "/jobs/actions/scheduled", ("__RequestVerificationToken", Token(scheduled)), ("queue", "mail"), ("row", "run|" + later.Id), ("returnTo", "/jobs/scheduled?queue=mail"));
        var deleted = await PostAsync(host.Http, "/jobs/actions/retries", ("__RequestVerificationToken", Token(retries)), ("queue", "mail"), ("row", "delete|" + retry.Id), ("returnTo", "/jobs/retries?queue=mail"));

        Assert.EndsWith("notice=ran&n=1", ran.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("notice=deleted&n=1", deleted.Headers.Location?.ToString(), StringComparison.Ordinal);
        var counts = await host.Monitor.GetQueueAsync("mail", Ct);
        Assert.Equal((1L, 0L), (counts.Ready, counts.Scheduled));
        Assert.Equal(later.Id, Assert.Single(await host.Monitor.GetReadyAsync("mail", cancellationToken: Ct))!.Id);
    }

    [Fact]
    public async Task Quiet_and_stop_reach_a_live_worker_through_its_heartbeat()
    {
        await using var host = await DashboardHost.StartAsync(redis, worker: true);
        var process = await WaitForAsync(async () => (await host.Monitor.GetProcessesAsync(Ct)).SingleOrDefault());
        var (_, busy, _) = await GetAsync(host.Http, "/jobs/busy");
        Assert.Contains(process.Id, busy, StringComparison.Ordinal);

        var quiet = await PostAsync(host.Http, "/jobs/actions/process", ("__RequestVerificationToken", Token(busy)), ("process", process.Id), ("signal", "quiet"), ("returnTo", "/jobs/busy"));
        Assert.EndsWith("notice=quieted&n=1", quiet.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(ProcessSignal.Quiet, await host.Monitor.GetProcessSignalAsync(process.Id, Ct));

        // Quiet: the worker stays registered but leaves new jobs alone.
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // several heartbeats
        var id = await host.Client.EnqueueSendEmailAsync(1, "after quiet", cancellationToken: Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.False(host.Ledger.Runs.ContainsKey(id));
        Assert.Single(await host.Monitor.GetProcessesAsync(Ct));

        var stop = await PostAsync(host.Http, "/jobs/actions/process", ("__RequestVerificationToken", Token(busy)), ("process", process.Id), ("signal", "stop"), ("returnTo", "/jobs/busy"));
        Assert.Equal(HttpStatusCode.SeeOther, stop.StatusCode);
        await WaitForAsync(async () => (await host.Monitor.GetProcessesAsync(Ct)).Count == 0 ? "gone" : null);

        var gone = await PostAsync(host.Http, "/jobs/actions/process", ("__RequestVerificationToken", Token(busy)), ("process", process.Id), ("signal", "stop"), ("returnTo", "/jobs/busy"));
        Assert.Equal(HttpStatusCode.Conflict, gone.StatusCode);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("the condition did not hold within 10 s");
    }
}
