using System.Text.Json;

namespace JobGen.Cli.Tests;

/// <summary>Every command against one Redis filled by <see cref="CliStore"/>, human output and <c>--json</c>.</summary>
public sealed class CliTests(CliStore store) : IClassFixture<CliStore>
{
    [Fact]
    public async Task Stats_counts_runs_jobs_by_state_and_live_workers()
    {
        var json = (await Ok("stats", "--json")).Json();
        Assert.True(json.GetProperty("processed").GetInt64() >= 4);
        Assert.True(json.GetProperty("failed").GetInt64() >= 4);
        Assert.Equal(1, json.GetProperty("processes").GetInt32());
        Assert.InRange(json.GetProperty("dead").GetInt64(), 1, 3);
        Assert.Equal(7, json.GetProperty("days").GetArrayLength());

        var human = await Ok("stats");
        Assert.Contains("Processed  ", human.Output);
        Assert.Contains("Workers    1 process, 0 of 10 processors busy", human.Output);
        Assert.Contains("DAY ", human.Output);
    }

    [Fact]
    public async Task Queues_lists_every_queue_with_its_sizes()
    {
        var queues = (await Ok("queues", "--json")).Json().EnumerateArray().ToDictionary(q => q.GetProperty("queue").GetString()!);
        Assert.Equal(2, queues["mail"].GetProperty("ready").GetInt64());
        Assert.Equal(1, queues["mail"].GetProperty("scheduled").GetInt64());
        Assert.True(queues["mail"].GetProperty("latencySeconds").GetDouble() > 0);
        Assert.Equal(1, queues["work"].GetProperty("scheduled").GetInt64());

        var lines = (await Ok("queues")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^QUEUE\s+READY\s+RUNNING\s+SCHEDULED\s+DEAD\s+LATENCY\s+STATE$", lines[0]);
        Assert.Matches(@"^mail\s+2\s+0\s+1\s+0\s+[0-9smhd ]+s\s+active$", lines.Single(l => l.StartsWith("mail ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Processes_lists_the_live_worker()
    {
        var process = Assert.Single((await Ok("processes", "--json")).Json().EnumerateArray());
        Assert.Equal(["other"], process.GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(Environment.ProcessId, process.GetProperty("pid").GetInt32());
        Assert.Matches(@"^PROCESS\s+HOST\s+PID\s+BUSY\s+UP\s+VERSION\s+QUEUES", (await Ok("processes")).Output);
    }

    [Fact]
    public async Task Scheduled_and_retries_list_the_waiting_jobs_apart()
    {
        var scheduled = Assert.Single((await Ok("scheduled", "--json")).Json().EnumerateArray());
        Assert.Equal(store.ScheduledId, scheduled.GetProperty("id").GetString());
        Assert.Equal("cli.later", scheduled.GetProperty("job").GetString());
        Assert.Equal(0, scheduled.GetProperty("attempt").GetInt32());

        var retry = Assert.Single((await Ok("retries", "--json")).Json().EnumerateArray());
        Assert.Equal(store.RetryId, retry.GetProperty("id").GetString());
        Assert.Equal(1, retry.GetProperty("attempt").GetInt32());
        Assert.Contains("failed on purpose", retry.GetProperty("lastError").GetString());
        Assert.Empty((await Ok("retries", "--json", "--queue", "mail")).Json().EnumerateArray());

        Assert.Contains("in 59m", (await Ok("scheduled")).Output);
        Assert.Matches(@"1/5\s+in ", (await Ok("retries")).Output);
    }

    [Fact]
    public async Task Dead_show_lists_and_shows_a_dead_job_and_an_unknown_id_exits_4()
    {
        var id = store.DeadIds[2];
        var listed = (await Ok("dead", "list", "--json")).Json().EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Contains(id, listed);

        var shown = (await Ok("dead", "show", id, "--json")).Json();
        Assert.Equal("AttemptsExhausted", shown.GetProperty("reason").GetString());
        Assert.Equal("cli.dies", shown.GetProperty("envelope").GetProperty("job").GetString());
        Assert.Contains("InvalidOperationException", shown.GetProperty("exceptionType").GetString());
        Assert.False(string.IsNullOrEmpty(shown.GetProperty("stackTrace").GetString()));

        var human = await Ok("dead", "show", id);
        Assert.Contains($"Id         {id}", human.Output);
        Assert.Contains("Reason     AttemptsExhausted", human.Output);

        var missing = await CliProcess.RunAsync(store.Connection, "dead", "show", "no-such-job");
        Assert.Equal(4, missing.ExitCode);
        Assert.Equal("jobgen: no dead job with id no-such-job.", missing.Error.Trim());
    }

    [Fact]
    public async Task Dead_retry_puts_a_job_back_and_dead_delete_removes_one()
    {
        var retried = (await Ok("dead", "retry", store.DeadIds[0], "--json")).Json();
        Assert.Equal("retried", retried.GetProperty("action").GetString());
        var deleted = await Ok("dead", "delete", store.DeadIds[1]);
        Assert.StartsWith($"Deleted dead job {store.DeadIds[1]} (cli.dies) from queue work.", deleted.Output);

        var dead = (await Ok("dead", "list", "--json", "--queue", "work")).Json().EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(store.DeadIds[0], dead);
        Assert.DoesNotContain(store.DeadIds[1], dead);
        var work = (await Ok("queues", "--json")).Json().EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "work");
        Assert.Equal(1, work.GetProperty("ready").GetInt64()); // the retried job, nobody works "work" now

        Assert.Equal(4, (await CliProcess.RunAsync(store.Connection, "dead", "delete", store.DeadIds[1])).ExitCode);
    }

    [Fact]
    public async Task Pause_and_resume_a_queue()
    {
        Assert.Equal("Paused queue pausable: workers stop fetching from it.", (await Ok("pause", "pausable")).Output.Trim());
        Assert.True(Queue((await Ok("queues", "--json")).Json(), "pausable").GetProperty("paused").GetBoolean());
        Assert.Matches(@"pausable\s+1\s+0\s+0\s+0\s+[0-9smhd ]+s\s+paused", (await Ok("queues")).Output);

        Assert.False((await Ok("resume", "pausable", "--json")).Json().GetProperty("paused").GetBoolean());
        Assert.False(Queue((await Ok("queues", "--json")).Json(), "pausable").GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Schedules_lists_the_recurring_schedules()
    {
        var schedule = Assert.Single((await Ok("schedules", "--json")).Json().EnumerateArray());
        Assert.Equal("nightly-report", schedule.GetProperty("name").GetString());
        Assert.Equal("0 3 * * *", schedule.GetProperty("cron").GetString());
        Assert.Equal("cli.report", schedule.GetProperty("job").GetString());
        Assert.Equal(JsonValueKind.String, schedule.GetProperty("nextTick").ValueKind);
        Assert.Matches(@"^NAME\s+CRON\s+ZONE\s+JOB\s+QUEUE\s+LAST TICK\s+NEXT TICK\s*\nnightly-report\s+0 3 \* \* \*", (await Ok("schedules")).Output);
    }

    [Fact]
    public async Task The_connection_comes_from_the_environment_when_not_given()
    {
        var result = await CliProcess.RunAsync(null, new Dictionary<string, string> { ["JOBGEN_CONNECTION"] = store.Connection }, "queues", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Json().EnumerateArray(), q => q.GetProperty("queue").GetString() == "mail");
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_2()
    {
        var unknown = await CliProcess.RunAsync(store.Connection, "queues", "--bogus");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("jobgen: Unrecognized command or argument '--bogus'", unknown.Error);
        Assert.Contains("Usage:", unknown.Error);
        Assert.Equal("", unknown.Output);

        var noSubcommand = await CliProcess.RunAsync(store.Connection, "dead");
        Assert.Equal(2, noSubcommand.ExitCode);
        Assert.Contains("list", noSubcommand.Error);

        var noConnection = await CliProcess.RunAsync(null, "queues");
        Assert.Equal(2, noConnection.ExitCode);
        Assert.Equal("jobgen: no storage given: pass --connection or set JOBGEN_CONNECTION.", noConnection.Error.Trim());

        var migrateRedis = await CliProcess.RunAsync(store.Connection, "migrate");
        Assert.Equal(2, migrateRedis.ExitCode);
        Assert.StartsWith("jobgen: migrate applies to PostgreSQL only", migrateRedis.Error);
    }

    [Fact]
    public async Task An_unreachable_storage_is_one_line_and_exit_3_with_the_trace_only_when_verbose()
    {
        var nowhere = $"127.0.0.1:{JobGen.TestServers.FreePorts.Next()}";
        var quiet = await CliProcess.RunAsync(nowhere, "queues");
        Assert.Equal(3, quiet.ExitCode);
        var line = Assert.Single(quiet.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"jobgen: cannot reach Redis {nowhere}: ", line);

        var verbose = await CliProcess.RunAsync(nowhere, "queues", "--verbose");
        Assert.Equal(3, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error);
    }

    private static JsonElement Queue(JsonElement queues, string name) => queues.EnumerateArray().Single(q => q.GetProperty("queue").GetString() == name);

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await CliProcess.RunAsync(store.Connection, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        return result;
    }
}
