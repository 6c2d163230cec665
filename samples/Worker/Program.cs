using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SampleJobs;
using SampleWorker;

// A standalone JobGen worker: runs the jobs of samples/Jobs from Redis until SIGTERM/SIGINT.
// Publish it as a Native AOT executable: dotnet publish samples/Worker -c Release -r linux-x64
if (CommandLine.WantsHelp(args))
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

if (CommandLine.FindUnknown(args) is { } unknown)
{
    Console.Error.WriteLine($"worker: unknown option '{unknown}' (see --help)");
    return 1;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings());

WorkerSettings settings;
try
{
    settings = WorkerSettings.From(builder.Configuration);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"worker: {e.Message}");
    return 1;
}

var (redis, error) = await RedisConnection.ConnectAsync(settings.Redis);
if (redis is null)
{
    Console.Error.WriteLine($"worker: {error}");
    return 2;
}

builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss.fff ";
});

// The host waits this long for hosted services to stop: the worker's own deadline plus time to return
// unfinished jobs to Redis and deregister, so the host never cuts the worker's shutdown short.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(5));
builder.Services.AddSingleton(redis);
if (settings.Journal is { } path)
{
    builder.Services.AddSingleton<IJobJournal>(sp => new FileJobJournal(path, TimeProvider.System));
}
else
{
    builder.Services.AddSingleton<IJobJournal, LoggingJobJournal>();
}

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SampleWorker");
WorkerLog.Starting(logger, settings.Redis, string.Join(',', settings.Queues), settings.Concurrency, settings.ShutdownTimeout.TotalSeconds);
await host.RunAsync();
WorkerLog.Stopped(logger);
return 0;
