using System.Reflection;

[assembly: AssemblyFixture(typeof(JobGen.Packaging.Tests.PackedFeed))]

namespace JobGen.Packaging.Tests;

/// <summary>
/// The JobGen packages (<c>JobGen</c>, <c>JobGen.Redis</c>, <c>JobGen.Storage.Testing</c>, <c>JobGen.Testing</c>, <c>JobGen.OpenTelemetry</c>) packed once per run into a
/// temp folder feed, from the builds this test project depends on. A user project made by a test restores from that
/// feed, with the machine's NuGet cache as a fallback folder for third-party packages (offline).
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private static readonly string[] Projects = ["src/Runtime/JobGen.Runtime.csproj", "src/Redis/JobGen.Redis.csproj", "src/Storage.Testing/JobGen.Storage.Testing.csproj", "src/Testing/JobGen.Testing.csproj", "src/OpenTelemetry/JobGen.OpenTelemetry.csproj"];

    public string Root { get; } = Directory.CreateTempSubdirectory("jobgen-packages-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; private set; } = "";

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string Configuration => Metadata("Configuration");

    public async ValueTask InitializeAsync()
    {
        foreach (var project in Projects)
        {
            var pack = await DotnetCli.RunAsync(RepositoryRoot, TimeSpan.FromMinutes(3), "pack", project, "-c", Configuration, "--no-build", "-o", Feed, "--disable-build-servers");
            Assert.True(pack.ExitCode == 0, pack.Output);
        }

        var core = Assert.Single(Directory.GetFiles(Feed, "JobGen.*.nupkg"), f => char.IsDigit(Path.GetFileName(f)["JobGen.".Length]));
        Version = Path.GetFileNameWithoutExtension(core)["JobGen.".Length..];
    }

    /// <summary>A new folder for a user project, with a nuget.config that sees only the packed feed.</summary>
    public string NewProjectFolder(string name)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return folder;
    }

    /// <summary>Properties a user project needs here: its own package folder, the machine's cache as fallback.</summary>
    public string RestoreProperties(string folder)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <RestorePackagesPath>{Path.Combine(folder, "packages")}</RestorePackagesPath>
            <RestoreFallbackFolders>{cache}</RestoreFallbackFolders>
            """;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }

        return ValueTask.CompletedTask;
    }

    private static string Metadata(string key) =>
        typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
