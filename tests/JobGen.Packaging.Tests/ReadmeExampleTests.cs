using JobGen.TestServers;

namespace JobGen.Packaging.Tests;

/// <summary>
/// The README's first example, as a user writes it: a console app on the <c>JobGen</c> and <c>JobGen.Redis</c>
/// packages (plus <c>Microsoft.Extensions.Hosting</c> for the host) restores, builds and runs against a real
/// redis-server: the enqueued job and the scheduled one both run.
/// </summary>
public sealed class ReadmeExampleTests(PackedFeed packages)
{
    private const string Program = """
        using System.Collections.Concurrent;
        using JobGen;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IEmailSender, ConsoleEmailSender>();

        // startup, as in the README
        builder.Services.AddJobGen(o => o.Worker.Queues = ["mailers", "default"]).UseRedis(args[0]);
        builder.Services.AddReadmeAppJobs();

        using var host = builder.Build();
        await host.StartAsync();
        var jobs = host.Services.GetRequiredService<IJobClient>();

        // in a request handler
        string id = await jobs.EnqueueSendWelcomeEmailAsync(userId: 42, locale: "en");
        await jobs.ScheduleSendWelcomeEmailAsync(43, "fr", runAt: DateTimeOffset.UtcNow.AddSeconds(1));

        var sent = (ConsoleEmailSender)host.Services.GetRequiredService<IEmailSender>();
        for (var i = 0; i < 300 && sent.Keys.Count < 2; i++)
        {
            await Task.Delay(100);
        }

        Console.WriteLine($"enqueued {id.Length}-char id; sent: {string.Join(" ", sent.Keys.Order())}");
        await host.StopAsync();
        return sent.Keys.Count == 2 ? 0 : 1;

        public interface IEmailSender
        {
            Task SendWelcomeAsync(int userId, string locale, string idempotencyKey, CancellationToken ct);
        }

        public sealed class ConsoleEmailSender : IEmailSender
        {
            public ConcurrentBag<string> Keys { get; } = [];

            public Task SendWelcomeAsync(int userId, string locale, string idempotencyKey, CancellationToken ct)
            {
                Keys.Add($"{idempotencyKey}/{locale}");
                return Task.CompletedTask;
            }
        }

        public sealed class WelcomeJobs(IEmailSender email)
        {
            [BackgroundJob("emails.welcome", Queue = "mailers", MaxAttempts = 10)]
            public async Task SendWelcomeEmail(int userId, string locale, CancellationToken ct)
                => await email.SendWelcomeAsync(userId, locale, idempotencyKey: $"welcome:{userId}", ct);
        }
        """;

    [Fact]
    public async Task The_readme_example_runs_on_JobGen_and_JobGen_Redis_against_a_real_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var app = packages.NewProjectFolder("ReadmeApp");
        File.WriteAllText(Path.Combine(app, "ReadmeApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {packages.RestoreProperties(app)}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="JobGen" Version="{packages.Version}" />
                <PackageReference Include="JobGen.Redis" Version="{packages.Version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.13" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);

        var run = await DotnetCli.RunAsync(app, TimeSpan.FromMinutes(5), "run", "-c", "Debug", "--disable-build-servers", "--", redis.Configuration);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("enqueued 32-char id; sent: welcome:42/en welcome:43/fr", run.Output, StringComparison.Ordinal);
        Assert.Contains(CoreOnlyProjectTests.RestoredLibraries(Path.Combine(app, "obj", "project.assets.json")),
            name => name.StartsWith("StackExchange.Redis/", StringComparison.Ordinal));
    }
}
