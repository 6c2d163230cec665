using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JobGen.Runtime.Tests;

public sealed class HostingTests
{
    [Theory]
    [InlineData("JobGen:Worker:Concurrency", "0", "JobGen:Worker:Concurrency must be between 1 and 1000; it is 0.")]
    [InlineData("JobGen:Worker:Queues:0", "critical,zero", "JobGen:Worker:Queues:0 must be \"name\" or \"name,weight\": the weight in 'critical,zero' must be a whole number of at least 1.")]
    [InlineData("JobGen:Worker:LeaseDuration", "00:00:01", "JobGen:Worker:LeaseDuration must be at least 00:00:03")]
    [InlineData("JobGen:Worker:ShutdownTimeout", "00:00:00", "JobGen:Worker:ShutdownTimeout must be a positive time span such as 00:00:05; it is 00:00:00.")]
    [InlineData("JobGen:DeadJobsMaxCount", "0", "JobGen:DeadJobsMaxCount must be at least 1; it is 0.")]
    public async Task Invalid_options_fail_the_host_start_with_a_message_that_says_what_to_change(string key, string value, string message)
    {
        using var host = BuildHost(new Dictionary<string, string?> { [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Options_bind_from_the_JobGen_section()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["JobGen:MaxPayloadBytes"] = "5000",
            ["JobGen:Worker:Concurrency"] = "32",
            ["JobGen:Worker:Queues:0"] = "critical,3",
            ["JobGen:Worker:Queues:1"] = "default",
            ["JobGen:Worker:ShutdownTimeout"] = "00:00:07",
            ["JobGen:Worker:Enabled"] = "false",
        });

        var options = host.Services.GetRequiredService<IOptions<JobGenOptions>>().Value;
        Assert.Equal(5000, options.MaxPayloadBytes);
        Assert.Equal(32, options.Worker.Concurrency);
        Assert.Equal(["critical,3", "default"], options.Worker.Queues);
        Assert.Equal(TimeSpan.FromSeconds(7), options.Worker.ShutdownTimeout);
        Assert.False(options.Worker.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Worker.LeaseDuration); // untouched default
    }

    [Fact]
    public async Task A_host_runs_jobs_with_the_worker_as_a_hosted_service()
    {
        var done = new Countdown(3);
        var dispatcher = new TestDispatcher().Add("job", _ => done.Hit());
        using var host = BuildHost([], dispatcher);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var client = host.Services.GetRequiredService<IJobClient>();
        for (var i = 0; i < 3; i++)
        {
            await client.EnqueueAsync(TestDispatcher.Request("job", "x"), cancellationToken: TestContext.Current.CancellationToken);
        }

        await done.WaitAsync();
        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(host.Services.GetRequiredService<JobWorker>().ProcessId);
    }

    [Fact]
    public async Task An_enqueue_only_app_disables_the_worker_and_still_enqueues()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["JobGen:Worker:Enabled"] = "false" });
        await host.StartAsync(TestContext.Current.CancellationToken);
        var id = await host.Services.GetRequiredService<IJobClient>().EnqueueAsync(TestDispatcher.Request("job", "x"), cancellationToken: TestContext.Current.CancellationToken);
        var queue = await host.Services.GetRequiredService<JobMonitor>().GetQueueAsync("default", TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(id);
        Assert.Equal(1, queue.Ready);
        Assert.Null(host.Services.GetRequiredService<JobWorker>().ProcessId);
    }

    private static IHost BuildHost(Dictionary<string, string?> config, TestDispatcher? jobs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddJobGen().UseInMemory();
        builder.Services.AddSingleton<IJobDispatcher>(jobs ?? new TestDispatcher());
        return builder.Build();
    }
}
