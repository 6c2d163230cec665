using System.Collections.Concurrent;
using System.Diagnostics;
using JobGen.Runtime.Tests.Support;

namespace JobGen.Runtime.Tests;

public sealed class TracingTests
{
    [Fact]
    public async Task The_job_run_span_continues_the_trace_of_the_enqueuer()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "JobGen" or "Tests.Enqueuer",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var enqueuer = new ActivitySource("Tests.Enqueuer");
        var ran = new Countdown(1);
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("traced", _ => ran.Hit()));

        string jobId;
        ActivityTraceId traceId;
        using (var request = enqueuer.StartActivity("POST /signup"))
        {
            traceId = request!.TraceId;
            jobId = await h.Client.EnqueueAsync(TestDispatcher.Request("traced", "x"), cancellationToken: TestContext.Current.CancellationToken);
        }

        await h.StartAsync();
        await ran.WaitAsync();
        await h.StopAsync();

        var run = Assert.Single(spans, s => s.Source.Name == "JobGen" && (string?)s.GetTagItem("messaging.message.id") == jobId && s.Kind == ActivityKind.Consumer);
        Assert.Equal("process traced", run.DisplayName);
        Assert.Equal(ActivityKind.Consumer, run.Kind);
        Assert.Equal(traceId, run.TraceId);
    }
}
