using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Runtime.Tests;

public sealed class MiddlewareTests
{
    [Fact]
    public async Task Server_middleware_wraps_each_run_in_registration_order_inside_the_job_scope()
    {
        var log = new CallLog();
        var done = new Countdown(1);
        var dispatcher = new TestDispatcher().Add("job", run =>
        {
            log.Add("job " + run.Services.GetRequiredService<ScopedThing>().Id);
            done.Hit();
        });
        await using var h = WorkerHarness.Create(
            dispatcher,
            build: b => b.AddServerMiddleware<OuterMiddleware>().AddServerMiddleware<InnerMiddleware>(),
            services: s => s.AddSingleton(log).AddScoped<ScopedThing>());
        await h.Client.EnqueueAsync(TestDispatcher.Request("job", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();
        await done.WaitAsync();
        await h.StopAsync();

        var calls = log.Calls.ToArray();
        Assert.Equal(5, calls.Length);
        var scopeId = calls[0].Split(' ')[1];
        Assert.Equal([$"outer> {scopeId}", $"inner> {scopeId}", $"job {scopeId}", "inner<", "outer<"], calls);
    }

    [Fact]
    public async Task Client_middleware_adds_headers_the_job_sees_and_can_veto_a_job()
    {
        var seen = new TaskCompletionSource<IReadOnlyDictionary<string, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Add("job", run => seen.TrySetResult(run.Envelope.Headers));
        var log = new CallLog();
        await using var h = WorkerHarness.Create(
            dispatcher,
            build: b => b.AddClientMiddleware(new TenantMiddleware(log)).AddClientMiddleware(new VetoMiddleware(log)));
        var ct = TestContext.Current.CancellationToken;

        var vetoed = await h.Client.EnqueueAsync(TestDispatcher.Request("job", "veto"), cancellationToken: ct);
        Assert.Equal(string.Empty, vetoed);
        Assert.Equal((0, 0, 0, 0), h.Count());

        var many = await h.Client.EnqueueManyAsync([TestDispatcher.Request("job", "veto"), TestDispatcher.Request("job", "ok")], ct);
        Assert.Equal(string.Empty, many[0]);
        Assert.NotEmpty(many[1]);
        Assert.Equal((1, 0, 0, 0), h.Count());

        await h.StartAsync();
        var headers = await seen.Task.WaitAsync(TimeSpan.FromSeconds(15), ct);
        Assert.Equal("acme", headers["tenant"]);
        Assert.Equal(["tenant veto", "veto veto", "tenant veto", "veto veto", "tenant ok", "veto ok"], log.Calls.ToArray());
    }

    [Fact]
    public async Task An_exception_from_server_middleware_fails_the_run_and_schedules_a_retry()
    {
        var ranJob = false;
        await using var h = WorkerHarness.Create(
            new TestDispatcher().Add("job", _ => ranJob = true),
            build: b => b.AddServerMiddleware<RejectingMiddleware>());
        await h.Client.EnqueueAsync(TestDispatcher.Request("job", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();

        await h.UntilAsync(() => h.Count().Scheduled == 1, what: "the retry");
        Assert.False(ranJob);
        Assert.Equal("System.UnauthorizedAccessException: tenant suspended", Assert.Single(h.Scheduled()).Envelope.LastError);
    }

    public sealed class RejectingMiddleware : IServerMiddleware
    {
        public ValueTask InvokeAsync(JobContext job, IServiceProvider services, JobRunDelegate next, CancellationToken cancellationToken) =>
            throw new UnauthorizedAccessException("tenant suspended");
    }

    public sealed class CallLog
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public void Add(string call) => Calls.Enqueue(call);
    }

    public sealed class ScopedThing
    {
        public string Id { get; } = Guid.NewGuid().ToString("N")[..6];
    }

    public sealed class OuterMiddleware(CallLog log, ScopedThing scoped) : IServerMiddleware
    {
        public async ValueTask InvokeAsync(JobContext job, IServiceProvider services, JobRunDelegate next, CancellationToken cancellationToken)
        {
            log.Add("outer> " + scoped.Id);
            await next();
            log.Add("outer<");
        }
    }

    public sealed class InnerMiddleware(CallLog log, ScopedThing scoped) : IServerMiddleware
    {
        public async ValueTask InvokeAsync(JobContext job, IServiceProvider services, JobRunDelegate next, CancellationToken cancellationToken)
        {
            log.Add("inner> " + scoped.Id);
            await next();
            log.Add("inner<");
        }
    }

    private sealed class TenantMiddleware(CallLog log) : IClientMiddleware
    {
        public ValueTask InvokeAsync(EnqueueContext job, EnqueueDelegate next, CancellationToken cancellationToken)
        {
            log.Add("tenant " + System.Text.Encoding.UTF8.GetString(job.Arguments.Span));
            job.Headers["tenant"] = "acme";
            return next();
        }
    }

    private sealed class VetoMiddleware(CallLog log) : IClientMiddleware
    {
        public ValueTask InvokeAsync(EnqueueContext job, EnqueueDelegate next, CancellationToken cancellationToken)
        {
            var arg = System.Text.Encoding.UTF8.GetString(job.Arguments.Span);
            log.Add("veto " + arg);
            return arg == "veto" ? ValueTask.CompletedTask : next();
        }
    }
}
