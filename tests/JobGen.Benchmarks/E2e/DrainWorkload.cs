using System.Diagnostics;
using System.Text.Json;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Drain: the queue already holds N no-op jobs; a separate worker process (<see cref="DrainWorker"/>) drains it.
/// Throughput is N over the time from the first job's start to the last job's end, as seen by the worker.
/// </summary>
public static class DrainWorkload
{
    public static async Task<ResultLine> RunAsync(string redis, string queue, int jobs, int concurrency)
    {
        var options = new DrainWorkerOptions(redis, queue, jobs, concurrency);
        var start = SelfProcess.StartInfo(options.ToArgs());
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new HarnessFailure("The drain worker did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (last is null)
        {
            throw new HarnessFailure($"The drain worker exited with {process.ExitCode} and no result.\n{output}\n{await stderr.ConfigureAwait(false)}");
        }

        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        if (root.GetProperty("error").GetString() is { } error)
        {
            throw new HarnessFailure($"Drain: {error}");
        }

        if (process.ExitCode != 0)
        {
            throw new HarnessFailure($"The drain worker exited with {process.ExitCode}.\n{await stderr.ConfigureAwait(false)}");
        }

        var seconds = root.GetProperty("first_to_last_s").GetDouble();
        var startToDone = root.GetProperty("start_to_done_s").GetDouble();
        return new ResultLine("drain")
        {
            Jobs = jobs,
            JobsPerSec = jobs / seconds,
            RssMb = root.GetProperty("rss_peak_mb").GetDouble(),
            Note = $"concurrency {concurrency}; separate process; host start to last job {jobs / startToDone:F0} jobs/s",
        };
    }
}

/// <summary>How to start this benchmark program again as a child process, from `dotnet run` or from a test host.</summary>
public static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var dir = AppContext.BaseDirectory;
        var apphost = Path.Combine(dir, "JobGen.Benchmarks");
        ProcessStartInfo start;
        if (File.Exists(apphost) && !OperatingSystem.IsWindows())
        {
            start = new ProcessStartInfo(apphost);
        }
        else
        {
            start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
            start.ArgumentList.Add(Path.Combine(dir, "JobGen.Benchmarks.dll"));
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.UseShellExecute = false;
        return start;
    }
}
