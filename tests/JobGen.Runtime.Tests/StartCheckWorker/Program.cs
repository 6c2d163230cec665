// Usage: Shop.Worker register|forget <queue>...
// An ordinary worker host on the in-memory storage, working the given queues. With "forget" it does not call the
// generated AddShopWorkerJobs(). Warnings go to the console; prints "ready" once started, then a line "stop" on
// stdin (or stdin closing) stops it and it prints "stopped". A start-up failure is printed and exits with 1.
using JobGen;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddJobGen(o => o.Worker.Queues = [.. args.Skip(1)]).UseInMemory();
if (args[0] == "register")
{
    builder.Services.AddShopWorkerJobs();
}

using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync("start failed: " + ex.Message);
    return 1;
}

Console.WriteLine("ready");
while (await Console.In.ReadLineAsync() is { } line && line != "stop")
{
}

await host.StopAsync();
Console.WriteLine("stopped");
return 0;
