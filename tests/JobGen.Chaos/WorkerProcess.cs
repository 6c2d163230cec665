using System.Diagnostics;
using System.Globalization;

namespace JobGen.Chaos;

/// <summary>
/// One real worker process: this same program in <c>worker</c> mode. Started and awaited until it prints
/// <c>ready</c>; killed with SIGKILL (<see cref="Process.Kill()"/> on Linux) like a crash, or sent SIGTERM
/// like a deploy. Its output is kept (last lines) for failure messages.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    // Generous: on a loaded 2-core machine (load average 85) a .NET start once took over 60 s.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private WorkerProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
    }

    /// <summary>The OS process id.</summary>
    public int Pid { get; }

    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Whether it was killed or terminated on purpose (so its exit is expected).</summary>
    public bool WasStopped { get; private set; }

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines it printed.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Starts a worker and waits (bounded) until it reports that its JobGen worker runs.</summary>
    public static async Task<WorkerProcess> StartAsync(WorkerSettings settings, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        foreach (var arg in settings.ToArguments())
        {
            start.ArgumentList.Add(arg);
        }

        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start."));
        worker._process.OutputDataReceived += (_, e) => worker.Keep(e.Data, ready: e.Data == WorkerHost.ReadyLine);
        worker._process.ErrorDataReceived += (_, e) => worker.Keep(e.Data, ready: false);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        try
        {
            await worker._ready.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            worker.Kill();
            throw new TimeoutException($"Worker {worker.Pid} did not report ready within {StartTimeout.TotalSeconds} s: {worker.RecentOutput}");
        }

        return worker;
    }

    /// <summary>SIGKILL: the process dies at once, holding whatever it had fetched.</summary>
    public void Kill()
    {
        WasStopped = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits up to <paramref name="deadline"/> for a graceful exit; returns how long it took, or null when it did not exit.</summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan deadline)
    {
        if (_process.HasExited)
        {
            return TimeSpan.Zero;
        }

        WasStopped = true;
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(deadline).ConfigureAwait(false);
            return clock.Elapsed;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private void Keep(string? line, bool ready)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException($"The worker exited before it was ready: {RecentOutput}"));
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 100)
            {
                _output.Dequeue();
            }
        }

        if (ready)
        {
            _ready.TrySetResult();
        }
    }

    // The dotnet host running this process (the SDK sets DOTNET_HOST_PATH for tests and dotnet run).
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
