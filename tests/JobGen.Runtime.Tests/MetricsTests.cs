using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JobGen.Runtime.Tests.Support;

namespace JobGen.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Runs_are_measured_on_the_JobGen_meter()
    {
        // Other tests run jobs at the same time: count only this test's job name.
        var job = "metrics." + Guid.NewGuid().ToString("N");
        var values = new ConcurrentQueue<(string Instrument, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "JobGen")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        var done = new Countdown(3);
        await using var h = WorkerHarness.Create(new TestDispatcher().Add(job, run =>
        {
            done.Hit();
            if (run.Arg == "fail")
            {
                throw new InvalidOperationException("x");
            }
        }));
        await h.Client.EnqueueManyAsync([TestDispatcher.Request(job, "ok"), TestDispatcher.Request(job, "ok"), TestDispatcher.Request(job, "fail")], TestContext.Current.CancellationToken);
        await h.StartAsync();
        await done.WaitAsync();
        await h.UntilAsync(() => values.Count(v => v.Instrument == "jobgen.job.duration") == 3, what: "three duration measurements");

        Assert.Equal(3, values.Where(v => v.Instrument == "jobgen.jobs.processed").Sum(v => v.Value));
        Assert.Equal(1, values.Where(v => v.Instrument == "jobgen.jobs.failed").Sum(v => v.Value));
        Assert.All(values.Where(v => v.Instrument == "jobgen.job.duration"), v => Assert.True(v.Value >= 0));

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "jobgen.job" && (string?)tag.Value == job)
                {
                    values.Enqueue((instrument.Name, value));
                }
            }
        }
    }
}
