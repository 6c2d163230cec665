using JobGen;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleApp;
using SampleWorker;

// A standalone JobGen worker: runs the jobs of samples/Jobs from Redis (or PostgreSQL, with --postgres) until
// SIGTERM/SIGINT.
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

// Fail fast and clearly when Redis is not there at start; once running, the storage reconnects by itself. (On
// PostgreSQL, the storage's own start check does this: server, database and schema version.)
if (settings.Postgres is null && await RedisConnection.PingAsync(settings.Redis) is { } error)
{
    Console.Error.WriteLine($"worker: {error}");
    return 2;
}

builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss.fff ";
});

var jobGen = builder.Services.AddJobGen(o =>
    {
        if (settings.Queues is { } queues)
        {
            o.Worker.Queues = [.. queues.Select(q => q.ToJobGenEntry())];
        }

        o.Worker.Concurrency = settings.Concurrency ?? o.Worker.Concurrency;
        o.Worker.ShutdownTimeout = settings.ShutdownTimeout ?? o.Worker.ShutdownTimeout;
    });
_ = settings.Postgres is { } postgres ? jobGen.UsePostgreSql(postgres) : jobGen.UseRedis(settings.Redis);
builder.Services.AddSampleAppJobs();

// The host gives hosted services this long to stop: the worker's deadline for running jobs, plus time to
// cancel the stragglers and return their leases, so the host never cuts the worker's own shutdown short.
builder.Services.AddOptions<HostOptions>().Configure<IOptions<JobGenOptions>>((host, jobGen) =>
    host.ShutdownTimeout = jobGen.Value.Worker.ShutdownTimeout + TimeSpan.FromSeconds(5));

if (settings.Journal is { } path)
{
    builder.Services.AddSingleton<IJobJournal>(_ => new FileJobJournal(path, TimeProvider.System));
}
else
{
    builder.Services.AddSingleton<IJobJournal, LoggingJobJournal>();
}

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SampleWorker");
var worker = host.Services.GetRequiredService<IOptions<JobGenOptions>>().Value.Worker;
WorkerLog.Starting(logger, settings.StorageDescription, string.Join(' ', worker.Queues), worker.Concurrency, worker.ShutdownTimeout.TotalSeconds);
try
{
    await host.RunAsync();
}
catch (InvalidOperationException e) when (settings.Postgres is not null)
{
    // The PostgreSQL start check: its message names the cause and the command that fixes it.
    Console.Error.WriteLine($"worker: {e.Message}");
    return 3;
}

WorkerLog.Stopped(logger);
return 0;
