using System.Diagnostics;

namespace JobGen.Redis.Tests;

/// <summary>One DrainWorker process (built next to the tests), with its output lines and ledger.</summary>
internal sealed class DrainWorkerProcess
{
    private readonly List<string> _lines = [];
    private readonly string _ledger;

    private DrainWorkerProcess(Process process, string ledger)
    {
        Process = process;
        _ledger = ledger;
    }

    public Process Process { get; }

    /// <summary>Runs recorded in this process's ledger.</summary>
    public int Ran => File.Exists(_ledger) ? File.ReadLines(_ledger).Count() : 0;

    public static DrainWorkerProcess Start(string configuration, string prefix, string ledger, string? mode = null)
    {
        var dll = FindDrainWorker();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, configuration, prefix, ledger })
        {
            start.ArgumentList.Add(arg);
        }

        if (mode is not null)
        {
            start.ArgumentList.Add(mode);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var worker = new DrainWorkerProcess(process, ledger);
        process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    // tests/JobGen.Redis.Tests/bin/<Configuration>/net10.0/ → tests/JobGen.Redis.Tests/DrainWorker/bin/<Configuration>/net10.0/.
    // A solution build compiles this project (a reference outside the solution) in its default configuration,
    // so when the tests' own configuration has no build, the newest other one is used.
    private static string FindDrainWorker()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var bin = new DirectoryInfo(Path.Combine(testBin.Parent!.Parent!.Parent!.FullName, "DrainWorker", "bin"));
        const string name = "JobGen.Redis.DrainWorker.dll";
        var same = Path.Combine(bin.FullName, testBin.Parent.Name, testBin.Name, name);
        if (File.Exists(same))
        {
            return same;
        }

        var any = bin.Exists ? bin.GetFiles(name, SearchOption.AllDirectories).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault() : null;
        Assert.True(any is not null, $"DrainWorker is not built under {bin.FullName}: build tests/JobGen.Redis.Tests, which builds it.");
        return any.FullName;
    }

    /// <summary>Waits (bounded, 60 s) for <paramref name="line"/>; fails with the process output when it exits first.</summary>
    public async Task WaitForLineAsync(string line)
    {
        var until = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (true)
        {
            lock (_lines)
            {
                if (_lines.Contains(line))
                {
                    return;
                }
            }

            Assert.False(Process.HasExited, $"DrainWorker exited ({(Process.HasExited ? Process.ExitCode : 0)}) before '{line}': {Output()}");
            Assert.True(Stopwatch.GetTimestamp() < until, $"DrainWorker did not print '{line}' within 60 s: {Output()}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Asks it to stop gracefully and waits (bounded) for it to exit.</summary>
    public async Task StopAsync()
    {
        await Process.StandardInput.WriteLineAsync("stop");
        await Process.StandardInput.FlushAsync();
        await WaitForLineAsync("stopped");
        await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    private string Output()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.TakeLast(30));
        }
    }
}
