// JobGen's telemetry on the console: enqueues a job from inside a "request" span, one that fails once and one that
// fails for good, runs them with the worker on the embedded store, and prints the spans (the producer span of each
// enqueue, the consumer span of each run with its retry or death event), the metrics and the job logger's lines.
//     dotnet run --project samples/Telemetry
using System.Diagnostics;
using JobGen;
using JobGen.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Telemetry;

using var app = new ActivitySource("Telemetry.Sample");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Logging.ClearProviders().AddSimpleConsole(o => o.IncludeScopes = true); // the run's scope: JobId, Job, Queue, Attempt
builder.Services.AddTelemetryJobs(); // generated: this assembly's jobs
builder.Services.AddJobGen(o => o.Worker.PollInterval = TimeSpan.FromMilliseconds(100))
    .UseInMemory()
    .UseRetryPolicy(new RetryAtOnce());
builder.Services.AddOpenTelemetry()
    .WithTracing(t => t.AddSource(app.Name).AddJobGenInstrumentation().AddConsoleExporter())
    .WithMetrics(m => m.AddJobGenInstrumentation(o => o.QueueMetricsInterval = TimeSpan.FromMilliseconds(200)).AddConsoleExporter());

using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<IJobClient>();
using (app.StartActivity("POST /orders", ActivityKind.Server))
{
    await client.EnqueueConfirmOrderAsync(orderId: 42);
}

await client.EnqueueSyncInvoiceAsync(invoiceId: 7, failuresBeforeSuccess: 1);
await client.EnqueueSyncInvoiceAsync(invoiceId: 8, failuresBeforeSuccess: 5); // two attempts: dies
await Task.Delay(TimeSpan.FromSeconds(2));
await host.StopAsync(); // flushes the exporters: the metrics print here
return 0;
