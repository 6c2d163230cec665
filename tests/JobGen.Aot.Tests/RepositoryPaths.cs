using System.Reflection;

namespace JobGen.Aot.Tests;

/// <summary>Where the repository and the samples are, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    /// <summary>The directory holding JobGen.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration these tests were built in (the samples were built in it too).</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value!;

    /// <summary>samples/Worker/Worker.csproj.</summary>
    public static string WorkerProject => Path.Combine(Root, "samples", "Worker", "Worker.csproj");

    /// <summary>The WebApp's framework-dependent dll, built with the tests.</summary>
    public static string WebAppDll => Path.Combine(Root, "samples", "WebApp", "bin", Configuration, "net10.0", "WebApp.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JobGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"JobGen.sln not found above {AppContext.BaseDirectory}.");
    }
}
