using System.Diagnostics;
using System.Text.Json;
using JobGen.Benchmarks.Worker;

namespace JobGen.Benchmarks.E2e;

/// <summary>The harness's handle on a <see cref="WorkerProcess"/> it started: wait until it is ready, then for its result.</summary>
public sealed class WorkerChild : IDisposable
{
    private readonly Process _process;
    private readonly WorkerBinary _binary;
    private readonly Task<string> _stderr;
    private readonly List<string> _lines = [];

    private WorkerChild(Process process, WorkerBinary binary)
    {
        _process = process;
        _binary = binary;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static WorkerChild Start(WorkerBinary binary, WorkerProcessOptions options)
    {
        var start = binary.StartInfo(options);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return new WorkerChild(Process.Start(start) ?? throw new HarnessFailure($"The {binary.Name} worker process did not start."), binary);
    }

    /// <summary>Completes once the worker host has started.</summary>
    public async Task ReadyAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            _lines.Add(line);
            if (line == """{"ready":true}""")
            {
                return;
            }
        }

        throw new HarnessFailure($"The worker process exited before it was ready.\n{string.Join('\n', _lines)}\n{await _stderr.ConfigureAwait(false)}");
    }

    /// <summary>The worker's result line; throws <see cref="HarnessFailure"/> with its error when a check failed.</summary>
    public async Task<JsonElement> ResultAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            _lines.Add(line);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        var last = _lines.LastOrDefault(l => l.StartsWith('{') && l != """{"ready":true}""")
            ?? throw new HarnessFailure($"The worker process exited with {_process.ExitCode} and no result.\n{string.Join('\n', _lines)}\n{await _stderr.ConfigureAwait(false)}");
        var root = JsonDocument.Parse(last).RootElement.Clone();
        if (root.GetProperty("error").GetString() is { } error)
        {
            throw new HarnessFailure(error);
        }

        if (root.GetProperty("native_aot").GetBoolean() != _binary.IsNativeAot)
        {
            throw new HarnessFailure($"The {_binary.Name} worker reports native_aot={root.GetProperty("native_aot").GetBoolean()}.");
        }

        // The gen0 cap must really be in effect (a setting the runtime ignores is silent), unless the environment overrides it.
        var budget = root.GetProperty("gen0_max_budget").GetInt64();
        if (budget != WorkerGc.Gen0MaxBudget && Environment.GetEnvironmentVariable(WorkerGc.EnvironmentVariable.Key) is null)
        {
            throw new HarnessFailure($"The {_binary.Name} worker runs with a gen0 budget cap of {budget} bytes, not {WorkerGc.Gen0MaxBudget}.");
        }

        return _process.ExitCode == 0
            ? root
            : throw new HarnessFailure($"The worker process exited with {_process.ExitCode}.\n{await _stderr.ConfigureAwait(false)}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
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
