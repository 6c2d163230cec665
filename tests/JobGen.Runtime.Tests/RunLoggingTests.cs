using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobGen.Runtime.Tests;

public sealed class RunLoggingTests
{
    [Fact]
    public async Task A_run_logs_its_start_and_end_and_the_jobs_own_lines_carry_its_scope()
    {
        var logs = new CapturingLoggerProvider();
        var ran = new Countdown(1);
        await using var h = WorkerHarness.Create(
            new TestDispatcher().Add("logged", run =>
            {
                run.Services.GetRequiredService<ILoggerFactory>().CreateLogger("App").LogInformation("sending the mail");
                ran.Hit();
            }),
            services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var id = await h.Client.EnqueueAsync(TestDispatcher.Request("logged", "x"), cancellationToken: TestContext.Current.CancellationToken);

        await h.StartAsync();
        await ran.WaitAsync();
        await h.UntilAsync(() => logs.Lines.Any(l => l.EventId == 31), what: "the end line");

        var started = Assert.Single(logs.Lines, l => l.EventId == 30);
        Assert.Equal(("JobGen.Jobs", LogLevel.Information), (started.Category, started.Level));
        Assert.Equal($"Job logged ({id}) started on queue default, attempt 1", started.Message);
        var finished = Assert.Single(logs.Lines, l => l.EventId == 31);
        Assert.Matches($@"^Job logged \({id}\) succeeded in [0-9.]+ ms$", finished.Message);
        var own = Assert.Single(logs.Lines, l => l.Category == "App");
        foreach (var line in new[] { started, own, finished })
        {
            Assert.Equal(id, line.Scope["JobId"]);
            Assert.Equal("logged", line.Scope["Job"]);
            Assert.Equal("default", line.Scope["Queue"]);
            Assert.Equal(1, line.Scope["Attempt"]);
        }

        // Lines outside runs (the worker starting) carry no job scope.
        Assert.All(logs.Lines.Where(l => l.Category == "JobGen.Worker" && l.EventId == 1), l => Assert.False(l.Scope.ContainsKey("JobId")));
    }

    [Fact]
    public async Task A_failed_run_ends_with_failed_and_its_retry_line_is_in_the_scope()
    {
        var logs = new CapturingLoggerProvider();
        await using var h = WorkerHarness.Create(
            new TestDispatcher().Add("broken", _ => throw new InvalidOperationException("boom")),
            services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var id = await h.Client.EnqueueAsync(TestDispatcher.Request("broken", "x"), cancellationToken: TestContext.Current.CancellationToken);

        await h.StartAsync();
        await h.UntilAsync(() => logs.Lines.Any(l => l.EventId == 31), what: "the end line");

        Assert.Matches($@"^Job broken \({id}\) failed in [0-9.]+ ms$", Assert.Single(logs.Lines, l => l.EventId == 31).Message);
        var retry = Assert.Single(logs.Lines, l => l.EventId == 10);
        Assert.Equal(id, retry.Scope["JobId"]);
        Assert.Equal(1, retry.Scope["Attempt"]);
    }

    [Fact]
    public async Task The_run_lines_follow_the_configured_level_and_the_scope_stays()
    {
        var logs = new CapturingLoggerProvider();
        var ran = new Countdown(2);
        await using var h = WorkerHarness.Create(
            new TestDispatcher().Add("quiet", run =>
            {
                run.Services.GetRequiredService<ILoggerFactory>().CreateLogger("App").LogWarning("inside");
                ran.Hit();
            }),
            configure: o => o.Worker.RunLogLevel = LogLevel.Debug,
            services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information)));
        await h.Client.EnqueueManyAsync([TestDispatcher.Request("quiet", "a"), TestDispatcher.Request("quiet", "b")], TestContext.Current.CancellationToken);

        await h.StartAsync();
        await ran.WaitAsync();
        await h.StopAsync();

        Assert.DoesNotContain(logs.Lines, l => l.Category == "JobGen.Jobs");
        var own = logs.Lines.Where(l => l.Category == "App").ToList();
        Assert.Equal(2, own.Count);
        Assert.Equal(2, own.Select(l => l.Scope["JobId"]).Distinct().Count());
    }
}
