using System.Diagnostics;

namespace JobGen.Telemetry.Tests;

public sealed class TracingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_enqueue_is_a_producer_span_and_its_run_a_consumer_span_in_the_same_trace()
    {
        await using var host = await TelemetryHost.StartAsync();
        var id = await host.Client.EnqueueSucceedAsync(7, cancellationToken: Ct);
        await Eventually.UntilAsync(() => host.ExportedSpans().Any(s => s.Kind == ActivityKind.Consumer && Tag(s, "messaging.message.id") == id), "the run's span");

        var spans = host.ExportedSpans();
        var send = Assert.Single(spans, s => s.Kind == ActivityKind.Producer && Tag(s, "messaging.message.id") == id);
        var process = Assert.Single(spans, s => s.Kind == ActivityKind.Consumer && Tag(s, "messaging.message.id") == id);

        Assert.Equal("send tel.ok", send.DisplayName);
        Assert.Equal("process tel.ok", process.DisplayName);
        Assert.Equal(send.TraceId, process.TraceId);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        foreach (var (span, operation) in new[] { (send, "send"), (process, "process") })
        {
            Assert.Equal("jobgen", Tag(span, "messaging.system"));
            Assert.Equal(operation, Tag(span, "messaging.operation.type"));
            Assert.Equal(operation, Tag(span, "messaging.operation.name"));
            Assert.Equal("tel", Tag(span, "messaging.destination.name"));
            Assert.Equal("tel.ok", Tag(span, "jobgen.job"));
        }

        Assert.Equal(1, process.GetTagItem("jobgen.attempt"));
        Assert.True((int)process.GetTagItem("messaging.message.body.size")! > 0);
        Assert.Equal(ActivityStatusCode.Unset, process.Status);
    }

    [Fact]
    public async Task An_enqueue_inside_a_request_joins_the_request_trace()
    {
        await using var host = await TelemetryHost.StartAsync();
        using var app = new ActivitySource(TelemetryHost.AppSource);
        string id;
        ActivityTraceId trace;
        using (var request = app.StartActivity("POST /signup", ActivityKind.Server))
        {
            trace = request!.TraceId;
            id = await host.Client.EnqueueSucceedAsync(1, cancellationToken: Ct);
            Assert.Same(request, Activity.Current); // the producer span ended and the caller's is current again
        }

        await Eventually.UntilAsync(() => host.ExportedSpans().Any(s => s.Kind == ActivityKind.Consumer && Tag(s, "messaging.message.id") == id), "the run's span");
        var spans = host.ExportedSpans();
        Assert.All(spans.Where(s => Tag(s, "messaging.message.id") == id), s => Assert.Equal(trace, s.TraceId));
    }

    [Fact]
    public async Task A_retry_and_a_death_are_events_on_the_run_spans()
    {
        await using var host = await TelemetryHost.StartAsync();
        var id = await host.Client.EnqueueFailAsync("boom", cancellationToken: Ct);
        await Eventually.UntilAsync(() => host.ExportedSpans().Count(s => s.Kind == ActivityKind.Consumer && Tag(s, "messaging.message.id") == id) == 2, "both runs' spans");

        var runs = host.ExportedSpans().Where(s => s.Kind == ActivityKind.Consumer && Tag(s, "messaging.message.id") == id).OrderBy(s => s.GetTagItem("jobgen.attempt")).ToList();
        Assert.All(runs, r =>
        {
            Assert.Equal(ActivityStatusCode.Error, r.Status);
            Assert.Equal("boom", r.StatusDescription);
            Assert.Equal(typeof(InvalidOperationException).FullName, Tag(r, "error.type"));
            Assert.Contains(r.Events, e => e.Name == "exception");
        });

        var retry = Assert.Single(runs[0].Events, e => e.Name == "jobgen.retry");
        Assert.Equal(1, retry.Tags.Single(t => t.Key == "jobgen.attempt").Value);
        Assert.Equal(2, retry.Tags.Single(t => t.Key == "jobgen.max_attempts").Value);
        Assert.DoesNotContain(runs[0].Events, e => e.Name == "jobgen.dead");

        var dead = Assert.Single(runs[1].Events, e => e.Name == "jobgen.dead");
        Assert.Equal("AttemptsExhausted", dead.Tags.Single(t => t.Key == "jobgen.dead.reason").Value);
        Assert.Equal(2, runs[1].GetTagItem("jobgen.attempt"));
        Assert.Equal(runs[0].ParentSpanId, runs[1].ParentSpanId); // both runs continue the one producer span
    }

    [Fact]
    public async Task A_bulk_enqueue_is_one_producer_span_that_every_run_continues()
    {
        await using var host = await TelemetryHost.StartAsync();
        var ids = await host.Client.EnqueueManyAsync([JobGenTelemetryTestsJobs.CreateSucceedRequest(1), JobGenTelemetryTestsJobs.CreateSucceedRequest(2), JobGenTelemetryTestsJobs.CreateSucceedRequest(3)], Ct);
        await Eventually.UntilAsync(() => ids.All(id => host.ExportedSpans().Any(s => s.Kind == ActivityKind.Consumer && Tag(s, "messaging.message.id") == id)), "every run's span");

        var spans = host.ExportedSpans();
        var runs = spans.Where(s => s.Kind == ActivityKind.Consumer && ids.Contains(Tag(s, "messaging.message.id"))).ToList();
        var send = Assert.Single(spans, s => s.Kind == ActivityKind.Producer && s.SpanId == runs[0].ParentSpanId);
        Assert.Equal("send tel.ok", send.DisplayName);
        Assert.Equal(3, send.GetTagItem("messaging.batch.message_count"));
        Assert.All(runs, r => Assert.Equal(send.SpanId, r.ParentSpanId));
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) as string;
}
