// JobGen quick start: enqueue a realistic mix of jobs through the generated typed methods, run them with the
// real worker on the embedded store (or Redis with --redis HOST:PORT), and print one summary line:
//     processed=N failed=N elapsed=S.SSs rate=N/s
// "processed" counts every run (Sidekiq's meaning), so the 1% of jobs that fail once add one failed run each.
using System.Diagnostics;
using System.Globalization;
using JobGen;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuickStart;
using QuickStart.Jobs;

if (!DemoArgs.TryParse(args, out var demo))
{
    Console.Error.WriteLine("usage: dotnet run --project samples/QuickStart [-- [--jobs N] [--redis HOST:PORT]]");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("JobGen", LogLevel.Error); // the retries are expected
builder.Services.AddSingleton<DemoCounters>();
builder.Services.AddSingleton<IEmailSender, CountingEmailSender>();
builder.Services.AddQuickStartJobs(); // generated: registers this assembly's job dispatcher
var jobs = builder.Services.AddJobGen(o =>
{
    o.Worker.Concurrency = 16;
    o.Worker.Queues = ["mailers,3", "media,2", "default,1"]; // weighted, Sidekiq style
    o.Worker.PollInterval = TimeSpan.FromMilliseconds(100); // promote the demo's quick retries quickly
}).UseRetryPolicy(new QuickRetryPolicy());
if (!StorageChoice.Apply(jobs, demo.Redis))
{
    return 2;
}

using var host = builder.Build();
var client = host.Services.GetRequiredService<IJobClient>();
var monitor = host.Services.GetRequiredService<JobMonitor>();
var counters = host.Services.GetRequiredService<DemoCounters>();
var before = await monitor.GetStatsAsync(0);

var clock = Stopwatch.StartNew();
await host.StartAsync();

var flaky = Math.Max(1, demo.Jobs / 100);
var welcome = demo.Jobs * 6 / 10;
var thumbnails = demo.Jobs - welcome - flaky;
for (var i = 0; i < welcome; i++)
{
    await client.EnqueueSendWelcomeEmailAsync(new WelcomeEmail(i, $"user{i}@example.com", i % 5 == 0 ? "fr" : "en"));
}

// Bulk: build requests with the generated Create...Request and store them in one call per batch.
for (var done = 0; done < thumbnails; done += 500)
{
    var batch = Enumerable.Range(done, Math.Min(500, thumbnails - done))
        .Select(_ => QuickStartJobs.CreateRenderThumbnailsRequest(Guid.CreateVersion7(), [64, 128, 256, 512]))
        .ToList();
    await client.EnqueueManyAsync(batch);
}

for (var i = 0; i < flaky; i++)
{
    await client.EnqueueSyncInvoiceAsync(invoiceId: 10_000 + i, amount: 19.99m * (i + 1));
}

counters.Expect(demo.Jobs);
Console.WriteLine($"enqueued {demo.Jobs:N0} jobs ({welcome:N0} welcome emails, {thumbnails:N0} thumbnails, {flaky:N0} invoices that fail once) in {clock.Elapsed.TotalSeconds:F2}s");
var giveUp = TimeSpan.FromMinutes(2);
while (!counters.AllDone.IsCompleted)
{
    await Task.WhenAny(counters.AllDone, Task.Delay(250));
    Console.WriteLine($"  {counters.CompletedCount:N0}/{demo.Jobs:N0} jobs done after {clock.Elapsed.TotalSeconds:F2}s");
    if (clock.Elapsed > giveUp)
    {
        Console.Error.WriteLine($"gave up after {giveUp.TotalSeconds:F0}s with {counters.CompletedCount} of {demo.Jobs} jobs done");
        return 1;
    }
}

var elapsed = clock.Elapsed.TotalSeconds;
await host.StopAsync(); // graceful: flushes the stats counters
var after = await monitor.GetStatsAsync(0);
var processed = after.Processed - before.Processed;
var failed = after.Failed - before.Failed;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"processed={processed} failed={failed} elapsed={elapsed:F2}s rate={(long)(processed / elapsed)}/s"));
return 0;

/// <summary>The demo's command line.</summary>
internal sealed record DemoArgs(int Jobs, string? Redis)
{
    public static bool TryParse(string[] args, out DemoArgs demo)
    {
        demo = new DemoArgs(10_000, null);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--jobs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= 100:
                    demo = demo with { Jobs = n };
                    i++;
                    break;
                case "--redis" when i + 1 < args.Length:
                    demo = demo with { Redis = args[i + 1] };
                    i++;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
