using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Publishes tests/JobGen.Benchmarks.AotWorker with Native AOT (<c>dotnet publish -c Release</c>; PublishAot is in its
/// csproj) into a fixed folder beside this program, so a second run re-publishes incrementally. A failed publish or
/// any IL2xxx/IL3xxx warning fails the run: the AOT worker must publish clean, as shipped workers do.
/// </summary>
public static partial class AotWorkerPublisher
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "aot-worker");

    public static async Task<WorkerBinary> PublishAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "tests", "JobGen.Benchmarks.AotWorker", "JobGen.Benchmarks.AotWorker.csproj");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No build servers: none may outlive the command holding our pipes open.
        foreach (var a in (string[])["publish", project, "-c", "Release", "-o", OutputDirectory, "--disable-build-servers", "-tl:off", "-nologo"])
        {
            start.ArgumentList.Add(a);
        }

        var started = Stopwatch.GetTimestamp();
        await Console.Error.WriteLineAsync($"e2e: publishing the Native AOT worker into {OutputDirectory} ...").ConfigureAwait(false);
        using var process = Process.Start(start) ?? throw new HarnessFailure("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new HarnessFailure($"dotnet publish of the AOT worker did not finish within {Timeout.TotalMinutes} minutes.");
        }

        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        var executable = Path.Combine(OutputDirectory, "JobGen.Benchmarks.AotWorker");
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new HarnessFailure($"dotnet publish of the AOT worker failed (exit {process.ExitCode}):\n{output}");
        }

        if (IlWarning().Matches(output) is { Count: > 0 } warnings)
        {
            throw new HarnessFailure($"The AOT worker published with trim/AOT warnings:\n{string.Join('\n', warnings.Select(w => w.Value.Trim()).Distinct())}");
        }

        await Console.Error.WriteLineAsync($"e2e: published in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s").ConfigureAwait(false);
        return WorkerBinary.Aot(executable);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JobGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new HarnessFailure($"JobGen.sln not found above {AppContext.BaseDirectory}: the AOT worker is published from the repository.");
    }

    // MSBuild prints "...: warning IL2026: ..." and ILC "ILC : AOT analysis warning IL3050: ...".
    [GeneratedRegex(@"^.*\b(warning|error)\s+IL[23]\d{3}\b.*$", RegexOptions.Multiline)]
    private static partial Regex IlWarning();
}
