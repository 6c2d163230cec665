using System.Diagnostics;

namespace JobGen.Runtime.Tests;

/// <summary>
/// The worker's start checks in a real app process (StartCheckWorker, assembly Shop.Worker, one job in queue
/// "reports"): an app that forgot the generated registration refuses to start and names the method to call;
/// a worked queue that no registered job uses is a warning naming the queue.
/// </summary>
public sealed class WorkerStartCheckProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_worker_without_registered_jobs_refuses_to_start_and_names_the_generated_method()
    {
        var (exitCode, output) = await RunAsync(["forget", "reports"], stopWhenReady: true);

        Assert.Equal(1, exitCode);
        Assert.Contains("start failed: The JobGen worker has no registered job", output, StringComparison.Ordinal);
        Assert.Contains("services.AddShopWorkerJobs()", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", output.Split('\n'), StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_worked_queue_that_no_registered_job_uses_is_a_warning_naming_the_queue()
    {
        var (exitCode, output) = await RunAsync(["register", "reports", "reprots"], stopWhenReady: true);

        Assert.Equal(0, exitCode);
        Assert.Contains("works queue 'reprots', but no registered job uses it (the registered jobs' queues: reports)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("queue 'reports'", output, StringComparison.Ordinal);
        Assert.Contains("stopped", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_whose_jobs_cover_its_queues_starts_without_a_warning()
    {
        var (exitCode, output) = await RunAsync(["register", "reports"], stopWhenReady: true);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("no registered job", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warn", output, StringComparison.Ordinal);
        Assert.Contains("stopped", output, StringComparison.Ordinal);
    }

    // Runs the app; when it prints "ready", asks it to stop. Returns its exit code and everything it printed.
    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args, bool stopWhenReady)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(FindApp());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var lines = new List<string>();
        void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(line);
            }

            if (stopWhenReady && line == "ready")
            {
                process.StandardInput.WriteLine("stop");
                process.StandardInput.Flush();
            }
        }

        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit(); // drains the redirected output
        lock (lines)
        {
            return (process.ExitCode, string.Join('\n', lines));
        }
    }

    // tests/JobGen.Runtime.Tests/bin/<Configuration>/net10.0/ → tests/JobGen.Runtime.Tests/StartCheckWorker/bin/<Configuration>/net10.0/.
    private static string FindApp()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var bin = new DirectoryInfo(Path.Combine(testBin.Parent!.Parent!.Parent!.FullName, "StartCheckWorker", "bin"));
        const string name = "Shop.Worker.dll";
        var same = Path.Combine(bin.FullName, testBin.Parent.Name, testBin.Name, name);
        if (File.Exists(same))
        {
            return same;
        }

        var any = bin.Exists ? bin.GetFiles(name, SearchOption.AllDirectories).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault() : null;
        Assert.True(any is not null, $"StartCheckWorker is not built under {bin.FullName}: build tests/JobGen.Runtime.Tests, which builds it.");
        return any.FullName;
    }
}
