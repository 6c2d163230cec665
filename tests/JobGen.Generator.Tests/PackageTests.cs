using System.Diagnostics;
using System.Reflection;

namespace JobGen.Generator.Tests;

/// <summary>
/// A newcomer's view: pack src/Runtime (which carries the generator under analyzers/dotnet/cs), then build a fresh
/// class library that references only that package, with warnings as errors and docs on. Offline: the package
/// comes from a temp feed, its dependencies from the machine's NuGet cache as a fallback folder.
/// </summary>
public sealed class PackageTests
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
    public async Task FreshLibraryReferencingThePackage_BuildsWithoutWarnings_AndGetsTheGeneratedApi()
    {
        var repo = Path.GetFullPath(Path.Combine(ProjectDirectory(), "..", ".."));
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var work = Path.Combine(Path.GetTempPath(), "jobgen-pack-" + Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(work, "feed");
        var lib = Path.Combine(work, "lib");
        Directory.CreateDirectory(lib);
        try
        {
            // The test project already built src/Runtime, the generator and the analyzers in this configuration.
            var pack = await Run(repo, "pack", "src/Runtime/JobGen.Runtime.csproj", "-c", configuration, "--no-build", "-o", feed, "--disable-build-servers");
            Assert.True(pack.ExitCode == 0, pack.Output);
            var package = Assert.Single(Directory.GetFiles(feed, "JobGen.*.nupkg"));
            var version = Path.GetFileNameWithoutExtension(package)["JobGen.".Length..];

            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(lib, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(lib, "Newcomer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <GenerateDocumentationFile>true</GenerateDocumentationFile>
                    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                    <RestorePackagesPath>{Path.Combine(work, "packages")}</RestorePackagesPath>
                    <RestoreFallbackFolders>{cache}</RestoreFallbackFolders>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="JobGen" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(lib, "Jobs.cs"), Job);

            var build = await Run(lib, "build", "Newcomer.csproj", "-c", "Debug", "--disable-build-servers");
            Assert.True(build.ExitCode == 0, build.Output);
            Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
            var generated = Directory.GetFiles(Path.Combine(lib, "obj"), "JobGen.NewcomerJobs.g.cs", SearchOption.AllDirectories);
            Assert.Contains("EnqueueSayHelloAsync", File.ReadAllText(Assert.Single(generated)), StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp folder left behind is harmless
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point the child build at the wrong SDK pieces.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string ProjectDirectory() =>
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
}
