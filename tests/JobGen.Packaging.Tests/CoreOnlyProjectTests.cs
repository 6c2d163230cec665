using System.Text.Json;

namespace JobGen.Packaging.Tests;

/// <summary>
/// A newcomer's library that references only the <c>JobGen</c> package (which carries the generator and analyzers
/// under analyzers/dotnet/cs) and pins the Microsoft.Extensions packages at 10.0.0: it restores without NU1605
/// (the package's dependency floors are 10.0.0), builds with warnings as errors and docs on, gets the generated API,
/// and restores no StackExchange.Redis (the Redis storage is its own package).
/// </summary>
public sealed class CoreOnlyProjectTests(PackedFeed packages)
{
    private const string Job = """
        using System.Threading;
        using System.Threading.Tasks;
        using JobGen;

        namespace Newcomer;

        /// <summary>A newcomer's jobs.</summary>
        public static class HelloJobs
        {
            /// <summary>Says hello.</summary>
            [BackgroundJob(Queue = "greetings")]
            public static Task SayHello(string name, CancellationToken ct) => Task.CompletedTask;

            /// <summary>Uses the generated method: the build fails if it is missing.</summary>
            public static ValueTask<string> Use(IJobClient client) => client.EnqueueSayHelloAsync("world");
        }
        """;

    [Fact]
    public async Task A_library_on_JobGen_alone_builds_clean_gets_the_generated_api_and_restores_no_redis_client()
    {
        var lib = packages.NewProjectFolder("newcomer");
        File.WriteAllText(Path.Combine(lib, "Newcomer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                {packages.RestoreProperties(lib)}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="JobGen" Version="{packages.Version}" />
                <!-- An app that pins the lowest 10.0 patch: a higher floor in JobGen would be NU1605 (an error here). -->
                <PackageReference Include="Microsoft.Extensions.Options" Version="10.0.0" />
                <PackageReference Include="Microsoft.Extensions.Hosting.Abstractions" Version="10.0.0" />
                <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="10.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(lib, "Jobs.cs"), Job);

        var build = await DotnetCli.RunAsync(lib, TimeSpan.FromMinutes(4), "build", "Newcomer.csproj", "-c", "Debug", "--disable-build-servers");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        var generated = Directory.GetFiles(Path.Combine(lib, "obj"), "JobGen.NewcomerJobs.g.cs", SearchOption.AllDirectories);
        Assert.Contains("EnqueueSayHelloAsync", File.ReadAllText(Assert.Single(generated)), StringComparison.Ordinal);

        var restored = RestoredLibraries(Path.Combine(lib, "obj", "project.assets.json"));
        Assert.Contains(restored, name => name.StartsWith("JobGen/", StringComparison.Ordinal));
        Assert.Contains("Microsoft.Extensions.Options/10.0.0", restored);
        Assert.DoesNotContain(restored, name => name.StartsWith("StackExchange.Redis/", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every package of the restore graph, as <c>Name/Version</c>.</summary>
    internal static IReadOnlyList<string> RestoredLibraries(string assetsFile)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        return [.. assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name)];
    }
}
